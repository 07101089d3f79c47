"""The grader's pytest plugin, for ``pytest autograder/hidden_tests --submission PATH``.

When the grader itself runs these tests (``grade/session.py``) it loads the
plugin for the whole session (so an instructor's tests kept in another
folder get the ``student`` fixture too), and this file adds nothing.
"""

from autograder.grade import plugin as _plugin

if not _plugin.IN_PROCESS:
    from autograder.grade.plugin import (pytest_addoption, pytest_collection_modifyitems,  # noqa: F401
                                         pytest_configure, pytest_runtest_makereport, pytest_runtestloop,
                                         student)
