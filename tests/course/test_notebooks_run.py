"""The notebooks run top to bottom: released (nothing written yet) and with the reference.

Released: every self-check says "not attempted" and every plot prints its
friendly note instead of a traceback.  Source (reference answers, hidden
test cells left out, since grading is tested elsewhere): every self-check
passes and every plot and worked example runs.
"""

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.build.materials import STUDENT_FILES
from autograder.course import ASSIGNMENTS

REPO = Path(__file__).resolve().parents[2]


def _run(nb, folder: Path) -> list[str]:
    """Execute in folder; return the stdout of every cell (errors fail the run)."""
    os.environ.setdefault("MPLBACKEND", "Agg")
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return ["".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stdout")
            for cell in nb.cells]


def _stage(folder: Path, notebook) -> Path:
    folder.mkdir()
    for name in STUDENT_FILES:
        (folder / name).write_text((REPO / "course" / name).read_text())
    return folder


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_released_notebook_runs_with_friendly_notes(released, assignment, tmp_path):
    course, _ = released
    nb = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
    outputs = _run(nb, _stage(tmp_path / assignment, nb))
    checks = [out for cell, out in zip(nb.cells, outputs) if cell.metadata.get("nbgrader", {}).get("grade_id", "").startswith("check_")]
    assert checks and all(out.startswith("[not attempted]") for out in checks)
    guarded = [out for cell, out in zip(nb.cells, outputs) if "with needs(" in cell.source]
    assert guarded and all("is not written yet" in out for out in guarded)


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_source_notebook_runs_and_passes_its_self_checks(assignment, tmp_path):
    nb = nbformat.read(REPO / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    nb.cells = [c for c in nb.cells if "BEGIN HIDDEN TESTS" not in c.source]
    outputs = _run(nb, _stage(tmp_path / assignment, nb))
    checks = [out for cell, out in zip(nb.cells, outputs) if cell.metadata.get("nbgrader", {}).get("grade_id", "").startswith("check_")]
    assert checks and all(out.startswith("[passed]") for out in checks), checks
    assert not any("is not written yet" in out for out in outputs)
