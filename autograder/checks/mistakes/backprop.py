"""Known mistakes in problem set 4 (backpropagation).

The wrong implementations call the module's own names (``forward``,
``backward``, ``sigmoid``, ``cross_entropy``, ...) imported from the
reference, the very objects the exercise module binds, so each source can
replace the student's function as it stands.
"""

import numpy as np

from autograder.checks.mistakes import Mistake
from solutions.backprop import add_bias, backward, cross_entropy, forward, sigmoid


def _bias_first(A):
    A = np.asarray(A, dtype=float)
    return np.hstack([np.ones((A.shape[0], 1)), A])


def _forward_linear_output(X, theta1, theta2):
    a1 = add_bias(X)
    a2 = add_bias(sigmoid(a1 @ theta1))
    return a1, a2, a2 @ theta2


def _forward_bias_through_sigmoid(X, theta1, theta2):
    a1 = add_bias(X)
    a2 = sigmoid(add_bias(a1 @ theta1))
    return a1, a2, sigmoid(a2 @ theta2)


def _backward_sum(X, y, theta1, theta2):
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = (delta3 @ np.asarray(theta2)[:-1].T) * a2[:, :-1] * (1 - a2[:, :-1])
    return a1.T @ delta2, a2.T @ delta3


def _backward_mse_delta(X, y, theta1, theta2):
    m = np.asarray(X).shape[0]
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = (a3 - y) * a3 * (1 - a3)
    delta2 = (delta3 @ np.asarray(theta2)[:-1].T) * a2[:, :-1] * (1 - a2[:, :-1])
    return a1.T @ delta2 / m, a2.T @ delta3 / m


def _backward_bias_row_kept(X, y, theta1, theta2):
    m = np.asarray(X).shape[0]
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = (delta3 @ np.asarray(theta2).T) * a2 * (1 - a2)
    return a1.T @ delta2 / m, a2.T @ delta3 / m


def _backward_first_row_dropped(X, y, theta1, theta2):
    m = np.asarray(X).shape[0]
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = (delta3 @ np.asarray(theta2)[1:].T) * a2[:, 1:] * (1 - a2[:, 1:])
    return a1.T @ delta2 / m, a2.T @ delta3 / m


def _backward_slope_of_activation(X, y, theta1, theta2):
    m = np.asarray(X).shape[0]
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = a3 - y
    s = sigmoid(a2[:, :-1])
    delta2 = (delta3 @ np.asarray(theta2)[:-1].T) * s * (1 - s)
    return a1.T @ delta2 / m, a2.T @ delta3 / m


def _backward_sign_flipped(X, y, theta1, theta2):
    m = np.asarray(X).shape[0]
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = y - a3
    delta2 = (delta3 @ np.asarray(theta2)[:-1].T) * a2[:, :-1] * (1 - a2[:, :-1])
    return a1.T @ delta2 / m, a2.T @ delta3 / m


def _backward_transposed(X, y, theta1, theta2):
    m = np.asarray(X).shape[0]
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = (delta3 @ np.asarray(theta2)[:-1].T) * a2[:, :-1] * (1 - a2[:, :-1])
    return delta2.T @ a1 / m, delta3.T @ a2 / m


def _gradient_check_aliased(cost, theta, eps=1e-5):
    grad = np.zeros(np.shape(theta))
    for idx in np.ndindex(grad.shape):
        theta_plus = theta
        theta_plus[idx] += eps
        theta_minus = theta
        theta_minus[idx] -= eps
        grad[idx] = (cost(theta_plus) - cost(theta_minus)) / (2 * eps)
    return grad


def _gradient_check_forward(cost, theta, eps=1e-5):
    theta = np.array(theta, dtype=float)
    grad = np.zeros_like(theta)
    base = cost(theta.copy())
    for idx in np.ndindex(theta.shape):
        shifted = theta.copy()
        shifted[idx] += eps
        grad[idx] = (cost(shifted) - base) / eps
    return grad


def _gradient_check_over_eps(cost, theta, eps=1e-5):
    theta = np.array(theta, dtype=float)
    grad = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        up, down = theta.copy(), theta.copy()
        up[idx] += eps
        down[idx] -= eps
        grad[idx] = (cost(up) - cost(down)) / eps
    return grad


def _train_without_initial_cost(X, y, theta1, theta2, learning_rate, epochs):
    theta1, theta2 = np.array(theta1, dtype=float), np.array(theta2, dtype=float)
    costs = []
    for _ in range(epochs):
        grad1, grad2 = backward(X, y, theta1, theta2)
        theta1 = theta1 - learning_rate * grad1
        theta2 = theta2 - learning_rate * grad2
        costs.append(cross_entropy(forward(X, theta1, theta2)[2], y))
    return theta1, theta2, costs


