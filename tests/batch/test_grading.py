"""A worker's job: sanitize as nbgrader does, grade the code, leave the database alone."""

import sqlite3

import course_kit as kit
from autograder.batch.grading import HandedIn, SubmissionGrading
from autograder.sandbox.protocol import Limits
from fake_grader import FakeGrader


def job(course):
    return SubmissionGrading(course, None, Limits(), FakeGrader)


def test_notebooks_are_sanitized_and_graded_and_missing_ones_are_none(course):
    folder = kit.submit(course, "amy", kit.all_reference(["df"]))
    (folder / "extra.ipynb").write_text("{}")                       # not an assignment notebook
    task = HandedIn("amy", kit.ASSIGNMENT, folder, [kit.ASSIGNMENT, "appendix"])
    with job(course) as grade:
        graded = grade(task)
    nb = graded.notebooks[kit.ASSIGNMENT]
    test_df = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "test_df")
    assert "score_cell" in test_df.source                            # hidden tests are back
    assert graded.notebooks["appendix"] is None and set(graded.results) == {kit.ASSIGNMENT}
    assert graded.strays == ["extra.ipynb"]
    scores = graded.results[kit.ASSIGNMENT].function_scores()
    assert scores["derivatives", "df"] == (1.0, 1.0) and scores["derivatives", "f"] == (0.0, 1.0)


def test_an_unreadable_notebook_is_graded_by_path(course):
    folder = kit.submit(course, "ben", {})
    (folder / f"{kit.ASSIGNMENT}.ipynb").write_text("{not json")
    with job(course) as grade:
        graded = grade(HandedIn("ben", kit.ASSIGNMENT, folder, [kit.ASSIGNMENT]))
    assert graded.notebooks[kit.ASSIGNMENT] is None
    assert graded.results[kit.ASSIGNMENT].output == f"could not read {kit.ASSIGNMENT}.ipynb"


def test_no_read_lock_is_held_while_grading(course):
    folder = kit.submit(course, "cy", {})
    with job(course) as grade:
        grade(HandedIn("cy", kit.ASSIGNMENT, folder, [kit.ASSIGNMENT]))
        # another process writing now must not wait for this worker
        with sqlite3.connect(course / "gradebook.db", timeout=0.1) as db:
            db.execute("BEGIN EXCLUSIVE")
            db.execute("UPDATE student SET first_name = 'x' WHERE 0")
