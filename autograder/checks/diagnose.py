"""Why a number, or an array of them, is not the expected one.

Cheap explanations a beginner can act on: a wrong shape (and whether the
values would be right reshaped or transposed), a nan, a constant factor such
as 2, -1 or the number of examples m.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from autograder.checks.show import describe_type, show
from autograder.sandbox.codec import Opaque

# Rounding allowed between a student's k * answer and k times the reference's:
# a few ulps of each entry, or of the largest entry for entries that cancel to
# near zero. A ratio that holds only to 1e-7 is a different formula, not a factor.
ULPS = 32 * np.finfo(float).eps
# The plain fractions a beginner's slip produces (a halved or doubled term,
# a mean over the wrong count); anything else is not called a factor.
SIMPLE_FRACTIONS = frozenset(Fraction(n, d) for d in range(2, 11) for n in (1, 2, 3))
MAX_INTEGER = 100


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
    """'exactly -1/2 times the expected answer', when that is what happened.

    Said only when every entry holds the ratio to rounding and the ratio is a
    simple number (see ``simple_factor``).
    """
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(e))):
        return None
    scale = float(np.max(np.abs(e))) if e.size else 0.0
    if scale == 0.0:
        return None
    # The largest entry fixes the candidate ratio; every entry must then agree.
    i = np.unravel_index(int(np.argmax(np.abs(e))), e.shape)
    frac = simple_factor(float(g[i]) / float(e[i]), m)
    if frac is None or frac == 1:
        return None
    k = float(frac)
    with np.errstate(over="ignore", invalid="ignore"):
        target = k * e
        tol = ULPS * (np.abs(target) + abs(k) * scale)
        if not np.all(np.abs(g - target) <= tol):
            return None
    if frac == -1:
        return "it is exactly -1 times the expected answer: the sign is flipped"
    text = f"it is exactly {frac} times the expected answer"
    if m and m > 2:
        names = {Fraction(m): "m", Fraction(1, m): "1/m", Fraction(2, m): "2/m", Fraction(m, 2): "m/2"}
        for target_frac, name in names.items():
            if abs(frac) == target_frac:
                sign = "-" if frac < 0 else ""
                text += f" ({sign}{name} with m = {m} examples: check the mean's 1/m and constant factors)"
                break
    if abs(frac) == 2 or abs(frac) == Fraction(1, 2):
        text += " (a factor of 2 is missing or extra)"
    return text


def simple_factor(r: float, m=None) -> Fraction | None:
    """The simple number ``r`` is, to rounding, or None: an integer up to
    ``MAX_INTEGER``, a fraction in ``SIMPLE_FRACTIONS``, or m, 1/m, 2/m, m/2
    for ``m`` examples; each with either sign."""
    if not np.isfinite(r) or r == 0.0:
        return None
    size = abs(r)
    candidates = set(SIMPLE_FRACTIONS) | {Fraction(n) for n in range(1, MAX_INTEGER + 1)}
    if m and m > 0:
        candidates |= {Fraction(m), Fraction(1, m), Fraction(2, m), Fraction(m, 2)}
    best = min(candidates, key=lambda c: abs(float(c) - size))
    if abs(float(best) - size) > 2 * ULPS * size:
        return None
    return best if r > 0 else -best


def _count(mask, noun):
    n = int(mask.sum())
    return f"{n} {noun}{'s are' if n != 1 else ' is'}"


def _where(mask):
    if mask.ndim == 0 or mask.size <= 1:
        return ""
    idx = np.argwhere(mask)[0]
    first = tuple(int(i) for i in idx)
    return f" (first at index {first if len(first) != 1 else first[0]})"
