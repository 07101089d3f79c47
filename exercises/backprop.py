"""Problem set 4: backpropagation through a 2-3-1 sigmoid network on XOR.

Replace each `raise NotImplementedError(...)` with your code; run
`python selfcheck.py` in this folder to check your work so far.
"""

import numpy as np

from cost_functions import cross_entropy
from derivatives import sigmoid


def add_bias(A):
    """Appends a column of ones to A, as its last column.

    A has shape (m, k); returns a new float array of shape (m, k + 1).
    """
    raise NotImplementedError("add_bias is not written yet")


def forward(X, theta1, theta2):
    """Runs the network on X and returns the activations (a1, a2, a3).

    a1 is X with a bias column of ones appended last; a2 holds the hidden
    units' sigmoid activations, again with a bias column last; a3 is the
    sigmoid output. The layer sizes may be anything: X has shape (m, n_in),
    theta1 shape (n_in + 1, n_hidden) and theta2 shape (n_hidden + 1, 1), and
    the activations have shapes (m, n_in + 1), (m, n_hidden + 1) and (m, 1).
    """
    raise NotImplementedError("forward is not written yet")


def backward(X, y, theta1, theta2):
    """The gradients of the cost with respect to theta1 and theta2.

    The cost is cross_entropy(a3, y), the mean over the m examples. Returns
    (grad1, grad2), shaped like theta1 and theta2, for networks of any layer
    sizes (n_in inputs, n_hidden hidden units, one output). X, y, theta1 and
    theta2 must be left unchanged.
    """
    raise NotImplementedError("backward is not written yet")


def numerical_gradient(cost, theta, eps=1e-5):
    """Estimates the gradient of cost at theta by central differences.

    cost takes an array shaped like theta and returns a float. Nudge one
    entry of theta at a time by eps in each direction. theta may have any
    shape, 1-D included; returns an array of that shape. Afterwards theta
    must be exactly as it was, bit for bit (adding eps and then subtracting
    it does not always give back the same float).
    """
    raise NotImplementedError("numerical_gradient is not written yet")


def train(X, y, theta1, theta2, learning_rate, epochs):
    """Trains the network by full-batch gradient descent with backward.

    Returns (theta1, theta2, costs): the weights after epochs updates and a
    list of epochs + 1 costs (cross_entropy of the output), the cost before
    any update first. theta1 and theta2 must be left unchanged. From a
    reasonable random start, training on the four XOR rows learns XOR.
    """
    raise NotImplementedError("train is not written yet")


def predict(X, theta1, theta2):
    """The network's class for every example of X.

    Returns an int array of shape (m, 1): 1 where the output a3 is at least
    0.5 (exactly 0.5 included), 0 elsewhere.
    """
    raise NotImplementedError("predict is not written yet")


def trask_errors(alpha, steps=60_000, report_every=10_000, seed=1):
    """The classic 3-4-1 XOR experiment for the learning rate alpha.

    Returns a list of floats: the mean absolute error at steps 0, report_every,
    2 * report_every, ... (below steps), each measured before that step's
    update. The published errors depend on following this recipe exactly.
    X has the rows [0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1] and y is the
    column [0, 1, 1, 0]. Seed NumPy's global generator with seed
    (np.random.seed), then draw syn0, shape (3, 4), and after it syn1, shape
    (4, 1), each as 2 * np.random.random(shape) - 1. Each step, writing A·B for
    a matrix product, Aᵀ for a transpose and * for elementwise products:
        l1 = sigmoid(X·syn0), l2 = sigmoid(l1·syn1), err = l2 - y;
        when step % report_every == 0, record mean(|err|);
        d2 = err * l2(1 - l2), d1 = (d2·syn1ᵀ) * l1(1 - l1);
        syn1 -= alpha * l1ᵀ·d2, then syn0 -= alpha * Xᵀ·d1.
    """
    raise NotImplementedError("trask_errors is not written yet")
