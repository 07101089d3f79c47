"""Is a returned value right, and if not, why not (in words a beginner can use)?

An ``Expect`` knows the right answer and a tolerance wide enough for any
correct implementation (loops or vectorised, ``np.matrix`` or arrays, float
or ``np.float64``).  ``problem(got)`` returns ``None`` when ``got`` is right,
else a sentence saying what differs: a shape, a type, a nan, a constant
factor, a sign.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.diagnose import as_scalar, numbers_problem, shape_problem
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
        if isinstance(x, np.ndarray) and x.dtype.kind not in "iuf":
            return f"it returned {describe_type(x)}, expected real numbers"
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
        arr = _try_array(got)
        if arr is None or arr.shape != values.shape:
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
    """A float array of a list of plain numbers, or None (no complex, no objects)."""
    try:
        arr = np.asarray(value)
    except (TypeError, ValueError):
        return None
    return arr.astype(float) if arr.dtype.kind in "biuf" else None
