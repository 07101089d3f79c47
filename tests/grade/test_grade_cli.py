"""``python -m autograder grade``, run the way a script or Gradescope runs it."""

import functools
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ALT_STYLE = Path(__file__).parent / "alt_style"

# The published tutorial's single-neuron gradient: no input factor, no 2/m.
TUTORIAL_MSE_GRADIENT = '''
def mse_gradient(X, y, w):
    h = neuron(X, w)
    return np.sum((h - y) * h * (1 - h), axis=0, keepdims=True).T
'''


def grade(path, *extra):
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(path), "--format", "json", *extra],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    return done


def graded(path, *extra) -> dict:
    done = grade(path, *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def by_function(result: dict) -> dict[str, tuple[float, float]]:
    out: dict[str, tuple[float, float]] = {}
    for test in result["tests"]:
        function = test["name"].split(":")[0]
        s, m = out.get(function, (0.0, 0.0))
        out[function] = (s + test["score"], m + test["max_score"])
    return out


def test_reference_scores_full_marks_in_gradescope_schema():
    result = graded(REPO / "solutions")
    assert result["score"] == result["max_score"] == 90
    assert {"score", "max_score", "execution_time", "output", "tests"} <= set(result)
    for test in result["tests"]:
        assert {"name", "score", "max_score", "status", "output", "visibility"} <= set(test)
        assert test["status"] == "passed"
        module_function, _, title = test["name"].partition(": ")
        assert module_function.split(".")[0] in {"derivatives", "gradient_descent", "cost_functions", "backprop"}
        assert title


def test_untouched_stubs_score_zero_and_say_not_attempted():
    result = graded(REPO / "exercises")
    assert result["score"] == 0 and result["max_score"] == 90
    assert all(t["status"] == "failed" and t["output"].startswith("Not attempted") for t in result["tests"])
    exercised = {t["name"].split(":")[0] for t in result["tests"]}
    assert len(exercised) == 26  # every exercise function of the curriculum


def test_correct_submission_in_another_style_scores_full_marks():
    result = graded(ALT_STYLE)
    failed = [(t["name"], t["output"]) for t in result["tests"] if t["status"] != "passed"]
    assert failed == [] and result["score"] == 90


def test_tutorial_gradient_loses_the_mse_gradient_points(tmp_path):
    source = (ALT_STYLE / "cost_functions.py").read_text()
    start = source.index("def mse_gradient")
    end = source.index("def cross_entropy_gradient")
    (tmp_path / "cost_functions.py").write_text(source[:start] + TUTORIAL_MSE_GRADIENT.lstrip() + "\n\n" + source[end:])
    result = graded(tmp_path / "cost_functions.py")
    scores = by_function(result)
    assert scores["cost_functions.mse_gradient"][0] == 0
    # train_neuron calls the student's own gradient, so it inherits the mistake.
    dependent = {"cost_functions.mse_gradient", "cost_functions.train_neuron"}
    others = {f: s for f, s in scores.items() if f not in dependent}
    assert all(s == m for s, m in others.values()), others
    outputs = " ".join(t["output"] for t in result["tests"] if t["name"].startswith("cost_functions.mse_gradient"))
    assert "input" in outputs.lower()  # the feedback names the missing factor


def test_assignment_flag_selects_the_tests(tmp_path):
    shutil.copy(REPO / "solutions" / "derivatives.py", tmp_path / "mywork.py")
    result = graded(tmp_path / "mywork.py", "--assignment", "ps1_derivatives")
    assert result["score"] == result["max_score"] == 20


def test_unreadable_path_exits_non_zero_with_one_line(tmp_path):
    done = grade(tmp_path / "missing")
    assert done.returncode != 0 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "missing" in done.stderr


@pytest.mark.parametrize("content", [b"", b"\xff\xfe garbage", b"def f(x)\n    return x\n"])
def test_broken_files_are_graded_not_crashed(tmp_path, content):
    (tmp_path / "derivatives.py").write_bytes(content)
    result = graded(tmp_path)
    assert result["score"] == 0 and result["max_score"] == 20 and result["output"]


def cost_functions_notebook(path: Path, counts: bool = True, replace: dict[str, str] | None = None) -> Path:
    """The alternative-style ps3 answer as a notebook, one cell per function,
    with execution counts 11, 12, ... as Jupyter stores them when ``counts``."""
    import nbformat

    source = (ALT_STYLE / "cost_functions.py").read_text()
    header, *functions = source.split("\n\n\ndef ")
    cells = [header] + ["def " + f for f in functions]
    for name, text in (replace or {}).items():
        cells = [text if c is not None and c.startswith(f"def {name}(") else c for c in cells]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c, execution_count=11 + i if counts else None)
                for i, c in enumerate(cells) if c is not None]
    out = path / "ps3_cost_functions.ipynb"
    nbformat.write(nb, out)
    return out


