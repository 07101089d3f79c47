"""Canvas's gradebook import CSV from nbgrader's gradebook: exact header and rows."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nbgrader.api import Gradebook

from autograder.export.canvas import canvas_table, number

VENV_BIN = Path(sys.executable).parent
REPO = Path(__file__).resolve().parents[2]
COURSE_ID = "gd-test"

HEADER = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "ps_a", "ps_b"]
POINTS = ["Points Possible", "", "", "", "", "10", "10"]
ALICE = ["Liddell, Alice", "101", "", "alice", "", "9", "7.5"]
BOB_BLANK = ["bob", "", "", "bob", "", "", "0"]
CAROL = ["Carol", "", "", "carol", "", "0", "0"]


@pytest.fixture(autouse=True)
def venv_on_path(monkeypatch):
    # nbgrader runs `alembic` when it creates a gradebook
    monkeypatch.setenv("PATH", f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}")


def grade(gb, assignment, student, cell, *, auto=None, manual=None, pending=False):
    g = gb.find_grade(cell, assignment, assignment, student)
    g.auto_score, g.manual_score, g.needs_manual_grade = auto, manual, pending
    gb.db.commit()


def make_gradebook(course: Path) -> str:
    """ps_a: 6 autograded + 4 written; ps_b: 10 autograded.  Alice did both (ps_b late,
    penalty 2.5, written graded 3); Bob did ps_a, its written answer not graded yet; Carol nothing."""
    url = f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(url, COURSE_ID) as gb:
        gb.add_assignment("ps_a", duedate="2030-01-01 12:00:00 UTC")
        gb.add_assignment("ps_b", duedate="2030-02-01 12:00:00 UTC")
        gb.add_notebook("ps_a", "ps_a")
        gb.add_grade_cell("test_x", "ps_a", "ps_a", max_score=6, cell_type="code")
        gb.add_grade_cell("written", "ps_a", "ps_a", max_score=4, cell_type="markdown")
        gb.add_solution_cell("written", "ps_a", "ps_a")
        gb.add_notebook("ps_b", "ps_b")
        gb.add_grade_cell("test_y", "ps_b", "ps_b", max_score=10, cell_type="code")
        gb.add_student("alice", first_name="Alice", last_name="Liddell", email="alice@example.org", lms_user_id="101")
        gb.add_student("bob", email="bob@example.org")
        gb.add_student("carol", first_name="Carol")
        gb.add_submission("ps_a", "alice")
        grade(gb, "ps_a", "alice", "test_x", auto=6)
        grade(gb, "ps_a", "alice", "written", manual=3)
        gb.add_submission("ps_b", "alice")
        grade(gb, "ps_b", "alice", "test_y", auto=10)
        gb.find_submission_notebook("ps_b", "ps_b", "alice").late_submission_penalty = 2.5
        gb.db.commit()
        gb.add_submission("ps_a", "bob")
        grade(gb, "ps_a", "bob", "test_x", auto=5)
        grade(gb, "ps_a", "bob", "written", pending=True)
    return url


def test_table_header_and_rows(tmp_path):
    url = make_gradebook(tmp_path)
    with Gradebook(url, COURSE_ID) as gb:
        table = canvas_table(gb)
        assert table.header == HEADER
        assert table.rows == [POINTS, ALICE, BOB_BLANK, CAROL]
        assert table.awaiting == {"ps_a": ["bob"]}
        partial = canvas_table(gb, partial=True, login="email", canvas_ids={"ps_b": "4242"},
                               assignments=["ps_b", "ps_a"], students=["alice", "bob"])
        assert partial.header == HEADER[:5] + ["ps_b (4242)", "ps_a"]
        assert partial.rows == [POINTS, ["Liddell, Alice", "101", "", "alice@example.org", "", "7.5", "9"],
                                ["bob", "", "", "bob@example.org", "", "0", "5"]]
        with pytest.raises(ValueError, match="ps_z"):
            canvas_table(gb, assignments=["ps_z"])


def test_cli_writes_the_file_canvas_reads(tmp_path):
    make_gradebook(tmp_path)
    (tmp_path / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n")
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=str(REPO), PYTHONWARNINGS="ignore")
    run = subprocess.run([sys.executable, "-m", "autograder", "export", "--canvas", "--canvas-id", "ps_a=17"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "ps_a: 1 awaiting manual grading (left blank" in run.stderr and "bob" in run.stderr
    with (tmp_path / "canvas.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [HEADER[:5] + ["ps_a (17)", "ps_b"], POINTS, ALICE, BOB_BLANK, CAROL]

    bad = subprocess.run([sys.executable, "-m", "autograder", "export", "--canvas", "--canvas-id", "ps_a"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "NAME=NUMBER" in bad.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    none = subprocess.run([sys.executable, "-m", "autograder", "export", "--canvas"],
                          cwd=empty, env=env, capture_output=True, text=True, timeout=300)
    assert none.returncode == 2 and "no gradebook" in none.stderr
    assert not (empty / "gradebook.db").exists()


def test_nbgrader_export_with_the_plugin(tmp_path):
    make_gradebook(tmp_path)
    (tmp_path / "nbgrader_config.py").write_text(
        f"c = get_config()\nc.CourseDirectory.course_id = {COURSE_ID!r}\n"
        "c.CanvasExportPlugin.partial = True\n")
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}",
               PYTHONPATH=str(REPO), PYTHONWARNINGS="ignore")
    run = subprocess.run([str(VENV_BIN / "nbgrader"), "export",
                          "--exporter=autograder.export.canvas.CanvasExportPlugin", "--to", "out.csv"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    with (tmp_path / "out.csv").open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [HEADER, POINTS, ALICE, BOB_BLANK[:5] + ["5", "0"], CAROL]


@given(st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False))
def test_number_reads_back(value):
    text = number(float(value))
    assert float(text) == pytest.approx(float(value), abs=1e-9)
    assert not text.endswith(".") and (text == "0" or not text.endswith("0") or "." not in text)
