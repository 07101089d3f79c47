"""The self-checks' inputs and known answers, per exercise function.

Every expected value is a number worked out by hand or published with the
course (df(2) = -4, sigmoid(0) = 0.5, the gradient-descent figures), not
the output of anyone's implementation.
"""

import math

import numpy as np

MISSING = object()
A = np.array


def _show(value):
    if isinstance(value, np.generic):
        return repr(value.item())
    if isinstance(value, np.ndarray):
        return f"array({value.tolist()!r}), shape {value.shape}"
    if isinstance(value, (list, tuple)) and len(value) > 8:
        return f"a {type(value).__name__} of {len(value)}: {_show(type(value)(value[:3]))[:-1]}, ...]"
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, tuple):
        return "(" + ", ".join(_show(v) for v in value) + ")"
    return repr(value)


def same(got, want, tol):
    """Numbers within tol (relative, absolute near 0), containers entry by entry."""
    if isinstance(want, (list, tuple)):
        return (isinstance(got, (list, tuple, np.ndarray)) and len(got) == len(want)
                and all(same(g, w, tol) for g, w in zip(got, want)))
    if isinstance(want, np.ndarray):
        try:
            got = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return False
        return got.shape == want.shape and bool(np.allclose(got, want, rtol=tol, atol=tol))
    try:
        return abs(float(got) - want) <= tol * max(1.0, abs(want))
    except (TypeError, ValueError):
        return False


