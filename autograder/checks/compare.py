"""Is a returned value right, and if not, why not (in words a beginner can use)?

An ``Expect`` knows the right answer and a tolerance wide enough for any
correct implementation (loops or vectorised, ``np.matrix`` or arrays, float
or ``np.float64``).  ``problem(got)`` returns ``None`` when ``got`` is right,
else a sentence saying what differs: a shape, a type, a nan, a constant
factor, a sign.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from autograder.checks.show import describe_type, show
from autograder.sandbox.codec import Opaque


class Expect:
    value = None

    def problem(self, got) -> str | None:  # pragma: no cover - interface
        raise NotImplementedError

    def shown(self) -> str:
        return show(self.value)


class Number(Expect):
    """A single number; size-1 arrays are accepted (a type check judges types)."""

    def __init__(self, value, rtol=1e-9, atol=1e-12, m=None):
        self.value, self.rtol, self.atol, self.m = value, rtol, atol, m

    def problem(self, got):
        x, why = as_scalar(got)
        if why:
            return why
        return numbers_problem(np.asarray(x), np.asarray(float(self.value)), self.rtol, self.atol, self.m)


class NonFinite(Expect):
    """Any of nan, inf or -inf (a diverging iteration may end on either)."""

    value = float("inf")

    def problem(self, got):
        x, why = as_scalar(got) if not isinstance(got, np.ndarray) else (got, None)
        if why:
            return why
        if np.all(np.isfinite(np.asarray(x, dtype=float))):
            return "it is finite, but this run diverges: the last iterate should be inf or nan"
        return None

    def shown(self):
        return "a non-finite value (inf or nan)"


class Array(Expect):
    """A NumPy array of exactly the expected shape."""

    def __init__(self, value, rtol=1e-9, atol=1e-12, m=None):
        self.value = np.asarray(value)
        self.rtol, self.atol, self.m = rtol, atol, m

    def problem(self, got):
        exp = self.value
        if got is None:
            return "it returned None: is there a `return` statement?"
        if isinstance(got, (list, tuple)):
            arr = _try_array(got)
            if arr is not None and arr.shape == exp.shape and self._close(arr):
                return (f"the values are right but it returned {describe_type(got)}: "
                        "return a NumPy array (np.array(...) converts a list)")
            return f"it returned {describe_type(got)}, expected an array of shape {exp.shape}"
        if not isinstance(got, np.ndarray):
            x, why = as_scalar(got)
            if why:
                return f"{why}; expected an array of shape {exp.shape}"
            return f"it returned a single number, expected an array of shape {exp.shape}"
        if got.dtype.kind not in "biuf":
            return f"it returned {describe_type(got)}, expected numbers"
        if got.dtype.kind == "b" and exp.dtype.kind != "b":
            return "it returned an array of booleans (True/False), expected numbers"
        if got.shape != exp.shape:
            return shape_problem(got, exp, self._close)
        return numbers_problem(got, exp, self.rtol, self.atol, self.m)

    def _close(self, arr):
        try:
            return bool(np.allclose(np.asarray(arr, dtype=float), self.value, rtol=self.rtol, atol=self.atol))
        except (TypeError, ValueError):
            return False


class Seq(Expect):
    """A sequence (list, tuple or 1-D array) whose items each meet an Expect."""

    def __init__(self, items: list[Expect], what="entries", values=None):
        self.items, self.what = items, what
        self.value = values if values is not None else [e.value for e in items]
        # Long runs of plain numbers (a cost per epoch) are compared in one go.
        self._fast = None
        if items and all(type(e) is Number for e in items):
            self._fast = (np.array([float(e.value) for e in items]),
                          np.array([e.rtol for e in items]), np.array([e.atol for e in items]))

    def _fast_ok(self, got) -> bool:
        values, rtol, atol = self._fast
        try:
            arr = np.asarray(got, dtype=float)
        except (TypeError, ValueError):
            return False
        if arr.shape != values.shape:
            return False
        with np.errstate(invalid="ignore", over="ignore"):
            ok = (np.abs(arr - values) <= atol + rtol * np.abs(values)) | (np.isnan(arr) & np.isnan(values))
        return bool(ok.all())

    def problem(self, got):
        if got is None:
            return "it returned None: is there a `return` statement?"
        if self._fast is not None and isinstance(got, (list, tuple, np.ndarray)) and self._fast_ok(got):
            return None
        if isinstance(got, np.ndarray) and got.ndim >= 1:
            seq = list(got)
        elif isinstance(got, (list, tuple)):
            seq = list(got)
        else:
            return f"it returned {describe_type(got)}, expected a list of {len(self.items)} {self.what}"
        n = len(self.items)
        if len(seq) != n:
            return self._length_problem(seq)
        for i, (item, g) in enumerate(zip(self.items, seq)):
            why = item.problem(g)
            if why:
                return f"{self.what} [{i}] (of {n}) differs: expected {item.shown()}, got {show(g, 120)}: {why}"
        return None

    def _length_problem(self, seq):
        n = len(self.items)
        why = f"it has {len(seq)} {self.what}, expected {n}"
        if len(seq) == n - 1:
            first_ok = self.items[0].problem(seq[0]) is None
            if not first_ok and all(e.problem(g) is None for e, g in zip(self.items[1:], seq)):
                why += f": the first of the expected {self.what} is missing (the starting value belongs in the list)"
            elif all(e.problem(g) is None for e, g in zip(self.items, seq)):
                why += f": the last of the expected {self.what} is missing (one iteration too few?)"
        elif len(seq) == n + 1:
            why += " (one iteration too many?)"
        return why


class Tuple(Expect):
    """A fixed-length tuple (a list is accepted) such as ``(x, steps)``."""

    def __init__(self, items: list[Expect], names: tuple[str, ...]):
        self.items, self.names = items, names
        self.value = tuple(e.value for e in items)

    def problem(self, got):
        n = len(self.items)
        if not isinstance(got, (tuple, list)):
            return f"it returned {describe_type(got)}, expected a tuple ({', '.join(self.names)})"
        if len(got) != n:
            return f"it returned {len(got)} values, expected {n}: ({', '.join(self.names)})"
        for name, item, g in zip(self.names, self.items, got):
            why = item.problem(g)
            if why:
                return f"`{name}` is wrong: expected {item.shown()}, got {show(g, 160)}: {why}"
        return None

    def shown(self):
        return "(" + ", ".join(e.shown() for e in self.items) + ")"


class RelativeError(Expect):
    """Close in the sense of a gradient check: |a - b| / max(|a|, |b|, floor) below a bound."""

    def __init__(self, value, bound=1e-6, floor=1e-6):
        self.value = np.asarray(value, dtype=float)
        self.bound, self.floor = bound, floor

    def problem(self, got):
        why = Array(self.value, rtol=0.0, atol=np.inf).problem(got)  # shape, type and nan only
        if why:
            return why
        g = np.asarray(got, dtype=float)
        scale = np.maximum(np.maximum(np.abs(g), np.abs(self.value)), self.floor)
        with np.errstate(invalid="ignore"):
            rel = np.abs(g - self.value) / scale
        worst = float(np.max(rel)) if rel.size else 0.0
        if worst <= self.bound:
            return None
        idx = tuple(int(i) for i in np.unravel_index(int(np.nanargmax(rel)), rel.shape))
        return (f"relative error {worst:.2g} at index {idx} (a correct gradient stays below {self.bound:g}): "
                f"central differences give {self.value[idx]!r}, it returned {g[idx]!r}")


def like(value, rtol=1e-9, atol=1e-12, m=None, what="entries") -> Expect:
    """The Expect matching a reference value's kind."""
    if isinstance(value, tuple):
        return Tuple([like(v, rtol, atol, m) for v in value], tuple(f"item {i}" for i in range(len(value))))
    if isinstance(value, list):
        return Seq([like(v, rtol, atol, m) for v in value], what=what, values=value)
    if isinstance(value, np.ndarray) and value.ndim > 0:
        return Array(value, rtol, atol, m)
    return Number(value, rtol, atol, m)


