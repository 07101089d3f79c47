"""A correct submission in another style: math module, loops, np.vectorize, sympy.solve variants."""
import math

import numpy as np
import sympy as sp


def f(x):
    return x * x * x * x - 3 * x * x * x + 2


def df(x):
    return x * x * (4 * x - 9)


def parabola(x):
    d = x - 3
    return d * d


def dparabola(x):
    return 2 * x - 6


def _scalar_sigmoid(z):
    # the numerically stable split by sign
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def sigmoid(z):
    if np.isscalar(z):
        return _scalar_sigmoid(float(z))
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    for idx in np.ndindex(z.shape):
        out[idx] = _scalar_sigmoid(z[idx])
    return out


def sigmoid_derivative(s):
    return s - s * s


def numerical_derivative(func, x, h=1e-5):
    forward = func(x + h)
    backward = func(x - h)
    return (forward - backward) / (h + h)


def f_prime_expr():
    x = sp.Symbol("x", real=True)
    return sp.expand(sp.diff(x**4 - 3 * x**3 + 2, x))


def sigmoid_prime_expr():
    z = sp.Symbol("z")
    s = 1 / (1 + sp.exp(-z))
    return s * (1 - s)


def critical_points():
    x = sp.Symbol("x")
    return sorted(set(sp.solveset(4 * x**3 - 9 * x**2, x, domain=sp.S.Reals)))
