"""Known mistakes in problem set 4 (backpropagation)."""

import numpy as np

from autograder.checks.mistakes import Mistake
from solutions.backprop import forward


def _bias_first(A):
    A = np.asarray(A, dtype=float)
    return np.hstack([np.ones((A.shape[0], 1)), A])


def _backward_sum(X, y, theta1, theta2):
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = (delta3 @ np.asarray(theta2)[:-1].T) * a2[:, :-1] * (1 - a2[:, :-1])
    return a1.T @ delta2, a2.T @ delta3


def _predict_strict(X, theta1, theta2):
    return (forward(X, theta1, theta2)[2] > 0.5).astype(int)


def _predict_bool(X, theta1, theta2):
    return forward(X, theta1, theta2)[2] >= 0.5


MISTAKES = [
    Mistake("add_bias", "the bias column is prepended instead of appended",
            "In this course the column of ones comes last: np.hstack([A, ones]), so the last "
            "row of each theta holds the bias weights.", _bias_first),
    Mistake("backward", "gradients summed over examples instead of averaged",
            "The cost is the mean over the m examples, so both gradients are divided by m.",
            _backward_sum),
    Mistake("predict", "a strict threshold (> 0.5)",
            "An output of exactly 0.5 counts as class 1: use a3 >= 0.5.", _predict_strict),
    Mistake("predict", "booleans instead of integers",
            "The comparison (a3 >= 0.5) gives True/False; .astype(int) turns them into 0/1.", _predict_bool),
]
