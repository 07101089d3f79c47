"""The demo's made-up class: each persona changes exactly what it says."""

from pathlib import Path

import nbformat

from autograder.demo.sample_class import BUGGY, HOSTILE, WRITTEN, answer_cells, solved, student_notebook

SOURCE = Path(__file__).resolve().parents[2] / "source" / "ps3_cost_functions" / "ps3_cost_functions.ipynb"


def released(nb):
    """What nbgrader's release does to answer cells, near enough for these tests."""
    out = nbformat.from_dict(nb)
    for i in answer_cells(out).values():
        out.cells[i].source = "def placeholder():\n    raise NotImplementedError()"
    return out


def test_personas():
    source = nbformat.read(SOURCE, as_version=4)
    release = nbformat.from_dict(source)
    cells = answer_cells(source)
    ada = student_notebook("ada", source, release)
    assert ada.cells[cells["mse"]].source == solved(source.cells[cells["mse"]].source)
    assert "### BEGIN SOLUTION" not in ada.cells[cells["mse"]].source
    cy = student_notebook("cy", source, release)
    assert cy.cells[cells["mse_gradient"]].source.startswith(BUGGY["mse_gradient"])
    assert cy.cells[cells["mse"]].source == ada.cells[cells["mse"]].source
    dee = student_notebook("dee", source, release)
    assert "print('x' * 10_000_000)" in dee.cells[cells["mse"]].source and "mse" in HOSTILE


def test_untouched_student_keeps_the_release():
    source = nbformat.read(SOURCE, as_version=4)
    release = released(source)
    ben = student_notebook("ben", source, release)
    assert [c.source for c in ben.cells] == [c.source for c in release.cells]


def test_written_answers_are_typed_by_the_personas_who_write():
    source = nbformat.read(SOURCE, as_version=4)
    release = released(source)
    written = [i for i, c in enumerate(source.cells)
               if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]
    assert written
    for persona in ("ada", "ben", "cy", "eve"):
        nb = student_notebook(persona, source, release)
        texts = {nb.cells[i].source for i in written}
        if persona in WRITTEN:
            assert texts == {WRITTEN[persona]}
        else:
            assert texts == {release.cells[i].source for i in written}


def test_gus_hands_in_fays_slips_renamed():
    from autograder.demo.sample_class import SLIPS, renamed_copy
    source = nbformat.read(SOURCE, as_version=4)
    release = released(source)
    fay, gus = (student_notebook(p, source, release) for p in ("fay", "gus"))
    code = {p: "\n".join(c.source for c in nb.cells if c.cell_type == "code") for p, nb in (("fay", fay), ("gus", gus))}
    for name, text in SLIPS.items():
        if f"def {name}(" in code["fay"]:
            assert text in code["fay"] and renamed_copy(text) in code["gus"] and renamed_copy(text) != text
