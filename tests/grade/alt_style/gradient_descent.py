"""A correct submission in another style: while loops, copies, explicit counters."""
import math

import numpy as np


def gradient_descent(grad, x0, learning_rate, max_iters):
    history = [x0]
    i = 0
    while i < max_iters:
        current = history[-1]
        history.append(current - learning_rate * grad(current))
        i += 1
    return history


def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    x = x0
    for steps in range(1, max_iters + 1):
        new_x = x - learning_rate * grad(x)
        moved = np.max(np.abs(np.asarray(new_x) - np.asarray(x)))
        x = new_x
        if not np.isfinite(np.asarray(x, dtype=float)).all():
            return x, steps
        if moved <= precision:
            return x, steps
    return x, max_iters
