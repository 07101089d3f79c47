"""Writing one graded submission into nbgrader's gradebook, in one transaction.

This does what ``nbgrader autograde`` does after executing a notebook
(SaveAutoGrades, AssignLatePenalties), with the test cells' scores taken
from the autograder instead of from executed outputs:

- the student and the submission (with its ``timestamp.txt`` time) are
  created or updated, and every grade/comment row of the assignment exists;
- a test cell ``test_<function>`` gets that function's score as its
  ``auto_score``; a written answer gets nbgrader's automatic 0 when left
  unchanged, else no automatic score (it needs a person);
- ``manual_score``, ``extra_credit`` and comments are never written, so a
  grader's work survives any regrade;
- the late penalty comes from nbgrader's own late-submission plugin;
- when the scores already there came from ``nbgrader autograde`` (which
  takes a test cell's word in the student's kernel), each test cell it
  scored above the isolated grade is returned, so the command can flag it.

Nothing is committed until all of that is in place: a submission is either
fully in the gradebook or not at all.  The assignment's cells are read once
per run (``AssignmentCells``), not once per submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.api import (Comment, Grade, Gradebook, GradeCell, MissingEntry, Student,
                          SubmittedAssignment, SubmittedNotebook)
from nbgrader.preprocessors import AssignLatePenalties
from traitlets.config import Config

from autograder.results import GradeResult
from autograder.nbgrader_hook import cell_score

TEST_PREFIX = "test_"
NO_RESPONSE = "No response."


@dataclass
class GradedNotebook:
    """One notebook of a submission: the sanitized notebook (None when the
    student did not hand it in or it could not be read) and its grade (None
    when not handed in)."""

    name: str
    notebook: NotebookNode | None
    result: GradeResult | None


@dataclass(frozen=True)
class CellInfo:
    name: str
    max_score: float
    test_of: str | None          # the exercise function a test cell scores


@dataclass
class NotebookCells:
    id: str
    graded: dict[str, CellInfo] = field(default_factory=dict)      # grade and task cells, by cell id
    commented: dict[str, str] = field(default_factory=dict)        # solution and task cells: id -> name


@dataclass
class AssignmentCells:
    """The assignment's cells as plain data, read once."""

    name: str
    notebooks: dict[str, NotebookCells]

    @classmethod
    def read(cls, gb: Gradebook, assignment: str, functions: set[str]) -> "AssignmentCells":
        notebooks = {}
        for notebook in gb.find_assignment(assignment).notebooks:
            solutions = {c.name for c in notebook.solution_cells}
            cells = NotebookCells(notebook.id)
            for cell in notebook.grade_cells + notebook.task_cells:
                test_of = None if cell.name in solutions else _test_function(cell, functions)
                cells.graded[cell.id] = CellInfo(cell.name, float(cell.max_score), test_of)
            for cell in notebook.solution_cells + notebook.task_cells:
                cells.commented[cell.id] = cell.name
            notebooks[notebook.name] = cells
        gb.db.rollback()
        return cls(assignment, notebooks)


def _test_function(cell, functions: set[str]) -> str | None:
    if not isinstance(cell, GradeCell) or cell.cell_type != "code" or not cell.name.startswith(TEST_PREFIX):
        return None
    name = cell.name[len(TEST_PREFIX):]
    return name if name in functions else None


@dataclass(frozen=True)
class Above:
    """A test cell that nbgrader autograde scored higher than the sandbox did."""
    notebook: str
    cell: str
    nbgrader: float
    isolated: float


def save_submission(gb: Gradebook, cells: AssignmentCells, student: str, timestamp: str | None,
                    notebooks: list[GradedNotebook], config: Config,
                    earlier_from_nbgrader: bool = False) -> list[Above]:
    """Write the grades; with ``earlier_from_nbgrader``, the test cells nbgrader had scored higher."""
    above: list[Above] = []
    try:
        submission = _submission(gb, cells.name, student)
        if timestamp:
            submission.timestamp = utils.parse_utc(timestamp)
        rows = _notebook_rows(gb, submission, cells)
        handed_in = []
        for entry in notebooks:
            row, info = rows[entry.name], cells.notebooks[entry.name]
            if entry.result is None:
                _zero(row)                      # nbgrader: a missing notebook scores 0
            else:
                _grade(row, info, entry, above if earlier_from_nbgrader else None)  # unreadable: zeros, a person looks
                handed_in.append(row)
        gb.db.flush()
        _late_penalties(gb, submission, handed_in, config)
        gb.db.commit()
    except BaseException:
        gb.db.rollback()
        raise
    return above


