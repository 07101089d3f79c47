"""What a worker does with one submission: read and sanitize its notebooks
as nbgrader would, then grade their code with the worker's warm Grader.

Sanitizing reads the gradebook (the source version of each locked cell), so
each worker keeps a read-only connection and ends its read transaction
before grading: the parent, which writes, never waits on a worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbgrader.api import Gradebook
from sqlalchemy.exc import SQLAlchemyError

from autograder.batch.coursedir import open_course
from autograder.batch.outputs import cannot_run, has_manual_cells, module_files, run_outputs, with_outputs
from autograder.batch.sanitize import SourceCells, code_to_grade, resources_for, sanitize
from autograder.results import GradeResult, Outcome
from autograder.grade.submission import read_notebook
from autograder.sandbox.protocol import Limits


@dataclass
class HandedIn:
    """A task: one student's submission of one assignment."""

    student: str
    assignment: str
    folder: Path
    notebooks: list[str]            # the assignment's notebooks, as the gradebook names them


@dataclass
class Graded:
    notebooks: dict[str, NotebookNode | None] = field(default_factory=dict)   # None: not handed in / unreadable
    results: dict[str, GradeResult] = field(default_factory=dict)             # per notebook handed in
    strays: list[str] = field(default_factory=list)     # other notebooks, which nbgrader ignores too


def warm_grader(limits: Limits):
    from autograder.grade.pipeline import Grader
    return Grader(limits=limits)


class SubmissionGrading:
    """A worker's job: ``with SubmissionGrading(...) as grade: grade(handed_in)``.

    Once the work is known, the parent calls ``prepare`` before any worker
    forks.
    """

    def __init__(self, course_root: Path, db_url: str, limits: Limits, grader_factory=warm_grader,
                 outputs: bool = True):
        self.course_root, self.db_url, self.outputs = course_root, db_url, outputs
        self.limits, self.grader_factory = limits, grader_factory
        self.assignments: tuple[str, ...] = ()

    def prepare(self, assignments) -> None:
        """In the parent: the assignments about to be graded (their hidden
        tests are built here, so that each worker inherits them rather than
        building its own copy at the same time as the others)."""
        from autograder.grade import session

        self.assignments = tuple(sorted(set(assignments)))
        for assignment in self.assignments:
            session.warm(assignment)

    def __enter__(self):
        self.course = open_course(self.course_root, self.db_url)
        self.gradebook = Gradebook(self.course.db_url, self.course.dirs.course_id)
        self.cells = SourceCells(self.gradebook)
        try:
            self.grader = self.grader_factory(self.limits).__enter__()
            try:
                self.grader.prepare(self.assignments)
            except BaseException:
                self.grader.__exit__(None, None, None)
                raise
        except BaseException:
            self.gradebook.close()
            raise
        return self.grade

    def __exit__(self, *exc) -> None:
        try:
            self.grader.__exit__(*exc)
        finally:
            self.gradebook.close()

    def grade(self, task: HandedIn) -> Graded:
        graded, unreadable = Graded(), {}
        try:
            for name in task.notebooks:
                path = task.folder / f"{name}.ipynb"
                graded.notebooks[name] = None
                if path.is_file():
                    try:
                        graded.notebooks[name] = self._sanitized(path, task, name)
                    except SQLAlchemyError:
                        raise                      # the gradebook's trouble, not the notebook's: retry later
                    except Exception:
                        unreadable[name] = path    # the grader says why, in the feedback
        finally:
            self.gradebook.db.rollback()
        known = {f"{name}.ipynb" for name in task.notebooks}
        graded.strays = sorted(p.name for p in task.folder.glob("*.ipynb") if p.name not in known)
        for name, nb in graded.notebooks.items():
            if nb is not None:
                graded.results[name] = self.grader.grade_cells(code_to_grade(nb), task.assignment,
                                                               student=task.student)
                self._add_outputs(nb, task, graded.results[name])
        for name, path in unreadable.items():
            graded.results[name] = self.grader.grade_path(path, task.assignment, student=task.student)
        return graded

    def _add_outputs(self, nb: NotebookNode, task: HandedIn, result: GradeResult) -> None:
        """Outputs of the student's own code for the cells a human grades
        (``outputs.py``); only where there is something to grade by hand."""
        run = getattr(self.grader, "run_program", None)
        if run is None or not self.outputs or not has_manual_cells(nb):
            return
        files = module_files(task.folder, self.course.source(task.assignment))
        try:
            spent = sorted({t.function for t in result.tests if t.outcome == Outcome.TIMEOUT})
            with_outputs(nb, run_outputs(run, nb, files, self.limits, tuple(spent)))
        except Exception as exc:   # SandboxError above all: the grade stands whatever happens here
            with_outputs(nb, cannot_run(nb, f"{type(exc).__name__}: {exc}"))

    def _sanitized(self, path: Path, task: HandedIn, name: str) -> NotebookNode:
        # Read as every other path reads it (limits included); a notebook it
        # refuses is graded by grade_path, which says why.
        notebook, problem = read_notebook(path)
        if notebook is None:
            raise ValueError(problem)
        nb = nbformat.reads(notebook.text, as_version=4)
        resources = resources_for(task.student, task.assignment, name, self.course.db_url)
        return sanitize(nb, resources, self.cells, self.course.config)
