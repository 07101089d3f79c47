"""ps3 plots: the cost surfaces side by side, and the worked example's training with each cost."""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.ticker import MaxNLocator

from autograder.feedback.plots.base import Plot, Unplottable, as_grid, as_vector, curves, finite_or_note, unpack
from autograder.pages.figures import REFERENCE, STUDENT
from autograder.sandbox.protocol import Call
from solutions.cost_functions import cost_surface, train_neuron

# The notebook's surface: one input with a bias, weights from -15 to 15.  A
# grid of 31 x 31 (step 1) shows the same plateaus as the notebook's finer one.
SURFACE_X = np.array([[0.0, 1.0], [1.0, 1.0]])
SURFACE_Y = np.array([[1.0], [0.0]])
GRID = np.linspace(-15.0, 15.0, 31)
COSTS = ("mse", "cross_entropy")

# The worked example of the problem set.
WORKED_X = np.array([[0.1], [0.25], [0.5], [0.75], [1.0]])
WORKED_Y = np.zeros((5, 1))
WORKED_W0 = np.array([[5.0]])
WORKED_ARGS = (0.5, 2000)


@cache
def _reference_surfaces():
    return [cost_surface(SURFACE_X, SURFACE_Y, GRID, GRID, cost=c) for c in COSTS]


def _levels(z: np.ndarray) -> np.ndarray | None:
    """16 contour levels over the finite values of z; None when z has none or is flat."""
    finite = z[np.isfinite(z)]
    if finite.size == 0 or finite.min() == finite.max():
        return None
    return np.linspace(finite.min(), finite.max(), 16)


def _draw_surfaces(fig, student, reference) -> str:
    shape = (GRID.size, GRID.size)
    mine = None
    if student:
        mine = [as_grid(z, f"your {c} surface", shape) for z, c in zip(student, COSTS)]
    columns = 1 if mine is None else 2
    axes = fig.subplots(len(COSTS), columns, squeeze=False, sharex=True, sharey=True)
    notes = []
    for row, cost in enumerate(COSTS):
        ref = reference[row]
        panels = [("reference", ref)] if mine is None else [("yours", mine[row]), ("reference", ref)]
        for col, (who, z) in enumerate(panels):
            ax = axes[row][col]
            ax.set_title(f"{who}: {cost}", fontsize=9, color=STUDENT if who == "yours" else REFERENCE)
            if row == len(COSTS) - 1:
                ax.set_xlabel("w1 (input weight)")
            if col == 0:
                ax.set_ylabel("w2 (bias)")
            # Each panel on its own colour scale: a student's surface that goes
            # negative or runs to 1e6 keeps its shape instead of one flat colour.
            levels = _levels(z)
            if levels is None:
                finite = z[np.isfinite(z)]
                ax.text(0.5, 0.5, f"flat at {finite[0]:.4g}" if finite.size else "no finite values",
                        ha="center", va="center", transform=ax.transAxes)
            else:
                # Rows of Z follow w1 (the input's weight), columns w2 (the bias):
                # transpose so w1 runs along the horizontal axis.
                filled = ax.contourf(GRID, GRID, np.where(np.isfinite(z), z, np.nan).T, levels=levels,
                                     cmap="viridis")
                fig.colorbar(filled, ax=ax, shrink=0.9, ticks=MaxNLocator(5))
            if who == "yours":
                notes.append(finite_or_note(z, f"Your {cost} surface").strip())
                differs = not np.allclose(z, ref, rtol=1e-6, atol=1e-9, equal_nan=True)
                notes.append(f"Your {cost} surface {'differs from' if differs else 'matches'} the reference"
                             + (f" (largest difference {np.nanmax(np.abs(z - ref)):.3g}; yours runs from "
                                f"{np.nanmin(np.where(np.isfinite(z), z, np.nan)):.3g} to "
                                f"{np.nanmax(np.where(np.isfinite(z), z, np.nan)):.3g}, the reference's from "
                                f"{np.nanmin(ref):.3g} to {np.nanmax(ref):.3g})." if differs and np.isfinite(z).any()
                                else "."))
    caption = ("Cost of a one-input neuron with a bias on X = [[0, 1], [1, 1]], y = [[1], [0]], "
               "weights from -15 to 15 (step 1). Each panel has its own colour scale: compare shapes, "
               "and read the values on the colour bars.")
    return " ".join([caption, *filter(None, notes)])


def _training(cost: str):
    @cache
    def reference():
        return [train_neuron(WORKED_X, WORKED_Y, WORKED_W0, *WORKED_ARGS, cost=cost)]

    def draw(fig, student, reference) -> str:
        ref_w, ref_costs = reference[0]
        ref_costs = np.asarray(ref_costs, dtype=float)
        name = NAMES[cost]
        caption = (f"The {name} during training on the worked example (w0 = 5, learning rate 0.5, 2000 epochs, "
                   f'cost="{cost}"). The reference ends at w = {float(ref_w[0, 0]):.6g} with cost '
                   f"{ref_costs[-1]:.4g}.")
        costs = None
        if student:
            w, costs = unpack(student[0], 2, "train_neuron")
            costs = as_vector(costs, "your costs")
            try:
                final = f"{float(np.asarray(w, dtype=float).ravel()[0]):.6g}"
            except (TypeError, ValueError, IndexError):
                raise Unplottable("your returned w is not an array of numbers") from None
            caption += f" Yours ends at w = {final} with cost {costs[-1]:.4g}." if costs.size else ""
            if costs.size != ref_costs.size:
                caption += f" Your costs list has {costs.size} entries; it should have {ref_costs.size} (epochs + 1)."
            caption += finite_or_note(costs, "Your costs list")
            mine_label = f"yours: final w = {final}"
        else:
            mine_label = "yours"
        ref_label = f"reference: final w = {float(ref_w[0, 0]):.4g}"
        caption += curves(fig, costs, ref_costs, name, f'train_neuron(..., cost="{cost}")', mine_label, ref_label)
        return caption

    return reference, draw


NAMES = {"mse": "MSE", "cross_entropy": "cross-entropy"}


PLOTS = [
    Plot("surface", "cost_surface", "Your cost surfaces next to the reference's",
         tuple(Call("cost_surface", (SURFACE_X, SURFACE_Y, GRID, GRID), {"cost": c}) for c in COSTS),
         _reference_surfaces, _draw_surfaces, (9.0, 6.4)),
    *(Plot(f"training_{cost}", "train_neuron", f"Your training curve on the worked example, {NAMES[cost]}",
           (Call("train_neuron", (WORKED_X, WORKED_Y, WORKED_W0, *WORKED_ARGS), {"cost": cost}),),
           *_training(cost)) for cost in COSTS),
]
