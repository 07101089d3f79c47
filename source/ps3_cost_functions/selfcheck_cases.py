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


S1, S2, S25 = 0.7310585786300049, 0.8807970779778823, 0.9241418199787566  # sigmoid(1), (2), (2.5)
LN2 = math.log(2)
WORKED_X = A([[0.1], [0.25], [0.5], [0.75], [1.0]])
TWO_X, TWO_Y = A([[1.0, 1.0], [0.0, 1.0]]), A([[1.0], [0.0]])
SURFACE_X = A([[0.0, 1.0], [1.0, 1.0]])
WORKED = "train_neuron(X, y, np.array([[5.0]]), 0.5, {}{}) on the worked example (X = [[0.1], [0.25], [0.5], [0.75], [1.0]], y zeros)"
is_float = ("a single number", lambda r: np.ndim(r) == 0)


def first(r):
    return r[0]


def second(r):
    return r[1]


CASES = {
    # ps1_derivatives
    "sigmoid": [
        Case(0, expect=0.5), Case(2, expect=S2), Case(-2, expect=1 - S2),
        Case(A([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0]]), expect=A([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]])),
        Case(A([-1000.0, 0.0, 1000.0]), expect=A([0.0, 0.5, 1.0]), tol=1e-12),
    ],
    # ps2_gradient_descent
    # ps3_cost_functions
    "mse": [
        Case(A([[1.0], [0.0]]), A([[0.0], [0.0]]), expect=0.5, rule=is_float), Case(A([[0.5]]), A([[1.0]]), expect=0.25),
        Case(A([0.5, 1.0]), A([1.0, 1.0]), expect=0.125),
        Case(A([[1.0, 0.0], [0.0, 0.0]]), A([[0.0, 0.0], [0.0, 0.0]]), expect=0.25),  # the mean over every entry
    ],
    "cross_entropy": [
        Case(A([[0.5]]), A([[1.0]]), expect=LN2, rule=is_float),
        Case(A([[0.9], [0.2]]), A([[1.0], [0.0]]), expect=0.164252033486018),
        Case(A([[1.0], [0.0]]), A([[1.0], [0.0]]), expect=0.0),
        Case(A([0.5, 0.5]), A([1.0, 0.0]), expect=LN2),
    ],
    "neuron": [
        Case(SURFACE_X, A([[0.0], [0.0]]), expect=A([[0.5], [0.5]])),
        Case(A([[1.0, 0.0], [0.0, 1.0]]), A([[2.0], [-2.0]]), expect=A([[S2], [1 - S2]])),
    ],
    "mse_gradient": [
        Case(A([[2.0]]), A([[0.0]]), A([[0.0]]), expect=A([[0.5]])),
        Case(TWO_X, TWO_Y, A([[0.0], [0.0]]), expect=A([[-0.125], [0.0]])),
    ],
    "cross_entropy_gradient": [
        Case(A([[2.0]]), A([[0.0]]), A([[0.0]]), expect=A([[1.0]])),
        Case(TWO_X, TWO_Y, A([[0.0], [0.0]]), expect=A([[-0.25], [0.0]])),
    ],
    "train_neuron": [
        Case(WORKED_X, np.zeros((5, 1)), A([[5.0]]), 0.5, 0, call=WORKED.format(0, ""), pick=("costs", second), expect=[0.7573842217457918]),
        Case(WORKED_X, np.zeros((5, 1)), A([[5.0]]), 0.5, 1, call=WORKED.format(1, ""), pick=("w after one epoch", first), expect=A([[4.9792573512250105]])),
        Case(WORKED_X, np.zeros((5, 1)), A([[5.0]]), 0.5, 3, call=WORKED.format(3, ""), pick=("the number of costs", lambda r: len(r[1])), expect=4),
        Case(WORKED_X, np.zeros((5, 1)), A([[5.0]]), 0.5, 0, cost="cross_entropy",
             call=WORKED.format(0, ', cost="cross_entropy"'), pick=("costs", second),
             expect=[2.7669713225359183]),
        # One step downhill on the cross-entropy: w = 5 - 0.5 * (its gradient at w = 5).
        Case(WORKED_X, np.zeros((5, 1)), A([[5.0]]), 0.5, 1, cost="cross_entropy",
             call=WORKED.format(1, ', cost="cross_entropy"'), pick=("w after one epoch", first),
             expect=A([[4.7555284069953565]])),
    ],
    "cost_surface": [
        Case(SURFACE_X, TWO_Y, [0.0], [0.0, 1.0], expect=A([[0.25, 0.30338806675851815]])),
        Case(SURFACE_X, TWO_Y, [0.0, 1.0], [0.0], cost="cross_entropy", pick=("Z[0, 0]", lambda z: z[0, 0]), expect=LN2),
        Case(SURFACE_X, TWO_Y, [0.0, 1.0, 2.0], [0.0, 1.0], pick=("the shape", np.shape), expect=(3, 2)),
        # w = [[1], [0]]: the two examples get different outputs, 0.5 and sigmoid(1).
        Case(SURFACE_X, TWO_Y, [0.0, 1.0], [0.0], expect=A([[0.25], [(0.25 + S1**2) / 2]])),
    ],
    # ps4_backprop
}

MODULES = {
    "cost_functions": ["mse", "cross_entropy", "neuron", "mse_gradient", "cross_entropy_gradient",
                       "train_neuron", "cost_surface"],
}
