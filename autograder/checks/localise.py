"""Where a wrong gradient is wrong: which array, which entries, what pattern.

When a value test of a gradient exercise fails (``backward``,
``numerical_gradient``, ``mse_gradient``, ``cross_entropy_gradient``), the
grader runs the student's function once more, in the sandbox, on a few inputs
chosen so that the usual slips look different from one another
(``Gradient.probes``):

* a plain network, where every entry is compared;
* the same network with a single example, and with three: a factor that
  follows the number of examples m (a sum instead of a mean, a mean taken
  twice) changes with m and vanishes at m = 1, a constant factor does not;
* the same network with one hidden unit cut off from the output (its row
  of theta2 zeroed): no error reaches that unit, so its column of grad1 is 0;
* inputs whose first feature is 0 in every example: that feature's row of
  the gradient is 0;
* other layer sizes (a single hidden unit, more features): code that
  assumes the sizes of the usual network fails or goes wrong there;
* for ``numerical_gradient``, smooth costs of a vector and of a matrix, and
  an eps given.

Each returned array is compared entry by entry with the reference and with
central differences of the cost, both computed here in the grader; an entry
counts as wrong only when it disagrees with both.  A pattern (a factor that
follows m or a constant one, a sign, a transpose, the bias row alone, one
hidden unit, some rows or columns, a shift by one, the inputs it is wrong
on) is named only when it holds on every input where that array is wrong;
otherwise the message says how many entries are wrong.  It says where and
which pattern, never what to write.

The pipeline calls ``explain`` once both grading rounds are done (see
``grade/standins.py``), with the grader's stand-ins for helpers that failed,
so the probes see the gradient's own mistake.  Nothing is run unless a value
test of the function failed: correct submissions pay nothing.  The feedback
page draws the same comparison as a heatmap
(``feedback/plots/gradient_errors.py``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from autograder.checks.callables import smooth_cost
from autograder.checks.expect import freeze, run_reference
from autograder.checks.diagnose import simple_factor
from autograder.checks.inputs import labels, rng_for, with_bias
from autograder.sandbox.protocol import Call, CallOutcome, SandboxReport
from solutions import backprop as bp
from solutions import cost_functions as cf

def call(function: str, *args) -> Call:
    """A probe's call; its arrays are read-only, as they are shared by every grading."""
    return Call(function, freeze(args), {})


log = logging.getLogger(__name__)

# An entry is wrong when its relative error |got - want| / max(|got|, |want|,
# floor) passes WRONG against the reference and NUMERIC_WRONG against central
# differences (which carry about 1e-9 of their own error); correct code stays
# near 1e-15.  The floor, a thousandth of the array's largest entry, keeps
# entries that are 0 by construction from dividing by nothing.
WRONG = 1e-6
NUMERIC_WRONG = 1e-4
FLOOR = 1e-3
# Correct code agrees with the reference to about 1e-15 on these inputs.
CLEARLY_RIGHT = 1e-10
# How closely a factor must hold on every entry to be named.
FACTOR_RTOL = 1e-6


# ---------------------------------------------------------------- the probes

@dataclass(frozen=True)
class Probe:
    """One chosen input, and what it is for (said when the student's code fails on it)."""

    call: Call
    what: str                     # "a 2-3-1 network with 6 examples"
    zero_column: int | None = None   # grad1 column that must be 0 (hidden unit cut off)
    zero_row: int | None = None      # gradient row that must be 0 (a feature that is 0)


@dataclass(frozen=True)
class Gradient:
    """A gradient exercise: its parts, their layout, the reference and the cost."""

    function: str
    parts: tuple[str, ...]                 # names of the returned arrays
    reference: Callable                    # the reference solution
    numeric: Callable | None               # args -> central differences, one per part (None: the reference is one)
    probes: tuple[Probe, ...]
    # A sentence per part naming what its last row is, in the course's layout.
    bias_rows: tuple[str, ...]
    columns: tuple[str, ...]               # what a column of each part is ("" when it has one)
    shaped_like: tuple[str, ...]           # the argument each part has the shape of
    # Whether the arguments begin with examples, one per row (a factor may follow their number).
    has_examples: bool = True

    def expected(self, c: Call) -> tuple:
        want = run_reference(self.reference, c)
        return tuple(want) if len(self.parts) > 1 else (want,)


