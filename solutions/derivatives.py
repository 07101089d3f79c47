"""Problem set 1: derivatives by hand, by numbers and by SymPy."""

import numpy as np
import sympy


def f(x):
    """The quartic the problem set studies: x**4 - 3*x**3 + 2."""
    return x**4 - 3 * x**3 + 2


def df(x):
    """Derivative of f, worked out with the power rule."""
    return 4 * x**3 - 9 * x**2


def parabola(x):
    """A parabola with its minimum at x = 3."""
    return (x - 3) ** 2


def dparabola(x):
    """Derivative of the parabola (chain rule on the square)."""
    return 2 * (x - 3)


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), elementwise.

    exp(-z) overflows for very negative z; the result still rounds to 0,
    so the overflow warning is silenced instead of splitting the formula.
    """
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))


def sigmoid_derivative(s):
    """Slope of the sigmoid, written in terms of its output s = sigmoid(z)."""
    return s * (1 - s)


def numerical_derivative(func, x, h=1e-5):
    """Central difference: the secant through x - h and x + h."""
    return (func(x + h) - func(x - h)) / (2 * h)


def f_prime_expr():
    """The derivative of f as a SymPy expression in x."""
    x = sympy.Symbol("x")
    return sympy.diff(x**4 - 3 * x**3 + 2, x)


def sigmoid_prime_expr():
    """d/dz of the sigmoid as a SymPy expression in z."""
    z = sympy.Symbol("z")
    return sympy.diff(1 / (1 + sympy.exp(-z)), z)


def critical_points():
    """The real x where f'(x) = 0, sorted, as exact SymPy numbers."""
    x = sympy.Symbol("x")
    roots = sympy.solve(sympy.Eq(4 * x**3 - 9 * x**2, 0), x)
    return sorted(r for r in roots if r.is_real)
