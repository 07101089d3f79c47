"""The hint that goes with a named known mistake, from the hidden tests' catalogue, for the pages that name it."""

from __future__ import annotations


def mistake_hint(name: str, exercise: str) -> str:
    """The hint for mistake ``name`` of ``exercise`` ("module.function"); "" when unknown.

    Records outlive code: a mistake renamed or removed since grading, or a
    module that is not part of the course, simply has no hint.
    """
    from autograder.checks.mistakes import catalogue

    module, _, function = exercise.partition(".")
    if not (module.isidentifier() and function):
        return ""
    try:
        known = catalogue(module).get(function, ())
    except ImportError:
        return ""
    return next((m.hint for m in known if m.name == name), "")
