"""The submission loader reads every kind of hand-in without running it."""

import json
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, strategies as st

from autograder.course import ASSIGNMENTS, SOLUTIONS_DIR
from autograder.grade.submission import SubmissionError, _module_name, load, looks_like_another


def notebook(path: Path, *cells: str, name: str = "ps1_derivatives.ipynb") -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    out = path / name
    nbformat.write(nb, out)
    return out


def test_missing_path_is_the_graders_error(tmp_path):
    with pytest.raises(SubmissionError, match="no such file"):
        load(tmp_path / "nope")


def test_unknown_assignment_is_the_graders_error(tmp_path):
    with pytest.raises(SubmissionError, match="unknown assignment"):
        load(tmp_path, "ps9")


def test_notebook_assignment_is_read_from_its_content(tmp_path):
    notebook(tmp_path, "def df(x):\n    return 4*x**3 - 9*x**2\n", name="my work.ipynb")
    (part,) = load(tmp_path)
    assert part.assignment == "ps1_derivatives"
    assert "def df" in part.program.modules["derivatives"]


def test_notebook_keeps_definitions_and_drops_experiments(tmp_path):
    path = notebook(tmp_path,
                    "%matplotlib inline\nimport numpy as np\nX = np.array([1.0])",
                    "def f(x):\n    return x**4 - 3*x**3 + 2",
                    "f(2)\nplt.plot([1])\nfor i in range(10**9):\n    pass",
                    "y = f(3)  # calls an exercise: left out")
    (part,) = load(path)
    source = part.program.modules["derivatives"]
    assert "import numpy as np" in source and "def f(x)" in source and "X = np.array" in source
    assert "range(10**9)" not in source and "plt.plot" not in source and "y = f(3)" not in source
    assert "matplotlib inline" not in source


def test_cell_numbers_are_named_in_messages(tmp_path):
    path = notebook(tmp_path, "import numpy as np", "def f(x):\n    return undefined_name")
    (part,) = load(path)
    line = part.program.modules["derivatives"].splitlines().index("    return undefined_name") + 1
    assert part.notebook.where(line) == 'the cell starting "def f(x):", line 2'


def test_cells_are_named_by_their_execution_count_when_the_notebook_kept_it(tmp_path):
    path = notebook(tmp_path, "import numpy as np", "def f(x):\n    return undefined_name")
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].execution_count, nb.cells[1].execution_count = 3, 7
    nbformat.write(nb, path)
    (part,) = load(path)
    line = part.program.modules["derivatives"].splitlines().index("    return undefined_name") + 1
    assert part.notebook.where(line) == "cell In [7], line 2"


def test_broken_json_notebook_is_graded_with_a_reason(tmp_path):
    bad = tmp_path / "ps1_derivatives.ipynb"
    bad.write_text('{"cells": [', encoding="utf-8")
    parts = load(bad, "ps1_derivatives")
    assert parts[0].program is None
    assert "not a valid notebook" in parts[0].problem and "line 1" in parts[0].problem


def test_json_that_is_not_a_notebook(tmp_path):
    bad = tmp_path / "ps2_gradient_descent.ipynb"
    bad.write_text(json.dumps({"hello": 1}), encoding="utf-8")
    (part,) = load(bad, "ps2_gradient_descent")
    assert "not a Jupyter notebook" in part.problem


def test_nbformat_3_notebook_is_upgraded(tmp_path):
    v3 = {"nbformat": 3, "nbformat_minor": 0, "metadata": {}, "worksheets": [{"cells": [
        {"cell_type": "code", "input": "def parabola(x):\n    return (x - 3)**2", "outputs": [], "language": "python"}]}]}
    path = tmp_path / "old.ipynb"
    path.write_text(json.dumps(v3), encoding="utf-8")
    (part,) = load(path, "ps1_derivatives")
    assert "def parabola" in part.program.modules["derivatives"]


