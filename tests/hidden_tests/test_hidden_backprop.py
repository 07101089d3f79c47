"""Problem set 4: the bias-last network, its gradients three ways, training, Trask's figures."""

import inspect

import numpy as np

from autograder.checks import sympy_gradients as sg
from hidden_kit import hidden, judge, not_passed, result, scores, variant
from solutions import backprop as ref

PS4 = "ps4_backprop"


def judged(extra: str, reuse=(), reuse_call=None):
    return judge(PS4, variant(PS4, extra), reuse=reuse, reuse_call=reuse_call)


def published_trask(c):
    return c.function == "trask_errors" and c.args == (0.001,) and c.kwargs == {"steps": 1}


def logged(run, function: str, title_part: str):
    """The log of the one test of ``function`` whose title holds ``title_part``."""
    matches = [log for r, log in zip(run.tests, run.logs) if r.function == function and title_part in r.title]
    assert len(matches) == 1, f"{function}: {title_part!r} matches {len(matches)} tests"
    return matches[0]


def test_loop_and_matrix_styles_earn_full_marks():
    results = judged('''
def add_bias(A):
    return np.c_[np.asarray(A, dtype=float), np.ones(len(A))]

def forward(X, theta1, theta2):
    a1 = np.matrix(add_bias(X))
    a2 = np.matrix(add_bias(sigmoid(np.asarray(a1 * np.matrix(theta1)))))
    return np.asarray(a1), np.asarray(a2), np.asarray(sigmoid(np.asarray(a2 @ theta2)))

def backward(X, y, theta1, theta2):
    m = len(X)
    grad1, grad2 = np.zeros(np.shape(theta1)), np.zeros(np.shape(theta2))
    for i in range(m):
        a1, a2, a3 = forward(X[i:i + 1], theta1, theta2)
        d3 = a3 - y[i:i + 1]
        d2 = (d3 @ theta2[:-1].T) * a2[:, :-1] * (1 - a2[:, :-1])
        grad2 += a2.T @ d3
        grad1 += a1.T @ d2
    return grad1 / m, grad2 / m

def numerical_gradient(cost, theta, eps=1e-5):
    grad = np.zeros(np.shape(theta))
    for i in range(np.size(theta)):
        step = np.zeros(np.size(theta))
        step[i] = eps
        step = step.reshape(np.shape(theta))
        grad.flat[i] = (cost(theta + step) - cost(theta - step)) / (2 * eps)
    return grad

def predict(X, theta1, theta2):
    return np.where(forward(X, theta1, theta2)[2] >= 0.5, 1, 0)
''')
    assert results and not not_passed(results)


def test_a_loop_version_of_trask_reproduces_the_published_figures():
    results = judged('''
def trask_errors(alpha, steps=60_000, report_every=10_000, seed=1):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]])
    y = np.array([[0, 1, 1, 0]]).T
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    errors = []
    for j in range(steps):
        l1 = 1 / (1 + np.exp(-np.dot(X, syn0)))
        l2 = 1 / (1 + np.exp(-np.dot(l1, syn1)))
        l2_error = l2 - y
        if j % report_every == 0:
            errors.append(np.mean(np.abs(l2_error)))
        l2_delta = l2_error * (l2 * (1 - l2))
        l1_delta = l2_delta.dot(syn1.T) * (l1 * (1 - l1))
        syn1 = syn1 - alpha * l1.T.dot(l2_delta)
        syn0 = syn0 - alpha * X.T.dot(l1_delta)
    return np.array(errors)
''')
    trask = [r for r in results if r.function == "trask_errors"]
    assert len(trask) == 3 and [r.outcome for r in trask] == ["passed"] * 3


def test_drawing_the_weights_in_the_other_order_misses_the_published_figure():
    reference = inspect.getsource(ref.trask_errors)
    draws = ["    syn0 = 2 * np.random.random((3, 4)) - 1\n", "    syn1 = 2 * np.random.random((4, 1)) - 1\n"]
    assert "".join(draws) in reference
    results = judged(reference.replace("".join(draws), "".join(reversed(draws))))
    published = result(results, "trask_errors", "published figure")
    assert published.score == 0 and "0.4964100319027254" in published.output


def test_a_prepended_bias_is_named_and_its_dependants_fail_at_first():
    results = judged('''
def add_bias(A):
    A = np.asarray(A, dtype=float)
    return np.hstack([np.ones((A.shape[0], 1)), A])
''')
    assert scores(results)["add_bias"] == 0
    for r in (r for r in results if r.function == "add_bias"):
        assert r.mistake == "the bias column is prepended instead of appended"
        assert "comes last" in r.output
    # Judged alone, forward pays for add_bias; the grading pipeline then grades
    # it again with the grader's add_bias (tests/grade/test_grade_stand_ins.py).
    fwd = result(results, "forward", "random 2-3-1")
    assert fwd.score == 0


def test_gradients_summed_over_examples_fail_all_three_gradient_checks():
    results = judged('''
def backward(X, y, theta1, theta2):
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = (delta3 @ theta2[:-1].T) * a2[:, :-1] * (1 - a2[:, :-1])
    return a1.T @ delta2, a2.T @ delta3
''')
    assert scores(results)["backward"] == 0
    assert "Not credited yet" in result(results, "backward", "unchanged").output
    sym = result(results, "backward", "SymPy")
    assert sym.mistake == "gradients summed over examples instead of averaged"
    assert "Expected (SymPy's gradient of the mean cross-entropy" in sym.output
    assert "m with m = 5 examples" in sym.output
    numeric = result(results, "backward", "centred differences")
    assert "relative error" in numeric.output and "central differences give" in numeric.output


