"""Problem set 3: costs, gradients (also against SymPy), training, cost surfaces."""

import numpy as np

from hidden_kit import hidden, judge, not_passed, points, result, scores, variant
from solutions import cost_functions as ref

PS3 = "ps3_cost_functions"


def judged(extra: str):
    return judge(PS3, variant(PS3, extra))


def test_np_matrix_and_loop_styles_earn_full_marks():
    results = judged('''
def mse(y_hat, y):
    d = np.matrix(np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float))
    return np.sum(np.multiply(d, d)) / d.size

def neuron(X, w):
    return 1 / (1 + np.exp(-(np.matrix(X) * np.matrix(w))))

def mse_gradient(X, y, w):
    grad = np.zeros_like(np.asarray(w, dtype=float))
    m = len(X)
    for i in range(m):
        x_i = np.asarray(X[i], dtype=float).reshape(-1, 1)
        h = 1 / (1 + np.exp(-(x_i.T @ w).item()))
        grad += 2 * (h - float(y[i, 0])) * h * (1 - h) * x_i / m
    return grad

def cross_entropy_gradient(X, y, w):
    X, y = np.matrix(X), np.matrix(y)
    h = 1 / (1 + np.exp(-(X * np.matrix(w))))
    return X.T * (h - y) / X.shape[0]

def train_neuron(X, y, w0, learning_rate, epochs, cost="mse"):
    cost_fn, grad_fn = COSTS[cost]
    w = w0.copy()
    costs = np.zeros(epochs + 1)
    costs[0] = cost_fn(neuron(X, w), y)
    for epoch in range(1, epochs + 1):
        w = w - learning_rate * grad_fn(X, y, w)
        costs[epoch] = cost_fn(neuron(X, w), y)
    return w, costs

COSTS = {"mse": (mse, mse_gradient), "cross_entropy": (cross_entropy, cross_entropy_gradient)}

def cost_surface(X, y, w1_values, w2_values, cost="mse"):
    W1, W2 = np.meshgrid(w1_values, w2_values, indexing="ij")
    return np.vectorize(lambda a, b: COSTS[cost][0](neuron(X, np.array([[a], [b]])), y))(W1, W2)
''')
    assert results and not not_passed(results)


def test_the_published_tutorial_gradient_loses_the_mse_gradient_points():
    results = judged('''
def mse_gradient(X, y, w):
    h = neuron(X, w)
    return np.sum((h - y) * h * (1 - h))

COSTS = {"mse": (mse, mse_gradient), "cross_entropy": (cross_entropy, cross_entropy_gradient)}
''')
    assert scores(results)["mse_gradient"] == 0
    for r in (r for r in results if r.function == "mse_gradient"):
        assert r.mistake == "the published tutorial's gradient (input x and 2/m dropped)"
        assert "the input x" in r.output and "2/m" in r.output
    worked = result(results, "mse_gradient", "worked example")
    assert "Called:   mse_gradient(array([[0.1 ], [0.25], [0.5 ], [0.75], [1. ]], shape (5, 1))" in worked.output
    # Judged alone, train_neuron pays for mse_gradient; the grading pipeline then
    # grades it again with the grader's mse_gradient (tests/grade/test_grade_stand_ins.py).
    trained = result(results, "train_neuron", "worked example with MSE")
    assert trained.score == 0
    assert scores(results)["cross_entropy_gradient"] == points(PS3)["cross_entropy_gradient"]


def test_a_gradient_summed_over_examples_names_the_factor_m():
    results = judged('''
def cross_entropy_gradient(X, y, w):
    return np.asarray(X).T @ (neuron(X, w) - y)
''')
    r = result(results, "cross_entropy_gradient", "SymPy")
    assert r.mistake == "a sum over examples instead of a mean"
    assert "exactly 6 times the expected answer (m with m = 6 examples" in r.output
    assert "Expected (SymPy's gradient of cross_entropy(sigmoid(X @ w), y))" in r.output


def test_a_missing_factor_two_in_the_mse_gradient_is_named():
    results = judged('''
def mse_gradient(X, y, w):
    h = neuron(X, w)
    return X.T @ ((h - y) * h * (1 - h)) / len(X)
''')
    r = result(results, "mse_gradient", "random data")
    assert r.mistake == "the factor 2 from the square is missing"
    assert "exactly 1/2 times" in r.output


def test_naive_cross_entropy_fails_only_on_saturated_outputs_and_is_named():
    results = judged('''
def cross_entropy(y_hat, y):
    return float(np.mean(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat)))
''')
    failing = [r for r in results if r.function == "cross_entropy" and r.outcome != "passed"]
    assert [r.title for r in failing] == ["finite when y_hat is exactly 0 or 1 and the label agrees"]
    assert failing[0].mistake == "0 * log(0) computed as nan"
    assert "nan" in failing[0].output