def test_empty_and_non_utf8_files(tmp_path):
    (tmp_path / "derivatives.py").write_bytes(b"   \n")
    assert "is empty" in load(tmp_path)[0].problem
    (tmp_path / "derivatives.py").write_bytes(b"def f(x):\n    return '\xff'\n")
    assert "not UTF-8" in load(tmp_path)[0].problem


def test_modules_by_name_and_subset(tmp_path):
    (tmp_path / "backprop.py").write_text("def add_bias(A):\n    return A\n", encoding="utf-8")
    (tmp_path / "Derivatives (1).py").write_text("def f(x):\n    return x\n", encoding="utf-8")
    parts = {p.assignment: p for p in load(tmp_path)}
    assert set(parts) == {"ps1_derivatives", "ps4_backprop"}
    assert set(parts["ps4_backprop"].program.modules) == {"backprop", "derivatives"}
    (other,) = load(tmp_path, "ps3_cost_functions")
    assert other.problem == ("no notebook or cost_functions.py was found in the submission "
                             "(found: Derivatives (1).py, backprop.py)")


def test_single_file_under_another_name_is_the_module(tmp_path):
    path = tmp_path / "homework.py"
    path.write_text("def mse(y_hat, y):\n    return 0.0\n", encoding="utf-8")
    (part,) = load(path, "ps3_cost_functions")
    assert part.program.main == "cost_functions" and "def mse" in part.program.modules["cost_functions"]


def test_empty_folder_is_graded_against_every_assignment(tmp_path):
    parts = load(tmp_path)
    assert len(parts) == 4 and all(p.nothing_handed_in and "the folder is empty" in p.problem for p in parts)


def test_what_was_found_instead_is_named(tmp_path):
    (tmp_path / "notes.txt").write_text("my answers")
    (tmp_path / "plots").mkdir()
    (tmp_path / "plots" / "curve.png").write_bytes(b"png")
    (part,) = load(tmp_path, "ps2_gradient_descent")
    assert part.nothing_handed_in and part.program is None
    assert part.problem.endswith("found: notes.txt, plots/curve.png")
    (part,) = load(tmp_path / "notes.txt", "ps2_gradient_descent")
    assert part.problem.startswith("notes.txt is not a notebook (.ipynb) or an exercise module (.py)")


@given(st.text(min_size=1, max_size=30))
def test_module_names_are_identifiers(stem):
    assert _module_name(stem).isidentifier()


def test_self_check_and_hidden_test_cells_are_not_student_code(tmp_path):
    path = notebook(tmp_path,
                    "import numpy as np\nfrom selfcheck import check, hint",
                    "def f(x):\n    return x",
                    "### BEGIN HIDDEN TESTS\nfrom autograder.nbgrader_hook import score_cell\n### END HIDDEN TESTS")
    source = load(path)[0].program.modules["derivatives"]
    assert "import numpy as np" in source and "def f(x)" in source
    assert "selfcheck" not in source and "autograder" not in source


def test_sibling_imports_through_a_package_are_resolved(tmp_path):
    (tmp_path / "derivatives.py").write_text("def sigmoid(z):\n    return z\n", encoding="utf-8")
    (tmp_path / "cost_functions.py").write_text(
        "from .derivatives import sigmoid\nfrom course.derivatives import sigmoid as s2\n"
        "from numpy.linalg import norm\n", encoding="utf-8")
    part = next(p for p in load(tmp_path) if p.assignment == "ps3_cost_functions")
    lines = part.program.modules["cost_functions"].splitlines()
    assert lines == ["from derivatives import sigmoid", "from derivatives import sigmoid as s2",
                     "from numpy.linalg import norm"]


@pytest.mark.parametrize("actual", sorted(ASSIGNMENTS))
@pytest.mark.parametrize("asked", sorted(ASSIGNMENTS))
def test_a_file_of_another_assignment_is_named(actual, asked):
    text = (SOLUTIONS_DIR / f"{ASSIGNMENTS[actual]}.py").read_text()
    warning = looks_like_another(asked, "work.py", text)
    if actual == asked:
        assert warning == ""
    else:
        assert warning.startswith(f"Warning: work.py looks like {actual}, not {asked}")


