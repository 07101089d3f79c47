"""Problem set 3: cost functions for a single sigmoid neuron.

Replace each `raise NotImplementedError(...)` with your code; run
`python selfcheck.py` in this folder to check your work so far.
"""

import numpy as np

from derivatives import sigmoid


def mse(y_hat, y):
    """Mean squared error over all examples.

    y_hat, y: arrays of the same shape, e.g. (m, 1). Returns a float.
    """
    raise NotImplementedError("mse is not written yet")


def cross_entropy(y_hat, y):
    """Mean binary cross-entropy; 0 * log 0 counts as 0.

    xlogy-style masking keeps a confident, correct prediction (y_hat exactly
    0 or 1 on an agreeing label) finite instead of producing nan.

    y_hat: predictions strictly between 0 and 1, or exactly 0 or 1 where the
    label agrees; y: labels 0 or 1, same shape. Returns a float; 0 * log(0)
    counts as 0.
    """
    raise NotImplementedError("cross_entropy is not written yet")


def neuron(X, w):
    """Output of a sigmoid neuron; the bias is a column of ones in X.

    X: shape (m, n), one example per row (a bias is a column of ones);
    w: shape (n, 1). Returns shape (m, 1).
    """
    raise NotImplementedError("neuron is not written yet")


def mse_gradient(X, y, w):
    """d mse / d w.  Chain rule: cost -> h -> z = Xw -> w.

    The factor X (from dz/dw) and the constant 2/m (from the mean of
    squares) are the two that are easiest to drop.

    X: (m, n); y: (m, 1); w: (n, 1). Returns d mse(neuron(X, w), y) / d w,
    shape (n, 1).
    """
    raise NotImplementedError("mse_gradient is not written yet")


def cross_entropy_gradient(X, y, w):
    """d cross_entropy / d w: the sigmoid's slope cancels, leaving h - y.

    X: (m, n); y: (m, 1); w: (n, 1). Returns d cross_entropy(neuron(X, w), y) / d w,
    shape (n, 1).
    """
    raise NotImplementedError("cross_entropy_gradient is not written yet")


COSTS = {"mse": (mse, mse_gradient), "cross_entropy": (cross_entropy, cross_entropy_gradient)}


def train_neuron(X, y, w0, learning_rate, epochs, cost="mse"):
    """Full-batch gradient descent; returns (w, costs) with the cost at w0 first.

    cost: "mse" or "cross_entropy". Returns (w, costs): the final weights, shape
    of w0, and a list of epochs + 1 costs, the cost at w0 first. w0 is not
    modified.
    """
    raise NotImplementedError("train_neuron is not written yet")


def cost_surface(X, y, w1_values, w2_values, cost="mse"):
    """Z[i, j] = cost at w = [[w1_values[i]], [w2_values[j]]].

    w1_values, w2_values: 1-D sequences. Returns an ndarray of shape
    (len(w1_values), len(w2_values)); entry [i, j] is the cost at
    w = [[w1_values[i]], [w2_values[j]]].
    """
    raise NotImplementedError("cost_surface is not written yet")
