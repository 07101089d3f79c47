import shutil

import pytest

import course_kit as kit


@pytest.fixture(scope="session")
def template_course(tmp_path_factory):
    """One generated course per test process; tests get copies."""
    return kit.make_course(tmp_path_factory.mktemp("template"), kit.points())


@pytest.fixture
def course(template_course, tmp_path):
    copy = tmp_path / "course"
    shutil.copytree(template_course, copy)
    return copy
