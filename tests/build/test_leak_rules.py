"""The leak scanner's rule: what counts as reference code, and what does not."""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.build.leak_scan import MIN_CHARS, reference_lines, scan, scan_lines, squash, text_lines
from autograder.build.reference import load

REPO = Path(__file__).resolve().parents[2]
REFERENCES = reference_lines(REPO / "solutions")
ALL_LINES = sorted(REFERENCES)


def test_lines_of_every_non_formula_function_are_looked_for():
    owners = set(REFERENCES.values())
    for path in sorted((REPO / "solutions").glob("[a-z]*.py")):
        for fn in load(path).functions.values():
            assert (f"{path.stem}.{fn.name}" in owners) == (not fn.trivial), fn.name


def test_pure_formulas_and_short_generic_lines_are_exempt():
    derivatives = load(REPO / "solutions" / "derivatives.py").functions
    assert {name for name, fn in derivatives.items() if fn.trivial} == {
        "f", "df", "parabola", "dparabola", "sigmoid_derivative"}
    lines = ["    return x**4 - 3 * x**3 + 2", "return s * (1 - s)", "x = x0", "steps += 1", "return xs"]
    assert scan_lines("given.py", lines, REFERENCES) == []
    assert all(len(line) >= MIN_CHARS for line in REFERENCES)


def _respace(line: str, gaps: list[int]) -> str:
    """Put gaps[i] spaces after the i-th character: whitespace must not hide a copy."""
    return "".join(ch + " " * (gaps[i] if i < len(gaps) else 0) for i, ch in enumerate(line))


@settings(max_examples=60, deadline=None)
@given(index=st.integers(0, len(ALL_LINES) - 1), gaps=st.lists(st.integers(0, 3), max_size=60),
       prefix=st.sampled_from(["", "    ", "y = 1; ", "# "]))
def test_a_reference_line_is_found_however_it_is_spaced(index, gaps, prefix):
    line = ALL_LINES[index]
    planted = prefix + _respace(line, gaps)
    findings = scan_lines("student.py", ["import numpy as np", planted], REFERENCES)
    assert any(f.kind == "reference" and f.line == 2 for f in findings)
    assert squash(planted).endswith(line)


def test_markers_and_imports_are_found():
    lines = ["### BEGIN HIDDEN TESTS", "from autograder.nbgrader_hook import score_cell", "import solutions",
             "importlib.import_module('solutions.backprop')", "# BEGIN SOLUTION left behind"]
    kinds = [(f.line, f.kind) for f in scan_lines("x.py", lines, REFERENCES)]
    assert (1, "marker") in kinds and (2, "marker") in kinds and (2, "import") in kinds
    assert (3, "import") in kinds and (4, "import") in kinds and (5, "marker") in kinds
    assert scan_lines("x.py", ["import numpy as np", "from selfcheck import check"], REFERENCES) == []


def test_notebook_strings_are_scanned_as_lines(tmp_path):
    notebook = tmp_path / "nb.ipynb"
    leak = "    delta2 = (delta3 @ np.asarray(theta2)[:-1].T) * a2[:, :-1] * (1 - a2[:, :-1])"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "metadata": {}, "outputs": [
        {"output_type": "stream", "text": ["ok\n"]}], "source": ["def backward(X):\n", leak + "\n"]}]}))
    assert leak in text_lines(notebook)
    findings = scan([tmp_path], REFERENCES, base=tmp_path)
    assert [(f.path, f.kind) for f in findings] == [("nb.ipynb", "reference")]
