"""A compact fingerprint of what a failing function returned on the hidden inputs.

Kept in the instructor's record of each submission (``GradeResult.answers``,
never in what a student receives), it lets the class report find, after a
batch, the wrong answers many students share (``report/learnt.py``) and the
rare ones only two share (``report/similar.py``) without keeping the answers
themselves.

For every exercise function with a wrongly answered test, one entry::

    {"named": false,              # a catalogue entry explained it
     "factor": "2",               # every answer is this simple number times the right one
     "offset": "1",               # or every answer is the right one plus this number
     "calls": ["1f0c9a3e:9b2d44aa:w", ...],   # input digest : answer digest : w(rong) / r(ight) / ?
     "shown": {"9b2d44aa": "array([[0.5], [1.5]])"}}   # a few wrong answers, as the feedback shows them

Digests are the first 8 hex digits of SHA-256 over a canonical text: inputs
through the sandbox's codec, answers rounded to 6 significant digits so that
two implementations of the same formula that differ in the last bits still
agree.  Calls are keyed by their input digest, not by position, so that if
hidden inputs differ between students the report can still compare the
inputs they have in common.
"""

from __future__ import annotations

import hashlib
import json
from fractions import Fraction

import numpy as np

from autograder.checks.compare import Array, Number
from autograder.checks.diagnose import ULPS, simple_factor
from autograder.checks.expect import Lazy
from autograder.checks.show import show
from autograder.sandbox.codec import Opaque

DIGITS = 6           # significant digits an answer is rounded to before hashing
SHOWN = 4            # wrong answers kept as text per function
SHOWN_CAP = 160


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:8]


def input_digest(call) -> str:
    from autograder.checks.disk_cache import key_text

    text = key_text([call.function, call.args, call.kwargs])
    return digest(text if text is not None else repr((call.function, call.args, call.kwargs)))


def canonical(value) -> str:
    """A text that is equal for equal answers (to ``DIGITS`` digits)."""
    return json.dumps(_canonical(value), separators=(",", ":"))


def _canonical(value):
    if value is None or isinstance(value, (bool, np.bool_, str)):
        return [type(value).__name__, value if not isinstance(value, np.bool_) else bool(value)]
    if isinstance(value, (int, float, np.integer, np.floating)):
        return ["n", _round(float(value))]
    if isinstance(value, (complex, np.complexfloating)):
        return ["c", _round(value.real), _round(value.imag)]
    if isinstance(value, np.ndarray):
        if value.dtype.kind in "biuf":
            return ["a", list(value.shape), [_round(float(x)) for x in value.ravel()]]
        return ["a", list(value.shape), str(value.dtype)]
    if isinstance(value, (list, tuple)):
        return [type(value).__name__, [_canonical(v) for v in value]]
    if isinstance(value, Opaque):
        return ["o", value.type_name]
    if (type(value).__module__ or "").startswith("sympy"):
        return ["s", str(value)]
    return ["?", type(value).__name__]


def _round(x: float):
    if not np.isfinite(x):
        return str(x)
    return float(f"{x:.{DIGITS}g}") + 0.0     # + 0.0 makes -0.0 read as 0.0


def fingerprints(hidden, tests) -> dict[str, dict]:
    """function -> its fingerprint, for each function with a wrongly answered test.

    A function that calls an exercise function which itself failed is left
    out: its wrong answers are the helper's mistake, counted there.
    """
    failed = {t.function for t in tests if t.outcome != "passed"}
    wrong = {t.function for t in tests if t.outcome == "incorrect"
             and not set(hidden.uses.get(t.function, ())) & failed}
    named = {t.function for t in tests if t.mistake}
    out = {}
    for function in sorted(wrong):
        run = hidden.report.functions.get(function)
        if run is None or not run.calls:
            continue
        out[function] = _fingerprint(hidden, function, run.calls, function in named)
    return out


