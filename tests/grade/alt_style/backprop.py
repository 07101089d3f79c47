"""A correct submission in another style: per-example backprop accumulated in loops."""
import numpy as np


def sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))


def cross_entropy(y_hat, y):
    y_hat, y = np.asarray(y_hat, float), np.asarray(y, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y == 1, -np.log(y_hat), 0.0) + np.where(y == 0, -np.log(1 - y_hat), 0.0)
    return float(terms.mean())


def add_bias(A):
    A = np.atleast_2d(np.asarray(A, dtype=float))
    out = np.ones((A.shape[0], A.shape[1] + 1))
    out[:, :-1] = A
    return out


def forward(X, theta1, theta2):
    a1 = add_bias(X)
    a2 = add_bias(sigmoid(np.dot(a1, theta1)))
    return a1, a2, sigmoid(np.dot(a2, theta2))


def backward(X, y, theta1, theta2):
    theta1, theta2 = np.asarray(theta1, float), np.asarray(theta2, float)
    X, y = np.asarray(X, float), np.asarray(y, float)
    g1, g2 = np.zeros_like(theta1), np.zeros_like(theta2)
    for i in range(X.shape[0]):
        a1, a2, a3 = forward(X[i:i + 1], theta1, theta2)
        d3 = a3 - y[i:i + 1]
        g2 += np.outer(a2, d3)
        hidden = a2[:, :-1]
        d2 = d3.dot(theta2[:-1].T) * hidden * (1 - hidden)
        g1 += np.outer(a1, d2)
    return g1 / X.shape[0], g2 / X.shape[0]


def numerical_gradient(cost, theta, eps=1e-5):
    theta = np.asarray(theta, float)
    grad = np.empty(theta.shape)
    flat = grad.reshape(-1)
    for k in range(theta.size):
        step = np.zeros(theta.size)
        step[k] = eps
        step = step.reshape(theta.shape)
        flat[k] = (cost(theta + step) - cost(theta - step)) / (2 * eps)
    return grad


def train(X, y, theta1, theta2, learning_rate, epochs):
    t1, t2 = np.array(theta1, float), np.array(theta2, float)
    costs = []
    for epoch in range(epochs + 1):
        costs.append(cross_entropy(forward(X, t1, t2)[2], y))
        if epoch == epochs:
            break
        g1, g2 = backward(X, y, t1, t2)
        t1 = t1 - learning_rate * g1
        t2 = t2 - learning_rate * g2
    return t1, t2, costs


def predict(X, theta1, theta2):
    out = forward(X, theta1, theta2)[2]
    return np.where(out >= 0.5, 1, 0)


def trask_errors(alpha, steps=60_000, report_every=10_000, seed=1):
    X = np.array([[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]], dtype=float)
    y = np.array([[0, 1, 1, 0]], dtype=float).T
    np.random.seed(seed)
    syn0 = 2 * np.random.random((3, 4)) - 1
    syn1 = 2 * np.random.random((4, 1)) - 1
    errors = []
    for j in range(steps):
        l1 = 1 / (1 + np.exp(-(X.dot(syn0))))
        l2 = 1 / (1 + np.exp(-(l1.dot(syn1))))
        l2_error = l2 - y
        if j % report_every == 0:
            errors.append(np.mean(np.abs(l2_error)))
        l2_delta = l2_error * (l2 * (1 - l2))
        l1_delta = l2_delta.dot(syn1.T) * (l1 * (1 - l1))
        syn1 -= alpha * l1.T.dot(l2_delta)
        syn0 -= alpha * X.T.dot(l1_delta)
    return errors