def test_a_wrong_bias_row_in_backprop_is_caught_by_centred_differences():
    results = judged('''
def backward(X, y, theta1, theta2):
    m = X.shape[0]
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = (delta3 @ theta2[1:].T) * a2[:, :-1] * (1 - a2[:, :-1])
    return a1.T @ delta2 / m, a2.T @ delta3 / m
''')
    numeric = result(results, "backward", "centred differences")
    assert numeric.score == 0 and "`grad1` is wrong" in numeric.output


def test_perturbing_theta_in_place_without_restoring_it_exactly_is_caught():
    results = judged('''
def numerical_gradient(cost, theta, eps=1e-5):
    grad = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        theta[idx] += eps
        up = cost(theta)
        theta[idx] -= 2 * eps
        down = cost(theta)
        theta[idx] += eps
        grad[idx] = (up - down) / (2 * eps)
    return grad
''')
    unchanged = result(results, "numerical_gradient", "unchanged")
    assert unchanged.score == 0 and "changed its argument theta" in unchanged.output
    assert "save each entry" in unchanged.output
    assert result(results, "numerical_gradient", "several shapes").outcome == "passed"


def test_predict_threshold_and_type_mistakes_are_named():
    strict = judged('''
def predict(X, theta1, theta2):
    return (forward(X, theta1, theta2)[2] > 0.5).astype(int)
''')
    half = result(strict, "predict", "exactly 0.5")
    assert half.score == 0 and half.mistake == "a strict threshold (> 0.5)"
    booleans = judged('''
def predict(X, theta1, theta2):
    return forward(X, theta1, theta2)[2] >= 0.5
''')
    kind = result(booleans, "predict", "int array")
    assert kind.score == 0 and kind.mistake == "booleans instead of integers"
    assert "astype(int)" in kind.output
    floats = judged('''
def predict(X, theta1, theta2):
    return np.round(forward(X, theta1, theta2)[2]).ravel()
''')
    assert "float64" in result(floats, "predict", "int array").output


def test_training_uphill_is_told_that_the_cost_should_decrease():
    results = judged('''
def train(X, y, theta1, theta2, learning_rate, epochs):
    costs = [cross_entropy(forward(X, theta1, theta2)[2], y)]
    for _ in range(epochs):
        grad1, grad2 = backward(X, y, theta1, theta2)
        theta1 = theta1 + learning_rate * grad1
        theta2 = theta2 + learning_rate * grad2
        costs.append(cross_entropy(forward(X, theta1, theta2)[2], y))
    return theta1, theta2, costs
''')
    xor = result(results, "train", "XOR")
    assert xor.score == 0 and "it should decrease" in xor.output
    assert result(results, "train", "epochs + 1").outcome == "passed"


def test_training_in_place_changes_the_callers_thetas():
    results = judged('''
def train(X, y, theta1, theta2, learning_rate, epochs):
    costs = [cross_entropy(forward(X, theta1, theta2)[2], y)]
    for _ in range(epochs):
        grad1, grad2 = backward(X, y, theta1, theta2)
        theta1 -= learning_rate * grad1
        theta2 -= learning_rate * grad2
        costs.append(cross_entropy(forward(X, theta1, theta2)[2], y))
    return theta1, theta2, costs
''')
    assert result(results, "train", "unchanged").score == 0
    assert result(results, "train", "XOR").outcome == "passed"


def test_trask_errors_recorded_after_the_update_fail_the_short_runs():
    reference = inspect.getsource(ref.trask_errors)
    before = ("        if step % report_every == 0:\n"
              "            errors.append(float(np.mean(np.abs(err))))\n")
    update = "        syn0 -= alpha * X.T @ d1\n"
    after = ("        if step % report_every == 0:\n"
             "            errors.append(float(np.mean(np.abs(sigmoid(sigmoid(X @ syn0) @ syn1) - y))))\n")
    assert before in reference and update in reference
    late = reference.replace(before, "").replace(update, update + after)
    # The published figure is answered by the reference, so only the short runs can tell.
    results = judged(late, reuse_call=published_trask)
    assert result(results, "trask_errors", "published figure").outcome == "passed"
    assert result(results, "trask_errors", "short run").score == 0
    assert result(results, "trask_errors", "seed").score == 0


def test_the_xor_start_is_learnable_and_sympy_agrees_with_the_reference():
    run = hidden(PS4)
    xor = logged(run, "train", "learns XOR").called
    assert len(xor) == 1
    args = [np.array(a) for a in xor[0].call.args]
    assert np.array_equal(args[0], [[0, 0], [0, 1], [1, 0], [1, 1]]) and np.array_equal(args[1], [[0], [1], [1], [0]])
    theta1, theta2, costs = ref.train(*args)
    assert np.array_equal(ref.predict(args[0], theta1, theta2), [[0], [1], [1], [0]])
    assert all(b < a for a, b in zip(costs, costs[1:]))
    derived = logged(run, "backward", "matches SymPy gradient").called
    assert derived
    for c in derived:
        for mine, theirs in zip(sg.network_gradient(*c.call.args), ref.backward(*c.call.args)):
            assert np.allclose(mine, theirs, rtol=1e-12, atol=1e-14)


def test_the_published_trask_figures_are_the_curriculum_s():
    run = hidden(PS4)
    published = logged(run, "trask_errors", "published figure")
    # The first of the six (the full run's are checked against the reference in tests/solutions).
    assert published.expects[0].value == [0.4964100319027254]
    assert published.called[0].call.args == (0.001,) and published.called[0].call.kwargs == {"steps": 1}
    # The reference's own answer meets it to 1e-12.
    assert np.allclose(published.called[0].value, published.expects[0].value, rtol=0, atol=1e-12)
