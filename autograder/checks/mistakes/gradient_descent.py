"""Known mistakes in problem set 2 (gradient descent)."""

import numpy as np

from autograder.checks.mistakes import Mistake

_UPHILL = ("the update goes uphill (sign error)",
           "Gradient descent steps against the gradient: x = x - learning_rate * grad(x).")


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


def _minimize_uphill(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    with np.errstate(all="ignore"):
        while steps < max_iters:
            step = learning_rate * grad(x)
            x = x + step
            steps += 1
            if not np.all(np.isfinite(x)) or np.max(np.abs(step)) <= precision:
                break
    return x, steps


MISTAKES = [
    Mistake("gradient_descent", *_UPHILL, _gradient_ascent),
    Mistake("gradient_descent", "x0 is missing from the list",
            "The list starts with the starting point x0, then one entry per iteration "
            "(max_iters + 1 entries in all).", _without_x0),
    Mistake("minimize", *_UPHILL, _minimize_uphill),
]


def _in_place(grad, x0, learning_rate, max_iters):
    xs = [x0]
    x = x0
    for _ in range(max_iters):
        x -= learning_rate * grad(x)
        xs.append(x)
    return xs


MISTAKES.append(Mistake(
    "gradient_descent", "x updated in place (x -= ...)",
    "For an array x0, x -= step changes the one array every list entry refers to, so all entries "
    "end up equal (and x0 is changed too); x = x - step makes a new array each iteration.", _in_place))