def _train_uphill(X, y, theta1, theta2, learning_rate, epochs):
    theta1, theta2 = np.array(theta1, dtype=float), np.array(theta2, dtype=float)
    costs = [cross_entropy(forward(X, theta1, theta2)[2], y)]
    for _ in range(epochs):
        grad1, grad2 = backward(X, y, theta1, theta2)
        theta1 = theta1 + learning_rate * grad1
        theta2 = theta2 + learning_rate * grad2
        costs.append(cross_entropy(forward(X, theta1, theta2)[2], y))
    return theta1, theta2, costs


def _train_stale_gradient(X, y, theta1, theta2, learning_rate, epochs):
    theta1, theta2 = np.array(theta1, dtype=float), np.array(theta2, dtype=float)
    grad1, grad2 = backward(X, y, theta1, theta2)
    costs = [cross_entropy(forward(X, theta1, theta2)[2], y)]
    for _ in range(epochs):
        theta1 = theta1 - learning_rate * grad1
        theta2 = theta2 - learning_rate * grad2
        costs.append(cross_entropy(forward(X, theta1, theta2)[2], y))
    return theta1, theta2, costs


def _predict_strict(X, theta1, theta2):
    return (forward(X, theta1, theta2)[2] > 0.5).astype(int)


def _predict_bool(X, theta1, theta2):
    return forward(X, theta1, theta2)[2] >= 0.5


def _predict_at_zero(X, theta1, theta2):
    return (forward(X, theta1, theta2)[2] >= 0).astype(int)


def _trask_error_after_update(alpha, steps=60_000, report_every=10_000, seed=1):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    errors = []
    for step in range(steps):
        l1 = sigmoid(X @ syn0)
        l2 = sigmoid(l1 @ syn1)
        err = l2 - y
        d2 = err * l2 * (1 - l2)
        d1 = (d2 @ syn1.T) * l1 * (1 - l1)
        syn1 -= alpha * l1.T @ d2
        syn0 -= alpha * X.T @ d1
        if step % report_every == 0:
            errors.append(float(np.mean(np.abs(sigmoid(sigmoid(X @ syn0) @ syn1) - y))))
    return errors


def _trask_signed_error(alpha, steps=60_000, report_every=10_000, seed=1):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    errors = []
    for step in range(steps):
        l1 = sigmoid(X @ syn0)
        l2 = sigmoid(l1 @ syn1)
        err = l2 - y
        if step % report_every == 0:
            errors.append(float(np.mean(err)))
        d2 = err * l2 * (1 - l2)
        d1 = (d2 @ syn1.T) * l1 * (1 - l1)
        syn1 -= alpha * l1.T @ d2
        syn0 -= alpha * X.T @ d1
    return errors


def _trask_seed_ignored(alpha, steps=60_000, report_every=10_000, seed=1):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    np.random.seed(1)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    errors = []
    for step in range(steps):
        l1 = sigmoid(X @ syn0)
        l2 = sigmoid(l1 @ syn1)
        err = l2 - y
        if step % report_every == 0:
            errors.append(float(np.mean(np.abs(err))))
        d2 = err * l2 * (1 - l2)
        d1 = (d2 @ syn1.T) * l1 * (1 - l1)
        syn1 -= alpha * l1.T @ d2
        syn0 -= alpha * X.T @ d1
    return errors


def _trask_counted_from_one(alpha, steps=60_000, report_every=10_000, seed=1):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    errors = []
    for step in range(1, steps + 1):
        l1 = sigmoid(X @ syn0)
        l2 = sigmoid(l1 @ syn1)
        err = l2 - y
        if step % report_every == 0:
            errors.append(float(np.mean(np.abs(err))))
        d2 = err * l2 * (1 - l2)
        d1 = (d2 @ syn1.T) * l1 * (1 - l1)
        syn1 -= alpha * l1.T @ d2
        syn0 -= alpha * X.T @ d1
    return errors


_UPHILL = ("the update goes uphill (sign error)",
           "Each step subtracts learning_rate times the gradient from theta1 and theta2; adding it "
           "makes the cost grow.")