def test_writing_into_y_hat_is_caught():
    results = judged('''
def cross_entropy(y_hat, y):
    y_hat = np.asarray(y_hat, dtype=float)
    np.clip(y_hat, 1e-300, 1 - 1e-16, out=y_hat)
    return float(np.mean(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat)))
''')
    inputs = result(results, "cross_entropy", "unchanged")
    assert inputs.score == 0 and "changed its argument y_hat" in inputs.output and "np.clip" in inputs.output
    assert result(results, "cross_entropy", "finite when").outcome == "passed"


def test_a_cost_returned_as_a_1x1_array_only_loses_the_float_test():
    results = judged('''
def mse(y_hat, y):
    d = np.asarray(y_hat) - np.asarray(y)
    d = d.reshape(-1, 1)
    return d.T @ d / d.size
''')
    failing = [r for r in results if r.function == "mse" and r.outcome != "passed"]
    assert [r.title for r in failing] == ["returns a float"]
    assert "shape (1, 1)" in failing[0].output and "np.mean" in failing[0].output


def test_swapped_surface_axes_are_called_transposed():
    results = judged('''
def cost_surface(X, y, w1_values, w2_values, cost="mse"):
    cost_fn, _ = COSTS[cost]
    W1, W2 = np.meshgrid(w1_values, w2_values)
    Z = np.empty(W1.shape)
    for i in range(W1.shape[0]):
        for j in range(W1.shape[1]):
            Z[i, j] = cost_fn(neuron(X, np.array([[W1[i, j]], [W2[i, j]]])), y)
    return Z
''')
    assert scores(results)["cost_surface"] == 0
    shape = result(results, "cost_surface", "shape")
    assert "transposed" in shape.output and "indexing='ij'" in shape.output
    values = result(results, "cost_surface", "MSE")
    assert "right but transposed" in values.output


def test_training_in_place_changes_w0_and_is_caught():
    results = judged('''
def train_neuron(X, y, w0, learning_rate, epochs, cost="mse"):
    cost_fn, grad_fn = COSTS[cost]
    w = w0
    costs = [cost_fn(neuron(X, w), y)]
    for _ in range(epochs):
        w -= learning_rate * grad_fn(X, y, w)
        costs.append(cost_fn(neuron(X, w), y))
    return w, costs
''')
    inputs = result(results, "train_neuron", "leaves w0 unchanged")
    assert inputs.score == 0 and "changed its argument w0" in inputs.output
    assert result(results, "train_neuron", "worked example with MSE").outcome == "passed"


def test_costs_of_the_wrong_length_are_explained():
    results = judged('''
def train_neuron(X, y, w0, learning_rate, epochs, cost="mse"):
    cost_fn, grad_fn = COSTS[cost]
    w = np.array(w0, dtype=float)
    costs = []
    for _ in range(epochs):
        w = w - learning_rate * grad_fn(X, y, w)
        costs.append(cost_fn(neuron(X, w), y))
    return w, costs
''')
    r = result(results, "train_neuron", "epochs + 1")
    assert r.score == 0 and "costs has 0 entries, expected epochs + 1 = 1" in r.output
    worked = result(results, "train_neuron", "worked example with MSE")
    assert "`costs` is wrong" in worked.output and "it has 2000 costs, expected 2001" in worked.output


def expectation(run, function: str, title_part: str):
    """The answer a test held its first call to, with that call's arguments."""
    matches = [(r, log) for r, log in zip(run.tests, run.logs) if r.function == function and title_part in r.title]
    assert len(matches) == 1, f"{function}: {title_part!r} matches {[r.title for r, _ in matches]}"
    _, log = matches[0]
    assert 0 in log.expects, f"{function}: {title_part!r} compared no answer with its first call"
    return log.expects[0].value, log.called[0].call


def test_the_worked_example_figures():
    run = hidden(PS3)
    initial, call = expectation(run, "mse", "initial cost")
    assert initial == 0.7573842217457918
    assert np.array_equal(call.args[0], ref.neuron(np.array([[0.1], [0.25], [0.5], [0.75], [1.0]]),
                                                   np.array([[5.0]])))
    (w, costs), call = expectation(run, "train_neuron", "the worked example with MSE (2000 epochs)")
    assert call.args[3:] == (0.5, 2000) and not call.kwargs
    assert costs[0] == 0.7573842217457918 and len(costs) == 2001
    assert abs(float(np.ravel(w)[0]) - (-24.34)) > 1  # the correct gradient does not reach the tutorial's weight
