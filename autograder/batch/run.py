"""The batch loop: find, skip what is done, grade in parallel (heaviest
assignment first, see ``schedule``), commit one by one.

Workers read, sanitize and grade; this process alone writes.  Order of
writes for each graded submission, so that a kill at any moment loses
nothing and duplicates nothing:

1. ``autograded/<student>/<assignment>/`` swapped in (notebook with feedback);
2. the gradebook transaction (``update or create``: a rerun overwrites);
3. ``autograder.json``, atomically: from now on a rerun skips it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from nbgrader.api import Gradebook

from autograder.batch.autograded import write_autograded
from autograder.batch.coursedir import Course
from autograder.batch.discover import Submission, find_submissions, fingerprint
from autograder.batch.gradebook import AssignmentCells, GradedNotebook, is_recorded, save_submission
from autograder.batch.grading import HandedIn, SubmissionGrading, warm_grader
from autograder.batch.progress import Progress
from autograder.batch.schedule import HeaviestFirst
from autograder.batch.workers import Done, Pool
from autograder.course import ASSIGNMENTS, exercise_functions
from autograder.results import GradeResult, combine
from autograder.results.record import read_record, write_record
from autograder.sandbox.isolation import weaker_than_landlock
from autograder.sandbox.protocol import Limits


@dataclass
class Summary:
    graded: int = 0
    skipped: int = 0
    failed: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)    # assignments nbgrader does not know
    found: int = 0                                      # submission folders


@dataclass
class _Pending:
    submission: Submission
    fingerprint: str
    timestamp: str | None


class BatchRun:
    def __init__(self, course: Course, jobs: int, limits: Limits, force: bool = False,
                 show_progress: bool = True, grader_factory=warm_grader, outputs: bool = True):
        """``outputs``: run the cells a human grades for their outputs (``outputs.py``)."""
        self._warned = False
        self.course = course
        self.jobs = jobs
        self.force = force
        self.show_progress = show_progress
        self.job = SubmissionGrading(course.root, course.db_url, limits, grader_factory, outputs=outputs)
        self._pending: dict[int, _Pending] = {}
        self._cells: dict[str, AssignmentCells] = {}

    def run(self, assignments: list[str] | None = None, students: list[str] | None = None) -> Summary:
        summary = Summary()
        with Gradebook(self.course.db_url, self.course.dirs.course_id) as gb:
            self.gb = gb
            found = find_submissions(self.course, assignments, students)
            summary.found = len(found)
            todo = self._select(found, summary)
            with Progress(len(todo), self.show_progress) as progress:
                if summary.skipped:
                    progress.say(f"{summary.skipped} submission(s) already graded and unchanged: skipped")
                if todo:
                    self._queue = HeaviestFirst([(s.assignment, (n, s, fp)) for n, (s, fp) in enumerate(todo)])
                    tasks = (self._task(n, s, fp) for n, s, fp in self._queue)
                    workers = min(self.jobs, len(todo))
                    self.job.prepare(s.assignment for s, _ in todo)
                    with Pool(workers, self.job) as pool:
                        for done in pool.run(tasks):
                            self._finish(done, summary, progress)
        return summary

    # -------------------------------------------------------------- choosing

    def _select(self, found: list[Submission], summary: Summary) -> list[tuple[Submission, str]]:
        known = {a.name for a in self.gb.assignments}
        todo = []
        for submission in found:
            name = submission.assignment
            if name not in known or name not in ASSIGNMENTS:
                if name not in summary.unknown:
                    summary.unknown.append(name)
                continue
            print_ = fingerprint(submission.path, self.course.dirs.ignore)
            if not self.force and self._is_current(submission, print_):
                summary.skipped += 1
            else:
                todo.append((submission, print_))
        return todo

    def _is_current(self, submission: Submission, print_: str) -> bool:
        record = read_record(self._autograded(submission))
        if record is None or record.get("fingerprint") != print_:
            return False
        return is_recorded(self.gb, self._cells_of(submission.assignment), submission.student)

    # -------------------------------------------------------------- grading

    def _task(self, key: int, submission: Submission, print_: str) -> tuple[int, HandedIn]:
        self._pending[key] = _Pending(submission, print_, self._timestamp(submission))
        names = list(self._cells_of(submission.assignment).notebooks)
        return key, HandedIn(submission.student, submission.assignment, submission.path, names)

    def _finish(self, done: Done, summary: Summary, progress: Progress) -> None:
        pending = self._pending.pop(done.key)
        submission = pending.submission
        if done.error:
            summary.failed.append(str(submission))
            progress.say(f"{submission}: not graded: {done.error.strip().splitlines()[-1]}")
            progress.advance(ok=False)
            return
        results = done.value.results
        self._queue.took(submission.assignment, sum(r.execution_time for r in results.values()))
        missing = [name for name, nb in done.value.notebooks.items() if name not in results]
        if missing and done.value.strays:
            progress.say(f"{submission}: {', '.join(missing)}.ipynb not handed in, but "
                         f"{', '.join(done.value.strays)} was (renamed?): graded as not handed in, as nbgrader does")
        graded = [GradedNotebook(name, nb, results.get(name)) for name, nb in done.value.notebooks.items()]
        functions = self._functions(submission)
        dest = self._autograded(submission)
        # Scores in the gradebook with no record of ours beside them came from nbgrader autograde.
        earlier_from_nbgrader = read_record(dest) is None
        try:
            write_autograded(dest, submission.path, self.course.source(submission.assignment), graded,
                             functions, self.course.dirs.ignore, self._file_mode(), self._kept(submission))
            above = save_submission(self.gb, self._cells_of(submission.assignment), submission.student,
                                    pending.timestamp, graded, self.course.config, earlier_from_nbgrader)
            extra = {"nbgrader_above": [vars(a) for a in above]} if above else {}
            write_record(dest, combine(results.values(), assignment=submission.assignment),
                         fingerprint=pending.fingerprint, **extra)
        except Exception as exc:
            summary.failed.append(str(submission))
            progress.say(f"{submission}: not saved: {type(exc).__name__}: {exc}")
            progress.advance(ok=False)
            return
        summary.graded += 1
        if above:
            cells = ", ".join(f"{a.cell} {a.nbgrader:g} > {a.isolated:g}" for a in above)
            progress.say(f"{submission}: nbgrader autograde had scored above the isolated grade ({cells}); "
                         "the gradebook now holds the isolated grade")
        self._warn_if_weaker(results, progress)
        progress.advance(ok=True)

    def _warn_if_weaker(self, results: dict[str, GradeResult], progress: Progress) -> None:
        """Once per run: the isolation in force is weaker than Landlock."""
        weaker = [r.isolation for r in results.values() if r.isolation and weaker_than_landlock(r.isolation)]
        if weaker and not self._warned:
            self._warned = True
            progress.say(f"warning: student code runs without Landlock here ({weaker[0]}); "
                         "see the README, 'Untrusted code', for what that leaves open")

    # -------------------------------------------------------------- details

    def _autograded(self, submission: Submission) -> Path:
        return self.course.folder("autograded", submission.student, submission.assignment)

    def _functions(self, submission: Submission) -> set[str]:
        return set(exercise_functions(submission.assignment))

    def _cells_of(self, assignment: str) -> AssignmentCells:
        if assignment not in self._cells:
            self._cells[assignment] = AssignmentCells.read(self.gb, assignment, set(exercise_functions(assignment)))
        return self._cells[assignment]

    def _timestamp(self, submission: Submission) -> str | None:
        path = submission.path / "timestamp.txt"
        try:
            text = path.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return text or None

    def _kept(self, submission: Submission) -> tuple[str, ...]:
        keep = self.course.config.get("Autograde", {}).get("exclude_overwriting", {})
        return tuple(os.path.normpath(p) for p in keep.get(submission.assignment, []))

    def _file_mode(self) -> int:
        return 0o664 if self.course.dirs.groupshared else 0o444