def is_recorded(gb: Gradebook, cells: AssignmentCells, student: str) -> bool:
    """Whether the gradebook holds this submission with every test cell scored."""
    try:
        submission = gb.find_submission(cells.name, student)
        rows = {row.notebook_id: row for row in submission.notebooks}
        if set(rows) != {nb.id for nb in cells.notebooks.values()}:
            return False
        tests = {cell_id for nb in cells.notebooks.values() for cell_id, info in nb.graded.items() if info.test_of}
        return all(g.auto_score is not None for row in rows.values() for g in row.grades if g.cell_id in tests)
    except MissingEntry:
        return False
    finally:
        gb.db.rollback()


# ------------------------------------------------------------------ rows


def _submission(gb: Gradebook, assignment: str, student: str) -> SubmittedAssignment:
    try:
        person = gb.find_student(student)
    except MissingEntry:
        person = Student(id=student)
        gb.db.add(person)
    try:
        return gb.find_submission(assignment, student)
    except MissingEntry:
        submission = SubmittedAssignment(assignment=gb.find_assignment(assignment), student=person)
        gb.db.add(submission)
        return submission


def _notebook_rows(gb: Gradebook, submission: SubmittedAssignment,
                   cells: AssignmentCells) -> dict[str, SubmittedNotebook]:
    """Every notebook, grade and comment row of the submission, created where
    missing (as ``Gradebook.add_submission`` does, which commits on its own;
    this also covers cells added to the assignment after a first grading)."""
    rows = {}
    with gb.db.no_autoflush:
        existing = {row.notebook_id: row for row in submission.notebooks}
        for name, info in cells.notebooks.items():
            row = existing.get(info.id)
            if row is None:
                row = SubmittedNotebook(notebook_id=info.id, assignment=submission)
                gb.db.add(row)
            graded = {g.cell_id for g in row.grades}
            commented = {c.cell_id for c in row.comments}
            for cell_id in info.graded.keys() - graded:
                gb.db.add(Grade(cell_id=cell_id, notebook=row))
            for cell_id in info.commented.keys() - commented:
                gb.db.add(Comment(cell_id=cell_id, notebook=row))
            rows[name] = row
    return rows


def _zero(row: SubmittedNotebook) -> None:
    for grade in row.grades:
        grade.auto_score = 0
        grade.needs_manual_grade = False
    row.late_submission_penalty = None


def _grade(row: SubmittedNotebook, info: NotebookCells, entry: GradedNotebook, above: list | None = None) -> None:
    """Score the row's cells; each test cell whose earlier score was higher goes into ``above`` if given."""
    cells = entry.notebook.cells if entry.notebook is not None else []
    by_name = {c.metadata["nbgrader"]["grade_id"]: c for c in cells if "grade_id" in c.metadata.get("nbgrader", {})}
    for grade in row.grades:
        cell_info = info.graded[grade.cell_id]
        cell = by_name.get(cell_info.name)
        if cell_info.test_of is not None:
            earlier = grade.auto_score
            grade.auto_score = cell_score(entry.result, cell_info.test_of, cell_info.max_score)
            if above is not None and earlier is not None and earlier > grade.auto_score + 1e-9:
                above.append(Above(entry.name, cell_info.name, float(earlier), float(grade.auto_score)))
        elif cell is not None and utils.is_grade(cell) and utils.is_solution(cell):
            grade.auto_score, _ = utils.determine_grade(cell)   # 0 when left unchanged
        else:
            grade.auto_score = None                             # a person decides
        grade.needs_manual_grade = grade.manual_score is not None or grade.auto_score is None
    for comment in row.comments:
        cell = by_name.get(info.commented[comment.cell_id])
        unchanged = (cell is not None and not utils.is_task(cell)
                     and cell.metadata["nbgrader"].get("checksum") == utils.compute_checksum(cell))
        comment.auto_comment = NO_RESPONSE if unchanged else None


def _late_penalties(gb: Gradebook, submission: SubmittedAssignment, rows: list[SubmittedNotebook],
                    config: Config) -> None:
    """nbgrader's AssignLatePenalties, on the rows of this transaction."""
    seconds_late = submission.total_seconds_late if submission.timestamp else 0
    for row in rows:
        row.late_submission_penalty = None
    if seconds_late <= 0:
        return
    assign = AssignLatePenalties(config=config)
    assign.init_plugin()
    for row in rows:
        gb.db.expire(row, ["score"])        # the sum of the grades just written
        penalty = assign.plugin_inst.late_submission_penalty(submission.student.id, row.score, seconds_late)
        if penalty is not None:
            row.late_submission_penalty = assign._check_late_penalty(row, penalty)
