"""Throwaway nbgrader courses for the batch, hook and workflow tests.

``make_course``: a small ps1_derivatives notebook built here from the
reference solutions, in the shape of the course's notebooks (a locked import
cell, per exercise an answer cell and a locked test cell ``test_<function>``
whose hidden part calls the nbgrader hook) plus one written answer graded
by hand.  ``repo_course``: the course's own config and ps1 source notebook.
Students' notebooks are the released notebook with chosen cells rewritten.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
ASSIGNMENT = "ps1_derivatives"
MODULE = "derivatives"
COURSE_ID = "gd101"
WRITTEN = "written_answer"
WRITTEN_POINTS = 2.0

CONFIG = """\
c = get_config()
c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {exchange!r}
c.Execute.timeout = 60
c.ExchangeCollect.check_owner = False
c.LateSubmissionPlugin.penalty_method = "zero"
"""


def points() -> dict[str, float]:
    """Each exercise's test cell is worth what its hidden tests are worth."""
    from autograder.grade import described

    return described.points(ASSIGNMENT)


def reference(function: str) -> str:
    """The reference definition of ``function``, as a student would type it."""
    text = (REPO / "solutions" / f"{MODULE}.py").read_text()
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == function:
            return ast.get_source_segment(text, node) + "\n"
    raise KeyError(function)


def hook_source(function: str) -> str:
    return ("# the hidden tests run when the notebook is graded\n"
            "### BEGIN HIDDEN TESTS\n"
            "from autograder.nbgrader_hook import score_cell\n"
            f"score_cell({ASSIGNMENT!r}, {function!r}, In)\n"
            "### END HIDDEN TESTS\n")


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=0.0) -> dict:
    meta = {"grade_id": grade_id, "grade": grade, "solution": solution, "locked": locked,
            "schema_version": 3, "task": False}
    if grade:
        meta["points"] = points
    return {"nbgrader": meta}


def source_notebook(points: dict[str, float]) -> nbformat.NotebookNode:
    """``points``: exercise function -> points of its test cell."""
    cells = [
        new_markdown_cell("# Derivatives\nImplement each function below."),
        new_code_cell("import numpy as np\nimport sympy\n", metadata=_meta("imports", locked=True)),
    ]
    for function, pts in points.items():
        body = reference(function)
        header, rest = body.split("\n", 1)
        solution = f"{header}\n    ### BEGIN SOLUTION\n{rest.rstrip()}\n    ### END SOLUTION\n"
        cells.append(new_code_cell(solution, metadata=_meta(f"answer_{function}", solution=True)))
        cells.append(new_code_cell(hook_source(function),
                                   metadata=_meta(f"test_{function}", grade=True, locked=True, points=pts)))
    cells.append(new_markdown_cell("YOUR ANSWER HERE",
                                   metadata=_meta(WRITTEN, grade=True, solution=True, points=WRITTEN_POINTS)))
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def nbgrader_env(home: Path | None = None) -> dict:
    """Environment for nbgrader commands: the venv first (nbgrader runs
    ``alembic``), the repository importable in kernels, quiet Python."""
    env = dict(os.environ)
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = f"{REPO}{os.pathsep}{env.get('PYTHONPATH', '')}".rstrip(os.pathsep)
    env["PYTHONWARNINGS"] = "ignore"
    if home is not None:
        env["HOME"] = str(home)
        env["JUPYTER_CONFIG_DIR"] = str(home / ".jupyter")
        env["JUPYTER_DATA_DIR"] = str(home / ".local" / "share" / "jupyter")
        env["JUPYTER_RUNTIME_DIR"] = str(home / ".local" / "share" / "jupyter" / "runtime")
    return env


def nbgrader(course: Path, *args: str, home: Path | None = None, check: bool = True,
             env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(VENV_BIN / "nbgrader"), *args], cwd=course, capture_output=True,
                          text=True, env=env or nbgrader_env(home), timeout=600)
    if check and proc.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def make_course(root: Path, points: dict[str, float], duedate: str = "2030-01-01 17:00:00 UTC",
                generate: bool = True) -> Path:
    """A course folder with the source notebook and its config; with
    ``generate``, ``nbgrader generate_assignment`` has run (in this process:
    the batch tests need a gradebook, not the command's start-up time)."""
    _venv_on_path()
    course = root / "course"
    (course / "source" / ASSIGNMENT).mkdir(parents=True)
    exchange = root / "exchange"
    exchange.mkdir(exist_ok=True)
    (course / "nbgrader_config.py").write_text(CONFIG.format(course_id=COURSE_ID, exchange=str(exchange)))
    nbformat.write(source_notebook(points), course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    if generate:
        set_duedate(course, duedate)
        generate_in_process(course)
    return course


def repo_course(root: Path, extra_config: str = "", generate: bool = True, assignment: str = ASSIGNMENT) -> Path:
    """The course's own config and one of its source notebooks (problem set 1's unless told), in a fresh folder."""
    _venv_on_path()
    course = root / "course"
    (course / "source").mkdir(parents=True)
    shutil.copytree(REPO / "source" / assignment, course / "source" / assignment)
    (course / "nbgrader_config.py").write_text((REPO / "nbgrader_config.py").read_text() + extra_config)
    if generate:
        generate_in_process(course)
    return course


def _venv_on_path() -> None:
    """nbgrader's Gradebook runs ``alembic`` when it creates a database."""
    if str(VENV_BIN) not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"


def set_duedate(course: Path, duedate: str) -> None:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", COURSE_ID) as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate=duedate)


def generate_in_process(course: Path) -> None:
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    api = NbGraderAPI(CourseDirectory(config=config), config=config)
    result = api.generate_assignment(ASSIGNMENT)
    assert result["success"], result.get("error") or result.get("log")


def released(course: Path) -> nbformat.NotebookNode:
    return nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)