def _network(n_in=2, n_hidden=3, m=6, seed="localise/network"):
    rng = rng_for(seed)
    X = np.round(rng.uniform(-2, 2, (m, n_in)), 4)
    theta1 = np.round(rng.normal(0, 1, (n_in + 1, n_hidden)), 4)
    theta2 = np.round(rng.normal(0, 1, (n_hidden + 1, 1)), 4)
    return X, labels(rng, m), theta1, theta2


def _backward_numeric(X, y, theta1, theta2):
    def cost1(t):
        return bp.cross_entropy(bp.forward(X, t, theta2)[2], y)

    def cost2(t):
        return bp.cross_entropy(bp.forward(X, theta1, t)[2], y)
    return bp.numerical_gradient(cost1, theta1), bp.numerical_gradient(cost2, theta2)


def _backward_probes() -> tuple[Probe, ...]:
    X, y, t1, t2 = _network()
    cut = t2.copy()
    cut[1] = 0.0
    X0 = X.copy()
    X0[:, 0] = 0.0
    return (
        Probe(call("backward", X, y, t1, t2), "a 2-3-1 network with 6 examples"),
        Probe(call("backward", X[:1].copy(), y[:1].copy(), t1, t2), "the same network with a single example"),
        Probe(call("backward", X[:3].copy(), y[:3].copy(), t1, t2), "the same network with 3 examples"),
        Probe(call("backward", X, y, t1, cut), "the same network with hidden unit 1 cut off from the output "
                                                "(theta2[1] = 0)", zero_column=1),
        Probe(call("backward", X0, y, t1, t2), "the same network with input 0 equal to 0 in every example",
              zero_row=0),
        Probe(call("backward", *_network(2, 1, 4, "localise/2-1-1")), "a 2-1-1 network (a single hidden unit)"),
        Probe(call("backward", *_network(3, 4, 5, "localise/3-4-1")), "a 3-4-1 network"),
    )


def _neuron_data(m=6, n=3, seed="localise/neuron"):
    rng = rng_for(seed)
    X = with_bias(rng, m, n, 2.0)
    return X, labels(rng, m), np.round(rng.normal(size=(n, 1)), 4)


def _neuron_numeric(cost):
    def numeric(X, y, w):
        return (bp.numerical_gradient(lambda t: cost(cf.neuron(X, t), y), w),)
    return numeric


def _neuron_probes(function: str) -> tuple[Probe, ...]:
    X, y, w = _neuron_data()
    X0 = X.copy()
    X0[:, 0] = 0.0
    return (
        Probe(call(function, X, y, w), "6 examples with 2 features and a bias column"),
        Probe(call(function, X[:1].copy(), y[:1].copy(), w), "the same data with a single example"),
        Probe(call(function, X[:3].copy(), y[:3].copy(), w), "the same data with 3 examples"),
        Probe(call(function, X0, y, w), "the same data with feature 0 equal to 0 in every example", zero_row=0),
        Probe(call(function, *_neuron_data(5, 5, f"localise/{function}/wide")), "5 examples with 4 features and a bias"),
    )


def _difference_probes() -> tuple[Probe, ...]:
    rng = rng_for("localise/numerical_gradient")
    vector, matrix = (np.round(rng.uniform(-1.5, 1.5, s), 4) for s in ((5,), (2, 3)))
    cost_v, cost_m = (smooth_cost(np.round(rng.normal(size=s), 4).tolist()) for s in ((5,), (2, 3)))
    return (
        Probe(call("numerical_gradient", cost_v, vector), "a smooth cost of a theta of shape (5,)"),
        Probe(call("numerical_gradient", cost_m, matrix), "a smooth cost of a theta of shape (2, 3)"),
        Probe(call("numerical_gradient", cost_m, matrix, 1e-2), "the same cost with eps = 1e-2 given"),
    )


