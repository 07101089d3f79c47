"""The benchmark's class generator: the mix of submissions, the mistakes, the nbgrader layout."""

from __future__ import annotations

import json
import random
import shutil
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, strategies as st

REPO = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from synthetic_class import BUGGY, HOSTILE, derive, hand_in, mix, mutate  # noqa: E402

CODE = '''import numpy as np


def df(x):
    """Slope of f."""
    return 4 * x**3 - 9 * x**2


def sigmoid(z):
    return 1 / (1 + np.exp(-z))
'''


def run(code: str, function: str, *args):
    namespace: dict = {}
    exec(compile(code, "<submission>", "exec"), namespace)
    return namespace[function](*args)


@given(st.integers(1, 400), st.integers(0, 2**32))
def test_the_mix_is_mostly_correct_with_some_buggy_and_a_few_hostile(count, seed):
    kinds = mix(count, random.Random(seed))
    tally = Counter(kinds)
    hostile = sum(tally[k] for k in HOSTILE)
    buggy = sum(tally[k] for k in BUGGY)
    assert len(kinds) == count
    assert hostile <= max(1, 0.05 * count + 0.5)
    assert buggy <= max(1, 0.25 * count + 0.5)
    if count >= 3:
        assert hostile >= 1 and buggy >= 1
    if count >= 8:
        assert tally["correct"] > count / 2
    assert mix(count, random.Random(seed)) == kinds  # seeded: the same class every time


def test_a_wrong_sign_or_a_dropped_factor_changes_the_answer_and_keeps_the_rest():
    for kind in ("wrong_sign", "dropped_factor"):
        buggy = mutate(CODE, "df", kind)
        assert run(buggy, "df", 2.0) != run(CODE, "df", 2.0)
        assert run(buggy, "sigmoid", 0.0) == 0.5
        assert '"""Slope of f."""' in buggy


def test_a_hostile_body_replaces_the_function_and_nothing_else():
    assert "while True" in mutate(CODE, "df", "infinite_loop")
    with pytest.raises(SystemExit):
        run(mutate(CODE, "sigmoid", "sys_exit"), "sigmoid", 0.0)
    bomb = mutate(CODE, "df", "memory_bomb")
    assert "hog.append" in bomb and run(bomb, "sigmoid", 0.0) == 0.5


def _cell(source: str, grade_id: str, solution: bool) -> dict:
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = {"grade": False, "grade_id": grade_id, "locked": not solution,
                                 "solution": solution, "schema_version": 3}
    return cell


def test_a_submission_fills_only_the_answer_cells_of_the_released_notebook():
    answer = "def df(x):\n    ### BEGIN SOLUTION\n    return 4 * x**3 - 9 * x**2\n    ### END SOLUTION\n"
    stub = "def df(x):\n    # YOUR CODE HERE\n    raise NotImplementedError()\n"
    source = nbformat.v4.new_notebook(cells=[_cell("import numpy as np", "setup", False), _cell(answer, "df", True)])
    release = nbformat.v4.new_notebook(cells=[_cell("import numpy as np", "setup", False), _cell(stub, "df", True)])
    correct, function = derive(release, source, "correct", random.Random(0))
    assert function == "" and "### BEGIN" not in correct["cells"][1]["source"]
    assert run(correct["cells"][1]["source"], "df", 2.0) == -4.0
    skipped, function = derive(release, source, "not_attempted", random.Random(0))
    assert function == "df" and skipped["cells"][1]["source"] == stub
    looping, _ = derive(release, source, "infinite_loop", random.Random(0))
    assert "while True" in looping["cells"][1]["source"]
    assert [c["source"] for c in looping["cells"][:1]] == ["import numpy as np"]


def release(course: Path, assignment: str) -> nbformat.NotebookNode:
    """What ``nbgrader generate_assignment`` releases, made in this process (its CLI is slow to start)."""
    from nbgrader.preprocessors import ClearHiddenTests, ClearOutput, ClearSolutions

    shutil.copytree(REPO / "source" / assignment, course / "source" / assignment)
    notebook = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    for step in (ClearSolutions(), ClearHiddenTests(), ClearOutput()):
        notebook, _ = step.preprocess(notebook, {})
    (course / "release" / assignment).mkdir(parents=True)
    nbformat.write(notebook, course / "release" / assignment / f"{assignment}.ipynb")
    return notebook


def test_three_submissions_land_where_nbgrader_looks_for_them(tmp_path):
    released = release(tmp_path, "ps1_derivatives")
    manifest = hand_in(tmp_path, ["s001", "s002", "s003"], ["ps1_derivatives"], seed=1)
    assert [s.student for s in manifest] == ["s001", "s002", "s003"]
    kinds = Counter(s.kind for s in manifest)
    assert sum(kinds[k] for k in HOSTILE) == 1 and sum(kinds[k] for k in BUGGY) == 1 and kinds["correct"] == 1
    assert json.loads((tmp_path / "manifest.json").read_text())[0]["student"] == "s001"
    for s in manifest:
        path = tmp_path / s.path
        assert path.parent == tmp_path / "submitted" / s.student / "ps1_derivatives"
        stamp = (path.parent / "timestamp.txt").read_text()
        datetime.strptime(stamp.rsplit(" ", 1)[0], "%Y-%m-%d %H:%M:%S.%f")
        notebook = nbformat.read(path, as_version=4)
        nbformat.validate(notebook)
        # The released cells, ids and nbgrader metadata kept; only answers differ.
        assert [(c.get("id"), c.metadata) for c in notebook.cells] == [(c.get("id"), c.metadata) for c in released.cells]
        changed = [c for c, r in zip(notebook.cells, released.cells) if c.source != r.source]
        assert all(c.metadata["nbgrader"]["solution"] for c in changed)
        stubs = [c for c in notebook.cells if c.cell_type == "code" and "raise NotImplementedError" in c.source]
        if s.kind == "correct":
            assert changed and not stubs and not s.function
        elif s.kind == "not_attempted":
            assert len(stubs) == 1 and s.function in stubs[0].source
        else:
            assert s.function and not stubs
