"""The class report as CSV files, for spreadsheets and scripts.

``report.csv``     one row per student on the roster (missing ones included); ``score``
                   is the autograded points, ``total`` nbgrader export's score
                   (written answers included, late penalty taken off)
``exercises.csv``  one row per exercise: pass rate, mean, most common mistake
``messages.csv``   the most common failure messages, numbers normalised out
``mistakes.csv``   named known mistakes and how many students made them
``limits.csv``     submissions that hit a time or memory limit, or crashed
"""

from __future__ import annotations

import csv
from pathlib import Path

from autograder.pages.render import format_number
from autograder.report.summary import ClassSummary


def _write(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _flag(value: bool | None) -> str:
    return "" if value is None else ("yes" if value else "no")


def write_tables(summary: ClassSummary, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    exercises = [e.exercise for e in summary.exercises]
    students = [
        [row.student, row.name, row.status, format_number(row.score), format_number(row.max_score),
         format_number(row.percent, 1), _flag(row.late), format_number(row.seconds_late, 0) if row.late else "",
         format_number(row.late_penalty) if row.late else "", format_number(row.gradebook_score),
         format_number(row.written_score), format_number(row.written_max) if row.total_max is not None else "",
         _flag(row.needs_manual_grade) if row.total_max is not None else "",
         format_number(row.total), format_number(row.total_max),
         *[format_number(row.exercises.get(name)) for name in exercises]]
        for row in summary.students
    ]
    top_mistake = {}
    for m in summary.mistakes:   # already most common first
        top_mistake.setdefault(m.exercise, m)
    exercise_rows = [
        [e.exercise, format_number(e.max_score), e.submissions, e.attempted, e.passed,
         format_number(e.pass_rate, 4), format_number(e.mean_score, 3), e.hit_limits,
         top_mistake[e.exercise].mistake if e.exercise in top_mistake else "",
         top_mistake[e.exercise].students if e.exercise in top_mistake else ""]
        for e in summary.exercises
    ]
    return [
        _write(out_dir / "report.csv",
               ["student", "name", "status", "score", "max_score", "percent", "late", "seconds_late",
                "late_penalty", "gradebook_score", "written_score", "written_max", "awaiting_manual_grading",
                "total", "total_max", *exercises], students),
        _write(out_dir / "exercises.csv",
               ["exercise", "max_score", "submissions", "attempted", "passed", "pass_rate", "mean_score",
                "hit_limits", "top_mistake", "top_mistake_students"], exercise_rows),
        _write(out_dir / "messages.csv", ["exercise", "students", "message_pattern", "example"],
               [[g.exercise, g.students, g.pattern, g.example] for g in summary.messages]),
        _write(out_dir / "mistakes.csv", ["exercise", "mistake", "students", "hint"],
               [[m.exercise, m.mistake, m.students, m.hint] for m in summary.mistakes]),
        _write(out_dir / "limits.csv", ["student", "exercise", "outcome", "message"],
               [[h.student, h.exercise, h.outcome, h.message] for h in summary.limits]),
    ]
