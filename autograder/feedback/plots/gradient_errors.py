"""Heatmaps of where a student's gradient is wrong, entry by entry.

One plot per gradient exercise (``backward``; ``mse_gradient`` and
``cross_entropy_gradient``), on the page of a student whose gradient failed a
test while its helpers passed theirs.  Its calls are the probes of
``checks/localise.py``, so the caption says what the graded feedback says;
the picture is the first probe, a plain network, with each entry coloured by
its relative error against the reference (computed here, never in the
sandbox) and labelled with it.  Rows and columns are named as the course
lays them out: the bias row last, one column per hidden unit.
"""

from __future__ import annotations

import importlib
from functools import cache

import numpy as np
from matplotlib.colors import LogNorm

from autograder.checks.localise import GRADIENTS, WRONG, Gradient, as_array, localise, relative_error, split
from autograder.course import ASSIGNMENTS
from autograder.checks.check import run_reference
from autograder.feedback.plots.base import Plot, Unplottable
from autograder.results import Outcome

# Errors below LOW are drawn as LOW: rounding, nothing to see.
LOW, HIGH = 1e-16, 1.0
COLOURS = "YlOrRd"


def _reference(gradient: Gradient):
    @cache
    def reference():
        return [run_reference(gradient.reference, p.call) for p in gradient.probes]
    return reference


def _labels(gradient: Gradient, part: int, shape) -> tuple[list[str], list[str]]:
    rows = [str(i) for i in range(shape[0])]
    if rows:
        rows[-1] += " (bias)"
    column = gradient.columns[part]
    cols = [f"{column} {j}" if column else str(j) for j in range(shape[1])] if len(shape) > 1 else ["0"]
    return rows, cols


def _panel(ax, gradient: Gradient, part: int, got, want) -> bool:
    """One part's heatmap; False when it cannot be compared entry by entry."""
    name = gradient.parts[part]
    want = np.asarray(want, dtype=float).reshape(np.shape(want) if np.ndim(want) == 2 else (-1, 1))
    got = as_array(got)
    ax.set_title(name, fontsize=10)
    if got is None or got.shape != want.shape:
        shape = "not an array" if got is None else f"shape {got.shape}"
        ax.text(0.5, 0.5, f"yours: {shape}\nexpected: shape {want.shape}", ha="center", va="center",
                transform=ax.transAxes, fontsize=9)
        ax.set(xticks=[], yticks=[])
        return False
    err = np.nan_to_num(relative_error(got, want), nan=HIGH, posinf=HIGH)
    shown = np.clip(err, LOW, HIGH)
    ax.imshow(shown, cmap=COLOURS, norm=LogNorm(LOW, HIGH), aspect="equal")
    rows, cols = _labels(gradient, part, want.shape)
    ax.set_yticks(range(len(rows)), rows, fontsize=8)
    ax.set_xticks(range(len(cols)), cols, fontsize=8, rotation=30 if len(cols) > 1 else 0)
    ax.set_ylabel("row", fontsize=8)
    for (i, j), e in np.ndenumerate(err):
        text = "0" if e < 1e-12 else f"{e:.0e}"
        ax.text(j, i, text, ha="center", va="center", fontsize=8,
                color="white" if e > WRONG else "black", fontweight="bold" if e > WRONG else "normal")
    return True


def _draw(gradient: Gradient):
    def draw(fig, student, reference) -> str:
        probe = gradient.probes[0]
        axes = fig.subplots(1, len(gradient.parts), squeeze=False,
                            gridspec_kw={"width_ratios": _widths(split(reference[0], len(gradient.parts)))})[0]
        where = (f"on {probe.what}: |yours - right| / max(|yours|, |right|, a thousandth of the largest right "
                 f"entry). Correct code stays near 1e-15; an entry above {WRONG:g} (bold, red) is wrong.")
        if not student:
            for ax, name in zip(axes, gradient.parts):
                ax.set_title(name, fontsize=10)
                ax.text(0.5, 0.5, "no values of yours", ha="center", va="center", transform=ax.transAxes)
                ax.set(xticks=[], yticks=[])
            return f"The relative error of each entry of your {_join(gradient.parts)} would be shown here, {where}"
        n = len(gradient.parts)
        got = split(student[0], n)
        if got is None or all(as_array(g) is None for g in got):
            raise Unplottable(f"{gradient.function} should return {_join(gradient.parts)}, arrays of numbers")
        for part, ax in enumerate(axes):
            _panel(ax, gradient, part, got[part], split(reference[0], n)[part])
        images = [ax.images[0] for ax in axes if ax.images]
        if images:
            fig.colorbar(images[0], ax=list(axes), label="relative error", shrink=0.8)
        caption = f"The relative error of each entry of your {_join(gradient.parts)} {where}"
        found = localise(gradient, student)
        if found.anything:
            lines = found.text(gradient).splitlines()
            caption += "".join(" " + _sentence(line) for line in lines[1:])
        else:
            caption += (f" On all {len(gradient.probes)} chosen inputs every entry of yours matches.")
        return caption
    return draw


def _widths(reference) -> list[float]:
    return [max(np.shape(r)[1] if np.ndim(r) == 2 else 1, 1) + 1.5 for r in reference]


def _sentence(line: str) -> str:
    line = line.removeprefix("- ").strip()
    line = line[:1].upper() + line[1:]
    return line if line.endswith(".") else line + "."


def _join(parts) -> str:
    return " and ".join(parts)


def _shown_if(function: str, helpers: tuple[str, ...]):
    """Only for a gradient that failed a test while its helpers passed theirs.

    The picture runs the student's own helpers: where one of them fails, the
    graded feedback (which locates the mistake with the grader's helpers in
    their place) is the one to read, and a passed gradient has nothing to show.
    """
    def shown(outcomes: dict[str, set[str]]) -> bool:
        own = outcomes.get(function, set())
        return bool(own - {Outcome.PASSED, Outcome.NOT_ATTEMPTED}) and all(
            outcomes.get(h, set()) <= {Outcome.PASSED} for h in helpers)
    return shown


def _plot(function: str, helpers: tuple[str, ...]) -> Plot:
    gradient = GRADIENTS[function]
    return Plot(f"errors-{function}", function, f"Where your {function} differs, entry by entry",
                tuple(p.call for p in gradient.probes), _reference(gradient), _draw(gradient),
                (6.4 if len(gradient.parts) > 1 else 4.2, 3.2), shown_if=_shown_if(function, helpers))


_BY_MODULE = {"backprop": ("backward",), "cost_functions": ("mse_gradient", "cross_entropy_gradient")}


def plots_for(assignment: str) -> list[Plot]:
    module = ASSIGNMENTS.get(assignment, "")
    if module not in _BY_MODULE:
        return []
    uses = importlib.import_module(f"autograder.checks.{module}").USES
    return [_plot(f, uses.get(f, ())) for f in _BY_MODULE[module]]
