"""``python -m autograder demo``: the course end to end on a made-up class.

Builds a throwaway nbgrader course (default ``build/demo-course``) from
``source/``, releases the four assignments with nbgrader, writes a sample
class's submissions (see ``sample_class.PERSONAS``), grades them into the
gradebook with the batch command, writes feedback and the class report, and
prints the grade table.  Each step is the real command an instructor runs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from autograder.build.points_table import demo_summary
from autograder.course import ASSIGNMENTS
from autograder.demo.sample_class import PERSONAS, write_class

REPO = Path(__file__).resolve().parents[2]

CONFIG = """\
c = get_config()  # noqa: F821
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "gd-demo"
c.CourseDirectory.db_url = "sqlite:///{root}/gradebook.db"
c.Exchange.root = {exchange!r}
c.Exchange.assignment_dir = {root!r}
c.Execute.timeout = 120
# The batch record is for instructors: generate_feedback must not copy it to students.
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "autograder.json"]
"""


def configure(parser) -> None:
    parser.add_argument("--course-dir", type=Path, default=REPO / "build" / "demo-course")
    parser.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")


def run(args) -> int:
    course = args.course_dir.resolve()
    if course.exists():
        shutil.rmtree(course)
    course.mkdir(parents=True)
    (course / "nbgrader_config.py").write_text(
        CONFIG.format(root=str(course), exchange=str(course / "exchange")), encoding="utf-8")
    shutil.copytree(REPO / "source", course / "source")

    step("Releasing the assignments with nbgrader")
    for assignment in ASSIGNMENTS:
        nbgrader(course, "generate_assignment", assignment, "--force")
    roster = course / "students.csv"
    roster.write_text("id,first_name,last_name\n" + "".join(f"{s},{s.title()},Student\n" for s in PERSONAS))
    nbgrader(course, "db", "student", "import", str(roster))

    step("Writing a sample class: " + "; ".join(f"{s} {what}" for s, what in PERSONAS.items()))
    write_class(course, list(ASSIGNMENTS))

    step("Grading the class into the gradebook")
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    autograder(course, "batch", *ASSIGNMENTS, *jobs)
    step("Writing feedback and the class report")
    for assignment in ASSIGNMENTS:
        # nbgrader skips a feedback folder that already exists, so its pages go first.
        nbgrader(course, "generate_feedback", assignment, "--force")
    autograder(course, "feedback", *ASSIGNMENTS)
    autograder(course, "report", *ASSIGNMENTS)
    nbgrader(course, "export", "--to", str(course / "grades.csv"))
    autograder(course, "export", "--canvas", "--out", str(course / "canvas.csv"))

    step("Points per assignment")
    print(demo_summary())
    step("Grades (nbgrader export)")
    print((course / "grades.csv").read_text(encoding="utf-8"))
    print(f"Class report:  {course / 'reports'}/<assignment>/report.html")
    print(f"Feedback:      {course / 'feedback'}/<student>/<assignment>/")
    print(f"Gradebook:     {course / 'gradebook.db'}")
    print(f"For Canvas:    {course / 'canvas.csv'} (Grades, Import)")
    return 0


def step(text: str) -> None:
    print(f"\n== {text}", flush=True)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # nbgrader shells out to `alembic`, which lives beside this interpreter.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return env


def nbgrader(course: Path, *args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=course, env=_env(),
                          capture_output=True, text=True)
    if done.returncode != 0:
        # nbgrader's logs are noisy when all is well; show them only when it failed.
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"nbgrader {' '.join(args)} failed with status {done.returncode}")


def autograder(course: Path, verb: str, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "autograder", verb, *args, "--course-dir", str(course)],
                   cwd=course, env=_env(), check=True)
