"""The hidden tests: for each assignment, which calls to make and how to judge them.

``suite(assignment)`` is built once per process (expected values come from
the reference solutions and from SymPy, both computed here, in the trusted
grader) and is deterministic: every input comes from a fixed seed.

One module per assignment module holds its tests (``derivatives.py``, ...);
``mistakes/`` holds the known wrong implementations that feedback can name.
"""

from __future__ import annotations

import importlib
from functools import cache

from autograder.checks.suite import Suite
from autograder.course import ASSIGNMENTS, MODULES, exercise_functions

__all__ = ["ASSIGNMENTS", "MODULES", "Suite", "suite"]


@cache
def suite(assignment: str) -> Suite:
    if assignment not in ASSIGNMENTS:
        raise KeyError(f"unknown assignment {assignment!r}; known: {', '.join(ASSIGNMENTS)}")
    module = ASSIGNMENTS[assignment]
    tests = importlib.import_module(f"{__name__}.{module}")
    functions = exercise_functions(assignment)
    checks = tests.build()
    order = {f: i for i, f in enumerate(functions)}
    # Curriculum order for the report; plan order within a function stays as built.
    checks.sort(key=lambda c: order[c.function])
    built = Suite(assignment, module, functions, checks, tests.USES)
    if built.points != {f: tests.POINTS.get(f, 0) for f in functions}:
        raise AssertionError(f"{module}: test points {built.points} do not add up to {tests.POINTS}")
    return built
