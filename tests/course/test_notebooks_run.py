"""The notebooks run top to bottom in a Jupyter kernel, as a student runs them.

Each notebook is executed by nbclient in a copy of its own folder (with the
self-check files that folder carries): the source notebooks with the
reference answers (hidden test cells left out: grading is tested
elsewhere), and the released notebooks untouched.  A cell that raises fails
the test (nbclient stops there), and so does a cell that draws but shows
no figure, or shows one that is blank (a PNG of one flat colour).

Source: every self-check passes and every plot is drawn.  Released: every
self-check says "not attempted", every plot that needs a student's function
prints its friendly note instead, and plots of given functions still draw.
"""

import base64
import io
import re
import shutil
from pathlib import Path

import matplotlib.image
import nbformat
import numpy as np
import pytest
from nbclient import NotebookClient

from autograder.course import ASSIGNMENTS

REPO = Path(__file__).resolve().parents[2]
DRAWS = re.compile(r"\bplt\.|\.plot\(|\.contourf?\(|\.imshow\(")


def _execute(folder: Path, assignment: str, tmp_path: Path, keep=lambda cell: True):
    """The notebook after running every kept cell in a kernel started in a copy of folder."""
    here = tmp_path / assignment
    shutil.copytree(folder, here)
    nb = nbformat.read(here / f"{assignment}.ipynb", as_version=4)
    nb.cells = [cell for cell in nb.cells if keep(cell)]
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(here)}}).execute()
    return nb


def _text(cell) -> str:
    return "".join(out.get("text", "") for out in cell.outputs if out.output_type == "stream")


def _images(cell) -> list[np.ndarray]:
    return [matplotlib.image.imread(io.BytesIO(base64.b64decode(out.data["image/png"])), format="png")
            for out in cell.outputs if "image/png" in out.get("data", {})]


def _blank(image: np.ndarray) -> bool:
    return image.size == 0 or float(np.ptp(image)) == 0.0


def _grade_id(cell):
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def _code(nb):
    return [cell for cell in nb.cells if cell.cell_type == "code"]


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_source_notebook_runs_passes_its_self_checks_and_draws_every_figure(assignment, tmp_path):
    nb = _execute(REPO / "source" / assignment, assignment, tmp_path,
                  keep=lambda cell: "BEGIN HIDDEN TESTS" not in cell.source)
    checks = [_text(cell) for cell in _code(nb) if _grade_id(cell).startswith("check_")]
    assert checks and all(out.startswith("[passed]") for out in checks), checks
    assert not any("is not written yet" in _text(cell) for cell in _code(nb))
    drawing = [cell for cell in _code(nb) if DRAWS.search(cell.source)]
    assert drawing, "a problem set without a single figure"
    for cell in drawing:
        images = _images(cell)
        assert images, f"this cell draws but shows no figure:\n{cell.source[:300]}"
        assert not any(_blank(image) for image in images), f"a blank figure from:\n{cell.source[:300]}"


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_released_notebook_runs_with_friendly_notes(released, assignment, tmp_path):
    course, _ = released
    nb = _execute(course / "release" / assignment, assignment, tmp_path)
    checks = [_text(cell) for cell in _code(nb) if _grade_id(cell).startswith("check_")]
    assert checks and all(out.startswith("[not attempted]") for out in checks), checks
    guarded = [cell for cell in _code(nb) if "with needs(" in cell.source]
    assert guarded and all("is not written yet" in _text(cell) for cell in guarded)
    for cell in _code(nb):
        if DRAWS.search(cell.source) and "with needs(" not in cell.source:
            images = _images(cell)
            assert images and not any(_blank(image) for image in images), cell.source[:300]


def test_a_blank_figure_is_told_apart_from_a_drawn_one():
    assert _blank(np.ones((10, 10, 4))) and _blank(np.zeros((0, 0)))
    drawn = np.ones((10, 10, 4))
    drawn[3, 3, :3] = 0.0
    assert not _blank(drawn)
