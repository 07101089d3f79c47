"""The autograder's per-submission records, read back from a course folder.

The batch command leaves ``autograded/<student>/<assignment>/autograder.json``
(a ``GradeResult.to_dict()``, plus keys of its own such as ``fingerprint``).
Reports and feedback both start here, so reading is forgiving: unknown keys
are kept aside, and a record that cannot be read is reported, not fatal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import unknown_assignment
from autograder.results import GradeResult
from autograder.results.result import RESULT_FIELDS

RECORD_NAME = "autograder.json"


@dataclass
class Record:
    student: str
    assignment: str
    result: GradeResult
    path: Path
    extra: dict = field(default_factory=dict)   # keys GradeResult does not know


@dataclass
class Records:
    """Every record of one assignment, by student, and what could not be read."""

    assignment: str
    by_student: dict[str, Record] = field(default_factory=dict)
    unreadable: dict[str, str] = field(default_factory=dict)   # student -> reason


def record_path(course_dir: Path, student: str, assignment: str) -> Path:
    return Path(course_dir) / "autograded" / student / assignment / RECORD_NAME


def parse_record(data: dict, student: str, assignment: str, path: Path) -> Record:
    """A record from its JSON; raises ``ValueError`` when it is not one."""
    result = GradeResult.from_dict(data)
    result.assignment = result.assignment or assignment
    extra = {k: v for k, v in data.items() if k not in RESULT_FIELDS}
    return Record(student, assignment, result, path, extra)


def load_records(course_dir: Path, assignment: str, students: list[str] | None = None) -> Records:
    """All records of ``assignment`` (only ``students``' when given)."""
    out = Records(assignment)
    root = Path(course_dir) / "autograded"
    if students is None:
        candidates = sorted(p.name for p in root.iterdir() if p.is_dir()) if root.is_dir() else []
    else:
        candidates = list(students)
    for student in candidates:
        path = record_path(course_dir, student, assignment)
        if not path.is_file():
            continue
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            out.by_student[student] = parse_record(data, student, assignment, path)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            out.unreadable[student] = f"{type(exc).__name__}: {exc}"[:300]
    return out


def assignments_on_disk(course_dir: Path) -> list[str]:
    """Assignments that have at least one record, sorted by name."""
    root = Path(course_dir) / "autograded"
    if not root.is_dir():
        return []
    return sorted({p.parent.name for p in root.glob(f"*/*/{RECORD_NAME}")})


def assignments_to_read(course_dir: Path, asked: list[str] | None) -> tuple[list[str], str]:
    """The assignments a command over the records works on (those asked
    for, else every one with records), and why there are none ("" if some)."""
    unknown = unknown_assignment(asked or [])
    if unknown:
        return [], unknown
    if not Path(course_dir).is_dir():
        return [], f"{course_dir}: not a folder"
    chosen = list(asked or assignments_on_disk(course_dir))
    if not chosen:
        return [], (f"no autograder records under {Path(course_dir) / 'autograded'}; "
                    "run `python -m autograder batch` first")
    return chosen, ""
