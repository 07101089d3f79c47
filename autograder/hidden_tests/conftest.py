"""The hidden tests' fixtures and hooks (``autograder/grade/plugin.py``).

Run them as an instructor: ``pytest autograder/hidden_tests --submission PATH``.
"""

from autograder.grade.plugin import *  # noqa: F401,F403  (hooks and the ``student`` fixture)
