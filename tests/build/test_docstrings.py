"""The hidden tests hold students only to what their docstrings state."""

import ast
import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from autograder.build.docstrings import DOCSTRINGS, student_docstrings
from autograder.build.materials import render
from autograder.build.stated import contract_problems, normalise, said_twice, unstated
from autograder.course import ASSIGNMENTS
from autograder.grade import described

REPO = Path(__file__).resolve().parents[2]
DOCS = student_docstrings(REPO / DOCSTRINGS)
SUITES = [described.tests_of(a) for a in ASSIGNMENTS]
CHECKS = [(c.module, c) for s in SUITES for c in s]


def _id(item):
    module, check = item
    return f"{check.function}:{check.title[:40]}"


def test_every_check_cites_its_docstring_and_no_docstring_repeats_itself():
    assert contract_problems(SUITES, DOCS) == []


def _stub_docstrings(module: str) -> dict[str, str]:
    tree = ast.parse((REPO / "exercises" / f"{module}.py").read_text(encoding="utf-8"))
    return {n.name: ast.get_docstring(n) for n in tree.body if isinstance(n, ast.FunctionDef)}


def _notebook_answer_cells(assignment: str) -> dict[str, str]:
    nb = json.loads((REPO / "source" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    cells = {}
    for cell in nb["cells"]:
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith("answer_"):
            cells[grade_id[len("answer_"):]] = "".join(cell["source"])
    return cells


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_every_cited_sentence_reaches_the_student_in_the_stub_and_the_notebook(assignment):
    module = ASSIGNMENTS[assignment]
    stubs = _stub_docstrings(module)
    cells = _notebook_answer_cells(assignment)
    for check in described.tests_of(assignment):
        for sentence in check.states:
            assert normalise(sentence) in normalise(stubs[check.function]), (check.title, sentence)
            assert normalise(sentence) in normalise(cells[check.function]), (check.title, sentence)


@pytest.mark.parametrize("item", CHECKS, ids=_id)
def test_removing_any_cited_sentence_is_caught(item):
    module, check = item
    sentence = check.states[0]
    docs = dict(DOCS[module])
    docs[check.function] = normalise(docs[check.function]).replace(normalise(sentence), "")
    problems = unstated([check], docs)
    assert problems and sentence in problems[0] and check.function in problems[0]


def test_a_check_that_states_nothing_is_caught():
    check = described.tests_of("ps2_gradient_descent")[0]
    bare = dataclasses.replace(check, states=())
    assert "states nothing" in unstated([bare], DOCS["gradient_descent"])[0]


@pytest.mark.parametrize("a, b", [
    ("Returns (x, steps).", "Returns the tuple (x, steps)."),
    ("Returns a single float.", "It returns a single float, always."),
    ("w0 must be left unchanged.", "The array w0 is left unchanged by the call."),
])
def test_the_same_thing_said_twice_is_caught(a, b):
    assert said_twice(f"{a} Something else entirely: shapes (m, 1). {b}")


@pytest.mark.parametrize("text", [
    "x may be a float or an ndarray of any shape. An array is evaluated entry by entry and gives an array "
    "of the same shape.",
    "X has shape (m, n), y shape (m, 1) and w shape (n, 1). Returns an array of shape (n, 1), the shape of w.",
])
def test_different_sentences_are_not_flagged(text):
    assert said_twice(text) == []


def test_the_build_refuses_a_check_whose_sentence_was_removed(tmp_path):
    for part in ("solutions", "course"):
        shutil.copytree(REPO / part, tmp_path / part, ignore=shutil.ignore_patterns("__pycache__"))
    path = tmp_path / DOCSTRINGS
    text = path.read_text(encoding="utf-8")
    cut = "It also stops once steps reaches max_iters,"
    assert cut in " ".join(text.split())
    path.write_text(text.replace("It also stops once steps reaches max_iters,", "It also stops"), encoding="utf-8")
    with pytest.raises(ValueError, match="max_iters"):
        render(tmp_path)
