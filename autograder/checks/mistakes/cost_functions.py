"""Known mistakes in problem set 3 (cost functions).

The wrong implementations call the module's own helpers (``neuron``,
``mse``, ``COSTS``, ...) imported from the reference, the very objects the
exercise module defines, so each source can replace the student's function
as it stands.
"""

import numpy as np

from autograder.checks.mistakes import Mistake
from solutions.cost_functions import COSTS, mse_gradient, neuron


def _mse_sum(y_hat, y):
    return float(np.sum((np.asarray(y_hat) - np.asarray(y)) ** 2))


def _naive_cross_entropy(y_hat, y):
    y_hat, y = np.asarray(y_hat, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat)))


def _cross_entropy_sum(y_hat, y):
    y_hat, y = np.asarray(y_hat, dtype=float), np.asarray(y, dtype=float)
    return float(np.sum(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat)))


def _cross_entropy_without_minus(y_hat, y):
    y_hat, y = np.asarray(y_hat, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat)))


def _neuron_without_sigmoid(X, w):
    return np.asarray(X) @ np.asarray(w)


def _tutorial_mse_gradient(X, y, w):
    h = neuron(X, w)
    return np.sum((h - y) * h * (1 - h)) * np.ones_like(np.asarray(w, dtype=float))


def _mse_gradient_without_x(X, y, w):
    h = neuron(X, w)
    m = np.asarray(X).shape[0]
    return (2 / m) * np.sum((h - y) * h * (1 - h)) * np.ones_like(np.asarray(w, dtype=float))


def _mse_gradient_without_2(X, y, w):
    h = neuron(X, w)
    return np.asarray(X).T @ ((h - y) * h * (1 - h)) / len(X)


def _mse_gradient_sum(X, y, w):
    h = neuron(X, w)
    return 2 * np.asarray(X).T @ ((h - y) * h * (1 - h))


def _mse_gradient_without_slope(X, y, w):
    return 2 * np.asarray(X).T @ (neuron(X, w) - y) / len(X)


def _cross_entropy_gradient_sum(X, y, w):
    return np.asarray(X).T @ (neuron(X, w) - y)


def _cross_entropy_gradient_with_slope(X, y, w):
    h = neuron(X, w)
    return np.asarray(X).T @ ((h - y) * h * (1 - h)) / len(X)


def _cross_entropy_gradient_flipped(X, y, w):
    return np.asarray(X).T @ (y - neuron(X, w)) / len(X)


def _train_without_initial_cost(X, y, w0, learning_rate, epochs, cost="mse"):
    cost_fn, grad_fn = COSTS[cost]
    w = np.array(w0, dtype=float)
    costs = []
    for _ in range(epochs):
        w = w - learning_rate * grad_fn(X, y, w)
        costs.append(cost_fn(neuron(X, w), y))
    return w, costs


def _train_cost_before_update(X, y, w0, learning_rate, epochs, cost="mse"):
    cost_fn, grad_fn = COSTS[cost]
    w = np.array(w0, dtype=float)
    costs = []
    for _ in range(epochs):
        costs.append(cost_fn(neuron(X, w), y))
        w = w - learning_rate * grad_fn(X, y, w)
    return w, costs


def _train_uphill(X, y, w0, learning_rate, epochs, cost="mse"):
    cost_fn, grad_fn = COSTS[cost]
    w = np.array(w0, dtype=float)
    costs = [cost_fn(neuron(X, w), y)]
    for _ in range(epochs):
        w = w + learning_rate * grad_fn(X, y, w)
        costs.append(cost_fn(neuron(X, w), y))
    return w, costs


def _train_always_mse_gradient(X, y, w0, learning_rate, epochs, cost="mse"):
    cost_fn, _ = COSTS[cost]
    w = np.array(w0, dtype=float)
    costs = [cost_fn(neuron(X, w), y)]
    for _ in range(epochs):
        w = w - learning_rate * mse_gradient(X, y, w)
        costs.append(cost_fn(neuron(X, w), y))
    return w, costs


def _surface_axes_swapped(X, y, w1_values, w2_values, cost="mse"):
    cost_fn, _ = COSTS[cost]
    Z = np.empty((len(w2_values), len(w1_values)))
    for i, w1 in enumerate(w1_values):
        for j, w2 in enumerate(w2_values):
            Z[j, i] = cost_fn(neuron(X, np.array([[w1], [w2]])), y)
    return Z


def _surface_always_mse(X, y, w1_values, w2_values, cost="mse"):
    cost_fn, _ = COSTS["mse"]
    Z = np.empty((len(w1_values), len(w2_values)))
    for i, w1 in enumerate(w1_values):
        for j, w2 in enumerate(w2_values):
            Z[i, j] = cost_fn(neuron(X, np.array([[w1], [w2]])), y)
    return Z


