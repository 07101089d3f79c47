"""Which submissions to grade: nbgrader's ``submitted/<student>/<assignment>/``."""

from __future__ import annotations

import glob
import re
from dataclasses import dataclass
from pathlib import Path

from autograder.batch.coursedir import Course


@dataclass(frozen=True)
class Submission:
    student: str
    assignment: str
    path: Path

    def __str__(self) -> str:
        return f"{self.student}/{self.assignment}"


def find_submissions(course: Course, assignments: list[str] | None = None,
                     students: list[str] | None = None) -> list[Submission]:
    """Every submission folder, sorted by assignment then student; the
    filters keep only the named assignments and students."""
    dirs = course.dirs
    pattern = re.compile(dirs.format_path(dirs.submitted_directory, "(?P<student>[^/]+)",
                                          "(?P<assignment>[^/]+)", escape=True) + "$")
    excluded = set(filter(None, dirs.student_id_exclude.split(",")))
    found = []
    for path in glob.glob(dirs.format_path(dirs.submitted_directory, "*", "*")):
        match = pattern.match(path)
        if match is None or not Path(path).is_dir():
            continue
        student, assignment = match["student"], match["assignment"]
        if assignments and assignment not in assignments:
            continue
        if students and student not in students:
            continue
        if student in excluded:
            continue
        found.append(Submission(student, assignment, Path(path)))
    return sorted(found, key=lambda s: (s.assignment, s.student))
