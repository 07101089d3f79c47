"""Problem set 1: derivatives by hand, by numbers and by SymPy.

Replace each `raise NotImplementedError(...)` with your code; run
`python selfcheck.py` in this folder to check your work so far.
"""

import numpy as np
import sympy


def f(x):
    """The quartic the problem set studies: x**4 - 3*x**3 + 2.

    x: a float or an ndarray (evaluated elementwise). Returns the same kind.
    """
    raise NotImplementedError("f is not written yet")


def df(x):
    """Derivative of f, worked out with the power rule.

    x: a float or an ndarray (elementwise). Returns 4x^3 - 9x^2, the same kind.
    """
    raise NotImplementedError("df is not written yet")


def parabola(x):
    """A parabola with its minimum at x = 3.

    x: a float or an ndarray (elementwise). Returns (x - 3)^2.
    """
    raise NotImplementedError("parabola is not written yet")


def dparabola(x):
    """Derivative of the parabola (chain rule on the square).

    x: a float or an ndarray (elementwise). Returns the slope of (x - 3)^2 at x.
    """
    raise NotImplementedError("dparabola is not written yet")


def sigmoid(z):
    """Logistic function 1 / (1 + e^-z), elementwise.

    exp(-z) overflows for very negative z; the result still rounds to 0,
    so the overflow warning is silenced instead of splitting the formula.

    z: a float or an ndarray of any shape. Returns float64 values in [0, 1] of the
    same shape, finite for abs(z) up to 1000.
    """
    raise NotImplementedError("sigmoid is not written yet")


def sigmoid_derivative(s):
    """Slope of the sigmoid, written in terms of its output s = sigmoid(z).

    s: a sigmoid OUTPUT (a float or ndarray with values in [0, 1]), not the
    pre-activation z. Returns s * (1 - s), elementwise.
    """
    raise NotImplementedError("sigmoid_derivative is not written yet")


def numerical_derivative(func, x, h=1e-5):
    """Central difference: the secant through x - h and x + h.

    func: a function of one float; x: where to take the slope; h: the step.
    Returns the central difference (func(x + h) - func(x - h)) / (2h).
    """
    raise NotImplementedError("numerical_derivative is not written yet")


def f_prime_expr():
    """The derivative of f as a SymPy expression in x.

    Returns a SymPy expression in the plain symbol sympy.Symbol('x').
    """
    raise NotImplementedError("f_prime_expr is not written yet")


def sigmoid_prime_expr():
    """d/dz of the sigmoid as a SymPy expression in z.

    Returns a SymPy expression in the plain symbol sympy.Symbol('z'). Any form
    equivalent to the derivative is right.
    """
    raise NotImplementedError("sigmoid_prime_expr is not written yet")


def critical_points():
    """The real x where f'(x) = 0, sorted, as exact SymPy numbers.

    Returns a Python list of exact SymPy numbers (a float such as 2.25 is not
    exact), smallest first.
    """
    raise NotImplementedError("critical_points is not written yet")
