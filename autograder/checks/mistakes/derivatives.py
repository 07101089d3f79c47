"""Known mistakes in problem set 1 (derivatives)."""

import numpy as np

from autograder.checks.mistakes import Mistake


def _sigmoid(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def _sigmoid_of_output(s):
    return _sigmoid(s) * (1 - _sigmoid(s))


def _sigmoid_sign_flipped(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(np.asarray(z, dtype=float)))


def _df_constant_kept(x):
    return 4 * x**3 - 9 * x**2 + 2


def _forward_difference(func, x, h=1e-5):
    return (func(x + h) - func(x)) / h


def _central_over_h(func, x, h=1e-5):
    return (func(x + h) - func(x - h)) / h


MISTAKES = [
    Mistake("sigmoid_derivative", "written for the pre-activation: sigmoid(s) * (1 - sigmoid(s))",
            "sigmoid_derivative is given s = sigmoid(z), not z; the slope is s * (1 - s), "
            "with no further call to sigmoid.", _sigmoid_of_output),
    Mistake("sigmoid", "the sign in the exponent is flipped",
            "The sigmoid is 1 / (1 + e^(-z)): the exponent is minus z, so sigmoid(z) grows with z.",
            _sigmoid_sign_flipped),
    Mistake("df", "the constant term was kept",
            "The derivative of a constant (the + 2 in f) is 0.", _df_constant_kept),
    Mistake("numerical_derivative", "a forward difference instead of the central one",
            "Use both neighbours: (func(x + h) - func(x - h)) / (2 * h); the central difference "
            "is far more accurate than (func(x + h) - func(x)) / h.", _forward_difference),
    Mistake("numerical_derivative", "dividing by h instead of 2h",
            "The points x - h and x + h are 2h apart, so the difference is divided by 2 * h.", _central_over_h),
]
