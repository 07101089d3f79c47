"""ps2 plots: the student's descent on the parabola, and where minimize stops."""

from __future__ import annotations

from functools import cache

import numpy as np

from autograder.feedback.plots.base import Plot, as_scalar, as_vector, finite_or_note, unpack
from autograder.pages.figures import REFERENCE, STUDENT
from autograder.sandbox.codec import Probe
from autograder.sandbox.protocol import Call
from solutions.derivatives import df, dparabola, f, parabola
from solutions.gradient_descent import gradient_descent, minimize

# The published runs: the parabola (x - 3)^2 from 1 with learning rate 0.05,
# and the quartic f from 4 with learning rate 0.01.  Probes carry the
# derivatives into the sandbox as polynomials (coefficients, lowest first).
DPARABOLA = Probe("poly", {"coeffs": [-6.0, 2.0]})
DF = Probe("poly", {"coeffs": [0.0, 0.0, -9.0, 4.0]})
GD_ARGS = (1.0, 0.05, 25)
MIN_ARGS = (4.0, 0.01, 1e-5)


@cache
def _reference_descent():
    return [gradient_descent(dparabola, *GD_ARGS)]


def _draw_descent(fig, student, reference) -> str:
    ref = np.asarray(reference[0], dtype=float)
    mine = as_vector(student[0], "your list of iterates") if student else None
    on_curve, by_step = fig.subplots(1, 2)
    lo, hi = _span(ref if mine is None else np.concatenate([ref, mine]))
    xs = np.linspace(lo, hi, 300)
    on_curve.plot(xs, parabola(xs), color="0.6", lw=1)
    on_curve.plot(ref, parabola(ref), "o", color=REFERENCE, ms=5, label="reference")
    by_step.plot(range(len(ref)), ref, "-o", color=REFERENCE, ms=3, label="reference")
    caption = f"The reference's last iterate is {ref[-1]:.10g}."
    if mine is not None:
        on_curve.plot(mine, parabola(mine), "x", color=STUDENT, ms=7, label="yours")
        by_step.plot(range(len(mine)), mine, "--x", color=STUDENT, ms=5, label="yours")
        if mine.size:
            caption += f" Yours is {mine[-1]:.10g}." + finite_or_note(mine, "Your list")
        if mine.size != ref.size:
            caption += f" Your list has {mine.size} iterates; the reference has {ref.size} (x0 and 25 steps)."
        elif not np.allclose(mine, ref, rtol=1e-9, atol=1e-12):
            caption += f" The first one that differs is x_{_first_difference(mine, ref)}."
    on_curve.axvline(3, color="0.8", ls=":", lw=1)
    on_curve.set(xlabel="x", ylabel="(x − 3)²", title="iterates on the parabola")
    by_step.axhline(3, color="0.8", ls=":", lw=1)
    by_step.set(xlabel="step k", ylabel="x_k", title="x_k, step by step")
    by_step.set_ylim(lo, hi)
    by_step.legend(loc="best", fontsize=8)
    return caption


def _span(values, limit=50.0) -> tuple[float, float]:
    """An x range holding the parabola's minimum and every finite iterate,
    within +-limit: a diverging run stays visible without flattening the rest."""
    finite = values[np.isfinite(values)]
    lo = max(min(finite.min(initial=0.5), 0.5), -limit)
    hi = min(max(finite.max(initial=5.5), 5.5), limit)
    return lo - 0.5, hi + 0.5


def _first_difference(mine, ref) -> int:
    close = np.isclose(mine, ref, rtol=1e-9, atol=1e-12)
    return int(np.argmin(close))


@cache
def _reference_minimize():
    return [minimize(df, *MIN_ARGS)]


def _draw_minimize(fig, student, reference) -> str:
    ref_x, ref_steps = reference[0]
    path = np.asarray(gradient_descent(df, MIN_ARGS[0], MIN_ARGS[1], ref_steps), dtype=float)
    on_curve, by_step = fig.subplots(1, 2)
    xs = np.linspace(-0.6, 4.1, 300)
    on_curve.plot(xs, f(xs), color="0.6", lw=1)
    on_curve.plot(path, f(path), ".", color=REFERENCE, ms=5, label="reference's iterates")
    on_curve.plot([ref_x], [f(ref_x)], "*", color=REFERENCE, ms=14, label="reference's answer")
    by_step.plot(range(len(path)), path, "-", color=REFERENCE, lw=1.5, label="reference's x_k")
    by_step.plot([ref_steps], [ref_x], "*", color=REFERENCE, ms=14, label=f"reference: {ref_steps} steps")
    caption = f"The reference stops at x = {ref_x:.10g} after {ref_steps} steps (the minimum is at 9/4)."
    if student:
        x, steps = unpack(student[0], 2, "minimize")
        x, steps = as_scalar(x, "your x"), as_scalar(steps, "your step count")
        if np.isfinite(x) and -0.6 <= x <= 4.1:
            on_curve.plot([x], [f(x)], "X", color=STUDENT, ms=10, label="your answer")
        if np.isfinite(x) and np.isfinite(steps):
            by_step.plot([steps], [np.clip(x, -1, 5)], "X", color=STUDENT, ms=10, label=f"yours: {steps:g} steps")
        caption += f" Yours stops at x = {x:.10g} after {steps:g} steps."
    on_curve.set_ylim(-10, 100)
    on_curve.set(xlabel="x", ylabel="f(x) = x⁴ − 3x³ + 2", title="minimize(df, 4, 0.01, 1e-5)")
    on_curve.legend(fontsize=8)
    by_step.axhline(2.25, color="0.8", ls=":", lw=1)
    by_step.set(xlabel="step", ylabel="x", title="where it stops, and after how many steps")
    by_step.legend(fontsize=8)
    return caption


PLOTS = [
    Plot("descent", "gradient_descent", "Your gradient descent on the parabola",
         (Call("gradient_descent", (DPARABOLA, *GD_ARGS)),), _reference_descent, _draw_descent, (9.6, 3.6)),
    Plot("minimize", "minimize", "Where your minimize stops",
         (Call("minimize", (DF, *MIN_ARGS)),), _reference_minimize, _draw_minimize, (9.6, 3.6)),
]
