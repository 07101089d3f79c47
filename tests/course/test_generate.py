"""nbgrader generate_assignment turns every source notebook into a release."""

import json
from pathlib import Path

import pytest

from autograder.build.materials import STUDENT_FILES
from autograder.course import ASSIGNMENTS

REPO = Path(__file__).resolve().parents[2]


def _cells(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _grade_ids(cells):
    return [c["metadata"].get("nbgrader", {}).get("grade_id") for c in cells]


def test_generate_assignment_succeeds_for_every_assignment(released):
    course, result = released
    assert result["returncode"] == 0, result["log"]
    for assignment in ASSIGNMENTS:
        folder = course / "release" / assignment
        assert sorted(p.name for p in folder.iterdir()) == sorted([f"{assignment}.ipynb", *STUDENT_FILES])


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_release_replaces_solutions_and_removes_hidden_tests(released, assignment):
    course, _ = released
    source = _cells(REPO / "source" / assignment / f"{assignment}.ipynb")
    release = _cells(course / "release" / assignment / f"{assignment}.ipynb")
    assert _grade_ids(release) == _grade_ids(source), "cells must keep their order and ids"
    kinds = {"answer": 0, "test": 0, "written": 0}
    for before, after in zip(source, release):
        meta = after["metadata"].get("nbgrader", {})
        text = "".join(after["source"])
        assert after.get("outputs", []) == [] and after.get("execution_count") is None
        if meta.get("solution") and after["cell_type"] == "code":
            kinds["answer"] += 1
            header = "".join(before["source"]).split("### BEGIN SOLUTION")[0]
            assert text.startswith(header), "the def line and docstring stay"
            assert text.rstrip().endswith("# YOUR CODE HERE\n    raise NotImplementedError()")
            assert "SOLUTION" not in text
        elif meta.get("solution"):
            kinds["written"] += 1
            assert text == "YOUR ANSWER HERE" and meta["grade"] and meta["points"] > 0
        elif meta.get("grade"):
            kinds["test"] += 1
            name = meta["grade_id"].removeprefix("test_")
            assert text.strip() == f"# The autograder runs its hidden tests for `{name}` here when your work is graded."
            assert meta["points"] == before["metadata"]["nbgrader"]["points"] and meta["locked"]
        else:
            assert text == "".join(before["source"]), "ordinary cells are released unchanged"
    assert kinds["answer"] >= kinds["test"] > 0
