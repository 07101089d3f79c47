"""A correct submission in another style: np.matrix, per-example loops and accumulation."""
import math

import numpy as np


def sigmoid(z):
    return 0.5 * (1 + np.tanh(0.5 * np.asarray(z, dtype=float)))


def mse(y_hat, y):
    diffs = np.ravel(np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float))
    total = 0.0
    for d in diffs:
        total += d * d
    return total / len(diffs)


def cross_entropy(y_hat, y):
    y_hat = np.ravel(np.asarray(y_hat, dtype=float))
    y = np.ravel(np.asarray(y, dtype=float))
    total = 0.0
    for p, t in zip(y_hat, y):
        if t > 0:
            total -= t * math.log(p)
        if t < 1:
            total -= (1 - t) * math.log(1 - p)
    return total / len(y)


def neuron(X, w):
    return np.asarray(sigmoid(np.matrix(X) * np.matrix(w)))


def mse_gradient(X, y, w):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    m = X.shape[0]
    grad = np.zeros(np.shape(w))
    for i in range(m):
        x_i = X[i:i + 1]
        h = neuron(x_i, w)
        grad += x_i.T * (2 * (h - y[i]) * h * (1 - h))
    return grad / m


def cross_entropy_gradient(X, y, w):
    X, y = np.matrix(X, dtype=float), np.matrix(y, dtype=float)
    h = np.matrix(neuron(X, w))
    return np.asarray(X.T * (h - y) / X.shape[0])


def train_neuron(X, y, w0, learning_rate, epochs, cost="mse"):
    if cost == "mse":
        cost_fn, grad_fn = mse, mse_gradient
    elif cost == "cross_entropy":
        cost_fn, grad_fn = cross_entropy, cross_entropy_gradient
    else:
        raise ValueError(cost)
    w = np.copy(w0).astype(float)
    history = []
    for epoch in range(epochs + 1):
        history.append(cost_fn(neuron(X, w), y))
        if epoch < epochs:
            w -= learning_rate * grad_fn(X, y, w)
    return w, history


def cost_surface(X, y, w1_values, w2_values, cost="mse"):
    cost_fn = mse if cost == "mse" else cross_entropy
    rows = []
    for a in w1_values:
        rows.append([cost_fn(neuron(X, [[a], [b]]), y) for b in w2_values])
    return np.array(rows)
