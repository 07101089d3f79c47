"""Derivatives and gradients that SymPy derives from the costs themselves.

Every derivative a student writes is checked twice: against the reference
code and against what SymPy gets by differentiating the curriculum's formula
(never the reference code), so a slip shared by the reference and a student
cannot go unnoticed.  Each derivation is lambdified once per process.

A cost that is a mean over examples has the mean of the per-example
gradients as its gradient, so only the one-example cost is derived
symbolically; its lambdified gradient is evaluated on all examples at once.

The values on the hidden tests' inputs are also kept on disk between runs
(``disk_cache``): deriving and lambdifying takes a second or two per process.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import sympy

from autograder.checks.disk_cache import cached

x_sym, z_sym, y_sym = sympy.symbols("x z y")

F = x_sym**4 - 3 * x_sym**3 + 2
PARABOLA = (x_sym - 3) ** 2
SIGMOID = 1 / (1 + sympy.exp(-z_sym))


def sigmoid(z):
    return 1 / (1 + sympy.exp(-z))


def example_cost(kind: str, h, y):
    """One example's cost for output h and label y."""
    if kind == "mse":
        return (h - y) ** 2
    if kind == "cross_entropy":
        return -y * sympy.log(h) - (1 - y) * sympy.log(1 - h)
    raise ValueError(kind)


@cache
def _derivative(expr, var):
    return sympy.lambdify(var, sympy.diff(expr, var), "numpy")


@cached("sympy")
def df(x):
    """d/dx of x**4 - 3x**3 + 2."""
    return _elementwise(_derivative(F, x_sym), x)


@cached("sympy")
def dparabola(x):
    """d/dx of (x - 3)**2."""
    return _elementwise(_derivative(PARABOLA, x_sym), x)


@cached("sympy")
def sigmoid_slope_at_output(s):
    """d sigmoid / dz at the z whose sigmoid is s, i.e. z = logit(s), for 0 < s < 1."""
    s = np.asarray(s, dtype=float)
    z = np.log(s) - np.log1p(-s)
    return _elementwise(_derivative(SIGMOID, z_sym), z)


def _elementwise(fn, x):
    with np.errstate(all="ignore"):
        out = fn(np.asarray(x, dtype=float))
    out = np.broadcast_to(out, np.shape(x)).astype(float)
    return float(out) if out.ndim == 0 else out


@cache
def _neuron_gradient(kind: str, n: int):
    xs = sympy.symbols(f"x0:{n}")
    ws = sympy.symbols(f"w0:{n}")
    h = sigmoid(sum(xi * wi for xi, wi in zip(xs, ws)))
    cost = example_cost(kind, h, y_sym)
    return sympy.lambdify([*xs, y_sym, *ws], [sympy.diff(cost, w) for w in ws], "numpy", cse=True)


@cached("sympy")
def neuron_gradient(kind: str, X, y, w):
    """Gradient of the mean cost of sigmoid(X @ w) against y, shape of w."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).reshape(-1)
    w = np.asarray(w, dtype=float)
    fn = _neuron_gradient(kind, X.shape[1])
    with np.errstate(all="ignore"):
        parts = fn(*X.T, y, *w.reshape(-1))
    return np.array([np.mean(np.broadcast_to(p, y.shape)) for p in parts]).reshape(w.shape)


@cache
def _network_gradient(n_in: int, n_hidden: int):
    xs = sympy.symbols(f"x0:{n_in}")
    t1 = sympy.Matrix(n_in + 1, n_hidden, lambda i, j: sympy.Symbol(f"t1_{i}_{j}"))
    t2 = sympy.Matrix(n_hidden + 1, 1, lambda i, j: sympy.Symbol(f"t2_{i}_{j}"))
    a1 = sympy.Matrix([[*xs, 1]])                      # bias unit appended last
    hidden = a1 * t1
    a2 = sympy.Matrix([[*(sigmoid(v) for v in hidden), 1]])
    a3 = sigmoid((a2 * t2)[0, 0])
    cost = example_cost("cross_entropy", a3, y_sym)
    weights = list(t1) + list(t2)                     # row-major, as reshape expects
    grads = [sympy.diff(cost, w) for w in weights]
    return sympy.lambdify([*xs, y_sym, *weights], grads, "numpy", cse=True)


@cached("sympy")
def network_gradient(X, y, theta1, theta2):
    """(grad1, grad2) of the mean cross-entropy of the bias-last sigmoid network."""
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).reshape(-1)
    theta1 = np.asarray(theta1, dtype=float)
    theta2 = np.asarray(theta2, dtype=float)
    n_in, n_hidden = X.shape[1], theta1.shape[1]
    fn = _network_gradient(n_in, n_hidden)
    with np.errstate(all="ignore"):
        parts = fn(*X.T, y, *theta1.reshape(-1), *theta2.reshape(-1))
    flat = np.array([np.mean(np.broadcast_to(p, y.shape)) for p in parts])
    return flat[: theta1.size].reshape(theta1.shape), flat[theta1.size:].reshape(theta2.shape)
