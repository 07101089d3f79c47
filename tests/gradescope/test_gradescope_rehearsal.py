"""A rehearsal of Gradescope's default image: the bundle set up and run with Python 3.10 alone.

Gradescope's default base image is Ubuntu 22.04, whose ``python3`` is 3.10.
Here a fresh virtual environment of this machine's Python 3.10, holding
nothing but pip, stands in for that ``python3``; ``PATH`` holds only it and
the system folders.  ``setup.sh`` runs as it would while the image is built
(a course environment installed from the bundle's
``requirements/python3.10.txt``, from the package index pip is configured
with), then ``run_autograder`` grades four submissions in a temporary folder
laid out as ``/autograder``, and every ``results.json`` is checked against
Gradescope's format (``results_schema.json``).

It takes about a minute and a half on two busy cores, most of it pip
installing NumPy, SymPy and Matplotlib and compiling them; ``setup.sh``
honours ``$AUTOGRADER_PIP_CACHE`` for a warm pip cache.
"""

from __future__ import annotations

import fcntl
import glob
import json
import os
import shutil
import subprocess
import time
import zipfile
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
SYSTEM_PATH = "/usr/bin:/bin"

# setup.sh may take its full 900 s on a cold pip cache; the project's 600 s would cut it short.
pytestmark = pytest.mark.timeout(1200)