def student_notebook(course: Path, answers: dict[str, str], written: str | None = None,
                     drop: tuple[str, ...] = ()) -> nbformat.NotebookNode:
    """The released notebook with the answer cells of ``answers`` replaced
    (and the cells whose grade ids, or cell ids, are in ``drop`` deleted, as students do)."""
    nb = released(course)
    kept = []
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        function = grade_id.removeprefix("answer_")
        if grade_id.startswith("answer_") and function in answers:
            cell.source = answers[function]
        if grade_id == WRITTEN and written is not None:
            cell.source = written
        if grade_id not in drop and cell.get("id") not in drop:
            kept.append(cell)
    nb.cells = kept
    return nb


def cells_calling(course: Path, name: str) -> tuple[str, ...]:
    """The ids of the released notebook's ordinary code cells (plots, experiments) that call ``name``."""
    return tuple(cell.id for cell in released(course).cells
                 if cell.cell_type == "code" and "nbgrader" not in cell.metadata and f"{name}(" in cell.source)


def submit(course: Path, student: str, answers: dict[str, str], *, written: str | None = None,
           timestamp: str = "2029-12-31 12:00:00.000000 UTC", drop: tuple[str, ...] = ()) -> Path:
    """Put a submission where ``nbgrader collect`` would."""
    folder = course / "submitted" / student / ASSIGNMENT
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(student_notebook(course, answers, written, drop), folder / f"{ASSIGNMENT}.ipynb")
    (folder / "timestamp.txt").write_text(timestamp)
    return folder


def all_reference(functions) -> dict[str, str]:
    return {f: reference(f) for f in functions}


BUGGY_DF = "def df(x):\n    return 4 * x**3 - 9 * x\n"
HANGING_SIGMOID = "def sigmoid(z):\n    while True:\n        pass\n"


def batch(course: Path, *args: str, env: dict | None = None, timeout: float = 600) -> subprocess.CompletedProcess:
    """``python -m autograder batch`` in the course folder, as an instructor runs it."""
    return subprocess.run([sys.executable, "-m", "autograder", "batch", "--no-progress", *args], cwd=course,
                          env=env or nbgrader_env(), capture_output=True, text=True, timeout=timeout)


def cell_scores(course: Path) -> dict[tuple[str, str], tuple]:
    """(student, grade cell) -> (auto score, manual score, needs manual grade), from the gradebook file."""
    import sqlite3

    with sqlite3.connect(course / "gradebook.db") as db:
        rows = db.execute(
            "SELECT sa.student_id, bc.name, g.auto_score, g.manual_score, g.needs_manual_grade "
            "FROM grade g JOIN base_cell bc ON bc.id = g.cell_id "
            "JOIN submitted_notebook sn ON sn.id = g.notebook_id "
            "JOIN submitted_assignment sa ON sa.id = sn.assignment_id").fetchall()
    table = {(student, cell): rest for student, cell, *rest in rows}
    assert len(table) == len(rows), "a grade appears twice"
    return {key: tuple(value) for key, value in sorted(table.items())}


APPROXIMATE_CRITICAL_POINTS = "def critical_points():\n    return [0.0, 2.25]\n"


# A class on the course's own notebook: every kind of submission the batch
# and nbgrader must agree on, then partial attempts to make up ten.
CLASS_LIMIT = "2"      # seconds per exercise function, for the hanging one
PARITY = ("ref", "stub", "buggy", "hangs")


def submit_class(course: Path) -> list[str]:
    functions = list(points())
    right = all_reference(functions)
    submit(course, "ref", right, timestamp="2029-12-01 10:00:00.000000 UTC")
    submit(course, "stub", {}, timestamp="2029-12-01 11:00:00.000000 UTC")
    submit(course, "buggy", right | {"df": BUGGY_DF, "critical_points": APPROXIMATE_CRITICAL_POINTS},
           timestamp="2029-12-02 09:30:00.000000 UTC")
    # a hanging sigmoid, without the self-check and plot cells that would hang nbgrader's kernel too
    submit(course, "hangs", right | {"sigmoid": HANGING_SIGMOID},
           drop=("check_sigmoid", *cells_calling(course, "sigmoid")),
           timestamp="2029-12-03 23:59:59.000000 UTC")
    students = list(PARITY)
    for n in range(6):
        answers = {f: right[f] for f in functions[: n + 1]}
        if n % 2:
            answers["df"] = BUGGY_DF
        submit(course, f"part{n}", answers, timestamp=f"2029-12-{n + 4:02d} 12:00:00.000000 UTC")
        students.append(f"part{n}")
    return students
