"""Known mistakes in problem set 1 (derivatives).

Every wrong implementation uses only names the exercise module itself
defines or imports (``np``, ``sympy``, ``sigmoid``), bound to the very same
objects, so its source can stand in for the student's function unchanged.
"""

import numpy as np
import sympy

from autograder.checks.mistakes import Mistake
from solutions.derivatives import sigmoid


def _df_constant_kept(x):
    return 4 * x**3 - 9 * x**2 + 2


def _df_coefficient_not_multiplied(x):
    return 4 * x**3 - 3 * x**2


def _dparabola_without_2(x):
    return x - 3


def _sigmoid_sign_flipped(z):
    with np.errstate(over="ignore"):
        return 1 / (1 + np.exp(np.asarray(z, dtype=float)))


def _sigmoid_exp_ratio(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / (1 + e)


def _sigmoid_of_output(s):
    return sigmoid(s) * (1 - sigmoid(s))


def _forward_difference(func, x, h=1e-5):
    return (func(x + h) - func(x)) / h


def _central_over_h(func, x, h=1e-5):
    return (func(x + h) - func(x - h)) / h


def _f_not_differentiated():
    x = sympy.Symbol("x")
    return x**4 - 3 * x**3 + 2


def _sigmoid_prime_inner_minus_lost():
    z = sympy.Symbol("z")
    return -sympy.exp(-z) / (1 + sympy.exp(-z)) ** 2


def _critical_points_as_floats():
    x = sympy.Symbol("x")
    roots = sympy.solve(4 * x**3 - 9 * x**2, x)
    return sorted(float(r) for r in roots)


def _critical_points_with_multiplicity():
    x = sympy.Symbol("x")
    return sorted(sympy.Poly(4 * x**3 - 9 * x**2, x).all_roots())


MISTAKES = [
    Mistake("df", "the constant term was kept",
            "The derivative of a constant (the + 2 in f) is 0.", _df_constant_kept),
    Mistake("df", "the power rule's factor is missing on the x**3 term",
            "The power rule turns c * x**n into c * n * x**(n - 1): the exponent multiplies the "
            "coefficient: the x**3 term gives -3 * 3 * x**2.", _df_coefficient_not_multiplied),
    Mistake("dparabola", "the factor 2 from the square is missing",
            "By the chain rule the derivative of (x - 3)**2 is 2 times (x - 3) times the derivative "
            "of x - 3 (which is 1): the 2 from the exponent stays.", _dparabola_without_2),
    Mistake("sigmoid", "the sign in the exponent is flipped",
            "The sigmoid is 1 / (1 + e^(-z)): the exponent is minus z, so sigmoid(z) grows with z.",
            _sigmoid_sign_flipped),
    Mistake("sigmoid", "e^z / (1 + e^z) gives nan for large z",
            "The two forms agree on paper, but for z above about 709 NumPy's e^z is inf and inf / inf "
            "is nan. Write it as 1 / (1 + e^(-z)): a huge denominator just gives 0, which is the "
            "right value there.", _sigmoid_exp_ratio),
    Mistake("sigmoid_derivative", "written for the pre-activation: sigmoid(s) * (1 - sigmoid(s))",
            "The argument s is already a sigmoid output, s = sigmoid(z), not z: the slope is s * (1 - s), "
            "with no further call to sigmoid.", _sigmoid_of_output),
    Mistake("numerical_derivative", "a forward difference instead of the central one",
            "Use both neighbours, x - h and x + h; the central difference is far more accurate than "
            "comparing x + h with x itself.", _forward_difference),
    Mistake("numerical_derivative", "dividing by h instead of 2h",
            "The points x - h and x + h are 2h apart, so the difference is divided by 2 * h.", _central_over_h),
    Mistake("f_prime_expr", "f itself, not its derivative",
            "The expression you return is f. Let SymPy differentiate it with respect to x "
            "(sympy.diff takes the expression and the symbol).", _f_not_differentiated),
    Mistake("sigmoid_prime_expr", "the inner derivative of e^(-z) (a factor -1) is missing",
            "By the chain rule, d/dz e^(-z) = -e^(-z). Together with the minus from differentiating "
            "1 / u, the two signs cancel and the derivative is positive everywhere.",
            _sigmoid_prime_inner_minus_lost),
    Mistake("critical_points", "floats instead of exact SymPy numbers",
            "Converting with float(...) turns 9/4 into 2.25, an approximation. Return the roots SymPy gives you "
            "(Integer and Rational objects) without converting them.", _critical_points_as_floats),
    Mistake("critical_points", "the double root 0 is listed twice",
            "The value 0 is a double root of f'(x) = 4x^3 - 9x^2, but it is one critical point: each x appears "
            "once in the list.", _critical_points_with_multiplicity),
]