# ------------------------------------------------------------------ limits and zips, as every path reads them


def big_outputs_notebook(path: Path, megabytes: int) -> Path:
    """The reference notebook's code with ``megabytes`` of stored output."""
    out = notebook(path, (SOLUTIONS_DIR / "derivatives.py").read_text())
    nb = nbformat.read(out, as_version=4)
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", name="stdout", text="x" * (megabytes * 1024 * 1024))]
    nbformat.write(nb, out)
    return out


def test_stored_outputs_do_not_count_against_the_code_limit(tmp_path):
    from autograder.grade import submission

    path = big_outputs_notebook(tmp_path, 22)   # above the 20 MB that once applied to whole files
    assert path.stat().st_size > submission.MAX_CODE_BYTES
    (part,) = load(path, "ps1_derivatives")
    assert part.program is not None and not part.problem


def test_too_much_code_is_refused_with_the_limit_named(tmp_path):
    from autograder.grade import submission

    path = notebook(tmp_path, "x = 1\n# " + "y" * (submission.MAX_CODE_BYTES + 10))
    (part,) = load(path, "ps1_derivatives")
    assert part.program is None and "MB of code" in part.problem and "outputs do not count" in part.problem


def test_a_file_beyond_the_read_cap_is_not_read(tmp_path, monkeypatch):
    from autograder.grade import submission

    monkeypatch.setattr(submission, "MAX_READ_BYTES", 1024 * 1024)
    path = big_outputs_notebook(tmp_path, 2)
    (part,) = load(path, "ps1_derivatives")
    assert part.program is None and "are not read" in part.problem


def test_a_zip_is_graded_like_its_contents(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "hand-in.zip", "w") as archive:
        archive.writestr("work/derivatives.py", (SOLUTIONS_DIR / "derivatives.py").read_text())
    (part,) = load(tmp_path / "hand-in.zip")
    assert part.assignment == "ps1_derivatives" and "def df" in part.program.modules["derivatives"]
    (part,) = load(tmp_path)          # a folder holding the zip
    assert part.program is not None


@pytest.mark.parametrize("entry", ["../escape.py", "/abs/derivatives.py", "a/../../escape.py"])
def test_a_zip_that_points_outside_its_folder_is_not_unpacked(tmp_path, entry):
    import zipfile

    with zipfile.ZipFile(tmp_path / "bad.zip", "w") as archive:
        archive.writestr(entry, "def df(x):\n    return 1\n")
    parts = load(tmp_path / "bad.zip", "ps1_derivatives")
    assert parts[0].program is None and "points outside the folder" in parts[0].problem
    assert not (tmp_path.parent / "escape.py").exists()


def test_a_zip_bomb_stops_at_the_read_cap(tmp_path, monkeypatch):
    import zipfile

    from autograder.grade import submission

    monkeypatch.setattr(submission, "MAX_READ_BYTES", 1024 * 1024)
    with zipfile.ZipFile(tmp_path / "bomb.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("derivatives.py", "#" * (8 * 1024 * 1024))
    parts = load(tmp_path / "bomb.zip", "ps1_derivatives")
    assert "unpacks to more than 1 MB" in parts[0].problem


def test_a_zip_with_too_many_files_is_not_unpacked(tmp_path, monkeypatch):
    import zipfile

    from autograder.grade import submission

    monkeypatch.setattr(submission, "MAX_ZIP_ENTRIES", 3)
    with zipfile.ZipFile(tmp_path / "many.zip", "w") as archive:
        for i in range(5):
            archive.writestr(f"f{i}.txt", "x")
    parts = load(tmp_path / "many.zip", "ps1_derivatives")
    assert "holds 5 files (at most 3)" in parts[0].problem