NEURON_BIAS = ("its last row (the weight of the column of ones in X, in these inputs)",)
GRADIENTS = {
    "backward": Gradient(
        "backward", ("grad1", "grad2"), bp.backward, _backward_numeric, _backward_probes(),
        ("its last row (the bias row: the weights of the column of ones that add_bias appends to X)",
         "its last row (the bias row: the weight of the hidden layer's column of ones)"),
        ("hidden unit", ""), ("theta1", "theta2")),
    "mse_gradient": Gradient("mse_gradient", ("gradient",), cf.mse_gradient, _neuron_numeric(cf.mse),
                             _neuron_probes("mse_gradient"), NEURON_BIAS, ("",), ("w",)),
    "cross_entropy_gradient": Gradient("cross_entropy_gradient", ("gradient",), cf.cross_entropy_gradient,
                                       _neuron_numeric(cf.cross_entropy), _neuron_probes("cross_entropy_gradient"),
                                       NEURON_BIAS, ("",), ("w",)),
    # No layout to speak of: its entries are compared with the reference's central differences.
    "numerical_gradient": Gradient("numerical_gradient", ("gradient",), bp.numerical_gradient, None,
                                   _difference_probes(), ("",), ("",), ("theta",), has_examples=False),
}


# ---------------------------------------------------------------- comparing

@dataclass
class Entrywise:
    """One returned array against the right one, on one input."""

    got: np.ndarray | None          # None: not an array of numbers
    want: np.ndarray
    numeric: np.ndarray
    m: int
    what: str = ""                  # the input, in words

    @property
    def comparable(self) -> bool:
        return self.got is not None and self.got.shape == self.want.shape

    def relative_error(self, against: np.ndarray | None = None) -> np.ndarray:
        return relative_error(self.got, self.want if against is None else against)

    @property
    def wrong(self) -> np.ndarray:
        """Entries that disagree with the reference and with central differences (nan counts as wrong)."""
        with np.errstate(invalid="ignore"):
            ref = ~(self.relative_error() <= WRONG)
            num = ~(self.relative_error(self.numeric) <= NUMERIC_WRONG)
        return ref & num


def relative_error(got: np.ndarray, want: np.ndarray) -> np.ndarray:
    """|got - want| / max(|got|, |want|, a thousandth of want's largest entry), entry by entry."""
    g, w = np.asarray(got, dtype=float), np.asarray(want, dtype=float)
    floor = max(FLOOR * float(np.max(np.abs(w))) if w.size else 0.0, 1e-12)
    with np.errstate(invalid="ignore", over="ignore"):
        scale = np.maximum(np.maximum(np.abs(g), np.abs(w)), floor)
        return np.abs(g - w) / scale


def as_array(value) -> np.ndarray | None:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr if arr.ndim >= 1 else None


def split(value, parts: int) -> list | None:
    """The returned arrays of one call, or None when they cannot be told apart."""
    if parts == 1:
        return [value]
    if isinstance(value, (tuple, list)) and len(value) == parts:
        return list(value)
    return None


# ---------------------------------------------------------------- patterns

@dataclass
class Finding:
    part: str
    ok: bool
    text: str                      # "only its last row ... is wrong; every other entry matches"
    factor: str = ""               # the factor law, when the whole array is off by one
    # Which pattern was named: "ok", "unusable", "shape", "transposed", "factor",
    # "zeros", "bias_row", "shift", "columns", "rows" or "none" (no pattern).
    pattern: str = "none"


@dataclass
class Localisation:
    function: str
    findings: list[Finding] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)   # inputs the function raised on
    zero_notes: list[str] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.failures or self.zero_notes or any(not f.ok for f in self.findings))

    def text(self, gradient: Gradient) -> str:
        lines = [f"Where it goes wrong ({gradient.function} tried on {len(gradient.probes)} chosen inputs, "
                 "each entry compared with the reference and with central differences):"]
        if all(f.pattern == "swapped" for f in self.findings) and self.findings:
            names = " and ".join(f.part for f in self.findings)
            lines.append(f"- {names} come back in the wrong order: each holds the other's right values. "
                         f"Return them as ({', '.join(gradient.parts)}), in the order of the thetas.")
            return "\n".join(lines)
        lines += [f"- {f.part}: {f.text}" for f in self.findings]
        lines += [f"- {note}" for note in self.zero_notes]
        lines += [f"- {note}" for note in self.failures]
        advice = _advice(gradient, self.findings)
        if advice:
            lines.append(advice)
        return "\n".join(lines)


_FACTOR_LAWS: tuple[tuple[str, Callable[[int], float]], ...] = (
    ("m", lambda m: m), ("1/m", lambda m: 1 / m), ("2m", lambda m: 2 * m), ("2/m", lambda m: 2 / m),
    ("m/2", lambda m: m / 2), ("1/(2m)", lambda m: 1 / (2 * m)),
)


