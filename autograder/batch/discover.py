"""Which submissions to grade: nbgrader's ``submitted/<student>/<assignment>/``,
and the fingerprint that tells whether one changed since it was graded."""

from __future__ import annotations

import glob
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from nbgrader.utils import find_all_files

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


def fingerprint(folder: Path, ignore: list[str]) -> str:
    """SHA-256 over every submitted file's relative path and bytes.

    The record keeps it; a rerun skips a submission only when it still
    matches and the gradebook still has its rows, so a run killed at any
    moment redoes at most the submissions it had not finished.
    """
    digest = hashlib.sha256()
    for name in sorted(os.path.relpath(f, folder) for f in find_all_files(str(folder), ignore)):
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((folder / name).read_bytes()).digest())
    return digest.hexdigest()
