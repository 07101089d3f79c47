"""Problem set 3: cost functions for a single sigmoid neuron.

Replace each `raise NotImplementedError(...)` with your code; run
`python selfcheck.py` in this folder to check your work so far.
"""

import numpy as np

from derivatives import sigmoid


def mse(y_hat, y):
    """The mean squared error of predictions y_hat against labels y.

    y_hat and y have the same shape, which may be (m, 1), (m,) or a matrix:
    the mean is over every entry. Returns a single number (a Python or NumPy
    float), not an array.
    """
    raise NotImplementedError("mse is not written yet")


def cross_entropy(y_hat, y):
    """The mean binary cross-entropy of predictions y_hat against labels y.

    Each entry contributes -y log(y_hat) - (1 - y) log(1 - y_hat), and the
    mean is over every entry of arrays of any shape. Where y_hat is exactly 0
    or 1 and the label agrees, that entry contributes 0 (0 * log 0 counts as
    0), so the cost stays finite; there it must be 0 to within 1e-9, which
    allows a guard against log(0) that moves y_hat by about 1e-10 but not one
    that clips at 1e-7. Returns a single number (a Python or NumPy float). The
    arrays y_hat and y must be left unchanged.
    """
    raise NotImplementedError("cross_entropy is not written yet")


def neuron(X, w):
    """The output of a sigmoid neuron for every example: the sigmoid of X @ w.

    X has one example per row, shape (m, n); a bias is a column of ones in X.
    w has shape (n, 1). Returns an array of shape (m, 1).
    """
    raise NotImplementedError("neuron is not written yet")


def mse_gradient(X, y, w):
    """The gradient of mse(neuron(X, w), y) with respect to the weights w.

    X has shape (m, n), y shape (m, 1) and w shape (n, 1). Returns an array
    of shape (n, 1), the shape of w.
    """
    raise NotImplementedError("mse_gradient is not written yet")


def cross_entropy_gradient(X, y, w):
    """The gradient of cross_entropy(neuron(X, w), y) with respect to w.

    X has shape (m, n), y shape (m, 1) and w shape (n, 1). Returns an array
    of shape (n, 1), the shape of w.
    """
    raise NotImplementedError("cross_entropy_gradient is not written yet")


COSTS = {"mse": (mse, mse_gradient), "cross_entropy": (cross_entropy, cross_entropy_gradient)}


def train_neuron(X, y, w0, learning_rate, epochs, cost="mse"):
    """Trains the neuron by full-batch gradient descent for epochs updates.

    cost names the cost to descend: "mse" (with mse_gradient) or
    "cross_entropy" (with cross_entropy_gradient). Returns the pair
    (w, costs): the final weights, shaped like w0, and a list of epochs + 1
    costs, the cost at w0 first and then the cost after each update. w0 must
    be left unchanged.
    """
    raise NotImplementedError("train_neuron is not written yet")


def cost_surface(X, y, w1_values, w2_values, cost="mse"):
    """The cost of the neuron over a grid of two weights.

    Returns an ndarray Z of shape (len(w1_values), len(w2_values)) whose entry
    Z[i, j] is the cost at w = [[w1_values[i]], [w2_values[j]]]. cost is
    "mse" (the default) or "cross_entropy".
    """
    raise NotImplementedError("cost_surface is not written yet")
