"""Gradebook writes: what nbgrader's autograde would store, and nothing a person wrote is lost."""

import nbformat
import pytest
from nbgrader.api import Gradebook, MissingEntry

import course_kit as kit
from autograder.batch.coursedir import open_course
from autograder.batch.gradebook import AssignmentCells, GradedNotebook, is_recorded, save_submission
from autograder.batch.sanitize import SourceCells, resources_for, sanitize
from autograder.course import exercise_functions
from fake_grader import FakeGrader

FUNCTIONS = set(exercise_functions(kit.ASSIGNMENT))


def graded(course, student, answers, written=None):
    """The sanitized notebook and a fake grade, as the batch would have them."""
    folder = kit.submit(course, student, answers, written=written)
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        nb = nbformat.read(folder / f"{kit.ASSIGNMENT}.ipynb", as_version=4)
        nb = sanitize(nb, resources_for(student, kit.ASSIGNMENT, kit.ASSIGNMENT, c.db_url), SourceCells(gb), c.config)
    cells = [cell.source for cell in nb.cells if cell.cell_type == "code"]
    return GradedNotebook(kit.ASSIGNMENT, nb, FakeGrader().grade_cells(cells, kit.ASSIGNMENT))


def save(course, student, notebook, timestamp="2029-12-31 12:00:00 UTC"):
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        cells = AssignmentCells.read(gb, kit.ASSIGNMENT, FUNCTIONS)
        save_submission(gb, cells, student, timestamp, [notebook], c.config)


def scores(course, student):
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        nb = gb.find_submission_notebook(kit.ASSIGNMENT, kit.ASSIGNMENT, student)
        return {g.name: (g.auto_score, g.manual_score, g.needs_manual_grade) for g in nb.grades}


def test_test_cells_get_the_function_scores_and_written_answers_wait_for_a_person(course):
    answers = kit.all_reference(["df", "sigmoid"])
    save(course, "alice", graded(course, "alice", answers, written="It overshoots."))
    got = scores(course, "alice")
    points = kit.points()
    assert got["test_df"] == (points["df"], None, False)
    assert got["test_sigmoid"] == (points["sigmoid"], None, False)
    assert got["test_f"] == (0.0, None, False)
    assert got["test_critical_points"] == (0.0, None, False)
    assert got[kit.WRITTEN] == (None, None, True)


def test_an_untouched_written_answer_scores_zero_with_no_response(course):
    save(course, "bob", graded(course, "bob", {}))
    assert scores(course, "bob")[kit.WRITTEN] == (0.0, None, False)
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        comment = gb.find_comment(kit.WRITTEN, kit.ASSIGNMENT, kit.ASSIGNMENT, "bob")
        assert comment.auto_comment == "No response."


def test_regrading_keeps_manual_scores_and_comments(course):
    entry = graded(course, "alice", kit.all_reference(["df"]), written="It overshoots.")
    save(course, "alice", entry)
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        gb.find_grade(kit.WRITTEN, kit.ASSIGNMENT, kit.ASSIGNMENT, "alice").manual_score = 1.5
        grade = gb.find_grade("test_df", kit.ASSIGNMENT, kit.ASSIGNMENT, "alice")
        grade.manual_score, grade.extra_credit = 1.0, 0.25
        gb.find_comment(kit.WRITTEN, kit.ASSIGNMENT, kit.ASSIGNMENT, "alice").manual_comment = "Good."
        gb.db.commit()
    save(course, "alice", entry)
    got = scores(course, "alice")
    assert got[kit.WRITTEN] == (None, 1.5, True)
    assert got["test_df"] == (kit.points()["df"], 1.0, True)   # auto kept up to date, manual wins
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        assert gb.find_grade("test_df", kit.ASSIGNMENT, kit.ASSIGNMENT, "alice").extra_credit == 0.25
        assert gb.find_comment(kit.WRITTEN, kit.ASSIGNMENT, kit.ASSIGNMENT, "alice").manual_comment == "Good."
        # written 1.5 by hand, df 1.0 by hand + 0.25 extra; the other (stub) functions earn 0
        assert gb.find_submission(kit.ASSIGNMENT, "alice").score == 2.75


def test_timestamp_and_nbgraders_late_penalty_are_recorded(course):
    kit.set_duedate(course, "2030-01-01 00:00:00 UTC")
    entry = graded(course, "carol", kit.all_reference(["df", "sigmoid"]))
    save(course, "carol", entry, timestamp="2030-01-02 08:00:00.000000 UTC")
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        submission = gb.find_submission(kit.ASSIGNMENT, "carol")
        assert submission.timestamp.isoformat() == "2030-01-02T08:00:00"
        assert submission.total_seconds_late == 32 * 3600
        raw = kit.points()["df"] + kit.points()["sigmoid"]
        assert submission.score == raw
        # the course's config says penalty_method = "zero": a late submission loses it all
        assert submission.late_submission_penalty == raw


def test_on_time_submission_has_no_penalty(course):
    save(course, "dan", graded(course, "dan", kit.all_reference(["df"])), timestamp="2029-06-01 00:00:00 UTC")
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        assert gb.find_submission(kit.ASSIGNMENT, "dan").late_submission_penalty == 0


def test_a_notebook_not_handed_in_scores_zero(course):
    save(course, "erin", GradedNotebook(kit.ASSIGNMENT, None, None))
    got = scores(course, "erin")
    assert got and all(auto == 0 and not needs for auto, _, needs in got.values())


def test_a_failed_write_leaves_no_trace(course):
    entry = graded(course, "fay", kit.all_reference(["df"]))
    with pytest.raises(ValueError):
        save(course, "fay", entry, timestamp="not a time")
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        with pytest.raises(MissingEntry):
            gb.find_student("fay")
        with pytest.raises(MissingEntry):
            gb.find_submission(kit.ASSIGNMENT, "fay")


def test_is_recorded_only_when_every_test_cell_has_a_score(course):
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        cells = AssignmentCells.read(gb, kit.ASSIGNMENT, FUNCTIONS)
        assert not is_recorded(gb, cells, "gus")
    save(course, "gus", graded(course, "gus", {}))
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        assert is_recorded(gb, cells, "gus")
        gb.find_grade("test_df", kit.ASSIGNMENT, kit.ASSIGNMENT, "gus").auto_score = None
        gb.db.commit()
        assert not is_recorded(gb, cells, "gus")


def test_an_unreadable_notebook_keeps_what_its_code_earned_and_waits_for_a_person(course):
    result = FakeGrader().grade_cells([kit.reference("df")], kit.ASSIGNMENT)
    save(course, "hal", GradedNotebook(kit.ASSIGNMENT, None, result))
    got = scores(course, "hal")
    assert got["test_df"] == (kit.points()["df"], None, False)
    assert got["test_sigmoid"] == (0.0, None, False)
    assert got[kit.WRITTEN] == (None, None, True)
