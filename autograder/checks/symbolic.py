"""Judging SymPy answers by meaning, not by spelling.

Two expressions are the same answer when ``simplify(a - b) == 0``; when
simplify cannot tell (or the expression is too big to simplify cheaply), the
answer is evaluated at seeded random points instead.  Symbols are matched by
name, so an answer built on ``Symbol('x', real=True)`` still counts.  No
student expression is ever turned into code (no lambdify, no eval): numeric
evaluation goes through ``evalf``.
"""

from __future__ import annotations

import numpy as np
import sympy

from autograder.checks.compare import Expect
from autograder.checks.show import describe_type, show

MAX_OPS = 80           # above this, simplify could take seconds: go numeric
MAX_SIZE = 5000        # above this, not even evalf is worth it: no answer here is that long
POINTS = 9


class Symbolic(Expect):
    """A SymPy expression in one variable, judged by equivalence."""

    def __init__(self, expr, variable: str, domain=(-3.0, 3.0)):
        self.value, self.variable, self.domain = expr, variable, domain

    def problem(self, got):
        return expression_problem(got, self.value, self.variable, self.domain)

    def shown(self):
        return f"{self.value} (or any equivalent expression)"


def by_name(expr):
    """The same expression over plain symbols (assumptions dropped, names kept)."""
    mapping = {s: sympy.Symbol(s.name) for s in expr.free_symbols if isinstance(s, sympy.Symbol)}
    return expr.xreplace(mapping) if mapping else expr


def expression_problem(got, expected, variable: str, domain=(-3.0, 3.0)) -> str | None:
    """None when ``got`` is a SymPy expression equivalent to ``expected``."""
    if isinstance(got, str):
        return ("it returned the text " + show(got, 80) + ", not a SymPy expression: build it from "
                f"sympy.Symbol('{variable}') and SymPy functions")
    if not isinstance(got, sympy.Basic):
        return f"it returned {describe_type(got)}, expected a SymPy expression in {variable}"
    try:
        key = sympy.srepr(got)
    except Exception:
        return "the returned SymPy object could not be read"
    return _expression_problem(key, got, sympy.srepr(expected), expected, variable, domain)


# Most students give one of a handful of answers: judge each only once.
_MEMO: dict = {}


def _expression_problem(key, got, expected_key, expected, variable, domain):
    cache_key = (key, expected_key, variable, domain)
    if cache_key in _MEMO:
        return _MEMO[cache_key]
    answer = _judge(got, expected, variable, domain)
    if len(_MEMO) > 512:
        _MEMO.clear()
    _MEMO[cache_key] = answer
    return answer


def _judge(got, expected, variable, domain):
    if sympy.count_ops(got) > MAX_SIZE:
        return f"the expression is far too large ({sympy.count_ops(got)} operations) to be the derivative asked for"
    if got.has(sympy.Derivative) or got.has(sympy.Integral):
        got = got.doit()
    got = by_name(got)
    names = {s.name for s in got.free_symbols}
    if names - {variable}:
        other = ", ".join(sorted(names - {variable}))
        return f"it uses the symbol(s) {other}; the answer should be an expression in {variable} only"
    var = sympy.Symbol(variable)
    if _simplifies_to_zero(got - expected):
        return None
    return _numeric_problem(got, expected, var, domain)


def _simplifies_to_zero(diff) -> bool:
    try:
        if sympy.count_ops(diff) > MAX_OPS:
            return False
        return sympy.simplify(diff) == 0
    except Exception:
        return False


def _numeric_problem(got, expected, var, domain):
    rng = np.random.default_rng(20240611)
    points = np.round(rng.uniform(domain[0], domain[1], POINTS), 3)
    for p in points:
        want = _value(expected, var, p)
        have = _value(got, var, p)
        if have is None:
            return f"it cannot be evaluated at {var} = {p} (it should be a number there)"
        if abs(have - want) > 1e-9 * (1 + abs(want)):
            return f"it is not equivalent to the right answer: at {var} = {p} it gives {_fmt(have)}, expected {_fmt(want)}"
    return None


def _value(expr, var, point):
    try:
        out = complex(expr.evalf(30, subs={var: sympy.Float(float(point), 30)}))
    except Exception:
        return None
    return out if np.isfinite(out.real) and np.isfinite(out.imag) else None


def _fmt(c: complex) -> str:
    return f"{c.real:.6g}" if abs(c.imag) < 1e-12 else f"{c:.6g}"


def exact_number_problem(item) -> str | None:
    """None when ``item`` is an exact number (SymPy Integer/Rational/algebraic or an int)."""
    if isinstance(item, (bool, np.bool_)):
        return f"{item!r} is a boolean, not a number"
    if isinstance(item, (int, np.integer)):
        return None
    if isinstance(item, (float, np.floating)):
        return (f"{item!r} is a float, which is not exact (a float cannot hold every number, e.g. 1/3); "
                "keep SymPy's exact roots, e.g. sympy.Rational(9, 4)")
    if not isinstance(item, sympy.Basic):
        return f"{show(item, 60)} is {describe_type(item)}, not a SymPy number"
    if item.has(sympy.Float):
        return (f"{item} is a SymPy Float, which is not exact; keep SymPy's exact roots "
                "(sympy.solve returns them), e.g. sympy.Rational(9, 4)")
    if item.free_symbols:
        return f"{item} still contains a symbol"
    if not item.is_number:
        return f"{item} is not a number"
    return None
