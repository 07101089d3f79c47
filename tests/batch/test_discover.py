"""Submissions are found where ``nbgrader collect`` puts them."""

from autograder.batch.coursedir import open_course
from autograder.batch.discover import find_submissions


def layout(root, *pairs):
    for student, assignment in pairs:
        (root / "submitted" / student / assignment).mkdir(parents=True)


def test_every_student_and_assignment_sorted_and_filtered(tmp_path):
    layout(tmp_path, ("bob", "ps2"), ("alice", "ps2"), ("alice", "ps1"))
    (tmp_path / "submitted" / "carol").mkdir()
    (tmp_path / "submitted" / "notes.txt").write_text("not a student")
    course = open_course(tmp_path)
    assert [str(s) for s in find_submissions(course)] == ["alice/ps1", "alice/ps2", "bob/ps2"]
    assert [str(s) for s in find_submissions(course, ["ps2"])] == ["alice/ps2", "bob/ps2"]
    assert [str(s) for s in find_submissions(course, None, ["bob"])] == ["bob/ps2"]
    (found,) = find_submissions(course, ["ps1"])
    assert found.path == tmp_path / "submitted" / "alice" / "ps1"


def test_the_course_config_is_honoured(tmp_path):
    layout(tmp_path, ("alice", "ps1"), ("bob", "ps1"))
    (tmp_path / "nbgrader_config.py").write_text(
        "c = get_config()\nc.CourseDirectory.student_id_exclude = 'bob'\n"
        "c.CourseDirectory.db_url = 'sqlite:////elsewhere/grades.db'\n")
    course = open_course(tmp_path)
    assert [str(s) for s in find_submissions(course)] == ["alice/ps1"]
    assert course.db_url == "sqlite:////elsewhere/grades.db"
    assert open_course(tmp_path, "postgresql://db/grades").db_url == "postgresql://db/grades"
    assert open_course(tmp_path / "..").root == tmp_path.parent
