"""The notebooks run top to bottom: released (nothing written yet) and with the reference.

Released: every self-check says "not attempted" and every plot prints its
friendly note instead of a traceback.  Source (reference answers, hidden
test cells left out, since grading is tested elsewhere): every self-check
passes and every plot and worked example runs.

Cells are executed in this process, one fresh namespace per notebook, in
the notebook's folder (as a kernel would), to spare a kernel start each.
"""

import contextlib
import io
import os
import sys
from pathlib import Path

import matplotlib
import nbformat
import pytest

from autograder.build.materials import STUDENT_FILES
from autograder.course import ASSIGNMENTS

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

REPO = Path(__file__).resolve().parents[2]


def _run(nb, folder: Path) -> list[str]:
    """Execute the code cells in folder; return each cell's stdout (an error fails the test)."""
    for name in STUDENT_FILES:
        (folder / name).write_text((REPO / "course" / name).read_text())
    namespace, outputs, here = {"__name__": "__main__"}, [], os.getcwd()
    sys.path.insert(0, str(folder))
    try:
        os.chdir(folder)
        for number, cell in enumerate(nb.cells):
            out = io.StringIO()
            if cell.cell_type == "code":
                with contextlib.redirect_stdout(out):
                    exec(compile(cell.source, f"<cell {number}>", "exec"), namespace)
            outputs.append(out.getvalue())
    finally:
        os.chdir(here)
        sys.path.remove(str(folder))
        plt.close("all")
    return outputs


def _grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_released_notebook_runs_with_friendly_notes(released, assignment, tmp_path):
    course, _ = released
    nb = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    outputs = _run(nb, tmp_path)
    checks = [out for cell, out in zip(nb.cells, outputs) if _grade_id(cell).startswith("check_")]
    assert checks and all(out.startswith("[not attempted]") for out in checks)
    guarded = [out for cell, out in zip(nb.cells, outputs) if "with needs(" in cell.source]
    assert guarded and all("is not written yet" in out for out in guarded)


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_source_notebook_runs_and_passes_its_self_checks(assignment, tmp_path):
    nb = nbformat.read(REPO / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    nb.cells = [c for c in nb.cells if "BEGIN HIDDEN TESTS" not in c.source]
    outputs = _run(nb, tmp_path)
    checks = [out for cell, out in zip(nb.cells, outputs) if _grade_id(cell).startswith("check_")]
    assert checks and all(out.startswith("[passed]") for out in checks), checks
    assert not any("is not written yet" in out for out in outputs)