def outputs_of(result: dict, function: str) -> list[str]:
    return [t["output"] for t in result["tests"] if t["name"].startswith(f"cost_functions.{function}:")]


BROKEN_MSE = "def mse(y_hat, y)\n    return float(np.mean((y_hat - y) ** 2))\n"


def test_a_syntax_error_is_named_with_the_cell_jupyter_shows(tmp_path):
    result = graded(cost_functions_notebook(tmp_path, replace={"mse": BROKEN_MSE}))
    mse = outputs_of(result, "mse")
    assert mse and all("mse could not be defined because of a syntax error" in o and "In [13], line 1" in o
                       for o in mse)
    assert not any("Not attempted" in o for o in mse)
    assert "In [13], line 1: SyntaxError" in result["output"]
    assert "cell 3" not in result["output"]  # the third code cell: a number Jupyter never shows
    assert all(t["status"] == "passed" for t in result["tests"] if t["name"].startswith("cost_functions.neuron"))


def test_without_execution_counts_the_cell_is_quoted_by_its_first_line(tmp_path):
    result = graded(cost_functions_notebook(tmp_path, counts=False, replace={"mse": BROKEN_MSE}))
    assert all('the cell starting "def mse(y_hat, y)", line 1' in o for o in outputs_of(result, "mse"))
    assert 'the cell starting "def mse(y_hat, y)", line 1: SyntaxError' in result["output"]


def test_a_syntax_error_in_a_py_file_gives_the_line(tmp_path):
    source = (ALT_STYLE / "cost_functions.py").read_text()
    line = source.splitlines().index("def mse(y_hat, y):") + 1
    (tmp_path / "cost_functions.py").write_text(source.replace("def mse(y_hat, y):", "def mse(y_hat, y)"))
    result = graded(tmp_path / "cost_functions.py")
    assert all(f"(cost_functions.py, line {line})" in o for o in outputs_of(result, "mse"))
    assert f"cost_functions.py, line {line}: SyntaxError" in result["output"]


def test_an_absent_function_is_still_not_attempted_beside_a_syntax_error_elsewhere(tmp_path):
    broken = "def cross_entropy(y_hat, y)\n    return 0.0\n"
    result = graded(cost_functions_notebook(tmp_path, replace={"mse": None, "cross_entropy": broken}))
    assert all(o.startswith("Not attempted") for o in outputs_of(result, "mse"))
    assert all("syntax error" in o and "In [14]" in o for o in outputs_of(result, "cross_entropy"))


def test_an_error_raised_in_a_call_names_the_cell_not_the_joined_line(tmp_path):
    failing = "def neuron(X, w):\n    return undefined_helper(X @ w)\n"
    result = graded(cost_functions_notebook(tmp_path, replace={"neuron": failing}))
    raised = [o for o in outputs_of(result, "neuron") if "It raised NameError" in o]
    assert raised and all("(cell In [15], line 2)" in o for o in raised)


