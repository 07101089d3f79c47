"""SymPy answers are judged by meaning, with symbols matched by name."""

import numpy as np
import sympy
from hypothesis import given, settings, strategies as st

from autograder.checks import symbolic
from autograder.checks.symbolic import Symbolic, exact_number_problem, expression_problem
from autograder.sandbox import codec

x = sympy.Symbol("x")
z = sympy.Symbol("z")
F_PRIME = 4 * x**3 - 9 * x**2
SIGMA_PRIME = sympy.exp(-z) / (1 + sympy.exp(-z)) ** 2


def test_equivalent_forms_pass():
    xr = sympy.Symbol("x", real=True)
    for form in (F_PRIME, x**2 * (4 * x - 9), sympy.diff(xr**4 - 3 * xr**3 + 2, xr), sympy.factor(F_PRIME),
                 sympy.Derivative(x**4 - 3 * x**3 + 2, x)):
        assert expression_problem(form, F_PRIME, "x") is None, form
    s = 1 / (1 + sympy.exp(-z))
    zp = sympy.Symbol("z", positive=True)
    for form in (s * (1 - s), sympy.exp(z) / (1 + sympy.exp(z)) ** 2, 1 / (4 * sympy.cosh(zp / 2) ** 2)):
        assert expression_problem(form, SIGMA_PRIME, "z", (-6.0, 6.0)) is None, form


def test_answers_that_crossed_the_sandbox_boundary_still_pass():
    xr = sympy.Symbol("x", real=True)
    sent = codec.loads(codec.dumps(4 * xr**3 - 9 * xr**2))
    assert Symbolic(F_PRIME, "x").problem(sent) is None


def test_wrong_answers_say_why():
    assert "not equivalent" in expression_problem(4 * x**3 - 9 * x, F_PRIME, "x")
    assert "uses the symbol(s) y" in expression_problem(sympy.Symbol("y") * 2, F_PRIME, "x")
    assert "not a SymPy expression" in expression_problem("4*x**3 - 9*x**2", F_PRIME, "x")
    assert "a SymPy expression in x" in expression_problem(3.0, F_PRIME, "x")
    assert "not equivalent" in expression_problem(sympy.Float(2.0) * x, F_PRIME, "x")


def test_big_expressions_skip_simplify_and_are_judged_numerically(monkeypatch):
    monkeypatch.setattr(symbolic, "MAX_OPS", 0)
    symbolic._MEMO.clear()
    assert expression_problem(x**2 * (4 * x - 9), F_PRIME, "x") is None
    assert "not equivalent" in expression_problem(x**2 * (4 * x - 8), F_PRIME, "x")
    symbolic._MEMO.clear()


@settings(max_examples=4, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=3), st.integers(1, 3))
def test_adding_zero_in_disguise_keeps_an_answer_right(coeffs, k):
    disguised = F_PRIME + sum(c * (sympy.sin(x) ** 2 + sympy.cos(x) ** 2 - 1) * x**i for i, c in enumerate(coeffs))
    assert expression_problem(disguised * k / k, F_PRIME, "x") is None


def test_exact_numbers():
    for ok in (0, np.int64(0), sympy.Integer(0), sympy.Rational(9, 4), sympy.sqrt(2)):
        assert exact_number_problem(ok) is None, ok
    assert "float" in exact_number_problem(2.25)
    assert "SymPy Float" in exact_number_problem(sympy.Float(2.25))
    assert "symbol" in exact_number_problem(x + 1)
    assert "boolean" in exact_number_problem(True)
