"""Problem set 2: gradient descent and its learning rate."""

import numpy as np


def gradient_descent(grad, x0, learning_rate, max_iters):
    """Take max_iters steps downhill; return every iterate, x0 first."""
    xs = [x0]
    x = x0
    for _ in range(max_iters):
        x = x - learning_rate * grad(x)
        xs.append(x)
    return xs


def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    """Descend until a step moves x by at most `precision`.

    Returns (x, steps).  The loop also stops after max_iters steps, or as
    soon as x stops being finite (a learning rate that is too large makes
    the iterates explode, and an explosion must not loop forever).
    """
    x = x0
    steps = 0
    while steps < max_iters:
        step = learning_rate * grad(x)
        x = x - step
        steps += 1
        if not np.all(np.isfinite(x)):
            break
        if np.max(np.abs(step)) <= precision:
            break
    return x, steps
