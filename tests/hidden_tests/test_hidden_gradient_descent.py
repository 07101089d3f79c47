"""Problem set 2: loops graded with probe gradients, published figures, divergence."""

import numpy as np

from autograder.checks.expect import run_reference
from autograder.sandbox.codec import Probe
from hidden_kit import hidden, judge as run_hidden, result, scores, variant
from solutions.gradient_descent import minimize

PS2 = "ps2_gradient_descent"


def judge(extra: str):
    return run_hidden(PS2, variant(PS2, extra))


def log_of(run, function: str, title_part: str):
    """The log of the one test of ``function`` whose title contains ``title_part``."""
    logs = [log for r, log in zip(run.tests, run.logs) if r.function == function and title_part in r.title]
    assert len(logs) == 1, f"{function}: {title_part!r} matches {len(logs)} tests"
    return logs[0]


def test_published_figures_are_the_expected_values():
    run = hidden(PS2)
    gd = log_of(run, "gradient_descent", "published figure")
    assert len(gd.expects) == 1
    iterates = gd.expects[0].value
    assert len(iterates) == 26 and np.allclose(iterates[:4], [1, 1.2, 1.38, 1.542], rtol=1e-15)
    assert iterates[-1] == 2.8564204024616293
    mn = log_of(run, "minimize", "published figure")
    assert len(mn.expects) == 1
    x, steps = mn.expects[0].value
    assert np.isclose(x, 2.2500325268933734, rtol=1e-12) and steps == 42


def test_the_gradients_are_probes_not_the_students_own_df():
    plan = hidden(PS2).plan
    calls = [c for calls in plan.values() for c in calls]
    assert set(plan) == {"gradient_descent", "minimize"} and calls
    assert all(isinstance(c.args[0], Probe) for c in calls)


def test_other_correct_styles_earn_full_marks():
    results = judge('''
def gradient_descent(grad, x0, learning_rate, max_iters):
    xs = [x0]
    for i in range(max_iters):
        xs.append(xs[-1] - learning_rate * grad(xs[-1]))
    return xs

def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    x = np.copy(x0) if isinstance(x0, np.ndarray) else x0
    for steps in range(1, max_iters + 1):
        update = learning_rate * grad(x)
        x = x - update
        if not np.isfinite(x).all() or np.linalg.norm(update) <= precision:
            return x, steps
    return x, max_iters
''')
    assert results
    assert all(r.outcome == "passed" for r in results), [(r.name, r.output) for r in results if r.outcome != "passed"]


def test_a_sign_error_is_named_in_both_functions():
    results = judge('''
def gradient_descent(grad, x0, learning_rate, max_iters):
    xs = [x0]
    x = x0
    for _ in range(max_iters):
        x = x + learning_rate * grad(x)
        xs.append(x)
    return xs

def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x + step
        steps += 1
        if not np.all(np.isfinite(x)) or np.max(np.abs(step)) <= precision:
            break
    return x, steps
''')
    published = result(results, "gradient_descent", "published")
    assert published.outcome == "incorrect" and published.mistake == "the update goes uphill (sign error)"
    assert "This looks like a known mistake: the update goes uphill" in published.output
    assert "Called:   gradient_descent(dparabola, 1, 0.05, 25)" in published.output
    assert result(results, "gradient_descent", "returns a Python list").outcome == "passed"
    assert result(results, "minimize", "stops after the first").mistake == "the update goes uphill (sign error)"


def test_an_array_instead_of_a_list_only_loses_the_list_test():
    results = judge('''
def gradient_descent(grad, x0, learning_rate, max_iters):
    xs = [x0]
    for _ in range(max_iters):
        xs.append(xs[-1] - learning_rate * grad(xs[-1]))
    return np.array(xs)
''')
    failing = [r for r in results if r.outcome != "passed"]
    assert [r.title for r in failing] == ["returns a Python list [x0, x1, ..., x_max_iters]"]
    assert "NumPy array" in failing[0].output and "xs = [x0]" in failing[0].output


def test_updating_x0_in_place_is_caught_and_named():
    results = judge('''
def gradient_descent(grad, x0, learning_rate, max_iters):
    xs = [x0]
    x = x0
    for _ in range(max_iters):
        x -= learning_rate * grad(x)
        xs.append(x)
    return xs
''')
    assert result(results, "gradient_descent", "scalar x0").outcome == "passed"
    arrays = result(results, "gradient_descent", "ndarray x0")
    assert arrays.outcome == "incorrect" and arrays.mistake == "x updated in place (x -= ...)"
    unchanged = result(results, "gradient_descent", "leaves x0 unchanged")
    assert unchanged.score == 0 and "changed its argument x0" in unchanged.output and "x -=" in unchanged.output


def test_missing_iterates_are_explained():
    results = judge('''
def gradient_descent(grad, x0, learning_rate, max_iters):
    xs, x = [], x0
    for _ in range(max_iters):
        x = x - learning_rate * grad(x)
        xs.append(x)
    return xs
''')
    published = result(results, "gradient_descent", "published")
    assert published.mistake == "x0 is missing from the list"
    assert "it has 25 iterates, expected 26" in published.output
    assert "the starting value belongs in the list" in published.output


def test_a_minimize_that_never_checks_for_divergence_fails_that_test_only():
    results = judge('''
def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x - step
        steps += 1
        if np.max(np.abs(step)) <= precision:
            break
    return x, steps
''')
    failing = [r for r in results if r.outcome != "passed"]
    assert [r.title for r in failing] == [
        "a diverging learning rate stops at the first non-finite x, counting that update"]
    assert "`steps` is wrong: expected 7, got 10000" in failing[0].output
    assert "np.isfinite" in failing[0].output


def test_not_counting_the_last_update_is_reported_on_steps():
    results = judge('''
def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x - step
        if not np.all(np.isfinite(x)) or np.max(np.abs(step)) <= precision:
            break
        steps += 1
    return x, steps
''')
    published = result(results, "minimize", "published")
    assert published.score == 0 and "`steps` is wrong: expected 42, got 41" in published.output
    assert scores(results)["gradient_descent"] == 4


def test_diverging_runs_end_where_the_curriculum_says():
    diverging = log_of(hidden(PS2), "minimize", "a diverging learning rate")
    calls = [c.call for c in diverging.called]
    assert [run_reference(minimize, c)[1] for c in calls] == [7, 1024]
    assert [diverging.expects[i].items[1].value for i in range(len(calls))] == [7, 1024]
