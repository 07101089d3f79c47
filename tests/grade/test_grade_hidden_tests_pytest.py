"""The hidden tests are pytest tests: an instructor runs, selects and adds them as any others.

Everything here runs as an instructor would, in a subprocess: ``pytest``
on the hidden tests with ``--submission``, and ``python -m autograder
grade`` with an extra test file of the instructor's own.
"""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HIDDEN = ROOT / "autograder" / "hidden_tests"
# This checkout's grader, wherever the command runs from.
PATH = {"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


def _pytest(*args, cwd=ROOT, env=None):
    return subprocess.run([sys.executable, "-m", "pytest", str(HIDDEN / "test_cost_functions.py"), *args],
                          cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **PATH, **(env or {})})


def _cases(junit: Path) -> list[ET.Element]:
    return list(ET.parse(junit).getroot().iter("testcase"))


def test_the_reference_passes_every_test(tmp_path):
    junit = tmp_path / "junit.xml"
    done = _pytest("--submission", str(ROOT / "solutions"), f"--junitxml={junit}", "-p", "no:xdist")
    assert done.returncode == 0, done.stdout[-3000:]
    cases = _cases(junit)
    assert len(cases) > 10 and not any(c.find("failure") is not None for c in cases)


def test_a_module_handed_in_alone_passes_with_the_grader_s_stand_ins(tmp_path):
    # cost_functions.py imports sigmoid from derivatives.py, which was not handed in.
    module = tmp_path / "cost_functions.py"
    module.write_text((ROOT / "solutions" / "cost_functions.py").read_text().replace("from solutions.", "from "))
    done = _pytest("--submission", str(module), "-q", "-p", "no:xdist")
    assert done.returncode == 0, done.stdout[-3000:]


def test_the_stub_fails_every_test_as_not_attempted(tmp_path):
    junit = tmp_path / "junit.xml"
    done = _pytest("--submission", str(ROOT / "exercises" / "cost_functions.py"), f"--junitxml={junit}",
                   "-p", "no:xdist")
    assert done.returncode == 1
    cases = _cases(junit)
    failures = [c.find("failure") for c in cases]
    assert cases and all(f is not None for f in failures)
    assert all("Not attempted" in (f.get("message", "") + (f.text or "")) for f in failures), done.stdout[-2000:]


def test_k_selects_and_x_stops_as_in_any_pytest_run():
    done = _pytest("--submission", str(ROOT / "exercises" / "cost_functions.py"), "-k", "neuron and not train",
                   "-x", "-q", "-p", "no:xdist")
    assert "1 failed" in done.stdout and "passed" not in done.stdout, done.stdout[-2000:]
    assert "Not attempted: neuron raised NotImplementedError" in done.stdout


def test_without_a_submission_the_tests_say_what_they_need():
    done = _pytest("-q", "-rs", "-p", "no:xdist")
    assert done.returncode == 0 and "--submission" in done.stdout, done.stdout[-2000:]


INSTRUCTOR_TEST = '''
import pytest
from autograder.checks.expect import expect, reference
from solutions import cost_functions as ref


@pytest.mark.points(2)
@pytest.mark.states("The mean squared error of predictions y_hat against labels y.")
def test_mse_of_a_perfect_prediction(student):
    """a perfect prediction costs 0"""
    import numpy as np
    expect(student.mse(np.array([[1.0], [0.0]]), np.array([[1.0], [0.0]])), 0.0)
'''


@pytest.mark.parametrize("source, earned", [("solutions", 32.0), ("exercises", 0.0)])
def test_an_instructors_test_is_graded_and_counted(tmp_path, source, earned):
    folder = tmp_path / "more_tests"
    folder.mkdir()
    (folder / "test_cost_functions_instructor.py").write_text(INSTRUCTOR_TEST)
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(ROOT / source / "cost_functions.py"),
                           "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **PATH, "AUTOGRADER_HIDDEN_TESTS": str(folder)})
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    names = [t["name"] for t in results["tests"]]
    assert "cost_functions.mse: a perfect prediction costs 0" in names
    assert results["max_score"] == 32.0 and results["score"] == earned


BROKEN_INSTRUCTOR_TEST = '''
import pytest
from autograder.checks.expect import expect


@pytest.mark.points(2)
@pytest.mark.states("The mean squared error of predictions y_hat against labels y.")
def test_mse_of_two_examples(student):
    """two examples"""
    import numpy as np
    expect(student.mse(np.array([[0.5], [1.0]]), np.array([[1.0], [1.0]])), 0.125 * scale)
'''


def test_an_error_in_an_instructors_own_test_costs_the_student_nothing(tmp_path):
    folder = tmp_path / "more_tests"
    folder.mkdir()
    (folder / "test_cost_functions_instructor.py").write_text(BROKEN_INSTRUCTOR_TEST)
    done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(ROOT / "solutions" / "cost_functions.py"),
                           "--format", "json"], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                          env={**os.environ, **PATH, "AUTOGRADER_HIDDEN_TESTS": str(folder)})
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    (broken,) = [t for t in results["tests"] if t["name"] == "cost_functions.mse: two examples"]
    assert broken["score"] == broken["max_score"] == 2.0
    assert broken["output"].startswith("This test could not run (an error in the grader's test: NameError: ")
    assert "known mistake" not in broken["output"]
    assert results["score"] == results["max_score"] == 32.0
    # The instructor hears of it where a grading's messages go.
    assert "test_mse_of_two_examples: NameError: name 'scale' is not defined" in done.stderr


def test_a_visibility_gradescope_does_not_know_stops_the_run_naming_the_test(tmp_path):
    (tmp_path / "test_cost_functions_secret.py").write_text(
        INSTRUCTOR_TEST.replace("@pytest.mark.points(2)", "@pytest.mark.points(2)\n@pytest.mark.visibility('secret')"))
    done = subprocess.run([sys.executable, "-m", "pytest", str(tmp_path), "-p", "autograder.grade.plugin",
                           "--submission", str(ROOT / "solutions" / "cost_functions.py"), "-p", "no:xdist"],
                          cwd=ROOT, capture_output=True, text=True, timeout=600, env={**os.environ, **PATH})
    assert done.returncode == pytest.ExitCode.USAGE_ERROR, done.stdout[-2000:]
    assert "test_mse_of_a_perfect_prediction: visibility 'secret' is not one of Gradescope's" in done.stderr
