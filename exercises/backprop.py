"""Problem set 4: backpropagation through a 2-3-1 sigmoid network on XOR.

Replace each `raise NotImplementedError(...)` with your code; run
`python selfcheck.py` in this folder to check your work so far.
"""

import numpy as np

from cost_functions import cross_entropy
from derivatives import sigmoid


def add_bias(A):
    """Append a column of ones: the bias unit comes last.

    A: shape (m, k). Returns a new float array of shape (m, k + 1) whose last
    column is all ones.
    """
    raise NotImplementedError("add_bias is not written yet")


def forward(X, theta1, theta2):
    """Activations of every layer: (a1, a2, a3), with bias units in a1 and a2.

    X: (m, n_in); theta1: (n_in + 1, n_hidden); theta2: (n_hidden + 1, 1).
    Returns (a1, a2, a3) of shapes (m, n_in + 1), (m, n_hidden + 1), (m, 1):
    the input with its bias column, the hidden activations with theirs, and the
    output.
    """
    raise NotImplementedError("forward is not written yet")


def backward(X, y, theta1, theta2):
    """Gradients of the mean cross-entropy with respect to theta1 and theta2.

    With cross-entropy on a sigmoid output the output error is simply a3 - y.
    The bias unit of the hidden layer has no incoming weights, so its column
    is dropped before the error flows further back.

    X: (m, n_in); y: (m, 1). Returns (grad1, grad2) with the shapes of theta1 and
    theta2: the gradients of the mean cross-entropy of the network's output.
    """
    raise NotImplementedError("backward is not written yet")


def numerical_gradient(cost, theta, eps=1e-5):
    """Central differences of cost(theta), one entry at a time, on a copy.

    cost: a function of an array shaped like theta, returning a float.
    Returns an array shaped like theta. theta must be unchanged afterwards.
    """
    raise NotImplementedError("numerical_gradient is not written yet")


def train(X, y, theta1, theta2, learning_rate, epochs):
    """Full-batch gradient descent with backward; costs has epochs + 1 entries.

    Returns (theta1, theta2, costs): the trained weights and a list of
    epochs + 1 cross-entropy costs, the cost before any update first. The
    arrays passed in are not modified.
    """
    raise NotImplementedError("train is not written yet")


def predict(X, theta1, theta2):
    """Class 1 where the network's output is at least one half.

    Returns an int array of shape (m, 1): 1 where the output is at least 0.5.
    """
    raise NotImplementedError("predict is not written yet")


def trask_errors(alpha, steps=60_000, report_every=10_000, seed=1):
    """The classic 3-4-1 XOR network without bias units, for a learning rate alpha.

    Returns the mean absolute output error every `report_every` steps,
    measured before that step's update.

    Returns a list of floats: the mean absolute error at steps 0, report_every,
    2 * report_every, ... (below `steps`), each measured before that step's
    update. The recipe; the published errors depend on following it exactly:
    X has the rows [0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1] and y is the
    column [0, 1, 1, 0]. Seed NumPy's global generator with `seed`
    (np.random.seed), then draw syn0, shape (3, 4), and after it syn1, shape
    (4, 1), each as 2 * np.random.random(shape) - 1. Each step, writing A·B for
    a matrix product, Aᵀ for a transpose and * for elementwise products:
        l1 = sigmoid(X·syn0), l2 = sigmoid(l1·syn1), err = l2 - y;
        when step % report_every == 0, record mean(|err|);
        d2 = err * l2(1 - l2), d1 = (d2·syn1ᵀ) * l1(1 - l1);
        syn1 -= alpha * l1ᵀ·d2, then syn0 -= alpha * Xᵀ·d1.
    """
    raise NotImplementedError("trask_errors is not written yet")
