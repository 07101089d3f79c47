"""Stand-in graders for testing the batch machinery without a sandbox.

``FakeGrader`` reads the cells as text: an exercise function earns its
points when it is defined and contains none of the marks of a stub or a
known bug.  ``DyingGrader`` kills its own process on a marked submission.
"""

from __future__ import annotations

import os
import re

from autograder.course import ASSIGNMENTS, exercise_functions
from autograder.results import GradeResult, TestResult

WRONG = ("NotImplementedError", "while True", "9 * x\n")
CRASH = "# crash the grading process"


class FakeGrader:
    calls = 0

    def __init__(self, limits=None):
        self.limits = limits

    def __enter__(self):
        return self

    def prepare(self, assignments=()):
        pass

    def __exit__(self, *exc):
        pass

    def grade_cells(self, cells, assignment, student=None):
        text = "\n".join(cells)
        tests = []
        for function in exercise_functions(assignment):
            found = re.search(rf"def {function}\(.*?(?=\ndef |\Z)", text, re.S)
            right = bool(found) and not any(mark in found.group(0) for mark in WRONG)
            for part in ("value", "shape"):
                tests.append(TestResult(ASSIGNMENTS[assignment], function, part, 0.5 if right else 0.0, 0.5,
                                        output=f"{function} {part}: {'right' if right else 'wrong'}"))
        return GradeResult(assignment, tests, output="fake")

    def grade_path(self, path, assignment, student=None):
        return GradeResult(assignment, [], output=f"could not read {path.name}")


class DyingGrader(FakeGrader):
    def grade_cells(self, cells, assignment, student=None):
        if any(CRASH in c for c in cells):
            os._exit(3)
        return super().grade_cells(cells, assignment)


class BrokenGrader(FakeGrader):
    def __enter__(self):
        raise RuntimeError("no sandbox here")
