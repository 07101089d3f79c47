"""A term in one test: nbgrader's own commands around the batch grader.

The instructor generates and releases problem set 2 (the course's real
source notebook and config, 10 autograded points and a 4-point written
answer) to the course's exchange on this one machine.  Two students, one
OS user, each in their own home: Alice names the course and exchange on
the command line, Bob in his own ``~/.jupyter/nbgrader_config.py``, and
both submit under their own names with ``--student``.  The instructor
collects, grades with the batch command, grades Alice's written answer
through nbgrader's gradebook API as formgrader does, generates feedback,
writes the class report and exports the grades with ``nbgrader export`` and
with our Canvas export; every total must agree.  Alice answers everything
with the reference; Bob answers ``gradient_descent`` only, his written
answer is left for a grader, and he submits after the due date, which the course's
late policy (``penalty_method = "zero"``) punishes.
"""

import csv
import datetime
import subprocess
import sys
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook
from nbgrader.apps import NbGraderAPI

import course_kit as kit
from autograder.batch.coursedir import open_course
from autograder.build.points_table import assignment_points
from autograder.grade import described
from autograder.demo.sample_class import solved

ASSIGNMENT = "ps2_gradient_descent"
WRITTEN = "written_learning_rates"
CARRIED = ("df", "dparabola")                 # problem set 1's functions the notebook needs
BOB = ("gradient_descent",)
ROSTER = "id,first_name,last_name,email,lms_user_id\nalice,Alice,Liddell,alice@example.org,101\nbob,Bob,,,\n"


def course_copy(root: Path) -> tuple[Path, str]:
    """The repository's course config and problem set 2 in a fresh folder."""
    course = kit.repo_course(root, '\nc.LateSubmissionPlugin.penalty_method = "zero"\n'
                                   "c.ExchangeCollect.check_owner = False\n", generate=False, assignment=ASSIGNMENT)
    opened = open_course(course)
    assert opened.root == course and opened.db_url == f"sqlite:///{course / 'gradebook.db'}"
    return course, opened.dirs.course_id


def answer(path: Path, source: Path, functions, written: str | None) -> None:
    """What a student does in Jupyter: write ``functions`` (as the reference has them) and the written answer."""
    reference = {c.metadata["nbgrader"]["grade_id"]: solved(c.source)
                 for c in nbformat.read(source, as_version=4).cells if "nbgrader" in c.metadata}
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if grade_id.startswith("answer_") and grade_id[len("answer_"):] in functions:
            cell.source = reference[grade_id]
        if grade_id == WRITTEN and written:
            cell.source = written
    nbformat.write(nb, path)


def student_args(course, course_id, name) -> list[str]:
    """Alice says where the course is on each command; Bob's home config says it once."""
    if name == "alice":
        return [f"--course={course_id}", f"--Exchange.root={course / 'exchange'}"]
    return []


def fetch_all(root, course, course_id, names) -> None:
    """Students fetch at the same time, each in their own home."""
    running = []
    for name in names:
        home = root / name
        (home / ".jupyter").mkdir(parents=True)
        if name == "bob":
            (home / ".jupyter" / "nbgrader_config.py").write_text(
                f"c = get_config()\nc.CourseDirectory.course_id = {course_id!r}\n"
                f"c.Exchange.root = {str(course / 'exchange')!r}\n")
        running.append(subprocess.Popen(
            [str(kit.VENV_BIN / "nbgrader"), "fetch_assignment", ASSIGNMENT, *student_args(course, course_id, name)],
            cwd=home, env=kit.nbgrader_env(home), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True))
    for proc in running:
        out, _ = proc.communicate(timeout=600)
        assert proc.returncode == 0, out


def submit(root, course, course_id, name, functions, written=None) -> None:
    home = root / name
    answer(home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb",
           functions, written)
    kit.nbgrader(home, "submit", ASSIGNMENT, *student_args(course, course_id, name), f"--student={name}", home=home)


def autograder(course, *args) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "autograder", *args], cwd=course, env=kit.nbgrader_env(),
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return done


def read_csv(path: Path) -> list[list[str]]:
    with path.open(newline="") as handle:
        return list(csv.reader(handle))


