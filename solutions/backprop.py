"""Problem set 4: backpropagation through a 2-3-1 sigmoid network on XOR."""

import numpy as np

from solutions.cost_functions import cross_entropy
from solutions.derivatives import sigmoid


def add_bias(A):
    """Append a column of ones: the bias unit comes last."""
    A = np.asarray(A, dtype=float)
    return np.hstack([A, np.ones((A.shape[0], 1))])


def forward(X, theta1, theta2):
    """Activations of every layer: (a1, a2, a3), with bias units in a1 and a2."""
    a1 = add_bias(X)
    a2 = add_bias(sigmoid(a1 @ theta1))
    a3 = sigmoid(a2 @ theta2)
    return a1, a2, a3


def backward(X, y, theta1, theta2):
    """Gradients of the mean cross-entropy with respect to theta1 and theta2.

    With cross-entropy on a sigmoid output the output error is simply a3 - y.
    The bias unit of the hidden layer has no incoming weights, so its column
    is dropped before the error flows further back.
    """
    m = np.asarray(X).shape[0]
    a1, a2, a3 = forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = (delta3 @ np.asarray(theta2)[:-1].T) * a2[:, :-1] * (1 - a2[:, :-1])
    grad2 = a2.T @ delta3 / m
    grad1 = a1.T @ delta2 / m
    return grad1, grad2


def numerical_gradient(cost, theta, eps=1e-5):
    """Central differences of cost(theta), one entry at a time, on a copy."""
    theta = np.array(theta, dtype=float)
    grad = np.zeros_like(theta)
    for idx in np.ndindex(theta.shape):
        original = theta[idx]
        theta[idx] = original + eps
        up = cost(theta.copy())
        theta[idx] = original - eps
        down = cost(theta.copy())
        theta[idx] = original
        grad[idx] = (up - down) / (2 * eps)
    return grad


def train(X, y, theta1, theta2, learning_rate, epochs):
    """Full-batch gradient descent with backward; costs has epochs + 1 entries."""
    theta1 = np.array(theta1, dtype=float)
    theta2 = np.array(theta2, dtype=float)
    costs = [cross_entropy(forward(X, theta1, theta2)[2], y)]
    for _ in range(epochs):
        grad1, grad2 = backward(X, y, theta1, theta2)
        theta1 = theta1 - learning_rate * grad1
        theta2 = theta2 - learning_rate * grad2
        costs.append(cross_entropy(forward(X, theta1, theta2)[2], y))
    return theta1, theta2, costs


def predict(X, theta1, theta2):
    """Class 1 where the network's output is at least one half."""
    return (forward(X, theta1, theta2)[2] >= 0.5).astype(int)


def trask_errors(alpha, steps=60_000, report_every=10_000, seed=1):
    """The classic 3-4-1 XOR network without bias units, for a learning rate alpha.

    Returns the mean absolute output error every `report_every` steps,
    measured before that step's update.
    """
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
            errors.append(float(np.mean(np.abs(err))))
        d2 = err * l2 * (1 - l2)
        d1 = (d2 @ syn1.T) * l1 * (1 - l1)
        syn1 -= alpha * l1.T @ d2
        syn0 -= alpha * X.T @ d1
    return errors
