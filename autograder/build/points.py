"""Points per exercise function, as the hidden tests award them.

The autograded test cell of a function is worth what the checks suite
gives that function, so nbgrader's totals agree with the grader's.  Points
are written as floats (nbgrader stores them so) to keep the JSON stable
whether the suite says ``2`` or ``2.0``.
"""

from __future__ import annotations

from autograder.checks import suite


def points(assignment: str) -> dict[str, float]:
    return {name: float(value) for name, value in suite(assignment).points.items()}
