"""Scores per grade cell, as two gradebooks hold them, and where they disagree."""

from __future__ import annotations

from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry

TOLERANCE = 1e-6


def cell_scores(db_url: str, submissions) -> dict[tuple[str, str, str], dict[str, float | None]]:
    """(student, assignment, notebook) -> {grade cell: auto score} for every submission."""
    out = {}
    with Gradebook(db_url) as gradebook:
        for s in submissions:
            notebook = Path(s.path).stem
            try:
                found = gradebook.find_submission_notebook(notebook, s.assignment, s.student)
            except MissingEntry:
                out[(s.student, s.assignment, notebook)] = {}
                continue
            out[(s.student, s.assignment, notebook)] = {g.name: g.auto_score for g in found.grades}
    return out


def disagreements(ours: dict, theirs: dict, names: tuple[str, str] = ("batch", "nbgrader")) -> list[str]:
    """One line per grade cell whose scores differ (or that one side lacks)."""
    lines = []
    for key in sorted(set(ours) | set(theirs)):
        a, b = ours.get(key, {}), theirs.get(key, {})
        if not a or not b:
            lines.append(f"{'/'.join(key)}: graded by {'nobody' if not a and not b else 'one side only'}")
            continue
        for cell in sorted(set(a) | set(b)):
            x, y = a.get(cell), b.get(cell)
            if (x is None) != (y is None) or (x is not None and abs(x - y) > TOLERANCE):
                lines.append(f"{'/'.join(key)} {cell}: {names[0]} {x} vs {names[1]} {y}")
    return lines