def _holds(e: Entrywise, k: float) -> bool:
    scale = float(np.max(np.abs(e.want)))
    if scale == 0.0 or not np.all(np.isfinite(e.got)):
        return False
    return bool(np.max(np.abs(e.got - k * e.want)) <= FACTOR_RTOL * abs(k) * scale)


def factor_law(observed: list[Entrywise]) -> str | None:
    """'m', '-1', '2', ...: the factor every comparable input shows (None if none does).

    A law in m must hold with m = 1 too, where it is 1: that is what tells
    a factor of the number of examples from a constant.
    """
    usable = [e for e in observed if e.comparable and np.max(np.abs(e.want)) > 0]
    if not usable or not any(e.wrong.any() for e in usable):
        return None
    for sign in (1, -1) if all(e.m > 0 for e in usable) else ():
        for name, law in _FACTOR_LAWS:
            if all(_holds(e, sign * law(e.m)) for e in usable):
                return ("-" if sign < 0 else "") + name
    first = next(e for e in usable if e.wrong.any())
    i = np.unravel_index(int(np.argmax(np.abs(first.want))), first.want.shape)
    frac = simple_factor(float(first.got[i]) / float(first.want[i]))
    if frac is not None and frac != 1 and all(_holds(e, float(frac)) for e in usable):
        return str(frac)
    return None


def _factor_text(law: str, has_examples: bool = True) -> str:
    flipped = law.startswith("-")
    size = law[1:] if flipped else law
    if size == "1":
        return "every entry has the sign flipped (it points uphill, the way the cost grows)"
    words = {
        "m": "m times too large (m is the number of examples; with a single example it matches): "
             "the cost is a mean, and this is the sum over the examples",
        "1/m": "m times too small (with a single example it matches): it is divided by the number of "
               "examples once too often",
        "2m": "2m times too large (m is the number of examples): a sum instead of a mean, and a factor 2 too",
        "2/m": "2/m times the right values (m is the number of examples): divided by m once too often, "
               "and a factor 2 too many",
        "m/2": "m/2 times the right values: a sum instead of a mean, and a factor 2 missing",
        "1/(2m)": "1/(2m) times the right values: divided by m once too often, and a factor 2 missing",
    }
    if size in words:
        text = words[size]
    else:
        text = f"exactly {size} times the right values on every input"
        text += ", whatever the number of examples" if has_examples else ""
        if size == "2":
            text += ": a factor 2 too many"
        elif size == "1/2":
            text += ": a factor 2 is missing"
    return ("the sign is flipped, and it is " if flipped else "every entry is ") + text


def _only(mask: np.ndarray, axis: int) -> set[int]:
    """Indices of the rows (axis 0) or columns (axis 1) holding wrong entries."""
    if mask.ndim < 2 and axis == 1:
        return {0} if mask.any() else set()
    other = tuple(i for i in range(mask.ndim) if i != axis)
    return {int(i) for i in np.nonzero(mask.any(axis=other) if other else mask)[0]}


def _shifted(e: Entrywise, axis: int) -> int | None:
    """+1 / -1 when the array is the right one moved by one row/column (the
    end left over), 0 when it is not, None when there is one row/column only."""
    if e.want.ndim < 2 or e.want.shape[axis] < 2:
        return None
    n = e.want.shape[axis]
    for step in (1, -1):
        got = np.take(e.got, range(0, n - 1) if step == 1 else range(1, n), axis=axis)
        want = np.take(e.want, range(1, n) if step == 1 else range(0, n - 1), axis=axis)
        if relative_error(got, want).max() <= WRONG:
            return step
    return 0


def _names(indices: set[int], noun: str) -> str:
    items = sorted(indices)
    if len(items) == 1:
        return f"{noun} {items[0]}"
    return f"{noun}s " + ", ".join(str(i) for i in items[:-1]) + f" and {items[-1]}"


