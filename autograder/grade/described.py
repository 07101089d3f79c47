"""What the hidden tests are, read from their files without running them.

The points of each test are declared once, in its ``@pytest.mark.points``
marker; the source notebooks' cell points, the README's points table and
Gradescope's maximum are all read from here, as are the sentences each test
cites (``@pytest.mark.states``) for the build's check that every test is
backed by the student's text (``build/stated.py``).
"""

from __future__ import annotations

import importlib.util
import inspect
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from autograder.course import ASSIGNMENTS, MODULES, exercise_functions


@dataclass(frozen=True)
class HiddenTest:
    module: str
    function: str
    name: str
    title: str
    points: float
    states: tuple[str, ...]
    visibility: str = "visible"


def tests_of(assignment: str) -> list[HiddenTest]:
    """The assignment's hidden tests in the order they run (the order of their files and definitions)."""
    from autograder.grade.session import test_files

    return [t for path in test_files(assignment) for t in _in_file(str(path), ASSIGNMENTS[assignment])]


def points(assignment: str) -> dict[str, float]:
    """Exercise function -> the points of its hidden tests, in the curriculum's order."""
    totals = {f: 0.0 for f in exercise_functions(assignment)}
    for test in tests_of(assignment):
        totals[test.function] = totals.get(test.function, 0.0) + test.points
    return totals


def total(assignment: str) -> float:
    return float(sum(points(assignment).values()))


@cache
def _in_file(path: str, module: str) -> tuple[HiddenTest, ...]:
    spec = importlib.util.spec_from_file_location(f"_hidden_{module}_{Path(path).stem}", path)
    loaded = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(loaded)
    found = []
    for name, fn in vars(loaded).items():
        if not (name.startswith("test_") and inspect.isfunction(fn)):
            continue
        marks = {m.name: m for m in getattr(fn, "pytestmark", [])}
        function = marks["function"].args[0] if "function" in marks else _function_from_name(name, module)
        doc = (fn.__doc__ or "").strip()
        title = doc.splitlines()[0].strip() if doc else name
        found.append(HiddenTest(module, function, name, title,
                                float(marks["points"].args[0]) if "points" in marks else 0.0,
                                tuple(marks["states"].args) if "states" in marks else (),
                                marks["visibility"].args[0] if "visibility" in marks else "visible"))
    return tuple(found)


def _function_from_name(name: str, module: str) -> str:
    rest = name[len("test_"):]
    functions = exercise_functions(MODULES[module])
    matches = [f for f in functions if rest == f or rest.startswith(f + "_")]
    return max(matches, key=len) if matches else rest
