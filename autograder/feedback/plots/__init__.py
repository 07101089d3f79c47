"""The feedback plots of each assignment (see ``base.Plot``)."""

from __future__ import annotations

import importlib

from autograder.course import ASSIGNMENTS
from autograder.feedback.plots.base import Plot


def plots_for(assignment: str) -> list[Plot]:
    """One module per problem set, named after its exercise module."""
    if assignment not in ASSIGNMENTS:
        return []
    from autograder.feedback.plots import gradient_errors

    own = importlib.import_module(f"{__name__}.{ASSIGNMENTS[assignment]}").PLOTS
    return [*own, *gradient_errors.plots_for(assignment)]
