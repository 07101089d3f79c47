"""Submissions are found where ``nbgrader collect`` puts them; their fingerprint decides what a rerun skips."""

import os

from hypothesis import given, settings, strategies as st

from autograder.batch.coursedir import open_course
from autograder.batch.discover import find_submissions, fingerprint


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


IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
names = st.text(alphabet="abcdefgh_", min_size=1, max_size=8)
files = st.dictionaries(names, st.binary(max_size=64), min_size=1, max_size=5)


def fill(folder, content):
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in content.items():
        (folder / name).write_bytes(data)


@settings(max_examples=40, deadline=None)
@given(content=files, extra=st.binary(min_size=1, max_size=8), data=st.data())
def test_any_change_of_a_file_changes_the_fingerprint(tmp_path_factory, content, extra, data):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    fill(a, content)
    fill(b, dict(reversed(list(content.items()))))          # creation order does not matter
    assert fingerprint(a, IGNORE) == fingerprint(b, IGNORE)
    name = data.draw(st.sampled_from(sorted(content)))
    (b / name).write_bytes(content[name] + extra)
    assert fingerprint(a, IGNORE) != fingerprint(b, IGNORE)


def test_renaming_or_adding_a_file_changes_it_and_checkpoints_do_not(tmp_path):
    fill(tmp_path, {"nb.ipynb": b"{}", "timestamp.txt": b"2030-01-01 00:00:00 UTC"})
    before = fingerprint(tmp_path, IGNORE)
    fill(tmp_path / ".ipynb_checkpoints", {"nb-checkpoint.ipynb": b"old"})
    assert fingerprint(tmp_path, IGNORE) == before
    (tmp_path / "timestamp.txt").write_text("2030-01-02 00:00:00 UTC")
    assert fingerprint(tmp_path, IGNORE) != before
    (tmp_path / "timestamp.txt").write_text("2030-01-01 00:00:00 UTC")
    os.rename(tmp_path / "nb.ipynb", tmp_path / "other.ipynb")
    assert fingerprint(tmp_path, IGNORE) != before
