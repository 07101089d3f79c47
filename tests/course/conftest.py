"""One nbgrader release of the whole course per test run, shared by workers.

``nbgrader generate_assignment`` costs tens of seconds on a cold machine
(it creates the gradebook with alembic), so the release is made once,
under a file lock in the run's shared temporary folder.
"""

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.build.materials import render, write

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def nbgrader_env():
    return dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")


def _generate(course: Path) -> dict:
    course.mkdir(parents=True)
    shutil.copy(REPO / "nbgrader_config.py", course)
    write(course, render(REPO))  # a fresh build, so this tests the build and not the commit
    proc = subprocess.run([str(BIN / "nbgrader"), "generate_assignment", "*"], cwd=course, env=nbgrader_env(),
                          capture_output=True, text=True, timeout=600)
    return {"returncode": proc.returncode, "log": (proc.stdout + proc.stderr)[-4000:]}


@pytest.fixture(scope="session")
def released(tmp_path_factory):
    """(course folder, {'returncode', 'log'}) after generating every assignment."""
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    course, done = shared / "released-course", shared / "released-course.json"
    with open(shared / "released-course.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(course, ignore_errors=True)
            done.write_text(json.dumps(_generate(course)))
    return course, json.loads(done.read_text())
