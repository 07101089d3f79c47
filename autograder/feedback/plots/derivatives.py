"""ps1 plots: the student's df and sigmoid drawn over the reference's."""

from __future__ import annotations

import numpy as np

from autograder.feedback.plots.base import Plot, as_vector, curves, finite_or_note
from autograder.sandbox.protocol import Call
from solutions import derivatives

DF_X = np.linspace(-1.5, 3.5, 101)
SIGMOID_Z = np.linspace(-10.0, 10.0, 101)


def _overlay(name: str, xs: np.ndarray, xlabel: str):
    def draw(fig, student, reference) -> str:
        ref = np.asarray(reference[0], dtype=float)
        mine = as_vector(student[0], f"your {name}(x)", ref.size) if student else None
        caption = f"{name} evaluated on an array of {xs.size} points from {xs[0]:g} to {xs[-1]:g}."
        if mine is not None:
            gap = np.abs(mine - ref)
            caption += (" Yours matches the reference." if np.allclose(mine, ref, rtol=1e-9, atol=1e-12)
                        else f" Yours differs by up to {np.nanmax(gap):.3g}." if np.isfinite(gap).any() else "")
            caption += finite_or_note(mine, "Your result")
        caption += curves(fig, mine, ref, f"{name}({xlabel})", name, xlabel=xlabel, x=xs, log=False)
        for ax in fig.axes:
            ax.axhline(0, color="0.85", lw=1)
        return caption
    return draw


def _reference(name: str, xs: np.ndarray):
    return lambda: [getattr(derivatives, name)(xs.copy())]


PLOTS = [
    Plot("df", "df", "Your df next to the reference's", (Call("df", (DF_X,)),),
         _reference("df", DF_X), _overlay("df", DF_X, "x")),
    Plot("sigmoid", "sigmoid", "Your sigmoid next to the reference's", (Call("sigmoid", (SIGMOID_Z,)),),
         _reference("sigmoid", SIGMOID_Z), _overlay("sigmoid", SIGMOID_Z, "z")),
]
