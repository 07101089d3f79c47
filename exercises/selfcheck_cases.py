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


DPARABOLA, DF = Yours("derivatives", "dparabola"), Yours("derivatives", "df")


S1, S2, S25 = 0.7310585786300049, 0.8807970779778823, 0.9241418199787566  # sigmoid(1), (2), (2.5)
LN2 = math.log(2)
XOR_X = A([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = A([[0.0], [1.0], [1.0], [0.0]])
WORKED_X = A([[0.1], [0.25], [0.5], [0.75], [1.0]])
TWO_X, TWO_Y = A([[1.0, 1.0], [0.0, 1.0]]), A([[1.0], [0.0]])
SURFACE_X = A([[0.0, 1.0], [1.0, 1.0]])
START1 = A([[0.5, -0.4, 0.3], [-0.2, 0.6, -0.5], [0.1, -0.1, 0.2]])
START2 = A([[0.4], [-0.3], [0.2], [0.1]])
WORKED = "train_neuron(X, y, np.array([[5.0]]), 0.5, {}{}) on the worked example (X = [[0.1], [0.25], [0.5], [0.75], [1.0]], y zeros)"
XOR_CALL = "{}(X, y, {}) on the XOR rows, X = [[0, 0], [0, 1], [1, 0], [1, 1]], y = [[0], [1], [1], [0]]"
GD_CALL = "gradient_descent(dparabola, 1, 0.05, 25)"
is_list = ("a Python list", lambda r: isinstance(r, list))
is_float = ("a single number", lambda r: np.ndim(r) == 0)


def first(r):
    return r[0]


def second(r):
    return r[1]


def third(r):
    return r[2]


def _shapes(r):
    return [np.shape(a) for a in r]


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
    "add_bias": [Case(A([[1.0, 2.0], [3.0, 4.0]]), expect=A([[1.0, 2.0, 1.0], [3.0, 4.0, 1.0]])), Case(A([[5.0]]), expect=A([[5.0, 1.0]]))],
    "forward": [
        Case(A([[0.0, 0.0], [1.0, 1.0]]), np.zeros((3, 3)), np.zeros((4, 1)), pick=("a1", first),
             expect=A([[0.0, 0.0, 1.0], [1.0, 1.0, 1.0]])),
        Case(A([[0.0, 0.0], [1.0, 1.0]]), np.zeros((3, 3)), np.zeros((4, 1)), pick=("a2", second),
             expect=A([[0.5, 0.5, 0.5, 1.0], [0.5, 0.5, 0.5, 1.0]])),
        Case(A([[0.0, 0.0]]), np.zeros((3, 3)), np.ones((4, 1)), pick=("a3", third), expect=A([[S25]])),
        Case(np.zeros((2, 3)), np.zeros((4, 4)), np.zeros((5, 1)), pick=("the shapes of (a1, a2, a3)", _shapes),
             expect=[(2, 4), (2, 5), (2, 1)], call="forward(np.zeros((2, 3)), np.zeros((4, 4)), np.zeros((5, 1)))"),
    ],
    "backward": [
        Case(A([[0.0, 0.0]]), A([[1.0]]), np.zeros((3, 3)), np.ones((4, 1)), pick=("grad2", second),
             expect=A([[(S25 - 1) / 2]] * 3 + [[S25 - 1]])),
        Case(A([[0.0, 0.0]]), A([[1.0]]), np.zeros((3, 3)), np.ones((4, 1)), pick=("grad1", first),
             expect=A([[0.0] * 3, [0.0] * 3, [(S25 - 1) / 4] * 3])),
        Case(np.zeros((2, 3)), A([[0.0], [1.0]]), np.zeros((4, 2)), np.zeros((3, 1)),
             pick=("the shapes of (grad1, grad2)", _shapes), expect=[(4, 2), (3, 1)],
             call="backward(np.zeros((2, 3)), y, np.zeros((4, 2)), np.zeros((3, 1)))  # a 3-2-1 network"),
        # The first example twice: an average over examples is unchanged, a sum doubles.
        Case(A([[0.0, 0.0], [0.0, 0.0]]), A([[1.0], [1.0]]), np.zeros((3, 3)), np.ones((4, 1)), pick=("grad2", second),
             expect=A([[(S25 - 1) / 2]] * 3 + [[S25 - 1]])),
    ],
    "numerical_gradient": [
        Case(lambda t: float(np.sum(t**2)), A([[1.0, 2.0], [3.0, 4.0]]), expect=A([[2.0, 4.0], [6.0, 8.0]]), tol=1e-6,
             call="numerical_gradient(lambda t: np.sum(t**2), np.array([[1.0, 2.0], [3.0, 4.0]]))"),
        Case(lambda t: float(t[0] * t[1] + t[2]), A([1.0, 2.0, 3.0]), expect=A([2.0, 1.0, 1.0]), tol=1e-6,
             call="numerical_gradient(lambda t: t[0] * t[1] + t[2], np.array([1.0, 2.0, 3.0]))"),
    ],
    "train": [
        Case(XOR_X, XOR_Y, np.zeros((3, 3)), np.zeros((4, 1)), 1.0, 0,
             call=XOR_CALL.format("train", "np.zeros((3, 3)), np.zeros((4, 1)), 1.0, 0"), pick=("costs", third), expect=[LN2]),
        Case(XOR_X, XOR_Y, START1, START2, 1.0, 50, call=XOR_CALL.format("train", "theta1, theta2, 1.0, 50"),
             pick=("the number of costs", lambda r: len(r[2])), expect=51),
        Case(XOR_X, XOR_Y, START1, START2, 1.0, 50, call=XOR_CALL.format("train", "theta1, theta2, 1.0, 50"),
             pick=("costs", third),
             rule=("a cost that falls from the first epoch to the last", lambda c: c[-1] < c[0])),
        # One epoch from theta2 = ones: theta2 - 1.0 * grad2, worked out like backward's first case
        # (outputs sigmoid(2.5) on all four examples, two of them labelled 1).
        Case(XOR_X, XOR_Y, np.zeros((3, 3)), np.ones((4, 1)), 1.0, 1,
             call=XOR_CALL.format("train", "np.zeros((3, 3)), np.ones((4, 1)), 1.0, 1"), pick=("theta2", second),
             expect=A([[1 - (S25 - 0.5) / 2]] * 3 + [[1 - (S25 - 0.5)]])),
    ],
    "predict": [
        Case(XOR_X, np.zeros((3, 3)), np.zeros((4, 1)), expect=A([[1], [1], [1], [1]]),
             rule=("an int array (an output of exactly 0.5 counts as 1)", lambda r: r.dtype.kind == "i")),
        Case(XOR_X, np.zeros((3, 3)), A([[0.0], [0.0], [0.0], [-1.0]]), expect=A([[0], [0], [0], [0]])),
    ],
    "trask_errors": [
        Case(0.001, steps=1, expect=[0.4964100319027254], tol=1e-12),
        Case(0.001, steps=20_001, report_every=10_000, tol=1e-12,
             expect=[0.4964100319027254, 0.49516402549338606, 0.4935960431880486]),
        Case(0.001, steps=1, seed=2, pick=("the first error", first),
             rule=("different from seed 1's 0.4964100319027254 (the seed picks the starting weights)",
                   lambda e: abs(e - 0.4964100319027254) > 1e-6)),
    ],
}

MODULES = {
    "derivatives": ["f", "df", "parabola", "dparabola", "sigmoid", "sigmoid_derivative",
                    "numerical_derivative", "f_prime_expr", "sigmoid_prime_expr", "critical_points"],
    "gradient_descent": ["gradient_descent", "minimize"],
    "cost_functions": ["mse", "cross_entropy", "neuron", "mse_gradient", "cross_entropy_gradient",
                       "train_neuron", "cost_surface"],
    "backprop": ["add_bias", "forward", "backward", "numerical_gradient", "train", "predict", "trask_errors"],
}