def python310() -> str:
    """This machine's Python 3.10 (pyenv keeps it out of PATH)."""
    for candidate in [shutil.which("python3.10"),
                      *sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.10*/bin/python3.10")))]:
        if candidate and subprocess.run([candidate, "-c", "import venv, ensurepip"],
                                        capture_output=True).returncode == 0:
            return candidate
    pytest.fail("the Gradescope rehearsal needs a Python 3.10 with venv and ensurepip (python3.10 or pyenv's)")


def clean_env(**settings: str) -> dict:
    """This environment (pip's index settings included) without anything of this checkout's Python."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME") and not k.startswith("PYENV")}
    return dict(env, **settings)


def unpack(bundle: Path, root: Path) -> Path:
    """Gradescope's layout: the zip in source/, run_autograder copied up, an empty submission/."""
    with zipfile.ZipFile(bundle) as archive:
        archive.extractall(root / "source")
        for info in archive.infolist():
            (root / "source" / info.filename).chmod((info.external_attr >> 16) & 0o777)
    shutil.copy2(root / "source" / "run_autograder", root / "run_autograder")
    (root / "submission").mkdir()
    return root


@pytest.fixture(scope="module")
def image(tmp_path_factory, worker_id):
    """(root, course venv, setup.sh's run, seconds): the bundle set up with Python 3.10 alone.

    Set up once per test run: the first test process to need it builds it
    while the others wait on a lock, then each grades in its own copy of the
    /autograder folder (the course environment is only read)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base
    built = shared / "gradescope-rehearsal"
    with open(shared / "gradescope-rehearsal.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (built / "setup.json").exists():
            shutil.rmtree(built, ignore_errors=True)
            _set_up(built)
    setup = subprocess.CompletedProcess(**json.loads((built / "setup.json").read_text()))
    root = tmp_path_factory.mktemp("autograder")
    shutil.copytree(built / "autograder", root, dirs_exist_ok=True, symlinks=True)
    return root, built / "course-venv", setup, float((built / "seconds").read_text())


def _set_up(base: Path) -> None:
    bundle = write_bundle(ASSIGNMENT, base / "bundle")
    python3 = base / "image"
    subprocess.run([python310(), "-m", "venv", str(python3)], check=True)
    root = unpack(bundle, base / "autograder")
    venv = base / "course-venv"
    start = time.monotonic()
    setup = subprocess.run(["bash", str(root / "source" / "setup.sh")], cwd=root, capture_output=True, text=True,
                           env=clean_env(PATH=f"{python3 / 'bin'}:{SYSTEM_PATH}", AUTOGRADER_VENV=str(venv)),
                           timeout=900)
    seconds = time.monotonic() - start
    assert setup.returncode == 0, setup.stdout[-3000:] + setup.stderr[-3000:]
    print(f"setup.sh with Python 3.10: {seconds:.0f} s")
    (base / "setup.json").write_text(json.dumps({"args": setup.args, "returncode": setup.returncode,
                                                 "stdout": setup.stdout, "stderr": setup.stderr}))
    (base / "seconds").write_text(f"{seconds:.1f}\n")


def grade(image, files: dict[str, str], **settings: str) -> tuple[dict, subprocess.CompletedProcess]:
    root, venv, _, _ = image
    shutil.rmtree(root / "submission")
    shutil.rmtree(root / "results", ignore_errors=True)
    (root / "submission").mkdir()
    for name, text in files.items():
        (root / "submission" / name).write_text(text)
    done = subprocess.run([str(root / "run_autograder")], cwd=root, capture_output=True, text=True, timeout=300,
                          env=clean_env(PATH=SYSTEM_PATH, AUTOGRADER_ROOT=str(root), AUTOGRADER_VENV=str(venv),
                                        **settings))
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(results, SCHEMA)
    return results, done


def test_setup_uses_the_images_python_3_10_and_its_own_pins(image):
    root, venv, setup, _ = image
    assert "grading with python3 (3.10), requirements/python3.10.txt" in setup.stdout
    version = subprocess.run([str(venv / "bin" / "python"), "-c", "import sys; print(sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout
    assert version.strip() == "(3, 10)"
    pins = (root / "source" / "requirements" / "python3.10.txt").read_text().splitlines()
    frozen = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "freeze"], capture_output=True, text=True,
                            check=True).stdout.lower().replace("_", "-").splitlines()
    assert {p.lower() for p in pins if "==" in p} <= set(frozen)


def test_a_correct_submission_earns_full_marks(image):
    results, done = grade(image, {"derivatives.py": CORRECT})
    assert [t["name"] for t in results["tests"] if t["status"] != "passed"] == []
    assert results["score"] == pytest.approx(results["max_score"]) and results["max_score"] > 0


def test_a_buggy_submission_loses_the_points_of_its_bug_only(image):
    results, _ = grade(image, {"derivatives.py": WRONG_SIGN_DF})
    failed = {t["name"].split(":")[0] for t in results["tests"] if t["status"] == "failed"}
    assert failed == {"derivatives.df"}


def test_a_hostile_submission_is_graded_and_the_grade_written(image):
    hostile = (HERE / "submissions" / "hostile" / "derivatives.py").read_text()
    results, _ = grade(image, {"derivatives.py": hostile}, AUTOGRADER_SECONDS_PER_FUNCTION="3")
    assert 0 <= results["score"] < results["max_score"]
    assert all(t["status"] == "failed" for t in results["tests"] if t["name"].startswith("derivatives.df:"))


def test_an_empty_submission_is_graded_zero_with_a_reason(image):
    results, _ = grade(image, {})
    assert results["score"] == 0 and results["max_score"] > 0
    assert "the folder is empty" in results["output"]
    assert all(t["status"] == "failed" for t in results["tests"])


def test_on_an_older_image_setup_stops_and_says_which_python_it_needs(image, tmp_path):
    root = image[0]
    old = tmp_path / "old"
    shutil.copytree(root / "source", old / "source", ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    (old / "source" / "requirements" / "python3.11.txt").unlink()   # this machine's /usr/bin has a 3.11
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python3").write_text("#!/bin/sh\necho 3.8\n")           # Ubuntu 20.04's python3
    (fake / "python3").chmod(0o755)
    done = subprocess.run(["bash", str(old / "source" / "setup.sh")], capture_output=True, text=True, timeout=60,
                          env=clean_env(PATH=f"{fake}:{SYSTEM_PATH}", AUTOGRADER_VENV=str(tmp_path / "venv")))
    assert done.returncode != 0
    assert "needs one of the Pythons 3.10 3.12 3.13" in done.stderr and "python3 (3.8)" in done.stderr
    assert "Ubuntu 22.04" in done.stderr
    assert not (tmp_path / "venv").exists()
