"""With a gradebook, the class list, late flags and nbgrader's totals come from it."""

import csv
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from autograder.report.build import write_report
from autograder.report.roster import default_db_url, load_roster

A = "ps2_gradient_descent"
DUE = datetime(2026, 3, 1, 17, 0)


@pytest.fixture
def gradebook(course):
    """alice..frank plus erin (who never submitted); carol handed in two hours late."""
    from nbgrader.api import Base, Gradebook
    from sqlalchemy import create_engine

    url = default_db_url(course)
    # Tables made up front: nbgrader then skips stamping the schema version with
    # the alembic command, which takes seconds and plays no part in reading.
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    gb = Gradebook(url)
    try:
        gb.add_assignment(A, duedate=DUE)
        for student in ("alice", "bob", "carol", "dave", "erin", "frank"):
            gb.add_student(student, first_name=student.title(), last_name="Example")
        for student in ("alice", "bob", "dave", "frank"):
            gb.add_submission(A, student, timestamp=DUE - timedelta(hours=1))
        gb.add_submission(A, "carol", timestamp=DUE + timedelta(hours=2))
    finally:
        gb.close()
    return url


def test_roster_lists_everyone_in_the_gradebook(course, gradebook):
    roster = load_roster(course, A, None, with_records=["alice"])
    assert roster.source == "gradebook"
    assert roster.students == ["alice", "bob", "carol", "dave", "erin", "frank"]
    assert roster.names["erin"] == "Erin Example"
    assert roster.entries["carol"].seconds_late == pytest.approx(7200)
    assert roster.entries["alice"].seconds_late == 0
    assert "erin" not in roster.entries


def test_report_marks_late_and_missing_students(course, gradebook, tmp_path):
    write_report(course, A, tmp_path / "out", gradebook)
    with (tmp_path / "out" / "report.csv").open() as handle:
        students = {r["student"]: r for r in csv.DictReader(handle)}
    assert students["carol"]["late"] == "yes" and students["carol"]["seconds_late"] == "7200"
    assert students["alice"]["late"] == "no"
    assert students["erin"]["status"] == "missing"
    assert students["erin"]["name"] == "Erin Example"
    html = (tmp_path / "out" / "report.html").read_text()
    assert "nbgrader&#39;s gradebook" in html and 'class="late"' in html


def test_a_record_unknown_to_the_gradebook_still_counts(course, gradebook):
    roster = load_roster(course, A, gradebook, with_records=["alice", "zed"])
    assert roster.students[-1] == "zed"


def test_missing_database_is_not_created(course, tmp_path):
    url = f"sqlite:///{tmp_path / 'nowhere.db'}"
    roster = load_roster(course, A, url, with_records=["alice"])
    assert roster.source == "folders"
    assert not (tmp_path / "nowhere.db").exists()
    assert "alice" in roster.students and "bob" in roster.students   # from submitted/


def test_reading_leaves_the_gradebook_as_it_was(course, tmp_path):
    """The course id comes from nbgrader_config.py: nbgrader would add a course row for another."""
    import sqlite3

    from nbgrader.api import Base, Gradebook
    from sqlalchemy import create_engine

    (course / "nbgrader_config.py").write_text('c = get_config()\nc.CourseDirectory.course_id = "gd-test"\n')
    url = default_db_url(course)
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    gb = Gradebook(url, "gd-test")
    gb.add_assignment(A, duedate=DUE)
    gb.add_student("alice")
    gb.close()
    database = url.removeprefix("sqlite:///")
    before = Path(database).read_bytes()

    write_report(course, A, tmp_path / "out")
    with sqlite3.connect(database) as db:
        assert db.execute("select id from course").fetchall() == [("gd-test",)]
    assert Path(database).read_bytes() == before


def test_written_answers_awaiting_and_totals_as_nbgrader_exports(course, tmp_path):
    """ps2 in the gradebook as nbgrader holds it: 6 autograded points and a 4-point written answer.
    Alice's written answer is graded (3), Carol's awaits a grader and she was late (penalty 2)."""
    from nbgrader.api import Base, Gradebook
    from sqlalchemy import create_engine

    url = default_db_url(course)
    engine = create_engine(url)
    Base.metadata.create_all(engine)
    engine.dispose()
    with Gradebook(url) as gb:
        gb.add_assignment(A, duedate=DUE)
        gb.add_notebook(A, A)
        gb.add_grade_cell("test_minimize", A, A, max_score=6, cell_type="code")
        gb.add_grade_cell("written_learning_rates", A, A, max_score=4, cell_type="markdown")
        gb.add_solution_cell("written_learning_rates", A, A)
        for student, auto, manual in (("alice", 6, 3.0), ("carol", 5, None)):
            gb.add_student(student)
            gb.add_submission(A, student, timestamp=DUE)
            gb.find_grade("test_minimize", A, A, student).auto_score = auto
            gb.find_grade("test_minimize", A, A, student).needs_manual_grade = False
            written = gb.find_grade("written_learning_rates", A, A, student)
            written.manual_score, written.needs_manual_grade = manual, manual is None
        gb.find_submission_notebook(A, A, "carol").late_submission_penalty = 2.0
        gb.db.commit()

    write_report(course, A, tmp_path / "out", url)
    with (tmp_path / "out" / "report.csv").open() as handle:
        students = {r["student"]: r for r in csv.DictReader(handle)}
    got = {s: [students[s][k] for k in ("written_score", "written_max", "awaiting_manual_grading", "total", "total_max")]
           for s in ("alice", "carol")}
    assert got == {"alice": ["3", "4", "no", "9", "10"], "carol": ["", "4", "yes", "3", "10"]}
    html = (tmp_path / "out" / "report.html").read_text()
    assert html.count("awaiting manual grading") == 2          # the card and Carol's row
    assert "9 / 10" in html and "3 / 4" in html
