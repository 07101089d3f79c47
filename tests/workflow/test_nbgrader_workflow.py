"""A term in one test: nbgrader's own commands around the batch grader.

The instructor generates and releases problem set 1 (the course's real
source notebook and config) to a local exchange; two students fetch it,
edit it and submit; the instructor collects, grades with the batch command,
generates feedback and exports the grades.  Alice answers everything with
the reference; Bob answers two exercises and submits after the due date,
which the course's late policy (``penalty_method = "zero"``) punishes.
"""

import csv
import datetime
import subprocess
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI

import course_kit as kit
from autograder.batch.coursedir import open_course

ASSIGNMENT = "ps1_derivatives"
BOB = ("df", "sigmoid")


def course_copy(root: Path) -> tuple[Path, str]:
    """The repository's course config and problem set 1 in a fresh folder."""
    course = kit.repo_course(root, '\nc.LateSubmissionPlugin.penalty_method = "zero"\n'
                                   "c.ExchangeCollect.check_owner = False\n", generate=False)
    opened = open_course(course)
    assert opened.root == course and opened.db_url == f"sqlite:///{course / 'gradebook.db'}"
    return course, opened.dirs.course_id


def answer(path: Path, functions) -> None:
    """What a student does in Jupyter: replace the stubs of ``functions``."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith("answer_") and grade_id[len("answer_"):] in functions:
            cell.source = kit.reference(grade_id[len("answer_"):])
    nbformat.write(nb, path)


def fetch_all(root, course, course_id, names) -> None:
    """Students fetch at the same time, each in their own home."""
    running = []
    for name in names:
        home = root / name
        home.mkdir()
        running.append(subprocess.Popen(
            [str(kit.VENV_BIN / "nbgrader"), "fetch_assignment", ASSIGNMENT, f"--course={course_id}",
             f"--Exchange.root={course / 'exchange'}"],
            cwd=home, env=kit.nbgrader_env(home), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    for proc in running:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out


def submit(root, course, course_id, name, functions) -> None:
    home = root / name
    answer(home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", functions)
    kit.nbgrader(home, "submit", ASSIGNMENT, f"--course={course_id}", f"--student={name}",
                 f"--Exchange.root={course / 'exchange'}", home=home)


def test_release_submit_collect_grade_feedback_export(tmp_path):
    course, course_id = course_copy(tmp_path)
    kit.nbgrader(course, "generate_assignment", ASSIGNMENT)
    kit.nbgrader(course, "release_assignment", ASSIGNMENT)
    points = kit.points()
    released = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert not any("score_cell" in c.source for c in released.cells)      # hidden tests stay hidden

    fetch_all(tmp_path, course, course_id, ["alice", "bob"])
    submit(tmp_path, course, course_id, "alice", points)
    # the deadline passes between Alice's submission and Bob's
    due = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id) as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate=due)
    submit(tmp_path, course, course_id, "bob", BOB)
    inbound = sorted(p.name.split("+")[0] for p in (course / "exchange" / course_id / "inbound").iterdir())
    assert inbound == ["alice", "bob"]
    kit.nbgrader(course, "collect", ASSIGNMENT)
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["alice", "bob"]

    batch = kit.batch(course, ASSIGNMENT, "--jobs", "1")
    assert batch.returncode == 0, batch.stderr
    assert "graded 2, already done 0, failed 0" in batch.stderr

    total, bob_raw = sum(points.values()), sum(points[f] for f in BOB)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id) as gb:
        for student, right in (("alice", set(points)), ("bob", set(BOB))):
            grades = {g.name: g.auto_score for g in gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student).grades}
            assert grades == {f"test_{f}": (points[f] if f in right else 0.0) for f in points}
        alice, bob = gb.find_submission(ASSIGNMENT, "alice"), gb.find_submission(ASSIGNMENT, "bob")
        assert (alice.score, alice.total_seconds_late, alice.late_submission_penalty) == (total, 0, 0)
        assert bob.score == bob_raw and bob.total_seconds_late > 0 and bob.late_submission_penalty == bob_raw

    # formgrader's view of the class: both autograded, with their scores
    opened = open_course(course)
    listed = {s["student"]: s for s in NbGraderAPI(opened.dirs, config=opened.config).get_submissions(ASSIGNMENT)}
    assert {k: (v["autograded"], v["score"]) for k, v in listed.items()} == {
        "alice": (True, total), "bob": (True, bob_raw)}

    kit.nbgrader(course, "generate_feedback", ASSIGNMENT)
    alice_html = (course / "feedback" / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    bob_html = (course / "feedback" / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert f"{ASSIGNMENT} (Score: {total:.1f} / {total:.1f})" in alice_html
    assert f"{ASSIGNMENT} (Score: 0.0 / {total:.1f})" in bob_html              # late: penalty = score
    assert "derivatives.critical_points:" in bob_html and "FAILED" in bob_html  # the tests' own words

    kit.nbgrader(course, "export", "--to", str(tmp_path / "grades.csv"))
    rows = {r["student_id"]: r for r in csv.DictReader((tmp_path / "grades.csv").open())}
    assert float(rows["alice"]["raw_score"]) == total and float(rows["alice"]["score"]) == total
    assert float(rows["bob"]["raw_score"]) == bob_raw and float(rows["bob"]["score"]) == 0.0
    assert float(rows["bob"]["late_submission_penalty"]) == bob_raw
    assert rows["alice"]["timestamp"] and rows["bob"]["timestamp"] > rows["alice"]["timestamp"]
    assert float(rows["alice"]["max_score"]) == total