def _expects(hidden, function: str) -> list:
    """The Expect of each planned call of ``function`` (None where a test judges it its own way)."""
    out = []
    for log in hidden.logs:
        for i, called in enumerate(log.planned or log.called):
            if called.call.function == function:
                expect = log.expects.get(i)
                out.append(expect.built() if isinstance(expect, Lazy) else expect)
    return out


def _fingerprint(hidden, function: str, outcomes, named: bool) -> dict:
    plan = hidden.plan.get(function, [])
    expects = _expects(hidden, function)
    calls, shown, factors, offsets = [], {}, [], []
    for i, (call, outcome) in enumerate(zip(plan, outcomes)):
        expect = expects[i] if i < len(expects) else None
        if outcome.status == "ok":
            answer = digest(canonical(outcome.value))
            verdict = _verdict(expect, outcome.value)
            if expect is not None:        # a check judging all its calls at once says nothing of a factor
                factors.append(_factor(expect, outcome.value))
                offsets.append(_offset(expect, outcome.value))
        else:
            answer = digest(f"raised {(outcome.error or outcome.status).split(':')[0]}")
            verdict = "w" if expect is not None else "?"
            factors.append(None)
            offsets.append(None)
        if verdict == "w" and outcome.status == "ok" and len(shown) < SHOWN and answer not in shown:
            shown[answer] = show(outcome.value, SHOWN_CAP)
        calls.append(f"{input_digest(call)}:{answer}:{verdict}")
    factor = _one_factor(factors) if len(calls) == len(plan) else None
    offset = offsets[0] if offsets and len(calls) == len(plan) and len(set(offsets)) == 1 else None
    return {"named": named, "factor": str(factor) if factor is not None else "",
            "offset": offset if factor is None and offset else "", "calls": calls, "shown": shown}


def _verdict(expect, value) -> str:
    if expect is None:
        return "?"
    try:
        return "w" if expect.problem(value) else "r"
    except Exception:      # a value the comparison cannot digest is a wrong answer
        return "w"


def _factor(expect, value) -> Fraction | None | str:
    """k when ``value`` is k times the expected number or array; "any" when
    both are zero (every k fits); None otherwise."""
    if not isinstance(expect, (Number, Array)):
        return None
    try:
        g = np.asarray(value, dtype=float)
        e = np.asarray(expect.value, dtype=float)
    except (TypeError, ValueError):
        return None
    if g.shape != e.shape and not (g.size == e.size == 1):
        return None
    g, e = g.reshape(-1), e.reshape(-1)
    if not (np.all(np.isfinite(g)) and np.all(np.isfinite(e))):
        return None
    scale = float(np.max(np.abs(e))) if e.size else 0.0
    if scale == 0.0:
        return "any" if not np.any(g) else None
    i = int(np.argmax(np.abs(e)))
    k = simple_factor(float(g[i]) / float(e[i]), getattr(expect, "m", None))
    if k is None:
        return None
    with np.errstate(over="ignore", invalid="ignore"):
        if not np.all(np.abs(g - float(k) * e) <= ULPS * (np.abs(float(k) * e) + abs(float(k)) * scale)):
            return None
    return k


def _offset(expect, value) -> str | None:
    """The constant ``value`` exceeds the expected number or array by on every entry (rounded), or None."""
    if not isinstance(expect, (Number, Array)):
        return None
    try:
        g = np.asarray(value, dtype=float).reshape(-1)
        e = np.asarray(expect.value, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None
    if g.shape != e.shape or not g.size or not (np.all(np.isfinite(g)) and np.all(np.isfinite(e))):
        return None
    d = g - e
    scale = float(np.max(np.abs(e))) + 1.0
    if float(np.max(d) - np.min(d)) > 1e-9 * scale or abs(float(d[0])) <= 1e-9 * scale:
        return None
    return f"{_round(float(d[0])):g}"


def _one_factor(factors: list) -> Fraction | None:
    """The factor every call agrees on (not 1), or None."""
    ks = {k for k in factors if k != "any"}
    if len(ks) != 1 or None in ks:
        return None
    k = ks.pop()
    return None if k == 1 else k