class Case:
    """One call and what its result must satisfy.

    pick=(label, f) compares f(result) instead of the whole result;
    rule=(wanted, predicate) checks a property in place of (or besides) expect.
    """

    def __init__(self, *args, expect=MISSING, tol=1e-9, pick=None, rule=None, call=None, **kwargs):
        self.args, self.kwargs = args, kwargs
        self.expect, self.tol, self.pick, self.rule, self.call = expect, tol, pick, rule, call

    def shown(self, name):
        if self.call:
            return self.call
        parts = [f"np.array({a.tolist()!r})" if isinstance(a, np.ndarray) else repr(a)
                 for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"{name}({', '.join(parts)})"

    def judge(self, result):
        label, value = "the result", result
        if self.pick:
            label = self.pick[0]
            try:
                value = self.pick[1](result)
            except Exception as exc:  # wrong type or shape: say what came back
                return f"  could not read {label} from the result {_show(result)} ({type(exc).__name__}: {exc})"
        if self.rule:
            wanted, predicate = self.rule
            try:
                ok = predicate(value)
            except Exception:  # a value of the wrong kind fails the rule
                ok = False
            if not ok:
                return f"  expected {label} to be {wanted}\n  got:      {_show(value)}"
        if self.expect is not MISSING and not same(value, self.expect, self.tol):
            return f"  expected {label}: {_show(self.expect)}\n  got:      {_show(value)}"
        return ""


def constant_factor(got, want):
    """A note when got is one simple constant times want (at least two non-zero values agree on it)."""
    try:
        g, w = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    except (TypeError, ValueError):
        return ""
    if g.shape != w.shape or not np.all(np.isfinite(g)) or np.any((w == 0) != (g == 0)):
        return ""
    ratios = g[w != 0] / w[w != 0]
    if ratios.size < 2:
        return ""
    k = float(ratios[0])
    if not np.allclose(ratios, k, rtol=1e-9, atol=0) or np.isclose(k, 1):
        return ""
    for denominator in range(1, 9):
        numerator = round(k * denominator)
        if numerator and abs(numerator / denominator - k) <= 1e-9 * abs(k) and abs(numerator) <= 16:
            shown = str(numerator) if denominator == 1 else f"{numerator}/{denominator}"
            return f"\n  (every answer is exactly {shown} times the expected one: a factor is missing or extra)"
    return ""


def _sympy_at(point, exact):
    """(wanted, predicate): the expression equals `exact` (a string) at `point`."""
    import sympy

    def predicate(expr):
        symbol, = expr.free_symbols
        return sympy.simplify(expr.subs(symbol, point) - sympy.sympify(exact)) == 0
    return f"exactly {exact} at {point}", predicate


def _symbol_named(name):
    return (f"a SymPy expression in the one symbol {name}",
            lambda expr: {s.name for s in expr.free_symbols} == {name})


def _exact_list(values):
    import sympy
    return (f"a list of exact SymPy numbers {values}",
            lambda r: isinstance(r, list) and all(isinstance(v, sympy.Rational) for v in r)
            and r == [sympy.Rational(v) for v in values])


class Yours:
    """An argument that is one of your own functions, such as your df from problem set 1."""

    def __init__(self, module, name):
        self.module, self.name = module, name

    def __repr__(self):
        return self.name


S1, S2, S25 = 0.7310585786300049, 0.8807970779778823, 0.9241418199787566  # sigmoid(1), (2), (2.5)


CASES = {
    # ps1_derivatives
    "f": [Case(0, expect=2), Case(2, expect=-6), Case(3.0, expect=2), Case(A([0.0, 1.0, 2.0]), expect=A([2.0, 0.0, -6.0]))],
    "df": [Case(2, expect=-4), Case(1, expect=-5), Case(0, expect=0), Case(A([2.0, 2.25]), expect=A([-4.0, 0.0]))],
    "parabola": [Case(3, expect=0), Case(1, expect=4), Case(A([0.0, 5.0]), expect=A([9.0, 4.0]))],
    "dparabola": [Case(3, expect=0), Case(1, expect=-4), Case(A([0.0, 5.0]), expect=A([-6.0, 4.0]))],
    "sigmoid": [
        Case(0, expect=0.5), Case(2, expect=S2), Case(-2, expect=1 - S2),
        Case(A([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]), expect=A([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]])),
        Case(A([-1000.0, 0.0, 1000.0]), expect=A([0.0, 0.5, 1.0]), tol=1e-12),
    ],
    "sigmoid_derivative": [Case(0.5, expect=0.25), Case(S2, expect=S2 * (1 - S2)), Case(A([0.0, 1.0]), expect=A([0.0, 0.0]))],
    "numerical_derivative": [
        Case(lambda x: x**2, 3.0, expect=6.0, tol=1e-6, call="numerical_derivative(lambda x: x**2, 3.0)"),
        Case(lambda x: x**3, 1.0, h=0.1, expect=3.01, tol=1e-9, call="numerical_derivative(lambda x: x**3, 1.0, h=0.1)"),
        Case(lambda x: x**4 - 3 * x**3 + 2, 2.0, expect=-4.0, tol=1e-6, call="numerical_derivative(f, 2.0)"),
        Case(lambda x: x**2, A([1.0, -2.0]), expect=A([2.0, -4.0]), tol=1e-6,
             call="numerical_derivative(lambda x: x**2, np.array([1.0, -2.0]))  # an array x"),
    ],
    "f_prime_expr": [
        Case(rule=_symbol_named("x")),
        Case(pick=("the expression", lambda e: e), rule=_sympy_at(2, "-4")),
        Case(pick=("the expression", lambda e: e), rule=_sympy_at(3, "27")),
    ],
    "sigmoid_prime_expr": [
        Case(rule=_symbol_named("z")),
        Case(pick=("the expression", lambda e: e), rule=_sympy_at(0, "1/4")),
        Case(pick=("the expression", lambda e: e), rule=_sympy_at("log(3)", "3/16")),
        Case(pick=("its value at z = 2", lambda e: float(e.subs(next(iter(e.free_symbols)), 2))),
             expect=S2 * (1 - S2)),
    ],
    "critical_points": [Case(rule=_exact_list([0, "9/4"]))],
    # ps2_gradient_descent
    # ps3_cost_functions
    # ps4_backprop
}

MODULES = {
    "derivatives": ["f", "df", "parabola", "dparabola", "sigmoid", "sigmoid_derivative",
                    "numerical_derivative", "f_prime_expr", "sigmoid_prime_expr", "critical_points"],
}
