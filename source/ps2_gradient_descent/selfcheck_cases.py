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


class Yours:
    """An argument that is one of your own functions, such as your df from problem set 1."""

    def __init__(self, module, name):
        self.module, self.name = module, name

    def __repr__(self):
        return self.name


DPARABOLA, DF = Yours("derivatives", "dparabola"), Yours("derivatives", "df")


GD_CALL = "gradient_descent(dparabola, 1, 0.05, 25)"
is_list = ("a Python list", lambda r: isinstance(r, list))


CASES = {
    # ps1_derivatives
    "df": [Case(2, expect=-4), Case(1, expect=-5), Case(0, expect=0), Case(A([2.0, 2.25]), expect=A([-4.0, 0.0]))],
    "dparabola": [Case(3, expect=0), Case(1, expect=-4), Case(A([0.0, 5.0]), expect=A([-6.0, 4.0]))],
    # ps2_gradient_descent
    "gradient_descent": [
        Case(DPARABOLA, 1, 0.05, 25, call=GD_CALL, rule=is_list),
        Case(DPARABOLA, 1, 0.05, 25, call=GD_CALL, pick=("the number of iterates", len), expect=26),
        Case(DPARABOLA, 1, 0.05, 25, call=GD_CALL, pick=("the first four iterates", lambda r: list(r[:4])),
             expect=[1, 1.2, 1.38, 1.542], tol=1e-12),
        Case(DPARABOLA, 1, 0.05, 25, call=GD_CALL, pick=("the last iterate", lambda r: r[-1]),
             expect=2.8564204024616293, tol=1e-12),
        Case(DPARABOLA, A([1.0, 5.0]), 0.05, 25, call="gradient_descent(dparabola, np.array([1.0, 5.0]), 0.05, 25)",
             pick=("the last iterate", lambda r: r[-1]), expect=A([2.8564204024616293, 3.1435795975383707]), tol=1e-12),
        Case(DPARABOLA, 1.0, 0.05, 0, call="gradient_descent(dparabola, 1.0, 0.05, 0)", expect=[1.0]),
    ],
    "minimize": [
        Case(DF, 4, 0.01, 1e-5, call="minimize(df, 4, 0.01, 1e-5)", expect=(2.2500325268933734, 42), tol=1e-12),
        Case(lambda x: 1.0, 0.0, 0.1, 1e-5, max_iters=7, call="minimize(lambda x: 1.0, 0.0, 0.1, 1e-5, max_iters=7)",
             expect=(-0.7, 7)),
        Case(lambda x: 2 * x, 1.0, 1.5, 1e-5, call="minimize(lambda x: 2 * x, 1.0, 1.5, 1e-5)  # diverges",
             pick=("(x is finite, steps)", lambda r: (bool(np.isfinite(r[0])), r[1])), expect=(False, 1024)),
        # Steps of 0.5 then exactly 0.25 (both exact in binary): a step of at most precision stops it.
        Case(lambda x: 2 * x - 4, 3.0, 0.25, 0.25, call="minimize(lambda x: 2 * x - 4, 3.0, 0.25, 0.25)",
             expect=(2.25, 2)),
    ],
    # ps3_cost_functions
    # ps4_backprop
}

MODULES = {
    "gradient_descent": ["gradient_descent", "minimize"],
}