def test_release_submit_collect_grade_feedback_export(tmp_path):
    course, course_id = course_copy(tmp_path)
    kit.nbgrader(course, "generate_assignment", ASSIGNMENT)
    kit.nbgrader(course, "release_assignment", ASSIGNMENT)
    (course / "students.csv").write_text(ROSTER)
    kit.nbgrader(course, "db", "student", "import", "students.csv")
    points = described.points(ASSIGNMENT)
    table = assignment_points(ASSIGNMENT)
    auto, written_max = table.auto, table.manual
    assert (sum(points.values()), written_max) == (auto, dict(table.written)[WRITTEN])
    released = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert not any("score_cell" in c.source or "Rubric" in c.source for c in released.cells)   # hidden stays hidden

    fetch_all(tmp_path, course, course_id, ["alice", "bob"])
    submit(tmp_path, course, course_id, "alice", (*CARRIED, *points), "Too small crawls; too large overshoots.")
    # the deadline passes between Alice's submission and Bob's
    due = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}", course_id) as gb:
        gb.update_or_create_assignment(ASSIGNMENT, duedate=due)
    submit(tmp_path, course, course_id, "bob", (*CARRIED, *BOB), "Bigger steps are faster.")
    inbound = sorted(p.name.split("+")[0] for p in (course / "exchange" / course_id / "inbound").iterdir())
    assert inbound == ["alice", "bob"]                   # filed under their names, not the OS user's
    kit.nbgrader(course, "collect", ASSIGNMENT)
    assert sorted(p.name for p in (course / "submitted").iterdir()) == ["alice", "bob"]

    batch = kit.batch(course, ASSIGNMENT, "--jobs", "1")
    assert batch.returncode == 0, batch.stderr
    assert "graded 2, already done 0, failed 0" in batch.stderr

    bob_raw = sum(points[f] for f in BOB)
    db_url = f"sqlite:///{course / 'gradebook.db'}"
    with Gradebook(db_url, course_id) as gb:
        for student, right in (("alice", set(points)), ("bob", set(BOB))):
            grades = {g.name: g.auto_score for g in gb.find_submission_notebook(ASSIGNMENT, ASSIGNMENT, student).grades}
            assert grades == {f"test_{f}": (points[f] if f in right else 0.0) for f in points} | {WRITTEN: None}
        alice, bob = gb.find_submission(ASSIGNMENT, "alice"), gb.find_submission(ASSIGNMENT, "bob")
        assert (alice.score, alice.max_score, alice.needs_manual_grade) == (auto, auto + written_max, True)
        assert (alice.total_seconds_late, alice.late_submission_penalty) == (0, 0)
        assert bob.score == bob_raw and bob.total_seconds_late > 0 and bob.late_submission_penalty == bob_raw

        # a grader marks Alice's written answer, as formgrader does through the same API
        grade = gb.find_grade(WRITTEN, ASSIGNMENT, ASSIGNMENT, "alice")
        grade.manual_score, grade.needs_manual_grade = written_max - 1, False
        gb.db.commit()
    alice_total = auto + written_max - 1

    # formgrader's view of the class
    opened = open_course(course)
    listed = {s["student"]: s for s in NbGraderAPI(opened.dirs, config=opened.config).get_submissions(ASSIGNMENT)}
    assert {k: (v["autograded"], v["score"], v["needs_manual_grade"]) for k, v in listed.items()} == {
        "alice": (True, alice_total, False), "bob": (True, bob_raw, True)}

    kit.nbgrader(course, "generate_feedback", ASSIGNMENT)
    alice_html = (course / "feedback" / "alice" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    bob_html = (course / "feedback" / "bob" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    maximum = auto + written_max
    assert f"{ASSIGNMENT} (Score: {alice_total:.1f} / {maximum:.1f})" in alice_html
    assert f"{ASSIGNMENT} (Score: 0.0 / {maximum:.1f})" in bob_html             # late: penalty = score
    assert "gradient_descent.minimize:" in bob_html and "FAILED" in bob_html   # the tests' own words
    assert "data:image/png;base64," in alice_html       # her figures beside the written answer she was graded on

    autograder(course, "report", ASSIGNMENT)
    report = {r["student"]: r for r in csv.DictReader((course / "reports" / ASSIGNMENT / "report.csv").open())}

    kit.nbgrader(course, "export", "--to", str(tmp_path / "grades.csv"))
    rows = {r["student_id"]: r for r in csv.DictReader((tmp_path / "grades.csv").open())}
    assert float(rows["alice"]["raw_score"]) == alice_total and float(rows["alice"]["score"]) == alice_total
    assert float(rows["bob"]["raw_score"]) == bob_raw and float(rows["bob"]["score"]) == 0.0
    assert float(rows["bob"]["late_submission_penalty"]) == bob_raw
    assert rows["alice"]["timestamp"] and rows["bob"]["timestamp"] > rows["alice"]["timestamp"]
    assert float(rows["alice"]["max_score"]) == maximum

    # the class report's totals are nbgrader export's, and it says what awaits a grader
    for student in ("alice", "bob"):
        assert float(report[student]["total"]) == float(rows[student]["score"])
        assert float(report[student]["total_max"]) == float(rows[student]["max_score"])
    assert [report[s]["awaiting_manual_grading"] for s in ("alice", "bob")] == ["no", "yes"]
    assert (report["alice"]["written_score"], report["bob"]["written_score"]) == ("3", "")
    assert float(report["alice"]["score"]) == auto                       # the autograded part alone

    # Canvas: the same totals; Bob's awaits his written answer, so it is left blank
    done = autograder(course, "export", "--canvas", "--out", str(tmp_path / "canvas.csv"))
    assert "1 awaiting manual grading" in done.stderr and "bob" in done.stderr
    num = lambda value: f"{value:g}"   # noqa: E731
    assert read_csv(tmp_path / "canvas.csv") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", ASSIGNMENT],
        ["Points Possible", "", "", "", "", num(float(rows["alice"]["max_score"]))],
        ["Liddell, Alice", "101", "", "alice", "", num(float(rows["alice"]["score"]))],
        ["Bob", "", "", "bob", "", ""],
    ]
    kit.nbgrader(course, "export", "--exporter=autograder.export.canvas.CanvasExportPlugin",
                 "--CanvasExportPlugin.partial=True", "--to", str(tmp_path / "partial.csv"))
    assert read_csv(tmp_path / "partial.csv")[3] == ["Bob", "", "", "bob", "", num(float(rows["bob"]["score"]))]
