"""Short, readable text for values and calls in the feedback a student reads.

Arrays are abbreviated (a student's 10^6-element answer must not become a
megabyte of feedback) and every rendering is capped in length.
"""

from __future__ import annotations

import numpy as np

from autograder.sandbox.codec import Opaque, Probe

CAP = 240


def show(value, cap: int = CAP) -> str:
    """One value as a student would write it, cut to ``cap`` characters."""
    try:
        text = _show(value)
    except Exception as exc:  # a value the grader cannot render must not stop grading
        text = f"<{type(value).__name__}: could not be shown ({type(exc).__name__})>"
    return _cut(text, cap)


def show_call(function: str, args=(), kwargs=None, cap: int = 2 * CAP) -> str:
    parts = [show(a) for a in args] + [f"{k}={show(v)}" for k, v in (kwargs or {}).items()]
    return _cut(f"{function}({', '.join(parts)})", cap)


def describe_type(value) -> str:
    """What kind of thing a value is, in words a beginner knows."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"a NumPy array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, np.generic):
        return f"a NumPy {type(value).__name__}"
    if isinstance(value, Opaque):
        return f"an object of type {value.type_name}"
    if isinstance(value, (list, tuple)):
        return f"a {type(value).__name__} of length {len(value)}"
    mod = type(value).__module__ or ""
    if mod.startswith("sympy"):
        return f"a SymPy {type(value).__name__}"
    return f"a {type(value).__name__}"


def _show(value) -> str:
    if isinstance(value, Probe):
        return describe_probe(value)
    if isinstance(value, np.ndarray):
        return _show_array(value)
    if isinstance(value, np.generic):
        return repr(value.item()) if value.dtype.kind in "biuf" else repr(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value[:8]) + (", ..." if len(value) > 8 else "") + "]"
    if isinstance(value, tuple):
        inner = ", ".join(_show(v) for v in value[:8]) + (", ..." if len(value) > 8 else "")
        return f"({inner}{',' if len(value) == 1 else ''})"
    return repr(value)


def _show_array(arr: np.ndarray) -> str:
    if arr.dtype.kind not in "biufc":
        return f"array(<{arr.dtype}>, shape={arr.shape})"
    body = np.array2string(arr, precision=6, threshold=12, edgeitems=2, separator=", ",
                           max_line_width=10_000, suppress_small=False)
    body = " ".join(body.split())
    note = f", shape {arr.shape}" if arr.ndim != 1 or arr.size > 12 else ""
    if arr.dtype.kind in "biu":
        note += f", dtype={arr.dtype}"
    return f"array({body}{note})"


def describe_probe(probe: Probe) -> str:
    """The callable a probe stands for, as the student would write it."""
    p = probe.params
    if probe.name == "poly":
        return "lambda x: " + _poly_text(p.get("coeffs", []))
    if probe.name == "affine_grad":
        return f"lambda x: {_num(p.get('a'))} * (x - {_num(p.get('b'))})"
    if probe.name == "smooth_cost":
        return "cost (theta -> sum(weights * sin(theta)) + 0.25 * sum(theta**4))"
    return f"<function {probe.name}>"


def _poly_text(coeffs) -> str:
    terms = []
    for k, c in enumerate(coeffs):
        if c == 0:
            continue
        power = "" if k == 0 else ("*x" if k == 1 else f"*x**{k}")
        terms.append(f"{_num(c)}{power}")
    return " + ".join(terms).replace("+ -", "- ") if terms else "0"


def _num(c) -> str:
    if isinstance(c, (list, tuple, np.ndarray)):
        return show(np.asarray(c))
    try:
        c = float(c)
    except (TypeError, ValueError):
        return repr(c)
    return str(int(c)) if c.is_integer() else repr(c)


def _cut(text: str, cap: int) -> str:
    return text if len(text) <= cap else text[: cap - 4] + " ..."