def gradient_descent_notebook(path: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell((ALT_STYLE / "gradient_descent.py").read_text(), execution_count=1)]
    out = path / "my_homework.ipynb"
    nbformat.write(nb, out)
    return out


def test_a_notebook_of_another_assignment_is_graded_as_asked_with_a_warning(tmp_path):
    path = gradient_descent_notebook(tmp_path)
    result = graded(path, "--assignment", "ps3_cost_functions")
    assert result["max_score"] == 30 and result["score"] == 0
    assert "my_homework.ipynb looks like ps2_gradient_descent, not ps3_cost_functions" in result["output"]
    text = subprocess.run([sys.executable, "-m", "autograder", "grade", str(path), "--assignment", "ps3_cost_functions"],
                          capture_output=True, text=True, cwd=REPO, timeout=300)
    assert text.returncode == 0
    assert "looks like ps2_gradient_descent" in text.stderr and "looks like" in text.stdout


def test_the_right_notebook_with_its_assignment_gets_no_warning(tmp_path):
    result = graded(cost_functions_notebook(tmp_path), "--assignment", "ps3_cost_functions")
    assert result["score"] == result["max_score"] and "Warning" not in result["output"]


def test_an_unknown_assignment_is_a_one_line_error(tmp_path):
    shutil.copy(REPO / "solutions" / "derivatives.py", tmp_path / "derivatives.py")
    done = grade(tmp_path, "--assignment", "ps9")
    assert done.returncode == 2 and done.stdout == ""
    assert len(done.stderr.strip().splitlines()) == 1 and "unknown assignment 'ps9'" in done.stderr


@functools.cache
def graded_reference(assignment: str | None) -> dict:
    return graded(REPO / "solutions", *(["--assignment", assignment] if assignment else []))


@pytest.mark.parametrize("assignment", [None, "ps2_gradient_descent"])
@pytest.mark.parametrize("handed_in", ["empty folder", "folder with notes.txt", "notes.txt"])
def test_nothing_gradable_is_graded_zero_with_one_line_saying_what_was_found(tmp_path, handed_in, assignment):
    target = tmp_path / "submission"
    target.mkdir()
    if handed_in != "empty folder":
        (target / "notes.txt").write_text("my answers")
    if handed_in == "notes.txt":
        target = target / "notes.txt"
    result = graded(target, *(["--assignment", assignment] if assignment else []))
    reference = graded_reference(assignment)
    assert result["score"] == 0 and result["max_score"] == reference["max_score"]
    assert [t["name"] for t in result["tests"]] == [t["name"] for t in reference["tests"]]
    assert all(t["score"] == 0 and t["status"] == "failed" and t["output"].startswith("Not submitted")
               for t in result["tests"])
    assert len(result["output"].splitlines()) == 1
    if handed_in == "notes.txt":
        assert result["output"].startswith("notes.txt is not a notebook (.ipynb) or an exercise module (.py)")
    else:
        found = "notes.txt" if handed_in != "empty folder" else "nothing, the folder is empty"
        assert result["output"] == (f"No notebook (.ipynb) or exercise module (.py) was found in {target}; "
                                    f"found: {found}")


def test_text_format_says_a_repeated_failure_once():
    from autograder.grade.cli import format_text
    from autograder.results import GradeResult, TestResult

    same = "Not attempted: mse raised NotImplementedError."
    tests = [TestResult("cost_functions", "mse", f"t{i}", 0, 1, output=same) for i in range(3)]
    tests.append(TestResult("cost_functions", "neuron", "t", 0, 1, output="Called: neuron(...)\nGot: 3"))
    text = format_text(GradeResult("ps3_cost_functions", tests, output="ps3_cost_functions: 0 / 4"))
    assert text.count(same) == 1 and text.count("(same as above)") == 2
    assert "Called: neuron(...)" in text and "Got: 3" in text
