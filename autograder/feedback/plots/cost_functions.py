"""ps3 plots: the cost surfaces side by side, and the worked example's training."""

from __future__ import annotations

from functools import cache

import numpy as np
from matplotlib.ticker import MaxNLocator

from autograder.feedback.plots.base import Plot, Unplottable, as_grid, as_vector, finite_or_note, unpack
from autograder.report.figures import REFERENCE, STUDENT
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
        levels = np.linspace(np.nanmin(ref), np.nanmax(ref), 16)
        panels = [("reference", ref)] if mine is None else [("yours", mine[row]), ("reference", ref)]
        for col, (who, z) in enumerate(panels):
            ax = axes[row][col]
            # Rows of Z follow w1 (the input's weight), columns w2 (the bias):
            # transpose so w1 runs along the horizontal axis.
            shown = np.clip(z, levels[0], levels[-1]) if who == "yours" else z
            filled = ax.contourf(GRID, GRID, np.where(np.isfinite(shown), shown, np.nan).T, levels=levels,
                                 cmap="viridis", extend="neither")
            ax.set_title(f"{who}: {cost}", fontsize=9, color=STUDENT if who == "yours" else REFERENCE)
            if row == len(COSTS) - 1:
                ax.set_xlabel("w1 (input weight)")
            if col == 0:
                ax.set_ylabel("w2 (bias)")
            if who == "yours":
                notes.append(finite_or_note(z, f"Your {cost} surface").strip())
                differs = not np.allclose(z, ref, rtol=1e-6, atol=1e-9, equal_nan=True)
                notes.append(f"Your {cost} surface {'differs from' if differs else 'matches'} the reference"
                             + (f" (largest difference {np.nanmax(np.abs(z - ref)):.3g})." if differs else "."))
        fig.colorbar(filled, ax=list(axes[row]), shrink=0.9, label=cost, ticks=MaxNLocator(6))
    caption = ("Cost of a one-input neuron with a bias on X = [[0, 1], [1, 1]], y = [[1], [0]], "
               "weights from -15 to 15 (step 1). Colours share one scale per row.")
    return " ".join([caption, *filter(None, notes)])


@cache
def _reference_training():
    return [train_neuron(WORKED_X, WORKED_Y, WORKED_W0, *WORKED_ARGS, cost="mse")]


def _draw_training(fig, student, reference) -> str:
    ref_w, ref_costs = reference[0]
    ref_costs = np.asarray(ref_costs, dtype=float)
    ax = fig.add_subplot()
    ax.plot(ref_costs, color=REFERENCE, lw=2, label=f"reference: final w = {float(ref_w[0, 0]):.4g}")
    caption = (f"MSE during training on the worked example (w0 = 5, learning rate 0.5, 2000 epochs). "
               f"The reference ends at w = {float(ref_w[0, 0]):.6g} with cost {ref_costs[-1]:.4g}.")
    if student:
        w, costs = unpack(student[0], 2, "train_neuron")
        costs = as_vector(costs, "your costs")
        try:
            final = f"{float(np.asarray(w, dtype=float).ravel()[0]):.6g}"
        except (TypeError, ValueError, IndexError):
            raise Unplottable("your returned w is not an array of numbers") from None
        ax.plot(costs, "--", color=STUDENT, lw=2, label=f"yours: final w = {final}")
        caption += f" Yours ends at w = {final} with cost {costs[-1]:.4g}." if costs.size else ""
        if costs.size != ref_costs.size:
            caption += f" Your costs list has {costs.size} entries; it should have {ref_costs.size} (epochs + 1)."
        caption += finite_or_note(costs, "Your costs list")
    drawn = np.concatenate([ref_costs, costs]) if student else ref_costs
    positive = drawn[np.isfinite(drawn)] > 0
    ax.set(xlabel="epoch", ylabel="MSE", title="train_neuron on the worked example",
           yscale="log" if positive.all() else "linear")
    ax.legend(fontsize=8)
    return caption


PLOTS = [
    Plot("surface", "cost_surface", "Your cost surfaces next to the reference's",
         tuple(Call("cost_surface", (SURFACE_X, SURFACE_Y, GRID, GRID), {"cost": c}) for c in COSTS),
         _reference_surfaces, _draw_surfaces, (9.0, 6.4)),
    Plot("training", "train_neuron", "Your training curve on the worked example",
         (Call("train_neuron", (WORKED_X, WORKED_Y, WORKED_W0, *WORKED_ARGS), {"cost": "mse"}),),
         _reference_training, _draw_training),
]
