"""Points per exercise function, as the hidden tests award them.

The autograded test cell of a function is worth the sum of its hidden
tests' ``@pytest.mark.points`` (``grade/described.py``), so nbgrader's
totals agree with the grader's.  Points are written as floats (nbgrader
stores them so) to keep the JSON stable whether a marker says ``2`` or ``2.0``.
"""

from __future__ import annotations

from autograder.grade import described


def points(assignment: str) -> dict[str, float]:
    return described.points(assignment)
