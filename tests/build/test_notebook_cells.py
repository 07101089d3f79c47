"""Source notebooks: the cell pattern per exercise, metadata, injected reference."""

import json
from pathlib import Path

import nbformat
import pytest

from autograder.build.notebook import NotebookBuilder, answer_source
from autograder.build.reference import load
from autograder.build.template import TemplateError, parse
from autograder.grade import described
from autograder.course import ASSIGNMENTS

REPO = Path(__file__).resolve().parents[2]
MODULES = {m: load(REPO / "solutions" / f"{m}.py") for m in ASSIGNMENTS.values()}


def _notebook(assignment):
    path = REPO / "source" / assignment / f"{assignment}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    return nb


def _meta(cell):
    return cell.metadata.get("nbgrader", {})


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_each_exercise_has_answer_then_selfcheck_then_one_test(assignment):
    nb, module = _notebook(assignment), ASSIGNMENTS[assignment]
    ids = [_meta(c).get("grade_id") for c in nb.cells]
    points = described.points(assignment)
    for name, fn in MODULES[module].functions.items():
        i = ids.index(f"answer_{name}")
        answer, selfcheck, test = nb.cells[i:i + 3]
        assert _meta(answer) == {"grade": False, "grade_id": f"answer_{name}", "locked": False,
                                 "schema_version": 3, "solution": True, "task": False}
        assert f"### BEGIN SOLUTION\n{fn.body}\n{fn.indent}### END SOLUTION" in answer.source
        assert _meta(selfcheck) == {"grade": False, "grade_id": f"check_{name}", "locked": True,
                                    "schema_version": 3, "solution": False, "task": False}
        assert selfcheck.source.endswith(f'check("{name}", {name})')
        assert _meta(test) == {"grade": True, "grade_id": f"test_{name}", "locked": True, "points": float(points[name]),
                               "schema_version": 3, "solution": False, "task": False}
        assert test.source == (
            f"# The autograder runs its hidden tests for `{name}` here when your work is graded.\n"
            "### BEGIN HIDDEN TESTS\n"
            "from autograder.nbgrader_hook import score_cell\n"
            f'score_cell("{assignment}", "{name}", In)\n'
            "### END HIDDEN TESTS")
        assert ids.count(f"test_{name}") == 1


@pytest.mark.parametrize("assignment, written", [
    ("ps1_derivatives", set()), ("ps2_gradient_descent", {"written_learning_rates"}),
    ("ps3_cost_functions", {"written_cost_surfaces"}), ("ps4_backprop", {"written_alpha_sweep"})])
def test_written_answers_are_manually_graded_markdown(assignment, written):
    cells = [c for c in _notebook(assignment).cells if c.cell_type == "markdown" and _meta(c)]
    assert {_meta(c)["grade_id"] for c in cells} == written
    for cell in cells:
        assert _meta(cell)["solution"] and _meta(cell)["grade"] and _meta(cell)["points"] > 0


def test_notebooks_carry_earlier_functions_as_ungraded_answers():
    ids = {a: [_meta(c).get("grade_id") for c in _notebook(a).cells] for a in ASSIGNMENTS}
    assert "answer_sigmoid" in ids["ps3_cost_functions"] and "test_sigmoid" not in ids["ps3_cost_functions"]
    assert {"answer_sigmoid", "answer_cross_entropy"} <= set(ids["ps4_backprop"])
    assert "given_f" in ids["ps2_gradient_descent"] and "given_COSTS" in ids["ps3_cost_functions"]


def test_plot_cells_guard_unwritten_functions():
    for assignment in ASSIGNMENTS:
        for cell in _notebook(assignment).cells:
            if cell.cell_type == "code" and not _meta(cell) and "plt." in cell.source:
                assert "with needs(" in cell.source, cell.source[:80]


def _builder(assignment="ps2_gradient_descent"):
    notes = {m: {n: f"What {n} does." for n in mod.functions} for m, mod in MODULES.items()}
    return NotebookBuilder(assignment, MODULES, notes, {"gradient_descent": 1.0, "minimize": 2.0})


def test_giving_a_real_solution_is_refused():
    with pytest.raises(TemplateError, match="not a pure formula"):
        _builder().build(parse("%% given derivatives.sigmoid\n%% exercise gradient_descent\n%% exercise minimize"),
                         "gradient_descent")


def test_answer_cell_wraps_exactly_the_body():
    fn = MODULES["gradient_descent"].functions["minimize"]
    text = answer_source(fn, "Summary.\n\nExtra line.")
    head, rest = text.split("    ### BEGIN SOLUTION\n")
    assert head.startswith("def minimize(grad, x0, learning_rate, precision, max_iters=10_000):\n")
    assert head.rstrip().endswith('Extra line.\n    """')
    assert rest == fn.body + "\n    ### END SOLUTION"
    nb = json.loads(_builder().build(parse("%% exercise gradient_descent\n%% exercise minimize"), "gradient_descent"))
    assert [c["id"] for c in nb["cells"]] == ["answer_gradient_descent", "check_gradient_descent",
                                              "test_gradient_descent", "answer_minimize", "check_minimize",
                                              "test_minimize"]
