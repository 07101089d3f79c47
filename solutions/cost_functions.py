"""Problem set 3: cost functions for a single sigmoid neuron."""

import numpy as np

from solutions.derivatives import sigmoid


def mse(y_hat, y):
    """Mean squared error over all examples."""
    return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2))


def cross_entropy(y_hat, y):
    """Mean binary cross-entropy; 0 * log 0 counts as 0.

    xlogy-style masking keeps a confident, correct prediction (y_hat exactly
    0 or 1 on an agreeing label) finite instead of producing nan.
    """
    y_hat = np.asarray(y_hat, dtype=float)
    y = np.asarray(y, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        pos = np.where(y == 0, 0.0, -y * np.log(y_hat))
        neg = np.where(y == 1, 0.0, -(1 - y) * np.log(1 - y_hat))
    return float(np.mean(pos + neg))


def neuron(X, w):
    """Output of a sigmoid neuron; the bias is a column of ones in X."""
    return sigmoid(np.asarray(X) @ np.asarray(w))


def mse_gradient(X, y, w):
    """d mse / d w.  Chain rule: cost -> h -> z = Xw -> w.

    The factor X (from dz/dw) and the constant 2/m (from the mean of
    squares) are the two that are easiest to drop.
    """
    X, y = np.asarray(X), np.asarray(y)
    m = X.shape[0]
    h = neuron(X, w)
    return (2 / m) * X.T @ ((h - y) * h * (1 - h))


def cross_entropy_gradient(X, y, w):
    """d cross_entropy / d w: the sigmoid's slope cancels, leaving h - y."""
    X, y = np.asarray(X), np.asarray(y)
    m = X.shape[0]
    return (1 / m) * X.T @ (neuron(X, w) - y)


COSTS = {"mse": (mse, mse_gradient), "cross_entropy": (cross_entropy, cross_entropy_gradient)}


def train_neuron(X, y, w0, learning_rate, epochs, cost="mse"):
    """Full-batch gradient descent; returns (w, costs) with the cost at w0 first."""
    cost_fn, grad_fn = COSTS[cost]
    w = np.array(w0, dtype=float)
    costs = [cost_fn(neuron(X, w), y)]
    for _ in range(epochs):
        w = w - learning_rate * grad_fn(X, y, w)
        costs.append(cost_fn(neuron(X, w), y))
    return w, costs


def cost_surface(X, y, w1_values, w2_values, cost="mse"):
    """Z[i, j] = cost at w = [[w1_values[i]], [w2_values[j]]]."""
    cost_fn, _ = COSTS[cost]
    Z = np.empty((len(w1_values), len(w2_values)))
    for i, w1 in enumerate(w1_values):
        for j, w2 in enumerate(w2_values):
            Z[i, j] = cost_fn(neuron(X, np.array([[w1], [w2]])), y)
    return Z