# ------------------------------------------------------------ diagnosis


def as_scalar(got):
    """(float, None) for anything that is one number, else (None, why not)."""
    if got is None:
        return None, "it returned None: is there a `return` statement?"
    if isinstance(got, (bool, np.bool_)):
        return None, f"it returned a boolean ({got}), expected a number"
    if isinstance(got, (int, float, np.integer, np.floating)):
        return float(got), None
    if isinstance(got, (complex, np.complexfloating)):
        return None, f"it returned a complex number {got}"
    if isinstance(got, np.ndarray):
        if got.size == 1 and got.dtype.kind in "iuf":
            return float(got.reshape(())), None
        return None, f"it returned {describe_type(got)}, expected a single number"
    if isinstance(got, (list, tuple)):
        return None, f"it returned {describe_type(got)}, expected a single number"
    if (type(got).__module__ or "").startswith("sympy"):
        try:
            if got.is_number and got.is_real is not False:
                return float(got), None
        except (TypeError, ValueError):
            pass
        return None, f"it returned the SymPy expression {show(got, 80)}, expected a number"
    if isinstance(got, Opaque):
        return None, f"it returned {describe_type(got)}, expected a number"
    return None, f"it returned {describe_type(got)}, expected a number"


def shape_problem(got: np.ndarray, exp: np.ndarray, close) -> str:
    g, e = got.shape, exp.shape
    why = f"it returned shape {g}, expected {e}"
    if got.size == exp.size and got.ndim == 2 and g == e[::-1] and close(got.T):
        return why + ": the values are right but transposed (rows and columns swapped)"
    if got.size == exp.size and close(got.reshape(e)):
        if len(e) == 2 and e[1] == 1 and len(g) == 1:
            return why + ": a 1-D array instead of a column; the values are right (.reshape(-1, 1) makes a column)"
        return why + ": the values are right but arranged differently"
    if len(e) == 2 and e[1] == 1 and len(g) == 2 and g[0] == g[1] == e[0]:
        return (why + ": NumPy broadcast a (m,) array against an (m, 1) one into an (m, m) matrix; "
                "keep every array 2-D, e.g. y of shape (m, 1)")
    if got.ndim == 0:
        return why + ": a single number instead of an array"
    return why


