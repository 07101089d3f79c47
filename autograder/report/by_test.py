"""Failures by test: for each hidden test that students lost points on, the
groups of students whose messages have the same shape.

A message's shape is the message with its numbers blanked out
(``messages.normalise``): "expected 2.856, got 3.1" and "expected 2.856,
got -0.4" are one shape, the same mistake made on different values; a
message that adds a note about a failing helper is another.  Each group keeps one
student's message in full, so the page shows every line of it, and lists
the students, so an instructor can open their notebooks.  Untouched stubs
are counted per test, not grouped: their message says only that.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from autograder.report.messages import normalise
from autograder.results.record import Records
from autograder.report.summary import exercise_name
from autograder.results import Outcome


@dataclass
class Shape:
    pattern: str                  # the message with numbers as ``#``
    example: str                  # one student's message, whole
    students: list[str] = field(default_factory=list)


@dataclass
class TestFailures:
    exercise: str                 # "gradient_descent.minimize"
    test: str                     # the test's title
    max_score: float
    graded: int = 0               # submissions with this test
    not_attempted: int = 0
    shapes: list[Shape] = field(default_factory=list)   # most students first

    @property
    def failed(self) -> int:
        return sum(len(shape.students) for shape in self.shapes)

    @property
    def anchor(self) -> str:
        return "test-" + "".join(c if c.isalnum() else "-" for c in f"{self.exercise}-{self.test}").strip("-")


def failures_by_test(records: Records, exercise_order: list[str]) -> list[TestFailures]:
    """Every test some attempted submission lost points on, in the
    assignment's order of exercises, then of tests."""
    tests: dict[tuple[str, str], TestFailures] = {}
    shapes: dict[tuple[str, str], dict[str, Shape]] = {}
    for student in sorted(records.by_student):
        for t in records.by_student[student].result.tests:
            key = (exercise_name(t.module, t.function), t.title)
            entry = tests.setdefault(key, TestFailures(*key, t.max_score))
            entry.graded += 1
            if t.outcome == Outcome.NOT_ATTEMPTED:
                entry.not_attempted += 1
            elif t.score < t.max_score:
                pattern = normalise(t.output) if t.output.strip() else "(no message)"
                shape = shapes.setdefault(key, {}).setdefault(pattern, Shape(pattern, t.output))
                if student not in shape.students:
                    shape.students.append(student)
    rank = {name: i for i, name in enumerate(exercise_order)}
    seen = {key: i for i, key in enumerate(tests)}
    out = []
    for key in sorted(tests, key=lambda k: (rank.get(k[0], len(rank)), seen[k])):
        entry = tests[key]
        entry.shapes = sorted(shapes.get(key, {}).values(), key=lambda s: (-len(s.students), s.pattern))
        if entry.shapes:
            out.append(entry)
    return out


def write_failures_csv(failures: list[TestFailures], out_dir: Path) -> Path:
    """``failures.csv``: a row per test and message shape, with its students."""
    path = Path(out_dir) / "failures.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["exercise", "test", "students", "student_ids", "message_pattern", "example"])
        for entry in failures:
            for shape in entry.shapes:
                writer.writerow([entry.exercise, entry.test, len(shape.students), " ".join(shape.students),
                                 shape.pattern, shape.example])
    return path
