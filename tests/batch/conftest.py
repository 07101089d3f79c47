import contextlib
import fcntl
import shutil

import pytest

import course_kit as kit


@contextlib.contextmanager
def once(tmp_path_factory, worker_id, name):
    """A folder built by the first test process that needs it; the others
    wait for it and reuse it.  Yields (folder, whether to build it)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if worker_id != "master" else base
    target = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ready = target / ".ready"
        build = not ready.exists()
        if build:
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
        yield target, build
        ready.touch()


@pytest.fixture(scope="session")
def template_course(tmp_path_factory, worker_id):
    """A generated course; tests get copies."""
    with once(tmp_path_factory, worker_id, "template") as (folder, build):
        if build:
            kit.make_course(folder, kit.points())
    return folder / "course"


@pytest.fixture
def course(template_course, tmp_path):
    copy = tmp_path / "course"
    shutil.copytree(template_course, copy)
    return copy


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory, worker_id):
    """A class on the course's own ps1 notebook, collected (``ungraded/``) and
    graded by one uninterrupted batch run (``graded/``).  Built once for the
    whole test run, even across xdist processes, because grading is the
    expensive part; tests copy what they change."""
    with once(tmp_path_factory, worker_id, "graded-class") as (target, build):
        if build:
            ungraded = kit.repo_course(target / "ungraded")
            kit.submit_class(ungraded)
            graded = target / "graded" / "course"
            shutil.copytree(ungraded, graded)
            done = kit.batch(graded, "--seconds-per-function", kit.CLASS_LIMIT)
            assert done.returncode == 0, done.stderr
    return target