_SUM = ("a sum over examples instead of a mean",
        "The cost is a mean over the m examples, so its gradient is divided by m too.")
_UPHILL = ("the update goes uphill (sign error)",
           "Gradient descent subtracts learning_rate times the gradient from w; adding it makes the "
           "cost grow.")

MISTAKES = [
    Mistake("mse", "a sum instead of a mean",
            "The mean squared error divides the sum of squares by the number of entries "
            "(np.mean does it).", _mse_sum),
    Mistake("cross_entropy", "0 * log(0) computed as nan",
            "In NumPy, np.log(0) is -inf and 0 * -inf is nan. When y_hat is exactly 0 or 1 and the "
            "label agrees, that term is 0: leave it out (np.where) instead of multiplying.",
            _naive_cross_entropy),
    Mistake("cross_entropy", "a sum over examples instead of a mean",
            "Cross-entropy here is the mean of the per-example losses: divide by the number of "
            "examples (np.mean does it).", _cross_entropy_sum),
    Mistake("cross_entropy", "the leading minus sign is missing",
            "The log of a probability is negative or zero, so without the minus the cost comes "
            "out negative. Cross-entropy negates the log-likelihood: a cost is never below 0.",
            _cross_entropy_without_minus),
    Mistake("neuron", "the sigmoid is not applied",
            "X @ w is only the pre-activation z; the neuron's output is sigmoid(z), a number "
            "between 0 and 1.", _neuron_without_sigmoid),
    Mistake("mse_gradient", "the published tutorial's gradient (input x and 2/m dropped)",
            "One of the tutorials this course follows leaves out two factors of the chain rule: "
            "the input x (from dz/dw = x) and the constant 2/m (from the mean of squares). Put "
            "both back: multiply by X.T (which also sums over the examples) and by 2/m.",
            _tutorial_mse_gradient),
    Mistake("mse_gradient", "the input x of the chain rule is missing",
            "The chain rule ends with dz/dw, and for z = X @ w that is the input x. Multiplying by "
            "X.T brings it in and sums over the examples, one entry per weight.", _mse_gradient_without_x),
    Mistake("mse_gradient", "the factor 2 from the square is missing",
            "Since d/dh (h - y)**2 = 2 * (h - y): the 2 stays in the gradient.", _mse_gradient_without_2),
    Mistake("mse_gradient", *_SUM, _mse_gradient_sum),
    Mistake("mse_gradient", "the sigmoid's slope h * (1 - h) is missing",
            "With MSE the chain rule passes through the sigmoid: multiply (h - y) by the sigmoid's "
            "slope, written with its output h. (It is cross-entropy whose gradient has no such "
            "factor.)", _mse_gradient_without_slope),
    Mistake("cross_entropy_gradient", *_SUM, _cross_entropy_gradient_sum),
    Mistake("cross_entropy_gradient", "the sigmoid's slope multiplied in (it cancels here)",
            "With cross-entropy, the derivative of the cost with respect to h has h * (1 - h) in "
            "its denominator, which cancels the sigmoid's slope: the gradient uses h - y alone.",
            _cross_entropy_gradient_with_slope),
    Mistake("cross_entropy_gradient", "the sign is flipped (y - h instead of h - y)",
            "The gradient points uphill: when the output h is too large, increasing w must "
            "increase the cost, so the error term is h - y.", _cross_entropy_gradient_flipped),
    Mistake("train_neuron", "the cost at w0 is missing from costs",
            "Record the cost once before the loop (at w0), then once after each update: "
            "epochs + 1 entries in all.", _train_without_initial_cost),
    Mistake("train_neuron", "each cost is recorded before its update (the final cost is missing)",
            "After the last update the cost of the final w is never recorded. Record the cost at w0 "
            "before the loop and then the cost after each update.", _train_cost_before_update),
    Mistake("train_neuron", *_UPHILL, _train_uphill),
    Mistake("train_neuron", "the MSE gradient is used whatever the cost",
            "The cost argument chooses the gradient too: train with the gradient of the cost you "
            "record, cross-entropy's when cost == 'cross_entropy'.", _train_always_mse_gradient),
    Mistake("cost_surface", "the axes are swapped (Z[j, i] instead of Z[i, j])",
            "Row i belongs to w1_values[i] and column j to w2_values[j], so Z has shape "
            "(len(w1_values), len(w2_values)). (np.meshgrid needs indexing='ij' for that order.)",
            _surface_axes_swapped),
    Mistake("cost_surface", "the cost argument is ignored (always MSE)",
            "Use the cost the caller asks for: cost='cross_entropy' plots the cross-entropy surface.",
            _surface_always_mse),
]
