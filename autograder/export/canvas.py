"""Grades as a CSV file that Canvas's gradebook import accepts.

Canvas reads five columns that say who a row is (``Student``, ``ID``,
``SIS User ID``, ``SIS Login ID``, ``Section``), then one column per
assignment.  A column headed ``Name (1234)`` updates Canvas assignment 1234;
a column headed with a name alone becomes a new assignment, worth what the
``Points Possible`` row under the header says.  Canvas matches a row to a
student by its ID or SIS columns; the name is for people.  A blank grade
leaves the Canvas gradebook's cell as it was.

From nbgrader's gradebook: the student's ``lms_user_id`` is Canvas's ``ID``,
their nbgrader id the ``SIS Login ID`` (the login a JupyterHub behind the
institution's sign-on gives them) or, on request, their email.  Each grade
is nbgrader export's ``score``: the submission's total, written answers
included, less the late penalty, never below 0, and 0 for a student with no
submission.  A submission with answers still awaiting manual grading is left
blank unless ``partial`` asks for the points so far, so that no student sees
an unfinished total as their grade.

The same table is offered to ``nbgrader export`` as an exporter:
``nbgrader export --exporter=autograder.export.canvas.CanvasExportPlugin --to canvas.csv``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import ExportPlugin
from traitlets import Bool, Dict, Unicode

IDENTITY = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
POINTS_POSSIBLE = "Points Possible"
LOGINS = ("id", "email")


@dataclass
class CanvasTable:
    header: list[str]
    rows: list[list[str]]                 # the Points Possible row first
    awaiting: dict[str, list[str]] = field(default_factory=dict)   # assignment -> students left blank (or partial)

    def write(self, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(self.header)
            writer.writerows(self.rows)
        return path


def number(value: float) -> str:
    """Points as Canvas shows them: 30, 12.5, 0.25."""
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def display_name(student) -> str:
    """Canvas's ``Student`` column reads "Last, First"."""
    first, last = (student.first_name or "").strip(), (student.last_name or "").strip()
    if first and last:
        return f"{last}, {first}"
    return last or first or student.id


def column_name(assignment: str, canvas_ids: dict[str, str]) -> str:
    canvas_id = canvas_ids.get(assignment)
    return f"{assignment} ({canvas_id})" if canvas_id else assignment


def ordered_assignments(gb: Gradebook, wanted: list[str] | None) -> list:
    """The gradebook's assignments (by due date, then name, as nbgrader lists them), or those ``wanted``."""
    found = gb.assignments
    if not wanted:
        return found
    by_name = {a.name: a for a in found}
    missing = [name for name in wanted if name not in by_name]
    if missing:
        raise ValueError(f"not in the gradebook: {', '.join(missing)}")
    return [by_name[name] for name in wanted]


def canvas_table(gb: Gradebook, assignments: list[str] | None = None, students: list[str] | None = None,
                 canvas_ids: dict[str, str] | None = None, login: str = "id", partial: bool = False) -> CanvasTable:
    if login not in LOGINS:
        raise ValueError(f"login must be one of {LOGINS}, not {login!r}")
    canvas_ids = canvas_ids or {}
    chosen = ordered_assignments(gb, assignments)
    header = IDENTITY + [column_name(a.name, canvas_ids) for a in chosen]
    rows = [[POINTS_POSSIBLE, "", "", "", ""] + [number(a.max_score) for a in chosen]]
    awaiting: dict[str, list[str]] = {}
    for student in sorted(gb.students, key=lambda s: s.id):
        if students and student.id not in students:
            continue
        login_id = student.email if login == "email" else student.id
        row = [display_name(student), student.lms_user_id or "", "", login_id or "", ""]
        for assignment in chosen:
            try:
                submission = gb.find_submission(assignment.name, student.id)
            except MissingEntry:
                row.append(number(0))
                continue
            if submission.needs_manual_grade:
                awaiting.setdefault(assignment.name, []).append(student.id)
                if not partial:
                    row.append("")
                    continue
            penalty = submission.late_submission_penalty or 0.0
            row.append(number(max(0.0, submission.score - penalty)))
        rows.append(row)
    return CanvasTable(header, rows, awaiting)


class CanvasExportPlugin(ExportPlugin):
    """``nbgrader export --exporter=autograder.export.canvas.CanvasExportPlugin``."""

    canvas_ids = Dict(Unicode(), default_value={},
                      help="nbgrader assignment name -> Canvas assignment id, for columns that update "
                           "an existing Canvas assignment").tag(config=True)
    login = Unicode("id", help="what goes into SIS Login ID: the nbgrader id ('id') or 'email'").tag(config=True)
    partial = Bool(False, help="export the points so far of submissions awaiting manual grading, "
                               "instead of leaving them blank").tag(config=True)

    def export(self, gradebook: Gradebook) -> None:
        table = canvas_table(gradebook, [str(a) for a in self.assignment] or None,
                             [str(s) for s in self.student] or None, dict(self.canvas_ids), self.login, self.partial)
        dest = table.write(Path(self.to or "canvas.csv"))
        for assignment, who in table.awaiting.items():
            self.log.warning("%s: %d submission(s) awaiting manual grading %s: %s", assignment, len(who),
                             "(points so far exported)" if self.partial else "(left blank)", ", ".join(who))
        self.log.info("Canvas gradebook CSV written to %s", dest)
