"""The Gradescope bundle, built and then run the way Gradescope runs it.

The zip is unpacked into a temporary folder standing in for /autograder.
``run_autograder`` grades with this machine's interpreter started with ``-S``
and only site-packages on its path: like the container after ``setup.sh``,
it sees the installed libraries and nothing of this checkout, so a grader
module missing from the zip fails here instead of on Gradescope.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import stat
import subprocess
import sys
import sysconfig
import time
import zipfile
from importlib import metadata
from pathlib import Path

import jsonschema
import pytest

from autograder.gradescope.bundle import write_bundle

HERE = Path(__file__).parent
REPO = HERE.parent.parent
SCHEMA = json.loads((HERE / "results_schema.json").read_text())
ASSIGNMENT = "ps1_derivatives"
CORRECT = (REPO / "solutions" / "derivatives.py").read_text()
WRONG_SIGN_DF = CORRECT.replace("return 4 * x**3 - 9 * x**2", "return 4 * x**3 + 9 * x**2")


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    return write_bundle(ASSIGNMENT, tmp_path_factory.mktemp("bundles"))


@pytest.fixture(scope="module")
def clean_python(tmp_path_factory) -> Path:
    """A ``python3`` that sees site-packages but not this checkout (no .pth files run)."""
    folder = tmp_path_factory.mktemp("bin")
    paths = os.pathsep.join(dict.fromkeys([sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]))
    wrapper = folder / "python3"
    wrapper.write_text(f'#!/bin/sh\nPYTHONPATH="{paths}" exec "{sys.executable}" -S "$@"\n')
    wrapper.chmod(0o755)
    return wrapper


def unpack(bundle: Path, root: Path) -> Path:
    """Lay the bundle out as Gradescope does: source/ holds the zip, run_autograder is copied up."""
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
    for info in zipfile.ZipFile(bundle).infolist():
        (root / "source" / info.filename).chmod((info.external_attr >> 16) & 0o777)
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    return root


def run_autograder(root: Path, python: Path, **settings: str) -> tuple[subprocess.CompletedProcess, float]:
    env = dict(os.environ, AUTOGRADER_ROOT=str(root), AUTOGRADER_PYTHON=str(python), **settings)
    env.pop("PYTHONPATH", None)
    start = time.monotonic()
    done = subprocess.run([str(root / "run_autograder")], cwd=root, env=env, capture_output=True,
                          text=True, timeout=240)
    return done, time.monotonic() - start


def grade(bundle: Path, root: Path, python: Path, files: dict[str, str],
          **settings: str) -> tuple[dict, subprocess.CompletedProcess, float]:
    unpack(bundle, root)
    for name, text in files.items():
        (root / "submission" / name).write_text(text)
    done, seconds = run_autograder(root, python, **settings)
    assert done.returncode == 0, done.stderr[-3000:]
    return results_of(root), done, seconds


def by_function(results: dict) -> dict[str, list[dict]]:
    tests: dict[str, list[dict]] = {}
    for test in results["tests"]:
        tests.setdefault(test["name"].split(":")[0], []).append(test)
    return tests


# ------------------------------------------------------------------ the zip


def test_zip_holds_scripts_at_its_root_and_the_grader_as_source(bundle):
    with zipfile.ZipFile(bundle) as archive:
        infos = {info.filename: info for info in archive.infolist()}
    for script in ("setup.sh", "run_autograder"):
        assert stat.S_IMODE(infos[script].external_attr >> 16) & 0o111, f"{script} is not executable"
    names = set(infos)
    assert {"requirements.txt", "solutions/derivatives.py", "solutions/backprop.py",
            "autograder/grade/pipeline.py", "autograder/gradescope/run.py"} <= names
    assert any(n.startswith("autograder/checks/") for n in names)
    assert any(n.startswith("autograder/sandbox/") for n in names)
    # Instructor-side code and caches stay home.
    assert not [n for n in names if n.startswith(("autograder/batch/", "autograder/report/", "autograder/build/",
                                                  "autograder/nbgrader_hook", "autograder/gradescope/bundle"))
                or "__pycache__" in n or n.endswith(".pyc") or n.startswith("tests/")]


def test_the_same_tree_gives_the_same_bytes(bundle, tmp_path):
    archive = zipfile.ZipFile(bundle)
    pins = {n: archive.read(n).decode() for n in archive.namelist() if n.startswith("requirements")}
    assert {"requirements.txt", "requirements/python3.10.txt"} <= set(pins)
    again = write_bundle(ASSIGNMENT, tmp_path, requirements=pins)
    assert again.read_bytes() == bundle.read_bytes()


def test_requirements_pin_what_grading_imports_at_the_versions_installed_here(bundle):
    lines = zipfile.ZipFile(bundle).read("requirements.txt").decode().splitlines()
    pins = dict(line.split("==") for line in lines if line and not line.startswith("#"))
    assert {"numpy", "sympy", "matplotlib"} <= set(pins)
    for name, version in pins.items():
        assert metadata.version(name) == version, name
    assert not {"nbgrader", "jupyter", "notebook", "jupyterlab", "ipykernel", "gd-backprop-course"} & set(pins)


@pytest.mark.parametrize("script", ["setup.sh", "run_autograder"])
def test_scripts_are_valid_bash(bundle, tmp_path, script):
    path = tmp_path / script
    path.write_bytes(zipfile.ZipFile(bundle).read(script))
    subprocess.run(["bash", "-n", str(path)], check=True)


def results_of(root: Path) -> dict:
    results = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(results, SCHEMA)
    return results


def test_when_the_grader_cannot_run_the_student_gets_an_autograder_error_test(bundle, tmp_path, clean_python):
    root = unpack(bundle, tmp_path)
    (root / "submission").rmdir()
    done, _ = run_autograder(root, clean_python)
    assert done.returncode == 0, done.stderr[-2000:]
    results = results_of(root)
    (test,) = results["tests"]
    assert test["name"] == "Autograder error" and test["status"] == "failed" and test["visibility"] == "visible"
    assert "submission is missing" in test["output"] and "not a mistake in your work" in test["output"]
    assert results["score"] == 0 and results["max_score"] > 0
    assert "Traceback" in done.stderr        # the instructors' log says where


def test_when_python_cannot_even_start_the_grader_a_results_file_is_still_written(bundle, tmp_path):
    root = unpack(bundle, tmp_path)
    done, _ = run_autograder(root, Path("/bin/false"))
    assert done.returncode != 0
    (test,) = results_of(root)["tests"]
    assert test["name"] == "Autograder error"


# ------------------------------------------------------------------ grading in the stand-in container


def test_a_correct_submission_earns_full_marks(bundle, tmp_path, clean_python):
    results, done, _ = grade(bundle, tmp_path, clean_python, {"derivatives.py": CORRECT})
    failed = [t["name"] for t in results["tests"] if t["status"] != "passed"]
    assert not failed
    assert results["score"] == pytest.approx(results["max_score"])
    assert all(t["visibility"] == "visible" for t in results["tests"])
    assert results["stdout_visibility"] == "hidden"
    assert f"{results['score']:g} / {results['max_score']:g}" in done.stdout


def test_a_wrong_sign_in_df_fails_the_df_tests_only(bundle, tmp_path, clean_python):
    results, _, _ = grade(bundle, tmp_path, clean_python, {"derivatives.py": WRONG_SIGN_DF})
    tests = by_function(results)
    assert tests["derivatives.df"] and all(t["status"] == "failed" for t in tests["derivatives.df"])
    others = [t for name, group in tests.items() if name != "derivatives.df" for t in group]
    assert others and all(t["status"] == "passed" for t in others)
    assert 0 < results["score"] < results["max_score"]


def secret_lines() -> set[str]:
    """Code lines of the reference solutions and the hidden tests (not docstrings, not comments)."""
    lines = set()
    for path in [*(REPO / "solutions").glob("*.py"), *(REPO / "autograder" / "checks").rglob("*.py")]:
        source = path.read_text()
        text = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            body = node.body[1:] if ast.get_docstring(node) is not None else node.body
            for statement in body:
                for line in text[statement.lineno - 1:statement.end_lineno]:
                    line = line.strip()
                    if len(line) >= 25 and not line.startswith(("#", '"', "'", "f\"", "f'")):
                        lines.add(line)
    return lines


def test_a_hostile_submission_is_graded_in_bounded_time_and_learns_nothing(bundle, tmp_path, clean_python):
    hostile = (HERE / "submissions" / "hostile" / "derivatives.py").read_text()
    # A short limit per function keeps the test quick; the loop and the bomb meet it either way.
    results, done, seconds = grade(bundle, tmp_path, clean_python, {"derivatives.py": hostile},
                                   AUTOGRADER_SECONDS_PER_FUNCTION="3")
    assert seconds < 60
    tests = by_function(results)
    for broken in ("derivatives.f", "derivatives.df", "derivatives.parabola", "derivatives.dparabola",
                   "derivatives.sigmoid"):
        assert all(t["status"] == "failed" for t in tests[broken]), broken
    assert 0 <= results["score"] < results["max_score"]
    secrets = secret_lines() - set(line.strip() for line in hostile.splitlines())
    assert len(secrets) > 20  # the probe below has something to find
    seen = "\n".join([(tmp_path / "results" / "results.json").read_text(), done.stdout, done.stderr])
    leaked = sorted(line for line in secrets if line in seen)
    assert not leaked


def test_a_zip_is_unpacked_and_the_submission_metadata_recorded(bundle, tmp_path, clean_python):
    root = unpack(bundle, tmp_path)
    with zipfile.ZipFile(root / "submission" / "work.zip", "w") as archive:
        archive.writestr("ps1/derivatives.py", WRONG_SIGN_DF)
    metadata = {"id": 123456, "created_at": "2030-01-01T12:00:00.0+00:00",
                "assignment": {"id": 42, "due_date": "2030-01-02T00:00:00.0+00:00", "total_points": "30.0"},
                "users": [{"email": "ada@example.edu", "id": 7, "name": "Ada"}],
                "previous_submissions": [{"submission_time": "2029-12-31T10:00:00", "score": 3.0}]}
    (root / "submission_metadata.json").write_text(json.dumps(metadata))
    done, _ = run_autograder(root, clean_python)
    results = results_of(root)
    tests = by_function(results)
    assert all(t["status"] == "failed" for t in tests["derivatives.df"])
    assert all(t["status"] == "passed" for t in tests["derivatives.sigmoid"])
    assert results["extra_data"]["submission"] == {
        "id": 123456, "created_at": metadata["created_at"], "assignment_id": 42,
        "due_date": metadata["assignment"]["due_date"], "users": [{"id": 7, "email": "ada@example.edu"}],
        "previous_submissions": 1}
    assert "submission 123456 by ada@example.edu" in done.stdout


def test_visibility_rules_built_into_the_bundle_reach_each_test(tmp_path, clean_python):
    bundle = write_bundle(ASSIGNMENT, tmp_path / "b", ["after_published", "critical_points=hidden",
                                                       "derivatives.df=after_due_date"])
    results, _, _ = grade(bundle, tmp_path / "root", clean_python, {"derivatives.py": CORRECT})
    seen = {name: {t["visibility"] for t in group} for name, group in by_function(results).items()}
    assert seen.pop("derivatives.critical_points") == {"hidden"}
    assert seen.pop("derivatives.df") == {"after_due_date"}
    assert set().union(*seen.values()) == {"after_published"}
    assert results["visibility"] == "after_published"


def test_a_visibility_that_gradescope_does_not_know_is_refused_when_building(tmp_path):
    with pytest.raises(ValueError, match="after_due_date"):
        write_bundle(ASSIGNMENT, tmp_path, ["df=soon"])
