"""Known mistakes in problem set 2 (gradient descent).

The wrong loops use only ``np`` besides their arguments, as the exercise
module does, so each can replace the student's function as it stands.
"""

import numpy as np

from autograder.checks.mistakes import Mistake

_UPHILL = ("the update goes uphill (sign error)",
           "The gradient points uphill, so gradient descent subtracts learning_rate times the "
           "gradient from x; adding it climbs away from the minimum.")


def _gradient_ascent(grad, x0, learning_rate, max_iters):
    xs = [x0]
    x = x0
    for _ in range(max_iters):
        x = x + learning_rate * grad(x)
        xs.append(x)
    return xs


def _without_x0(grad, x0, learning_rate, max_iters):
    xs = []
    x = x0
    for _ in range(max_iters):
        x = x - learning_rate * grad(x)
        xs.append(x)
    return xs


def _in_place(grad, x0, learning_rate, max_iters):
    xs = [x0]
    x = x0
    for _ in range(max_iters):
        x -= learning_rate * grad(x)
        xs.append(x)
    return xs


def _without_learning_rate(grad, x0, learning_rate, max_iters):
    xs = [x0]
    x = x0
    for _ in range(max_iters):
        x = x - grad(x)
        xs.append(x)
    return xs


def _one_step_too_many(grad, x0, learning_rate, max_iters):
    xs = [x0]
    x = x0
    for _ in range(max_iters + 1):
        x = x - learning_rate * grad(x)
        xs.append(x)
    return xs


def _minimize_uphill(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x + step
        steps += 1
        if not np.all(np.isfinite(x)) or np.max(np.abs(step)) <= precision:
            break
    return x, steps


def _last_update_not_counted(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x - step
        if not np.all(np.isfinite(x)) or np.max(np.abs(step)) <= precision:
            break
        steps += 1
    return x, steps


def _learning_rate_twice(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x - learning_rate * step
        steps += 1
        if not np.all(np.isfinite(x)) or np.max(np.abs(step)) <= precision:
            break
    return x, steps


def _never_stops_diverging(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x - step
        steps += 1
        if np.max(np.abs(step)) <= precision:
            break
    return x, steps


def _stops_on_nan_only(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x - step
        steps += 1
        if np.any(np.isnan(x)) or np.max(np.abs(step)) <= precision:
            break
    return x, steps


def _one_iteration_too_many(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps <= max_iters:
        step = learning_rate * grad(x)
        x = x - step
        steps += 1
        if not np.all(np.isfinite(x)) or np.max(np.abs(step)) <= precision:
            break
    return x, steps


def _strict_precision(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x - step
        steps += 1
        if not np.all(np.isfinite(x)) or np.max(np.abs(step)) < precision:
            break
    return x, steps


def _small_gradient_rule(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while steps < max_iters:
        x = x - learning_rate * grad(x)
        steps += 1
        if not np.all(np.isfinite(x)) or np.max(np.abs(grad(x))) <= precision:
            break
    return x, steps


MISTAKES = [
    Mistake("gradient_descent", *_UPHILL, _gradient_ascent),
    Mistake("gradient_descent", "x0 is missing from the list",
            "The list starts with the starting point x0, then one entry per iteration "
            "(max_iters + 1 entries in all).", _without_x0),
    Mistake("gradient_descent", "x updated in place (x -= ...)",
            "For an array x0, x -= step changes the one array every list entry refers to, so all "
            "entries end up equal (and x0 is changed too); x = x - step makes a new array each "
            "iteration.", _in_place),
    Mistake("gradient_descent", "the learning rate is not applied",
            "Each step is the gradient scaled by the learning rate: without it, every step has the "
            "full size of the gradient, whatever learning rate the caller chose.", _without_learning_rate),
    Mistake("gradient_descent", "one iteration too many",
            "The argument max_iters counts the updates: after x0 come exactly max_iters new iterates, so the "
            "list has max_iters + 1 entries.", _one_step_too_many),
    Mistake("minimize", *_UPHILL, _minimize_uphill),
    Mistake("minimize", "the last update is not counted in steps",
            "Count every update you apply, including the small one that ends the loop (and the one "
            "that makes x non-finite): increase steps right after moving x, before testing whether "
            "to stop.", _last_update_not_counted),
    Mistake("minimize", "the learning rate is applied twice",
            "The step already includes the learning rate; move x by the step itself, not by "
            "learning_rate times the step.", _learning_rate_twice),
    Mistake("minimize", "a diverging run never stops (only max_iters ends it)",
            "When the learning rate is too large, x becomes inf and then nan; nan compared with "
            "anything is False, so the precision test never ends the loop. Also stop as soon as x "
            "is no longer finite (np.isfinite).", _never_stops_diverging),
    Mistake("minimize", "only nan stops a diverging run, not inf",
            "A test with np.isnan misses inf, so the loop goes on one more update after x overflows. "
            "np.isfinite catches both inf and nan.", _stops_on_nan_only),
    Mistake("minimize", "one iteration more than max_iters",
            "The loop may make at most max_iters updates: its condition has to fail once steps "
            "reaches max_iters (< rather than <=).", _one_iteration_too_many),
    Mistake("minimize", "a step of exactly precision does not stop the loop (< instead of <=)",
            "The loop stops after an update that moved x by at most precision, and a step equal to "
            "precision is at most precision: compare with <=.", _strict_precision),
    Mistake("minimize", "stopping on a small gradient instead of a small step",
            "The rule here is about the update: stop after a step that moved x by at most "
            "precision. The step is the gradient times the learning rate, so testing the gradient "
            "itself stops at a different iteration.", _small_gradient_rule),
]