def numbers_problem(got: np.ndarray, exp: np.ndarray, rtol, atol, m=None) -> str | None:
    """Why two same-shaped numeric arrays differ (None when they agree)."""
    g = np.asarray(got, dtype=float)
    e = np.asarray(exp, dtype=float)
    both_nan = np.isnan(g) & np.isnan(e)
    with np.errstate(invalid="ignore", over="ignore"):
        same_inf = np.isinf(g) & (g == e)
        ok = both_nan | same_inf | (np.abs(g - e) <= atol + rtol * np.abs(e))
    if ok.all():
        return None
    bad_nan = np.isnan(g) & ~np.isnan(e)
    if bad_nan.any():
        return f"{_count(bad_nan, 'value')} nan where a number was expected{_where(bad_nan)}"
    bad_inf = np.isinf(g) & ~np.isinf(e)
    if bad_inf.any():
        return f"{_count(bad_inf, 'value')} infinite where a finite number was expected{_where(bad_inf)}"
    if (np.isnan(e) & ~np.isnan(g)).any():
        return "a nan was expected here"
    rel = relation(g, e, m)
    if rel:
        return rel
    with np.errstate(invalid="ignore", over="ignore"):
        err = np.where(ok, 0.0, np.abs(g - e))
    if err.size == 1:
        return f"it is off by {float(err.reshape(())):.3g}"
    idx = tuple(int(i) for i in np.unravel_index(int(np.argmax(err)), err.shape))
    at = idx if len(idx) != 1 else idx[0]
    return (f"{int((~ok).sum())} of {ok.size} entries are wrong; the largest difference is "
            f"{float(err[idx]):.3g}, at index {at}: expected {float(e[idx])!r}, got {float(g[idx])!r}")


def relation(g: np.ndarray, e: np.ndarray, m=None) -> str | None:
    """'exactly -1/2/m times the expected answer', when that is what happened."""
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(e))):
        return None
    ee = float(np.sum(e * e))
    if ee == 0.0:
        return None
    r = float(np.sum(g * e)) / ee
    scale = float(np.max(np.abs(e)))
    if r == 0.0 or not np.allclose(g, r * e, rtol=1e-6, atol=1e-12 * scale):
        return None
    frac = Fraction(r).limit_denominator(1000)
    if frac == 1 or abs(float(frac) - r) > 1e-6 * abs(r) or max(abs(frac.numerator), frac.denominator) > 1000:
        return None
    if frac == -1:
        return "it is exactly -1 times the expected answer: the sign is flipped"
    text = f"it is exactly {frac} times the expected answer"
    if m:
        names = {Fraction(m): "m", Fraction(1, m): "1/m", Fraction(2, m): "2/m", Fraction(m, 2): "m/2"}
        for target, name in names.items():
            if abs(frac) == target and m > 2:
                sign = "-" if frac < 0 else ""
                text += f" ({sign}{name} with m = {m} examples: check the mean's 1/m and constant factors)"
                break
    if abs(frac) == 2 or abs(frac) == Fraction(1, 2):
        text += " (a factor of 2 is missing or extra)"
    return text


def same_answer(a, b, rtol=1e-6, atol=1e-9) -> bool:
    """Loose equality used to recognise a known mistake (shapes may be squeezed)."""
    try:
        return bool(_same(a, b, rtol, atol))
    except Exception:
        return False


def _same(a, b, rtol, atol):
    if isinstance(a, (list, tuple)) or isinstance(b, (list, tuple)):
        if not (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple))):
            return False
        return len(a) == len(b) and all(_same(x, y, rtol, atol) for x, y in zip(a, b))
    sym_a, sym_b = _is_sympy(a), _is_sympy(b)
    if sym_a or sym_b:
        import sympy
        if not (sym_a and sym_b) or sympy.count_ops(a - b) > 80:
            return False
        return sympy.simplify(a - b) == 0
    if a is None or b is None or isinstance(a, (str, Opaque)) or isinstance(b, (str, Opaque)):
        return type(a) is type(b) and a == b
    x, y = np.asarray(a), np.asarray(b)
    if x.dtype.kind not in "biuf" or y.dtype.kind not in "biuf":
        return False
    if (x.dtype.kind == "b") != (y.dtype.kind == "b"):
        return False
    x, y = np.squeeze(x), np.squeeze(y)
    if x.shape != y.shape and not (x.size == 1 or y.size == 1):
        return False
    return bool(np.allclose(x.astype(float), y.astype(float), rtol=rtol, atol=atol, equal_nan=True))


def _is_sympy(v) -> bool:
    return (type(v).__module__ or "").startswith("sympy")


def _try_array(value):
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        return None
    return arr


def _count(mask, noun):
    n = int(mask.sum())
    return f"{n} {noun}{'s are' if n != 1 else ' is'}"


def _where(mask):
    if mask.ndim == 0 or mask.size <= 1:
        return ""
    idx = np.argwhere(mask)[0]
    first = tuple(int(i) for i in idx)
    return f" (first at index {first if len(first) != 1 else first[0]})"
