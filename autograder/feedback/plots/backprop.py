"""ps4 plot: the student's XOR training curve against the reference's."""

from __future__ import annotations

from functools import cache

import numpy as np

from autograder.feedback.plots.base import Plot, Unplottable, as_vector, curves, finite_or_note, unpack
from autograder.sandbox.protocol import Call
from solutions.backprop import predict, train

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
# A fixed start from which the reference learns XOR comfortably.
_start = np.random.default_rng(3)
THETA1 = _start.normal(0.0, 1.0, (3, 3))
THETA2 = _start.normal(0.0, 1.0, (4, 1))
THETA1.setflags(write=False)
THETA2.setflags(write=False)
LEARNING_RATE, EPOCHS = 1.0, 2000


@cache
def _reference():
    return [train(XOR_X, XOR_Y, THETA1, THETA2, LEARNING_RATE, EPOCHS)]


def _predictions(theta1, theta2) -> str:
    """What the trained weights predict, worked out here with the reference's forward pass."""
    try:
        t1, t2 = np.asarray(theta1, dtype=float), np.asarray(theta2, dtype=float)
        if t1.shape != THETA1.shape or t2.shape != THETA2.shape:
            return ""
        return str(predict(XOR_X, t1, t2).ravel().tolist())
    except (TypeError, ValueError):
        return ""


def _draw(fig, student, reference) -> str:
    ref_t1, ref_t2, ref_costs = reference[0]
    ref_costs = np.asarray(ref_costs, dtype=float)
    caption = (f"Cross-entropy while training the 2-3-1 network on XOR from a fixed random start "
               f"(learning rate {LEARNING_RATE:g}, {EPOCHS} epochs). The reference's cost falls from "
               f"{ref_costs[0]:.3g} to {ref_costs[-1]:.3g}; its weights predict {_predictions(ref_t1, ref_t2)} "
               f"for the targets [0, 1, 1, 0].")
    costs = None
    if student:
        t1, t2, costs = unpack(student[0], 3, "train")
        costs = as_vector(costs, "your costs")
        if costs.size == 0:
            raise Unplottable("your costs list is empty")
        caption += f" Yours goes from {costs[0]:.3g} to {costs[-1]:.3g}."
        predicted = _predictions(t1, t2)
        if predicted:
            caption += f" Your trained weights predict {predicted}."
        if costs.size != ref_costs.size:
            caption += f" Your costs list has {costs.size} entries; it should have {ref_costs.size} (epochs + 1)."
        caption += finite_or_note(costs, "Your costs list")
    return caption + curves(fig, costs, ref_costs, "cross-entropy", "train on XOR")


PLOTS = [
    Plot("xor", "train", "Your XOR training curve",
         (Call("train", (XOR_X, XOR_Y, THETA1, THETA2, LEARNING_RATE, EPOCHS)),), _reference, _draw),
]
