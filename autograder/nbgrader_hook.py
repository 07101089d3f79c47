"""Grading from inside ``nbgrader autograde``'s kernel.

Each exercise's hidden test cell in the source notebooks reads::

    from autograder.nbgrader_hook import score_cell
    score_cell("ps1_derivatives", "df", In)

nbgrader runs the notebook top to bottom and scores a test cell from its
output: an ``execute_result`` that is a number is partial credit, and any
error or stderr output is zero (``nbgrader.utils.determine_grade``).  So
``score_cell`` prints the tests' feedback on stdout, returns the function's
score as a float, and keeps every other byte away from stderr.

The whole notebook is graded once per kernel, by the same ``Grader`` the
batch command uses, on the same cells the batch command grades (the code
cells minus these hook cells), so both give the same score per cell.  At
the first test cell the kernel has not run the later cells yet, so the
cells come from the notebook being executed (nbgrader starts the kernel in
its folder) when it can be recognised from ``In``; otherwise from ``In``,
graded again whenever it has grown.

The hidden inputs are the student's (``checks.seeds``), as in the batch
command: nbgrader runs the kernel in ``autograded/<student>/<assignment>/``
and says so in ``$NBGRADER_EXECUTION``, so the folder names the student.
Code in the answer cells could change the folder first; like everything
here, that is the kernel's word, which the batch command does not take.

The time limit per exercise function is the grader's default, or
``$AUTOGRADER_SECONDS_PER_FUNCTION`` (give the batch command the same with
``--seconds-per-function`` to compare the two).  The batch command is the
safer road: here the grader shares a process with the student's code, as
everything in nbgrader's kernel does.
"""

from __future__ import annotations

import atexit
import contextlib
import io
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import NamedTuple

HOOK_NAME = "score_cell"

_grader = None
_last: tuple[tuple, object] | None = None   # ((assignment, cells, student), GradeResult)
_read: dict[tuple, list | None] = {}        # (path, mtime, size) -> code cells


class _Cell(NamedTuple):
    source: str
    nbgrader: dict


def is_hook_cell(source: str) -> bool:
    """A cell that calls the hook: graded code never includes it."""
    return f"{HOOK_NAME}(" in source


def graded_cells(sources: list[str]) -> list[str]:
    return [s for s in sources if not is_hook_cell(s)]


def cell_score(result, function: str, points: float | None = None) -> float:
    """The points a test cell earns: the function's score, scaled to the
    cell's ``points`` when those differ from the tests' total, and rounded so
    that a sum of test scores never passes the cell's points by a rounding bit."""
    score, most = _function_totals(result, function)
    if points is not None and most > 0 and abs(points - most) > 1e-9:
        score, most = score * points / most, points
    return float(min(max(round(score, 6), 0.0), round(most, 6)))


def cell_feedback(result, function: str) -> str:
    """What a student reads under the test cell: one block per test."""
    tests = [t for t in result.tests if t.function == function]
    if not tests:
        return f"{function}: no tests ran.\n"
    lines = []
    for t in tests:
        mark = "passed" if t.score >= t.max_score else "FAILED"
        lines.append(f"[{mark}] {t.name} ({t.score:g}/{t.max_score:g})")
        lines.extend("    " + line for line in t.output.splitlines())
    return "\n".join(lines) + "\n"


def _function_totals(result, function: str) -> tuple[float, float]:
    score = most = 0.0
    for (_, name), (s, m) in result.function_scores().items():
        if name == function:
            score, most = score + s, most + m
    return score, most


def score_cell(assignment: str, function: str, In) -> float:  # noqa: N803 (IPython's name)
    executed = _raw_history(In)
    notebook = _running_notebook(executed)
    if notebook is None:
        sources, points = executed, None
    else:
        sources, points = [c.source for c in notebook], _points(notebook, executed[-1])
    result = _grade(assignment, graded_cells(sources), _student(assignment))
    print(cell_feedback(result, function), end="")
    return cell_score(result, function, points)


