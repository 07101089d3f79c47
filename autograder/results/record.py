"""``autograded/<student>/<assignment>/autograder.json``: the grader's record of one submission.

The batch command writes it (a ``GradeResult.to_dict()`` plus keys of its
own, such as the fingerprint of the files it graded); the report, the
feedback pages and the mistake drafts read it back.  Path, writing and
reading live here so the two sides cannot drift apart.

Writing is atomic: a reader, or a rerun after a kill, sees the old record or
the new one, never a part.  Reading is forgiving: keys ``GradeResult`` does
not know are kept aside, and a record that cannot be read is reported per
student, not fatal to a whole class.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import unknown_assignment
from autograder.results.result import RESULT_FIELDS, GradeResult

NAME = "autograder.json"


def record_path(course_dir: Path, student: str, assignment: str) -> Path:
    return Path(course_dir) / "autograded" / student / assignment / NAME


def write_atomic(path: Path, data: bytes, mode: int = 0o644, durable: bool = True) -> None:
    """Readers see the old file or the new one, never a part; ``durable``
    also survives a power cut (a killed process needs only the rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_record(folder: Path, result: GradeResult, **extra) -> None:
    """``result`` into ``folder``'s record, with ``extra`` keys beside it."""
    write_atomic(Path(folder) / NAME, json.dumps({**result.to_dict(), **extra}, indent=1).encode())


def read_record(folder: Path) -> dict | None:
    """The record's JSON as written, or None when there is none that parses."""
    try:
        return json.loads((Path(folder) / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


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
    return sorted({p.parent.name for p in root.glob(f"*/*/{NAME}")})


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
