"""The feedback plots of each assignment (see ``base.Plot``)."""

from __future__ import annotations

from autograder.feedback.plots.base import Plot


def plots_for(assignment: str) -> list[Plot]:
    from autograder.feedback.plots import backprop, cost_functions, derivatives, gradient_descent

    return {
        "ps1_derivatives": derivatives.PLOTS,
        "ps2_gradient_descent": gradient_descent.PLOTS,
        "ps3_cost_functions": cost_functions.PLOTS,
        "ps4_backprop": backprop.PLOTS,
    }.get(assignment, [])