MISTAKES = [
    Mistake("add_bias", "the bias column is prepended instead of appended",
            "In this course the column of ones comes last, so the last row of each theta holds "
            "the bias weights: put the ones after the columns of A.", _bias_first),
    Mistake("forward", "no sigmoid on the output layer",
            "The product a2 @ theta2 is the output layer's pre-activation; a3 is the sigmoid of it, a number "
            "between 0 and 1 that cross-entropy can take the log of.", _forward_linear_output),
    Mistake("forward", "the bias unit went through the sigmoid",
            "Apply the sigmoid to the hidden pre-activations first, then append the bias column: a "
            "bias unit is exactly 1, and sigmoid(1) is about 0.73.", _forward_bias_through_sigmoid),
    Mistake("backward", "gradients summed over examples instead of averaged",
            "The cost is the mean over the m examples, so both gradients are divided by m.",
            _backward_sum),
    Mistake("backward", "the MSE output error used with the cross-entropy cost",
            "With cross-entropy on a sigmoid output, the sigmoid's slope cancels: the output error "
            "is a3 - y alone. Multiplying by a3 * (1 - a3) is the rule for the squared error.",
            _backward_mse_delta),
    Mistake("backward", "the bias row of theta2 propagated backwards",
            "The hidden layer's bias unit is a constant 1 with no incoming weights, so no error "
            "flows back through it: drop the last row of theta2 (and the bias column of a2) before "
            "computing the hidden error. Then grad1 has the shape of theta1.", _backward_bias_row_kept),
    Mistake("backward", "the first row of theta2 dropped instead of the last (bias) row",
            "The bias unit is appended last, so its weights are the last row of theta2: that is "
            "the row to leave out, together with the last column of a2.", _backward_first_row_dropped),
    Mistake("backward", "the sigmoid's slope computed from the activation as if it were z",
            "The activations a2 already hold sigmoid outputs, so their slope is a2 * (1 - a2) directly; taking the "
            "sigmoid of a2 again applies it twice.", _backward_slope_of_activation),
    Mistake("backward", "the sign is flipped (y - a3 instead of a3 - y)",
            "The gradient points uphill: where the output is too large the cost grows with it, so "
            "the output error is a3 - y.", _backward_sign_flipped),
    Mistake("backward", "the gradients are transposed",
            "Each gradient has the shape of its theta: (inputs of the layer, units of the layer). "
            "Put the activations first and the errors second (activation.T times delta).",
            _backward_transposed),
    Mistake("numerical_gradient", "theta_plus = theta makes no copy (the shifts land on theta itself)",
            "Assignment gives a second name to the same array: shifting theta_plus also shifts "
            "theta_minus and the caller's theta, so both costs are taken at the same point and the "
            "difference is 0. Shift copies of theta (theta.copy()) instead.", _gradient_check_aliased),
    Mistake("numerical_gradient", "a forward difference instead of the central one",
            "A gradient check compares cost(theta + eps) with cost(theta - eps), one entry at a "
            "time, and divides by 2 * eps: far more accurate than a one-sided difference.",
            _gradient_check_forward),
    Mistake("numerical_gradient", "dividing by eps instead of 2 * eps",
            "The points theta + eps and theta - eps are 2 * eps apart, so the difference is divided by 2 * eps.",
            _gradient_check_over_eps),
    Mistake("train", "the cost before training is missing from costs",
            "Record the cost at the starting thetas before the loop, then once after each update: "
            "epochs + 1 entries.", _train_without_initial_cost),
    Mistake("train", *_UPHILL, _train_uphill),
    Mistake("train", "the gradient is computed once, before the loop",
            "The gradient depends on the current thetas: call backward again in every epoch, after "
            "the previous update.", _train_stale_gradient),
    Mistake("predict", "a strict threshold (> 0.5)",
            "An output of exactly 0.5 counts as class 1: compare with >= 0.5.", _predict_strict),
    Mistake("predict", "booleans instead of integers",
            "The comparison gives True/False; .astype(int) turns them into 0/1.", _predict_bool),
    Mistake("predict", "thresholding the output at 0",
            "The output a3 is a sigmoid, always between 0 and 1, so every example passes a threshold "
            "of 0. The decision boundary of a sigmoid output is 0.5.", _predict_at_zero),
    Mistake("trask_errors", "the error is recorded after the update",
            "Record mean(abs(err)) from the forward pass of that step, before the weights change: "
            "the first entry is the error of the untrained network.", _trask_error_after_update),
    Mistake("trask_errors", "the mean of the signed error (abs is missing)",
            "Positive and negative errors cancel in a plain mean; the figure is the mean of the "
            "absolute errors.", _trask_signed_error),
    Mistake("trask_errors", "the seed argument is ignored",
            "Pass the seed argument to NumPy's random generator instead of a fixed number, so that "
            "another seed gives another starting network.", _trask_seed_ignored),
    Mistake("trask_errors", "steps counted from 1 (the error at step 0 is missing)",
            "Steps are numbered 0, 1, ..., steps - 1, and step 0 is a multiple of report_every: the "
            "first entry is the error before any update.", _trask_counted_from_one),
]
