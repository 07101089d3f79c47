"""The points story: README, nbgrader's source notebooks and the Gradescope bundle agree."""

from __future__ import annotations

import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.build import points_table
from autograder.course import ASSIGNMENTS

REPO = Path(__file__).resolve().parents[2]


def test_readme_table_is_the_generated_one():
    block = points_table.readme_block((REPO / "README.md").read_text(encoding="utf-8"))
    assert block is not None, "README.md lost its points table markers"
    assert block == points_table.readme_table(), (
        "README.md's points table is out of date: run `python -m autograder.build.points_table --write`")


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_source_notebook_points_are_the_tables(assignment):
    """nbgrader's maximum is the sum of the grade cells' points: autograded + written."""
    nb = nbformat.read(REPO / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    graded = {c.metadata["nbgrader"]["grade_id"]: (c.cell_type, float(c.metadata["nbgrader"]["points"]))
              for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")}
    p = points_table.assignment_points(assignment)
    written = {g: pts for g, (kind, pts) in graded.items() if kind == "markdown"}
    assert written == dict(p.written)
    assert sum(pts for kind, pts in graded.values() if kind == "code") == p.auto
    assert sum(pts for _, pts in graded.values()) == p.total


def test_written_points_come_from_the_template(tmp_path):
    (tmp_path / "course" / "notebooks").mkdir(parents=True)
    (tmp_path / "course" / "notebooks" / "psx.md").write_text(
        "%% md\nIntro\n\n%% written first 3\nrubric\n\n%% md\nmore\n\n%% written second 1.5\nrubric\n")
    assert points_table.written_points("psx", tmp_path) == (("first", 3.0), ("second", 1.5))


def test_check_and_write_rewrite_only_the_block(tmp_path):
    readme = tmp_path / "README.md"
    stale = f"# Course\n\nbefore\n\n{points_table.BEGIN}\n| old |\n{points_table.END}\n\nafter\n"
    readme.write_text(stale)
    assert points_table.main(["--check", "--readme", str(readme)]) == 1
    assert points_table.main(["--write", "--readme", str(readme)]) == 0
    text = readme.read_text()
    assert text == stale.replace(f"{points_table.BEGIN}\n| old |\n{points_table.END}", points_table.readme_table())
    assert points_table.main(["--check", "--readme", str(readme)]) == 0
    readme.write_text("# no markers\n")
    assert points_table.main(["--check", "--readme", str(readme)]) == 2


def test_gradescope_note_names_the_manual_points():
    ps1, ps3 = points_table.gradescope_note("ps1_derivatives"), points_table.gradescope_note("ps3_cost_functions")
    assert "no written answers" in ps1 and "awards 20 points" in ps1
    assert "awards 30 points" in ps3 and "`written_cost_surfaces` (4)" in ps3
    assert "Enable Manual Grading" in ps3 and "total 34" in ps3 and "leave the total at 30" in ps3


def test_bundle_carries_the_points_readme(tmp_path):
    from autograder.gradescope.bundle import write_bundle

    bundle = write_bundle("ps3_cost_functions", tmp_path, requirements_text="numpy\n")
    with zipfile.ZipFile(bundle) as archive:
        text = archive.read("README.md").decode()
    assert text == points_table.gradescope_readme("ps3_cost_functions")
    assert points_table.gradescope_note("ps3_cost_functions") in text


def test_demo_summary_states_each_assignment():
    text = points_table.demo_summary()
    assert "ps1_derivatives: 20 autograded, nothing graded by hand" in text
    assert "ps2_gradient_descent: 10 autograded + 4 for written answers graded by hand = 14" in text
