"""nbgrader's own sanitising steps decide what gets graded."""

import nbformat
from nbgrader.api import Gradebook

import course_kit as kit
from autograder.batch.coursedir import open_course
from autograder.batch.sanitize import code_to_grade, resources_for, sanitize


def sanitized(course, nb):
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        return sanitize(nb, resources_for("s", kit.ASSIGNMENT, kit.ASSIGNMENT, c.db_url), gb, c.config)


def cell(nb, grade_id):
    (found,) = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id]
    return found


def test_hidden_tests_come_back_and_are_not_graded_as_code(course):
    nb = kit.student_notebook(course, kit.all_reference(["df"]))
    assert "score_cell" not in cell(nb, "test_df").source       # the release hides them
    nb = sanitized(course, nb)
    assert cell(nb, "test_df").source == kit.hook_source("df")
    code = code_to_grade(nb)
    assert not any("score_cell" in c for c in code)
    assert kit.reference("df").strip() in [c.strip() for c in code]


def test_a_student_cannot_rewrite_a_locked_cell_or_its_points(course):
    nb = kit.student_notebook(course, {})
    test = cell(nb, "test_df")
    test.source = "print('all tests passed')"
    test.metadata["nbgrader"]["points"] = 100
    cell(nb, "imports").source = "import os; os.system('true')"
    nb = sanitized(course, nb)
    assert cell(nb, "test_df").source == kit.hook_source("df")
    assert cell(nb, "test_df").metadata["nbgrader"]["points"] == kit.points()["df"]
    assert cell(nb, "imports").source == "import numpy as np\nimport sympy\n"


def test_outputs_are_cleared_and_students_cells_kept_in_order(course):
    nb = kit.student_notebook(course, {})
    nb.cells.insert(3, nbformat.v4.new_code_cell("HELPER = 2", outputs=[
        nbformat.v4.new_output("stream", name="stdout", text="fake")]))
    nb = sanitized(course, nb)
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code")
    code = code_to_grade(nb)
    assert code[0].startswith("import numpy") and "HELPER = 2" in code
