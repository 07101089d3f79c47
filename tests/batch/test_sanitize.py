"""nbgrader's own sanitising steps decide what gets graded."""

import copy

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.nbgraderformat import MetadataValidator, ValidationError

import course_kit as kit
from autograder.batch.coursedir import open_course
from autograder.batch.sanitize import SourceCells, _Validator, code_to_grade, resources_for, sanitize


def sanitized(course, nb):
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        return sanitize(nb, resources_for("s", kit.ASSIGNMENT, kit.ASSIGNMENT, c.db_url), SourceCells(gb), c.config)


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


# ---------------------------------------------------------------- the faster steps decide as nbgrader's do

META_VALUES = st.one_of(st.none(), st.booleans(), st.integers(-2, 5), st.floats(allow_nan=False, width=32),
                        st.text(max_size=4), st.lists(st.integers(), max_size=2))
META_KEYS = st.sampled_from(["grade", "solution", "locked", "task", "points", "grade_id", "schema_version",
                             "checksum", "cell_type", "extra"])


@settings(max_examples=150, deadline=None)
@given(changes=st.dictionaries(META_KEYS, META_VALUES, max_size=3), drop=st.sets(META_KEYS, max_size=2),
       which=st.integers(0, 40))
def test_the_compiled_schema_accepts_and_refuses_what_nbgrader_does(template_course, changes, drop, which):
    nb = kit.released(template_course)
    graded = [c for c in nb.cells if "nbgrader" in c.metadata]
    meta = graded[which % len(graded)].metadata["nbgrader"]
    for key in drop:
        meta.pop(key, None)
    meta.update(changes)

    def verdict(validator):
        try:
            validator.validate_nb(copy.deepcopy(nb))
        except Exception as exc:    # nbgrader raises more than ValidationError for some metadata
            return type(exc).__name__
        return "valid"

    assert verdict(_Validator()) == verdict(MetadataValidator())


def test_the_check_step_refuses_corrupted_metadata_with_nbgrader_s_message(course):
    nb = kit.released(course)
    next(c for c in nb.cells if "nbgrader" in c.metadata).metadata["nbgrader"]["points"] = "lots"
    with pytest.raises(ValidationError, match="nbgrader metadata may be corrupted"):
        sanitized(course, nb)


def test_source_cells_answer_as_the_gradebook_does(course):
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        cells = SourceCells(gb)
        notebook = gb.find_notebook(kit.ASSIGNMENT, kit.ASSIGNMENT)
        for real in notebook.source_cells:
            cached = cells.find_source_cell(real.name, kit.ASSIGNMENT, kit.ASSIGNMENT)
            assert (cached.cell_type, cached.locked, cached.checksum, cached.source) == (
                real.cell_type, real.locked, real.checksum, real.source)
        for real in [*notebook.grade_cells, *notebook.task_cells]:
            assert cells.find_graded_cell(real.name, kit.ASSIGNMENT, kit.ASSIGNMENT).max_score == real.max_score
        for lookup in (cells.find_source_cell, cells.find_graded_cell):
            with pytest.raises(MissingEntry):
                lookup("no_such_cell", kit.ASSIGNMENT, kit.ASSIGNMENT)
        with pytest.raises(MissingEntry):
            cells.find_source_cell("test_df", "no_such_notebook", kit.ASSIGNMENT)