def describe(part: str, observed: list[Entrywise], bias_row: str, column: str, theta: str,
             has_examples: bool = True) -> Finding:
    """What is wrong with one returned array, over every probe."""
    have = [e for e in observed if e.got is not None]
    if not have:
        return Finding(part, True, "not an array of numbers, so it could not be compared entry by entry",
                       pattern="unusable")
    if _transposed(have):
        shown = next((e for e in have if e.got.shape != e.want.shape), have[0])
        return Finding(part, False, f"it is transposed: shape {shown.got.shape} instead of {shown.want.shape} "
                                    f"(the shape of {theta}), with the right values otherwise", pattern="transposed")
    shapes = [e for e in have if not e.comparable]
    if shapes and len(shapes) < len(have) and all(e.what for e in shapes):
        rest = describe(part, [e for e in have if e.comparable], bias_row, column, theta, has_examples)
        groups: dict[str, list[str]] = {}
        for e in shapes:
            groups.setdefault(_shape_text([e], theta), []).append(e.what)
        said = "; ".join(f"on {_listed(whats)}, {why}" for why, whats in groups.items())
        return Finding(part, False, f"{said}; on the other inputs, {rest.text}", pattern="shape")
    if shapes:
        return Finding(part, False, _shape_text(shapes, theta), pattern="shape")
    wrong = [e for e in have if e.wrong.any()]
    if not wrong:
        return Finding(part, True, "every entry matches", pattern="ok")
    total = sum(e.want.size for e in have)
    bad = sum(int(e.wrong.sum()) for e in have)
    law = factor_law(have)
    if law:
        return Finding(part, False, _factor_text(law, has_examples), law, pattern="factor")
    if all(np.all(e.got == 0) for e in wrong):
        return Finding(part, False, "it is all zeros", pattern="zeros")
    if not bias_row:
        return _some_inputs(part, have, wrong) or _fallback(part, bad, total)
    rows = [_only(e.wrong, 0) for e in wrong]
    if all(r == {e.want.shape[0] - 1} for r, e in zip(rows, wrong)):
        return Finding(part, False, f"only {bias_row} is wrong; every other entry matches"
                       + _bias_detail(wrong), pattern="bias_row")
    if all(e.want.ndim == 2 for e in wrong):
        for axis, noun in ((0, "row"), (1, "column")):
            steps = {_shifted(e, axis) for e in wrong} - {None}
            if len(steps) == 1 and 0 not in steps:
                return Finding(part, False, _shift_text(noun, steps.pop(), column), pattern="shift")
        if column:
            wide = [e for e in wrong if e.want.shape[1] > 1]
            cols = [_only(e.wrong, 1) for e in wide]
            if (cols and all(len(c) < e.want.shape[1] for c, e in zip(cols, wide))
                    and len({frozenset(c) for c in cols}) == 1):
                units = ", ".join(map(str, sorted(cols[0])))
                return Finding(part, False, f"only {_names(cols[0], 'column')} ({column} {units}) is wrong; "
                                            "every other entry matches", pattern="columns")
    if len({frozenset(r) for r in rows}) == 1 and all(len(r) < e.want.shape[0] for r, e in zip(rows, wrong)):
        return Finding(part, False, f"only {_names(rows[0], 'row')} is wrong; every other entry matches",
                       pattern="rows")
    return _some_inputs(part, have, wrong) or _fallback(part, bad, total)


def _fallback(part: str, bad: int, total: int) -> Finding:
    if bad == total:
        return Finding(part, False, "every entry is wrong, with no constant factor between it and the right values")
    return Finding(part, False, f"{bad} of its {total} entries over these inputs are wrong, "
                                "in no pattern that holds on every input")


def _some_inputs(part: str, have: list[Entrywise], wrong: list[Entrywise]) -> Finding | None:
    """Right on some inputs and wrong on others: which, in words."""
    right = [e for e in have if not e.wrong.any()]
    # Right means right to rounding: an approximation that happens to pass on some inputs is not that.
    if not right or not wrong or not all(e.what for e in have):
        return None
    if any(np.nanmax(e.relative_error()) > CLEARLY_RIGHT for e in right):
        return None
    return Finding(part, False, f"it is right on {_listed([e.what for e in right])}, but wrong on "
                                f"{_listed([e.what for e in wrong])}", pattern="inputs")


def _listed(items: list[str]) -> str:
    return " and on ".join(items)


def _transposed(have: list[Entrywise]) -> bool:
    """Every input gives the right values transposed, and at least one shows it in its shape."""
    if not any(e.got.shape != e.want.shape for e in have):
        return False
    for e in have:
        if e.got.shape != e.want.shape[::-1] or e.got.ndim != 2:
            return False
        if relative_error(e.got.T, e.want).max() > WRONG:
            return False
    return True


