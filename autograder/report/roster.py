"""What nbgrader's gradebook knows that the autograder's records do not.

The class list (a student with no submission still belongs in the report),
late penalties, and the gradebook's own totals, which include manual grades
of written answers (markdown grade cells): a submission whose written
answers nobody has graded is "awaiting manual grading", as in formgrader.  The gradebook is optional: without one the roster is
whoever has a record or a submission folder.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)


@dataclass
class GradebookEntry:
    score: float | None = None            # nbgrader's total, manual grades included
    max_score: float | None = None
    seconds_late: float = 0.0
    late_penalty: float = 0.0
    needs_manual_grade: bool = False
    written_score: float | None = None    # the written answers' manual points; None while any awaits grading
    written_max: float = 0.0

    @property
    def total(self) -> float | None:
        """``nbgrader export``'s score: the total less the late penalty, never below 0."""
        return None if self.score is None else max(0.0, self.score - self.late_penalty)


@dataclass
class Roster:
    students: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    entries: dict[str, GradebookEntry] = field(default_factory=dict)   # student -> submission
    source: str = ""                      # where the class list came from


def course_settings(course_dir: Path) -> tuple[str, str]:
    """(database URL, course id) as the batch command uses them: nbgrader_config.py's.

    The course id matters even for reading: nbgrader adds a course row for
    any id it does not know when a Gradebook is opened (none for an empty id,
    nbgrader's default).
    """
    default = f"sqlite:///{(Path(course_dir) / 'gradebook.db').resolve()}"
    if not (Path(course_dir) / "nbgrader_config.py").is_file():
        return default, ""    # nbgrader's own defaults, without importing it
    try:
        from autograder.batch.coursedir import open_course

        course = open_course(Path(course_dir))
        return course.db_url, course.dirs.course_id
    except Exception as exc:  # a broken config file should not stop a report
        log.warning("could not read the course's nbgrader config (%s); assuming gradebook.db", exc)
        return default, ""


def default_db_url(course_dir: Path) -> str:
    return course_settings(course_dir)[0]


def gradebook_exists(db_url: str) -> bool:
    """Opening a Gradebook creates the database, so look before touching it."""
    prefix = "sqlite:///"
    if db_url.startswith(prefix):
        return Path(db_url[len(prefix):]).is_file()
    return True


def from_gradebook(db_url: str, assignment: str, course_id: str = "default_course") -> Roster:
    """The class list and this assignment's submissions, as nbgrader holds them."""
    from nbgrader.api import Gradebook, MissingEntry

    roster = Roster(source="gradebook")
    gb = Gradebook(db_url, course_id)
    try:
        for student in gb.students:
            roster.students.append(student.id)
            name = " ".join(p for p in (student.first_name, student.last_name) if p)
            if name:
                roster.names[student.id] = name
        try:
            submissions = gb.assignment_submissions(assignment)
        except MissingEntry:
            submissions = []
        for sub in submissions:
            written = [g for nb in sub.notebooks for g in nb.grades if g.cell.cell_type == "markdown"]
            roster.entries[sub.student.id] = GradebookEntry(
                score=float(sub.score),
                max_score=float(sub.max_score),
                seconds_late=float(sub.total_seconds_late or 0.0),
                late_penalty=float(sub.late_submission_penalty or 0.0),
                needs_manual_grade=bool(sub.needs_manual_grade),
                written_score=(None if any(g.needs_manual_grade for g in written)
                               else sum(float(g.score or 0.0) for g in written)),
                written_max=sum(float(g.max_score or 0.0) for g in written),
            )
    finally:
        gb.close()
    return roster


def from_folders(course_dir: Path, assignment: str, with_records: list[str]) -> Roster:
    """No gradebook: everyone who submitted or has a record."""
    course_dir = Path(course_dir)
    found = set(with_records)
    for kind in ("submitted", "autograded"):
        root = course_dir / kind
        if root.is_dir():
            found.update(p.name for p in root.iterdir() if (p / assignment).is_dir())
    return Roster(students=sorted(found), source="folders")


def load_roster(course_dir: Path, assignment: str, db_url: str | None, with_records: list[str]) -> Roster:
    """The gradebook's roster if there is a gradebook, else the folders'."""
    configured_url, course_id = course_settings(course_dir)
    url = db_url or configured_url
    if gradebook_exists(url):
        try:
            roster = from_gradebook(url, assignment, course_id)
        except Exception as exc:  # a locked or foreign database: fall back, and say so
            log.warning("gradebook %s could not be read (%s); using the folders", url, exc)
        else:
            # A record for someone the gradebook does not know still counts.
            extra = sorted(set(with_records) - set(roster.students))
            roster.students = sorted(roster.students) + extra
            return roster
    elif db_url:
        log.warning("no gradebook at %s; using the folders", db_url)
    return from_folders(course_dir, assignment, with_records)
