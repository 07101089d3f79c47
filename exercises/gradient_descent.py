"""Problem set 2: gradient descent and its learning rate.

Replace each `raise NotImplementedError(...)` with your code; run
`python selfcheck.py` in this folder to check your work so far.
"""

import numpy as np


def gradient_descent(grad, x0, learning_rate, max_iters):
    """Takes max_iters steps of gradient descent from x0 and returns every iterate.

    Each step moves x against the gradient: x_new = x - learning_rate * grad(x).
    Returns a Python list of max_iters + 1 values: x0 first, then x after each
    step. x0 may be a float or an ndarray; with an ndarray every entry moves at
    once and each iterate is an array of that shape. An ndarray x0 must be
    left unchanged by the call.
    """
    raise NotImplementedError("gradient_descent is not written yet")


def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    """Runs gradient descent from x0 until it settles; returns the pair (x, steps).

    x0 is a number (a Python or NumPy float). The loop stops after the first
    update that moves x by at most precision: that update is applied, and
    counted in steps. It also stops once steps reaches max_iters, and as soon
    as x is no longer finite (inf or nan), counting the update that made it
    so.
    """
    raise NotImplementedError("minimize is not written yet")
