"""What a feedback plot is: calls on the student's code, the reference's
answer to the same calls, and a drawing that puts the two side by side."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np
from matplotlib.figure import Figure

from autograder.sandbox.protocol import Call

MAX_POINTS = 100_000


class Unplottable(ValueError):
    """The student's value cannot be drawn (wrong type or shape); says why."""


@dataclass(frozen=True)
class Plot:
    """One figure of a feedback page.

    ``draw(fig, student, reference)`` gets one value per call (``student`` is
    None when the student's code gave nothing usable) and returns a caption;
    it raises ``Unplottable`` when the student's values make no sense to draw.
    """

    key: str
    function: str                          # the exercise it illustrates
    title: str
    calls: tuple[Call, ...]
    reference: Callable[[], list]
    draw: Callable[[Figure, list | None, list], str]
    size: tuple[float, float] = (6.4, 3.4)


def as_vector(value, what: str, length: int | None = None) -> np.ndarray:
    """A student's value as a 1-D float array, or ``Unplottable`` saying why."""
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise Unplottable(f"{what} is not a list of numbers ({type(value).__name__})") from exc
    if arr.ndim > 1 and arr.size == max(arr.shape):
        arr = arr.ravel()   # a column or row vector is a fine list of numbers here
    if arr.ndim != 1:
        raise Unplottable(f"{what} has shape {arr.shape}, not a flat list")
    if length is not None and arr.size != length:
        raise Unplottable(f"{what} has {arr.size} entries; the reference has {length}")
    if arr.size > MAX_POINTS:
        raise Unplottable(f"{what} has {arr.size} entries, too many to draw")
    return arr


def as_scalar(value, what: str) -> float:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise Unplottable(f"{what} is not a number ({type(value).__name__})") from exc
    if arr.size != 1:
        raise Unplottable(f"{what} has shape {arr.shape}, not a single number")
    return float(arr.ravel()[0])


def as_grid(value, what: str, shape: tuple[int, int]) -> np.ndarray:
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise Unplottable(f"{what} is not an array of numbers ({type(value).__name__})") from exc
    if arr.shape != shape:
        raise Unplottable(f"{what} has shape {arr.shape}; the reference has {shape}")
    return arr


def unpack(value, n: int, what: str) -> tuple:
    """A tuple/list result of ``n`` parts, as students return them."""
    if not isinstance(value, (tuple, list)) or len(value) != n:
        raise Unplottable(f"{what} should return {n} values; it returned {type(value).__name__}"
                          + (f" of length {len(value)}" if isinstance(value, (tuple, list)) else ""))
    return tuple(value)


def finite_or_note(arr: np.ndarray, what: str) -> str:
    """Non-finite values are drawn as gaps; say so rather than hide it."""
    bad = int(np.size(arr) - np.count_nonzero(np.isfinite(arr)))
    return f" {what} has {bad} non-finite value{'s' if bad != 1 else ''} (not drawn)." if bad else ""