def _grade(assignment: str, cells: list[str], student: str | None = None):
    global _last
    key = (assignment, tuple(cells), student)
    if _last is None or _last[0] != key:
        with _silenced():
            result = warm_grader().grade_cells(cells, assignment, student=student)
        _last = (key, result)
    return _last[1]


def warm_grader():
    global _grader
    if _grader is None:
        from autograder.grade.pipeline import Grader
        from autograder.sandbox.protocol import Limits

        _grader = Grader(limits=Limits.from_environment()).__enter__()
        atexit.register(_grader.__exit__, None, None, None)
    return _grader


def _student(assignment: str) -> str | None:
    """The student whose notebook ``nbgrader autograde`` is running, from the
    kernel's folder (nbgrader's ``{step}/{student}/{assignment}`` layout);
    None elsewhere (a notebook run by hand grades on the default inputs)."""
    if os.environ.get("NBGRADER_EXECUTION") != "autograde":
        return None
    folder = Path.cwd()
    return folder.parent.name if folder.name == assignment and folder.parent.name else None


# ------------------------------------------------------------------ which cells


def _raw_history(In) -> list[str]:  # noqa: N803
    """The cells as written: ``In`` holds them after IPython rewrote magics."""
    cells = list(In)
    try:
        raw = list(get_ipython().history_manager.input_hist_raw)  # noqa: F821 (IPython builtin)
    except Exception:
        raw = []
    if len(raw) == len(cells):
        cells = raw
    return [c for c in cells[1:] if c.strip()]   # In[0] is IPython's empty placeholder


def _running_notebook(executed: list[str]) -> list | None:
    """The code cells of the one notebook in the kernel's folder that holds
    every cell run so far, this hook cell included; None when not exactly one."""
    if not executed:
        return None
    wanted = {c.strip() for c in executed}
    found = []
    for path in sorted(Path.cwd().glob("*.ipynb")):
        cells = _code_cells(path)
        if cells is not None and wanted <= {c.source.strip() for c in cells}:
            found.append(cells)
    return found[0] if len(found) == 1 else None


def _code_cells(path: Path) -> list | None:
    """A notebook's code cells as (source, nbgrader metadata), read once per
    version of the file; plain JSON, since importing nbformat costs a second."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _read:
        from autograder.grade.submission import SubmissionError, cell_source, read_notebook

        # Read as every other path reads it: a notebook too large to read is
        # not the running one, and the cells run so far are graded instead.
        try:
            notebook, _ = read_notebook(path)
            _read[key] = None if notebook is None else [
                _Cell(cell_source(c), c.get("metadata", {}).get("nbgrader", {}))
                for c in notebook.raw.get("cells") or [] if isinstance(c, dict) and c.get("cell_type") == "code"]
        except (SubmissionError, AttributeError, TypeError):
            _read[key] = None
    return _read[key]


def _points(cells: list, hook_source: str) -> float | None:
    """The points nbgrader gives the test cell now running."""
    for cell in cells:
        if cell.source.strip() == hook_source.strip():
            points = cell.nbgrader.get("points")
            return float(points) if points is not None else None
    return None


@contextlib.contextmanager
def _silenced():
    """No byte on stderr, from Python or from a child process: nbgrader gives
    a test cell zero points for any stderr output."""
    saved_streams = sys.stdout, sys.stderr
    saved_fds = []
    with contextlib.ExitStack() as stack:
        devnull = os.open(os.devnull, os.O_WRONLY)
        stack.callback(os.close, devnull)
        for fd in (1, 2):
            try:
                saved_fds.append((fd, os.dup(fd)))
                os.dup2(devnull, fd)
            except OSError:
                pass
        sys.stdout = sys.stderr = io.StringIO()
        stack.enter_context(warnings.catch_warnings())
        warnings.simplefilter("ignore")
        logging.disable(logging.CRITICAL)
        try:
            yield
        finally:
            logging.disable(logging.NOTSET)
            sys.stdout, sys.stderr = saved_streams
            for fd, copy in saved_fds:
                os.dup2(copy, fd)
                os.close(copy)
