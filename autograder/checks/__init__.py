"""The hidden tests: for each assignment, which calls to make and how to judge them.

``suite(assignment, student)`` builds an assignment's tests (expected values
come from the reference solutions and from SymPy, both computed here, in the
trusted grader) and is deterministic: every input comes from a fixed seed,
mixed with the student's key (``seeds``) where the input is random, so the
same student always gets the same tests and another student other inputs.

The default suite (no student) is built once per process and keeps the
slow, fixed parts (worked examples, published figures, long training runs)
on disk and in memory; a student's suite is built after it, so those parts
are read back and only the student's random inputs are answered anew.  The
last few students' suites are kept, not every one: a batch worker sees each
student once, nbgrader's kernel one student many times.

One module per assignment module holds its tests (``derivatives.py``, ...);
``mistakes/`` holds the known wrong implementations that feedback can name.
"""

from __future__ import annotations

import importlib
from functools import cache, lru_cache

from autograder.checks import disk_cache, inputs, seeds
from autograder.checks.suite import Suite
from autograder.course import ASSIGNMENTS, MODULES, exercise_functions

__all__ = ["ASSIGNMENTS", "MODULES", "Suite", "suite"]


def suite(assignment: str, student: str | None = None) -> Suite:
    """The hidden tests of ``assignment`` for ``student`` (None: the default inputs)."""
    if assignment not in ASSIGNMENTS:
        raise KeyError(f"unknown assignment {assignment!r}; known: {', '.join(ASSIGNMENTS)}")
    key = seeds.student_key(student)
    if key is None:
        return _default(assignment)
    return _for_student(assignment, key)


@cache
def _default(assignment: str) -> Suite:
    return _build(assignment, None)


@lru_cache(maxsize=8)
def _for_student(assignment: str, key: bytes) -> Suite:
    _default(assignment)        # the fixed parts, kept for every student after this one
    return _build(assignment, key)


def cache_clear() -> None:
    _default.cache_clear()
    _for_student.cache_clear()


def build(assignment: str, student: str | None = None) -> Suite:
    """A fresh copy of ``suite(assignment, student)``, built without the process's copies."""
    return _build(assignment, seeds.student_key(student))


suite.cache_clear = cache_clear
suite.cache_info = _default.cache_info      # how many assignments' default suites this process holds
suite.__wrapped__ = build


def _build(assignment: str, key: bytes | None) -> Suite:
    module = ASSIGNMENTS[assignment]
    tests = importlib.import_module(f"{__name__}.{module}")
    functions = exercise_functions(assignment)
    with inputs.drawn_for(key), disk_cache.kept_only(key is not None):
        checks = tests.build()
    order = {f: i for i, f in enumerate(functions)}
    # Curriculum order for the report; plan order within a function stays as built.
    checks.sort(key=lambda c: order[c.function])
    built = Suite(assignment, module, functions, checks, tests.USES, per_student=key is not None)
    if built.points != {f: tests.POINTS.get(f, 0) for f in functions}:
        raise AssertionError(f"{module}: test points {built.points} do not add up to {tests.POINTS}")
    return built