def _bias_detail(wrong: list[Entrywise]) -> str:
    rows = [Entrywise(e.got[-1], e.want[-1], e.numeric[-1], e.m) for e in wrong]
    if all(np.all(r.got == 0) for r in rows):
        return " (yours is all zeros there)"
    law = factor_law(rows)
    if law and not law.startswith("-"):
        return f" (yours is {law} times the right values there)"
    return ""


def _shift_text(noun: str, step: int, column: str) -> str:
    if noun == "row":
        where = "the bias row comes first" if step == -1 else "the first row is missing and the last is extra"
        return (f"its rows are moved by one ({where}); the bias is the last row in this course, "
                "because add_bias appends the column of ones last")
    return (f"its columns are moved by one: each column holds the values that belong to the "
            f"{column + ' ' if column else ''}{'after' if step == 1 else 'before'} it, so the hidden units are "
            "off by one. The bias unit is the last one, in a2 and in theta2: check which row of theta2 and "
            "which column of the hidden error you leave out")


def _shape_text(shapes: list[Entrywise], theta: str) -> str:
    e = shapes[0]
    g, w = e.got.shape, e.want.shape
    if len(g) == 2 and len(w) == 2 and g[0] == w[0] and g[1] == w[1] + 1:
        if relative_error(e.got[:, :-1], e.want).max() <= WRONG:
            return (f"it has one column too many, shape {g} instead of {w}; without its last column every "
                    "entry matches: the hidden error still holds the bias unit's column, and the bias unit has "
                    "no weights coming into it")
        if relative_error(e.got[:, 1:], e.want).max() <= WRONG:
            return f"it has one column too many, shape {g} instead of {w}; without its first column every entry matches"
    if len(g) == 2 and len(w) == 2 and g[1] == w[1] and g[0] == w[0] + 1:
        return f"it has one row too many, shape {g} instead of {w}"
    if e.got.size == 1 and e.want.size > 1:
        return (f"it holds a single number where {theta} has {e.want.size} entries, shape {w}: the gradient has "
                f"one entry per weight, each saying how the cost changes with that weight")
    if len(g) >= 1 and g[0] == e.m != w[0] and all(len(x.got.shape) >= 1 and x.got.shape[0] == x.m for x in shapes):
        return (f"it has one row per example, shape {g} where {theta} has {w}: each example's share must be "
                "added up over the examples (and averaged), leaving one entry per weight")
    return f"it has shape {g} where {w} (the shape of {theta}) is expected"


def _advice(gradient: Gradient, findings: list[Finding]) -> str:
    if gradient.function != "backward" or len(findings) != 2:
        return ""
    g1, g2 = findings
    if g2.ok and not g1.ok:
        return ("grad2 matches, so your output error is right: the mistake is in what happens after it, "
                "where the error is carried back to the hidden layer and turned into grad1.")
    if g1.ok and not g2.ok:
        return ("grad1 matches, so the errors reaching the hidden layer are right: look at the last step "
                "that makes grad2 from the output error and the hidden activations.")
    if not g1.ok and not g2.ok and g1.pattern == g2.pattern and g1.text == g2.text:
        return "Both show the same pattern: look for its cause in what the two share."
    if not g1.ok and not g2.ok:
        return "Both are wrong: fix grad2 first, since grad1 is built from the same output error."
    return ""


# ---------------------------------------------------------------- one function

def localise(gradient: Gradient, outcomes: list[CallOutcome | object]) -> Localisation:
    """The findings for one gradient function, from its outcomes on ``gradient.probes``.

    ``outcomes`` holds one ``CallOutcome`` per probe (or a plain value, for
    callers that have values only).
    """
    result = Localisation(gradient.function)
    per_part: list[list[Entrywise]] = [[] for _ in gradient.parts]
    for probe, outcome in zip(gradient.probes, outcomes):
        if isinstance(outcome, CallOutcome):
            if outcome.status != "ok":
                if outcome.status == "error":
                    # A line number of the graded source means nothing to a notebook's author: left out.
                    error = re.sub(r"\s*\(line \d+\)$", "", (outcome.error or "an error").splitlines()[0])
                    result.failures.append(f"on {probe.what} it raised {error[:200]}")
                continue
            value = outcome.value
        else:
            value = outcome
        got = split(value, len(gradient.parts))
        if got is None:
            continue
        want = gradient.expected(probe.call)
        numeric = gradient.numeric(*probe.call.args) if gradient.numeric else want
        m = int(np.shape(probe.call.args[0])[0]) if gradient.has_examples else 0
        for i, (g, w, n) in enumerate(zip(got, want, numeric)):
            per_part[i].append(Entrywise(as_array(g), np.asarray(w, dtype=float), np.asarray(n), m, probe.what))
        note = _zero_note(gradient, probe, per_part)
        if note:
            result.zero_notes.append(note)
    if not any(per_part):
        return result
    if _swapped(per_part):
        result.findings = [Finding(name, False, "", pattern="swapped") for name in gradient.parts]
        result.zero_notes = []
        return result
    for name, observed, bias_row, column, theta in zip(gradient.parts, per_part, gradient.bias_rows,
                                                       gradient.columns, gradient.shaped_like):
        result.findings.append(describe(name, observed, bias_row, column, theta, gradient.has_examples))
    # The zero probes speak for the first part where no simpler pattern does.
    if result.findings[0].pattern not in ("none", "shift", "columns", "rows"):
        result.zero_notes = []
    return result


