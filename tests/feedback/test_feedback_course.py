"""End to end: graded submissions in a course folder -> feedback pages.

The submissions are graded by the real pipeline and their plots computed by
the real sandbox, as ``python -m autograder feedback`` does in a course.
"""

import json
import re
from markupsafe import escape
from pathlib import Path

import pytest

from autograder.cli import main
from autograder.grade.pipeline import Grader
from autograder.grade.hints import mistake_hint

A = "ps2_gradient_descent"
ROOT = Path(__file__).resolve().parents[2]
REFERENCE = (ROOT / "solutions" / "gradient_descent.py").read_text()
STUB = (ROOT / "exercises" / "gradient_descent.py").read_text()
UPHILL = REFERENCE.replace("x = x - learning_rate * grad(x)", "x = x + learning_rate * grad(x)")


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    assert UPHILL != REFERENCE
    root = tmp_path_factory.mktemp("course")
    with Grader() as grader:
        for student, source in (("bugsy", UPHILL), ("stubby", STUB)):
            folder = root / "submitted" / student / A
            folder.mkdir(parents=True)
            (folder / "gradient_descent.py").write_text(source)
            result = grader.grade_path(folder, A)
            record = root / "autograded" / student / A / "autograder.json"
            record.parent.mkdir(parents=True)
            record.write_text(json.dumps(result.to_dict() | {"fingerprint": "0" * 64}))
    assert main(["feedback", A, "--course-dir", str(root)]) == 0
    return root


def page(course, student):
    return (course / "feedback" / student / A / "autograder-feedback.html").read_text()


def test_a_known_mistake_is_named_with_its_hint_and_the_trajectory_drawn(course):
    html = page(course, "bugsy")
    name = "the update goes uphill (sign error)"
    hint = mistake_hint(name, "gradient_descent.gradient_descent")
    assert hint and escape(hint) in html
    summary = html.split('id="known-mistakes"', 1)[1].split("<h2", 1)[0]
    assert summary.count(name) == 1                               # once, however many tests saw it
    figures = re.findall(r'<figure>.*?</figure>', html, flags=re.S)
    descent = next(f for f in figures if "gradient descent on the parabola" in f)
    assert re.search(r'src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}"', descent)
    assert "Yours is" in descent and "first one that differs is x_1" in descent
    assert "not attempted" not in descent.lower()


def test_an_untouched_submission_gets_one_line_per_exercise(course):
    html = page(course, "stubby")
    lines = re.findall(r'<p class="untouched" id="(\w+)">', html)
    assert lines == ["gradient_descent", "minimize"]
    assert "<figure>" not in html and "<h2" not in html and "Yours is" not in html


def test_feedback_for_one_student_leaves_the_others_alone(course):
    other = course / "feedback" / "bugsy" / A / "autograder-feedback.html"
    target = course / "feedback" / "stubby" / A / "autograder-feedback.html"
    before = other.stat().st_mtime_ns, target.stat().st_mtime_ns
    assert main(["feedback", A, "--course-dir", str(course), "--student", "stubby"]) == 0
    assert other.stat().st_mtime_ns == before[0]
    assert target.stat().st_mtime_ns != before[1]
    assert main(["feedback", A, "--course-dir", str(course), "--student", "nobody"]) == 2


def test_writing_before_nbgrader_says_in_which_order_to_run(course, capsys):
    folder = course / "feedback" / "stubby" / A
    (folder / "timestamp.txt").unlink(missing_ok=True)
    assert main(["feedback", A, "--course-dir", str(course), "--student", "stubby"]) == 0
    assert "nbgrader generate_feedback --force" in capsys.readouterr().err
    (folder / "timestamp.txt").write_text("2026-03-01 12:00:00.000000 UTC")   # as nbgrader leaves it
    assert main(["feedback", A, "--course-dir", str(course), "--student", "stubby"]) == 0
    assert "nbgrader" not in capsys.readouterr().err
