"""Problem set 2: gradient descent and its learning rate.

Replace each `raise NotImplementedError(...)` with your code; run
`python selfcheck.py` in this folder to check your work so far.
"""

import numpy as np


def gradient_descent(grad, x0, learning_rate, max_iters):
    """Take max_iters steps downhill; return every iterate, x0 first.

    grad: the derivative (a function of x); x0: a float or an ndarray.
    Returns a Python list of max_iters + 1 iterates, x0 first, where each step is
    x_{k+1} = x_k - learning_rate * grad(x_k).
    """
    raise NotImplementedError("gradient_descent is not written yet")


def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    """Descend until a step moves x by at most `precision`.

    Returns (x, steps).  The loop also stops after max_iters steps, or as
    soon as x stops being finite (a learning rate that is too large makes
    the iterates explode, and an explosion must not loop forever).

    Returns the tuple (x, steps). The update that moves x by at most `precision`
    is applied and counted; the loop also ends when steps reaches max_iters or x
    stops being finite (that update counts as a step too).
    """
    raise NotImplementedError("minimize is not written yet")
