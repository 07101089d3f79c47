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
    # Given {function: the outcomes of its tests}, whether the page shows this plot (None: always).
    shown_if: Callable[[dict[str, set[str]]], bool] | None = None


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


def readable_together(mine: np.ndarray, reference: np.ndarray, share: float = 0.5, log: bool | None = None) -> bool:
    """Whether one axis shows both curves well: the reference (the curve
    that is known to be sensible) still covers ``share`` of the axis's range
    once the student's values are on it, or everything lies within one
    decade.  ``log``: None for a logarithmic axis when every value is positive."""
    both = np.concatenate([mine, reference])
    finite = both[np.isfinite(both)]
    own = reference[np.isfinite(reference)]
    if finite.size == 0 or own.size == 0:
        return True
    log = _logarithmic(finite, log)
    if log:
        finite, own = np.log10(finite), np.log10(own)
    span = finite.max() - finite.min()
    if span == 0 or (log and span <= 1):
        return True
    return own.max() - own.min() >= share * span


def _logarithmic(values: np.ndarray, log: bool | None) -> bool:
    finite = values[np.isfinite(values)]
    return bool(finite.size and (finite > 0).all()) if log is None else bool(log and (finite > 0).all())


def _scale(ax, values: np.ndarray, log: bool | None) -> None:
    if _logarithmic(values, log):
        ax.set_yscale("log")


def curves(fig: Figure, mine: np.ndarray | None, reference: np.ndarray, ylabel: str, title: str,
           mine_label: str = "yours", reference_label: str = "reference", xlabel: str = "epoch",
           x: np.ndarray | None = None, log: bool | None = None) -> str:
    """The student's curve and the reference's, on one axis when both read
    well there, else side by side, each on its own scale (a cost that went
    negative or exploded stays visible, and so does the reference's).
    ``x``: the horizontal values (default: the index, epochs); ``log``: see
    ``readable_together``.  Returns a sentence for the caption when they
    were drawn apart."""

    def along(values):
        return (np.arange(len(values)) if x is None else x)[:len(values)], values
    from autograder.pages.figures import REFERENCE, STUDENT

    if mine is None or readable_together(mine, reference, log=log):
        ax = fig.add_subplot()
        ax.plot(*along(reference), color=REFERENCE, lw=2, label=reference_label)
        drawn = reference
        if mine is not None:
            ax.plot(*along(mine), "--", color=STUDENT, lw=2, label=mine_label)
            drawn = np.concatenate([reference, mine])
        _scale(ax, drawn, log)
        ax.set(xlabel=xlabel, ylabel=ylabel, title=title)
        ax.legend(fontsize=8)
        return ""
    yours, theirs = fig.subplots(1, 2)
    yours.plot(*along(mine), "--", color=STUDENT, lw=2, label=mine_label)
    theirs.plot(*along(reference), color=REFERENCE, lw=2, label=reference_label)
    for ax, values, who, colour in ((yours, mine, "yours", STUDENT), (theirs, reference, "reference", REFERENCE)):
        _scale(ax, values, log)
        ax.set(xlabel=xlabel, ylabel=ylabel)
        ax.set_title(f"{who}, on its own scale", fontsize=9, color=colour)
        ax.legend(fontsize=8)
    fig.suptitle(title, fontsize=11)
    finite = mine[np.isfinite(mine)]
    return (f" Your curve (from {finite.min():.3g} to {finite.max():.3g}) and the reference's are far apart in scale, "
            "so each is drawn on its own axis.")
