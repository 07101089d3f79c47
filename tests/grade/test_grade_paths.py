"""One submission, one grade, whichever path grades it.

The same awkward submissions of problem set 1 (huge stored outputs, a
non-UTF-8 file, an empty folder, a zip, a renamed notebook, and the plain
reference for comparison) are graded by the four paths: ``grade`` on the
command line, ``batch`` into an nbgrader course, the nbgrader hook (its own
reading of the notebook, then its grading, as in ``nbgrader autograde``'s
kernel) and Gradescope's ``run_autograder`` entry point.

Where nbgrader decides what a submission is (its notebook under the
released name), the two nbgrader paths follow it: a zip or a renamed
notebook is "not handed in" there, and ``batch`` names the stray file.
Everything else must get the same score on all four.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "batch"))

import course_kit as kit  # noqa: E402
from autograder import nbgrader_hook as hook  # noqa: E402
from autograder.course import exercise_functions  # noqa: E402
from autograder.results import GradeResult  # noqa: E402
from autograder.gradescope import run as gradescope_run  # noqa: E402

NOTEBOOK = f"{kit.ASSIGNMENT}.ipynb"


def reference_notebook(course: Path) -> nbformat.NotebookNode:
    return kit.student_notebook(course, kit.all_reference(kit.points()))


def handed_in(course: Path) -> dict[str, dict[str, bytes]]:
    """Student -> files in their submission folder (names relative to it)."""
    plain = nbformat.writes(reference_notebook(course)).encode()
    big = reference_notebook(course)
    code = next(c for c in big.cells if c.cell_type == "code")
    code.outputs = [nbformat.v4.new_output("stream", name="stdout", text="0123456789" * 2_300_000)]  # 23 MB
    latin = reference_notebook(course)
    next(c for c in latin.cells if c.cell_type == "code").source += "\n# café"
    zipped = Path(course.parent / "work.zip")
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr(f"ps1/{NOTEBOOK}", plain)
    return {
        "plain": {NOTEBOOK: plain},
        "huge_outputs": {NOTEBOOK: nbformat.writes(big).encode()},
        "not_utf8": {NOTEBOOK: nbformat.writes(latin).encode("utf-8").replace("café".encode(), "café".encode("latin-1"))},
        "empty": {},
        "zipped": {"work.zip": zipped.read_bytes()},
        "renamed": {"my ps1 (final).ipynb": plain},
    }


NBGRADER_SHAPED = ("plain", "huge_outputs", "not_utf8", "empty")


def write(folder: Path, files: dict[str, bytes]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def by_grade(folder: Path) -> float:
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(folder), "--assignment", kit.ASSIGNMENT,
                           "--format", "json"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["score"]


def by_gradescope(folder: Path, root: Path) -> float:
    (root / "submission").parent.mkdir(parents=True, exist_ok=True)
    os.symlink(folder, root / "submission")
    assert gradescope_run.main(["--root", str(root), "--assignment", kit.ASSIGNMENT]) == 0
    results = json.loads((root / "results" / "results.json").read_text())
    assert all(t["name"] != gradescope_run.ERROR_TEST for t in results["tests"])
    return results["score"]


def by_hook(folder: Path) -> float:
    """The hook reads the notebook nbgrader runs (under its released name),
    and grades its cells; a notebook it cannot read is not run by nbgrader either."""
    path = folder / NOTEBOOK
    cells = hook._code_cells(path) if path.is_file() else None
    if cells is None:
        return 0.0
    result = hook._grade(kit.ASSIGNMENT, hook.graded_cells([c.source for c in cells]))
    return sum(hook.cell_score(result, f) for f in exercise_functions(kit.ASSIGNMENT))


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Submission -> {path: score}."""
    base = tmp_path_factory.mktemp("paths")
    course = kit.repo_course(base / "nbgrader")
    submissions = handed_in(course)
    scores: dict[str, dict[str, float]] = {}
    for student, files in submissions.items():
        folder = write(base / "handed-in" / student, files)
        scores[student] = {"grade": by_grade(folder),
                           "gradescope": by_gradescope(folder, base / "gradescope" / student),
                           "hook": by_hook(folder)}
        write(course / "submitted" / student / kit.ASSIGNMENT, files)
        (course / "submitted" / student / kit.ASSIGNMENT / "timestamp.txt").write_text(
            "2029-12-01 10:00:00.000000 UTC")
    done = kit.batch(course)
    assert done.returncode == 0, done.stderr[-3000:]
    for student in submissions:
        record = course / "autograded" / student / kit.ASSIGNMENT / "autograder.json"
        scores[student]["batch"] = (GradeResult.from_dict(json.loads(record.read_text())).score
                                    if record.is_file() else 0.0)
    return scores, done


@pytest.mark.parametrize("student", NBGRADER_SHAPED)
def test_every_path_gives_the_same_grade(graded, student):
    scores, _ = graded
    assert len(set(scores[student].values())) == 1, scores[student]


def test_outputs_do_not_decide_the_grade(graded):
    scores, _ = graded
    assert scores["huge_outputs"] == scores["plain"] and scores["plain"]["grade"] > 0
    assert scores["not_utf8"]["grade"] == scores["empty"]["grade"] == 0


@pytest.mark.parametrize("student", ["zipped", "renamed"])
def test_what_nbgrader_does_not_see_is_graded_alike_outside_it(graded, student):
    scores, done = graded
    assert scores[student]["grade"] == scores[student]["gradescope"] == scores["plain"]["grade"]
    assert scores[student]["batch"] == scores[student]["hook"] == 0
    if student == "renamed":
        assert "my ps1 (final).ipynb" in done.stdout + done.stderr
