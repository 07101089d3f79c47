"""The hook nbgrader's kernel calls: one grading per notebook, a float, not a byte on stderr."""

import logging
import os
import sys
import warnings
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, strategies as st

sys.path.insert(0, str(Path(__file__).parent / "batch"))

import course_kit as kit  # noqa: E402
from autograder import nbgrader_hook as hook  # noqa: E402
from autograder.results import GradeResult, TestResult as Check  # noqa: E402
from fake_grader import FakeGrader  # noqa: E402

scores = st.lists(st.tuples(st.floats(0, 1), st.sampled_from([0.1, 0.25, 1 / 3, 0.5, 1.0, 2.0])),
                  min_size=1, max_size=12)


def result_of(pairs, function="df"):
    return GradeResult("ps1_derivatives", [Check("derivatives", function, f"t{i}", frac * most, most)
                                           for i, (frac, most) in enumerate(pairs)])


@given(scores)
def test_a_cell_score_is_the_function_total_within_the_cell_points(pairs):
    result = result_of(pairs)
    total, most = sum(f * m for f, m in pairs), sum(m for _, m in pairs)
    got = hook.cell_score(result, "df")
    assert 0.0 <= got <= round(most, 6)
    assert got == pytest.approx(total, abs=1e-6)
    assert float(repr(got)) == got                   # what nbgrader parses back from the output


@given(scores, st.sampled_from([1.0, 2.0, 5.0, 7.5]))
def test_cell_points_that_differ_from_the_tests_scale_the_score(pairs, points):
    result = result_of(pairs)
    most = sum(m for _, m in pairs)
    got = hook.cell_score(result, "df", points)
    assert 0.0 <= got <= points
    assert got == pytest.approx(sum(f * m for f, m in pairs) * points / most, abs=1e-5)


def test_other_functions_and_missing_functions_score_nothing():
    result = result_of([(1.0, 1.0)], function="sigmoid")
    assert hook.cell_score(result, "df") == 0.0
    assert "no tests ran" in hook.cell_feedback(result, "df")
    assert "[passed] derivatives.sigmoid: t0 (1/1)" in hook.cell_feedback(result, "sigmoid")


def test_hook_cells_are_never_graded_as_code():
    assert hook.graded_cells(["x = 1", kit.hook_source("df"), "def f(x):\n    return x"]) == \
        ["x = 1", "def f(x):\n    return x"]


class CountingGrader(FakeGrader):
    graded: list = []

    def grade_cells(self, cells, assignment, student=None):
        CountingGrader.graded.append(list(cells))
        return super().grade_cells(cells, assignment)


@pytest.fixture
def kernel(monkeypatch, tmp_path):
    """The hook as the kernel sees it: a fresh cache, a fake grader, the
    notebook's folder as the working directory."""
    monkeypatch.setattr(hook, "_last", None)
    monkeypatch.setattr(hook, "warm_grader", lambda: CountingGrader())
    CountingGrader.graded = []
    monkeypatch.chdir(tmp_path)
    return tmp_path


def interleaved():
    """Answer and test cells alternate, as in the course's notebooks."""
    cells = ["import numpy as np"]
    for function in ("df", "sigmoid"):
        cells += [kit.reference(function), kit.hook_source(function)]
    return cells


def run_cells(folder, cells, write=True):
    """Execute the notebook the way the kernel would and collect the hook's answers."""
    if write:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
        nb.cells[2].metadata["nbgrader"] = {"points": 2.0, "grade": True, "grade_id": "test_df"}
        nb.cells[4].metadata["nbgrader"] = {"points": 3.0, "grade": True, "grade_id": "test_sigmoid"}
        nbformat.write(nb, folder / "ps1_derivatives.ipynb")
    history, answers = [""], {}
    for cell in cells:
        history.append(cell)
        if hook.is_hook_cell(cell):
            function = cell.split("'")[3]
            answers[function] = hook.score_cell("ps1_derivatives", function, history)
    return answers


def test_the_first_test_cell_grades_the_whole_notebook_once(kernel, capsys):
    answers = run_cells(kernel, interleaved())
    assert answers == {"df": 2.0, "sigmoid": 3.0}
    assert len(CountingGrader.graded) == 1
    (graded,) = CountingGrader.graded
    assert graded == [c for c in interleaved() if not hook.is_hook_cell(c)]  # sigmoid too, before it ran
    assert "[passed] derivatives.df: value" in capsys.readouterr().out


def test_without_the_notebook_file_it_grades_what_ran_so_far(kernel):
    answers = run_cells(kernel, interleaved(), write=False)
    assert answers == {"df": 1.0, "sigmoid": 1.0}   # the fake's raw points: no cell points known
    assert len(CountingGrader.graded) == 2
    assert "sigmoid" not in "".join(CountingGrader.graded[0])


def test_a_notebook_that_is_not_the_one_running_is_ignored(kernel):
    other = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("def df(x):\n    return 0")])
    nbformat.write(other, kernel / "other.ipynb")
    run_cells(kernel, interleaved())
    assert len(CountingGrader.graded) == 1


def test_nothing_reaches_stderr_while_grading(kernel, capfd, monkeypatch):
    class NoisyGrader(FakeGrader):
        def grade_cells(self, cells, assignment, student=None):
            print("to stderr", file=sys.stderr)
            warnings.warn("a warning")
            logging.getLogger("autograder").error("a log line")
            os.system("echo from a child process >&2")
            return super().grade_cells(cells, assignment)

    monkeypatch.setattr(hook, "warm_grader", lambda: NoisyGrader())
    capfd.readouterr()
    run_cells(kernel, interleaved())
    captured = capfd.readouterr()
    assert captured.err == ""
    assert "derivatives.df" in captured.out
