"""Problem set 1: derivatives by hand, by numbers and by SymPy.

Replace each `raise NotImplementedError(...)` with your code; run
`python selfcheck.py` in this folder to check your work so far.
"""

import numpy as np
import sympy


def f(x):
    """The quartic this problem set studies: f(x) = x^4 - 3x^3 + 2.

    x may be a float or an ndarray of any shape. An array is evaluated entry
    by entry and gives an array of the same shape.
    """
    raise NotImplementedError("f is not written yet")


def df(x):
    """The derivative f'(x) of the quartic f, worked out by hand.

    x may be a float or an ndarray of any shape. An array is evaluated entry
    by entry and gives an array of the same shape.
    """
    raise NotImplementedError("df is not written yet")


def parabola(x):
    """The parabola (x - 3)^2, whose minimum is at x = 3.

    x may be a float or an ndarray of any shape. An array is evaluated entry
    by entry and gives an array of the same shape.
    """
    raise NotImplementedError("parabola is not written yet")


def dparabola(x):
    """The slope of the parabola at x, worked out by hand.

    x may be a float or an ndarray of any shape. An array is evaluated entry
    by entry and gives an array of the same shape.
    """
    raise NotImplementedError("dparabola is not written yet")


def sigmoid(z):
    """The logistic sigmoid 1 / (1 + e^(-z)).

    z may be a float or an ndarray of any shape. An array is evaluated entry
    by entry and gives an array of the same shape. The values must be right
    and finite for every z with abs(z) up to 1000.
    """
    raise NotImplementedError("sigmoid is not written yet")


def sigmoid_derivative(s):
    """The slope d sigmoid / dz, computed from the sigmoid's OUTPUT s.

    The argument s = sigmoid(z) is a value in [0, 1], not z itself: express
    the slope at that z through s alone. s may be a float or an ndarray of
    any shape (0 and 1 included), evaluated entry by entry.
    """
    raise NotImplementedError("sigmoid_derivative is not written yet")


def numerical_derivative(func, x, h=1e-5):
    """Estimates the slope of func at x by a central difference with step h.

    Use the two points x - h and x + h, and the h you are given. x may also
    be an ndarray: func then takes the whole array at once (it works entry by
    entry), and the estimate is an array of the same shape.
    """
    raise NotImplementedError("numerical_derivative is not written yet")


def f_prime_expr():
    """The derivative of f as a SymPy expression.

    Build it on the plain symbol sympy.Symbol('x'). It is judged by meaning,
    so any expression equivalent to f'(x) is right.
    """
    raise NotImplementedError("f_prime_expr is not written yet")


def sigmoid_prime_expr():
    """The derivative of the sigmoid with respect to z, as a SymPy expression.

    Build it on the plain symbol sympy.Symbol('z'). It is judged by meaning,
    so any expression equivalent to the derivative is right.
    """
    raise NotImplementedError("sigmoid_prime_expr is not written yet")


def critical_points():
    """The real x where f'(x) = 0.

    Return them as a Python list, smallest first, each point once. Each must
    be an exact SymPy number: a float such as 2.25 is not exact.
    """
    raise NotImplementedError("critical_points is not written yet")
