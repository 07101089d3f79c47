"""Known mistakes in problem set 3 (cost functions)."""

import numpy as np

from autograder.checks.mistakes import Mistake


def _h(X, w):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-(np.asarray(X, dtype=float) @ np.asarray(w, dtype=float))))


def _tutorial_mse_gradient(X, y, w):
    h = _h(X, w)
    return np.sum((h - y) * h * (1 - h)) * np.ones_like(np.asarray(w, dtype=float))


def _mse_gradient_without_2(X, y, w):
    h = _h(X, w)
    return np.asarray(X).T @ ((h - y) * h * (1 - h)) / len(X)


def _mse_gradient_without_slope(X, y, w):
    return 2 * np.asarray(X).T @ (_h(X, w) - y) / len(X)


def _cross_entropy_gradient_sum(X, y, w):
    return np.asarray(X).T @ (_h(X, w) - y)


def _naive_cross_entropy(y_hat, y):
    y_hat, y = np.asarray(y_hat, dtype=float), np.asarray(y, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.mean(-y * np.log(y_hat) - (1 - y) * np.log(1 - y_hat)))


def _mse_sum(y_hat, y):
    return float(np.sum((np.asarray(y_hat) - np.asarray(y)) ** 2))


MISTAKES = [
    Mistake("mse_gradient", "the published tutorial's gradient (input x and 2/m dropped)",
            "One of the tutorials this course follows leaves out two factors of the chain rule: "
            "the input x (from dz/dw = x) and the constant 2/m (from the mean of squares). "
            "The gradient is (2/m) * X.T @ ((h - y) * h * (1 - h)).", _tutorial_mse_gradient),
    Mistake("mse_gradient", "the factor 2 from the square is missing",
            "Since d/dh (h - y)**2 = 2 * (h - y): the 2 stays in the gradient.", _mse_gradient_without_2),
    Mistake("mse_gradient", "the sigmoid's slope h * (1 - h) is missing",
            "With MSE the chain rule passes through the sigmoid: multiply (h - y) by h * (1 - h). "
            "(It is cross-entropy whose gradient has no such factor.)", _mse_gradient_without_slope),
    Mistake("cross_entropy_gradient", "a sum over examples instead of a mean",
            "The cost is a mean over the m examples, so its gradient is divided by m.",
            _cross_entropy_gradient_sum),
    Mistake("cross_entropy", "0 * log(0) computed as nan",
            "In NumPy, np.log(0) is -inf and 0 * -inf is nan. When y_hat is exactly 0 or 1 and the "
            "label agrees, that term is 0: leave it out (np.where) instead of multiplying.",
            _naive_cross_entropy),
    Mistake("mse", "a sum instead of a mean",
            "The mean squared error divides the sum of squares by the number of entries "
            "(np.mean does it).", _mse_sum),
]