def _swapped(per_part: list[list[Entrywise]]) -> bool:
    """Two parts, each the other's right answer on every input."""
    if len(per_part) != 2 or not per_part[0] or len(per_part[0]) != len(per_part[1]):
        return False
    for a, b in zip(*per_part):
        if a.got is None or b.got is None or a.got.shape != b.want.shape or b.got.shape != a.want.shape:
            return False
        if a.want.shape == b.want.shape:
            return False
        if relative_error(a.got, b.want).max() > WRONG or relative_error(b.got, a.want).max() > WRONG:
            return False
    return True


def _zero_note(gradient: Gradient, probe: Probe, per_part: list[list[Entrywise]]) -> str:
    """What a probe built to make some entries exactly 0 shows, if they are not."""
    e = per_part[0][-1] if per_part[0] else None
    if e is None or not e.comparable:
        return ""
    scale = float(np.max(np.abs(e.want))) or 1.0
    part = gradient.parts[0]
    if probe.zero_column is not None:
        j = probe.zero_column
        if np.max(np.abs(e.got[:, j])) > FLOOR * scale:
            return (f"on {probe.what}, no error can reach hidden unit {j}, so column {j} of {part} must be 0; "
                    f"yours is not: each hidden unit's error must come through its own weight to the output "
                    "(check which rows of theta2 you use; the bias weight is the last row)")
    if probe.zero_row is not None:
        i = probe.zero_row
        if np.max(np.abs(e.got[i])) > FLOOR * scale:
            layer = "the inputs of the layer" if len(gradient.parts) > 1 else "the inputs X"
            return (f"on {probe.what}, that input cannot change the cost, so row {i} of {part} must be 0; "
                    f"yours is not: each row of {part} is made from one input's values ({layer})")
    return ""


# ---------------------------------------------------------------- grading hook

def _value_test(test_log) -> bool:
    """A test of returned values (not of unchanged inputs)."""
    return not test_log.guards


def wanted(logs: list, tests: list) -> list[str]:
    """Gradient functions with a value test that came out 'incorrect'."""
    out = []
    for test_log, test in zip(logs, tests):
        if (test_log.function in GRADIENTS and _value_test(test_log) and test.outcome == "incorrect"
                and test_log.function not in out):
            out.append(test_log.function)
    return out


def explain(logs: list, tests: list, run: Callable[[dict], SandboxReport]) -> None:
    """Probe each gradient function whose value test failed and add where to each such test's output.

    ``run(plan)`` runs the student's code in the sandbox.  A probe run that
    fails (the grader's trouble, not the student's) adds nothing.
    """
    functions = wanted(logs, tests)
    if len(logs) != len(tests) or not functions:
        return
    plan = {f: [p.call for p in GRADIENTS[f].probes] for f in functions}
    try:
        report = run(plan)
    except Exception as exc:
        log.warning("probing the gradients failed: %r", exc)
        return
    for function in functions:
        fn_run = report.functions.get(function)
        if fn_run is None or not fn_run.calls:
            continue
        try:
            found = localise(GRADIENTS[function], fn_run.calls)
        except Exception as exc:  # an odd value must not stop the verdict
            log.warning("localising %s failed: %r", function, exc)
            continue
        if not found.anything:
            continue
        text = found.text(GRADIENTS[function])
        for test_log, test in zip(logs, tests):
            if test_log.function == function and _value_test(test_log) and test.outcome == "incorrect":
                test.output = f"{test.output}\n{text}"
