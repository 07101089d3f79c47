"""Writing one graded submission into nbgrader's gradebook, in one transaction.

This does what ``nbgrader autograde`` does after executing a notebook
(SaveAutoGrades, AssignLatePenalties), with the test cells' scores taken
from the autograder instead of from executed outputs:

- the student and the submission (with its ``timestamp.txt`` time) are
  created or updated, and every grade/comment row of the assignment exists;
- a test cell ``test_<function>`` gets that function's score as its
  ``auto_score``; a written answer gets nbgrader's automatic 0 when left
  unchanged, else no automatic score (it needs a human);
- ``manual_score``, ``extra_credit`` and ``comment`` are never written, so a
  grader's work survives any regrade;
- the late penalty comes from nbgrader's own AssignLatePenalties plugin.

Nothing is committed until all of that is in place: a submission is either
fully in the gradebook or not at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.api import (Comment, Grade, Gradebook, GradeCell, MissingEntry, Student,
                          SubmittedAssignment, SubmittedNotebook, TaskCell)
from nbgrader.preprocessors import AssignLatePenalties
from traitlets.config import Config

from autograder.grade.result import GradeResult
from autograder.nbgrader_hook import cell_score

TEST_PREFIX = "test_"
NO_RESPONSE = "No response."


@dataclass
class GradedNotebook:
    """One notebook of a submission: the sanitized notebook (None when the
    student did not hand it in or it could not be read) and its grade."""

    name: str
    notebook: NotebookNode | None
    result: GradeResult | None


def test_function(cell: GradeCell | TaskCell, functions: set[str]) -> str | None:
    """The exercise function an autograded test cell scores, if it is one."""
    if not isinstance(cell, GradeCell) or cell.cell_type != "code":
        return None
    if not cell.name.startswith(TEST_PREFIX):
        return None
    name = cell.name[len(TEST_PREFIX):]
    return name if name in functions else None


def save_submission(gb: Gradebook, student: str, assignment: str, timestamp: str | None,
                    notebooks: list[GradedNotebook], functions: set[str], config: Config) -> None:
    try:
        submission = _submission_rows(gb, student, assignment)
        if timestamp:
            submission.timestamp = utils.parse_utc(timestamp)
        graded = {g.name: g for g in notebooks}
        for row in submission.notebooks:
            entry = graded.get(row.notebook.name)
            if entry is None or entry.notebook is None:
                _zero(row)                      # nbgrader: a missing notebook scores 0
                row.late_submission_penalty = None
            else:
                _grade(row, entry, functions)
        gb.db.flush()
        _late_penalties(gb, submission, [g.name for g in notebooks if g.notebook is not None], config)
        gb.db.commit()
    except BaseException:
        gb.db.rollback()
        raise


def is_recorded(gb: Gradebook, student: str, assignment: str, functions: set[str]) -> bool:
    """Whether the gradebook holds this submission with every test cell scored."""
    try:
        submission = gb.find_submission(assignment, student)
    except MissingEntry:
        return False
    if len(submission.notebooks) != len(submission.assignment.notebooks):
        return False
    return all(g.auto_score is not None
               for row in submission.notebooks for g in row.grades
               if test_function(g.cell, functions))


# ------------------------------------------------------------------ rows


def _submission_rows(gb: Gradebook, student: str, assignment: str) -> SubmittedAssignment:
    """The submission with all its rows, created (not committed) where missing.

    Like ``Gradebook.add_submission``, which commits on its own; this also
    adds rows for cells added to the assignment after a first grading.
    """
    try:
        person = gb.find_student(student)
    except MissingEntry:
        person = Student(id=student)
        gb.db.add(person)
    try:
        submission = gb.find_submission(assignment, student)
    except MissingEntry:
        submission = SubmittedAssignment(assignment=gb.find_assignment(assignment), student=person)
        gb.db.add(submission)
    with gb.db.no_autoflush:
        existing = {row.notebook_id: row for row in submission.notebooks}
        for notebook in submission.assignment.notebooks:
            row = existing.get(notebook.id)
            if row is None:
                row = SubmittedNotebook(notebook=notebook, assignment=submission)
                gb.db.add(row)
            graded = {g.cell_id for g in row.grades}
            commented = {c.cell_id for c in row.comments}
            for cell in notebook.grade_cells + notebook.task_cells:
                if cell.id not in graded:
                    gb.db.add(Grade(cell_id=cell.id, notebook=row))
            for cell in notebook.solution_cells + notebook.task_cells:
                if cell.id not in commented:
                    gb.db.add(Comment(cell_id=cell.id, notebook=row))
    gb.db.flush()
    return submission


def _zero(row: SubmittedNotebook) -> None:
    for grade in row.grades:
        grade.auto_score = 0
        grade.needs_manual_grade = False


def _grade(row: SubmittedNotebook, entry: GradedNotebook, functions: set[str]) -> None:
    cells = {c.metadata["nbgrader"]["grade_id"]: c for c in entry.notebook.cells
             if "grade_id" in c.metadata.get("nbgrader", {})}
    solutions = {c.name for c in row.notebook.solution_cells}
    for grade in row.grades:
        cell = cells.get(grade.cell.name)
        function = None if grade.cell.name in solutions else test_function(grade.cell, functions)
        if function is not None:
            grade.auto_score = cell_score(entry.result, function, grade.cell.max_score)
        elif cell is not None and utils.is_grade(cell) and utils.is_solution(cell):
            grade.auto_score, _ = utils.determine_grade(cell)   # 0 when left unchanged
        else:
            grade.auto_score = None                             # a person decides
        grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
    for comment in row.comments:
        cell = cells.get(comment.cell.name)
        unchanged = (cell is not None and not utils.is_task(cell)
                     and cell.metadata["nbgrader"].get("checksum") == utils.compute_checksum(cell))
        comment.auto_comment = NO_RESPONSE if unchanged else None


def _late_penalties(gb: Gradebook, submission: SubmittedAssignment, submitted: list[str],
                    config: Config) -> None:
    """nbgrader's AssignLatePenalties, on the rows of this transaction."""
    assign = AssignLatePenalties(config=config)
    assign.init_plugin()
    seconds_late = submission.total_seconds_late
    for row in submission.notebooks:
        if row.notebook.name not in submitted:
            continue
        row.late_submission_penalty = None
        if seconds_late > 0:
            gb.db.expire(row, ["score"])        # sum of the grades just written
            penalty = assign.plugin_inst.late_submission_penalty(
                submission.student.id, row.score, seconds_late)
            if penalty is not None:
                row.late_submission_penalty = assign._check_late_penalty(row, penalty)
