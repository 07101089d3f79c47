"""What the hidden tests are, read from their files without running them.

The points of each test are declared once, in its ``@pytest.mark.points``
marker; the source notebooks' cell points, the README's points table and
Gradescope's maximum are all read from here, as are the sentences each test
cites (``@pytest.mark.states``) for the build's check that every test is
backed by the student's text (``build/stated.py``).  A parametrized test is
one test per case, titled with the case's id as pytest gives it, as grading
counts it.
"""

from __future__ import annotations

import enum
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
        for case in _cases(fn):
            found.append(HiddenTest(module, function, name, title(fn, function, case),
                                    float(marks["points"].args[0]) if "points" in marks else 0.0,
                                    tuple(marks["states"].args) if "states" in marks else (),
                                    marks["visibility"].args[0] if "visibility" in marks else "visible"))
    return tuple(found)


def title(fn, function: str, case: str = "") -> str:
    """A test's title in the feedback: the first line of its docstring (else its name without
    ``test_<function>_``), with a parametrized case's id: ``two examples [1]``."""
    doc = (fn.__doc__ or "").strip()
    if doc:
        text = doc.splitlines()[0].strip()
    else:
        name = fn.__name__[len("test_"):] if fn.__name__.startswith("test_") else fn.__name__
        text = (name[len(function) + 1:] if name.startswith(function + "_") else name).replace("_", " ")
    return f"{text} [{case}]" if case else text


def _cases(fn) -> list[str]:
    """The ids of a test's ``parametrize`` cases in pytest's order ([""]: not parametrized); each
    case is graded, and counted, as a test of its own."""
    cases = [""]
    for mark in getattr(fn, "pytestmark", []):
        if mark.name != "parametrize":
            continue
        names, values = mark.args[0], mark.args[1]
        names = [n.strip() for n in names.split(",")] if isinstance(names, str) else list(names)
        ids = mark.kwargs.get("ids")
        ids = list(ids) if isinstance(ids, (list, tuple)) else []
        own = [_case_id(names, value, i, ids[i] if i < len(ids) else None) for i, value in enumerate(values)]
        cases = [f"{case}-{one}" if case else one for case in cases for one in own]
    return cases


def _case_id(names: list[str], value, index: int, given) -> str:
    """The id pytest gives one case: the one given, else its plain values joined by '-'
    (any other value by its argument's name and the case's index)."""
    if given is not None:
        return str(given)
    if type(value).__name__ == "ParameterSet":    # pytest.param(...)
        if value.id is not None:
            return value.id
        value = value.values if len(names) > 1 else value.values[0]
    values = list(value) if len(names) > 1 else [value]
    return "-".join(_value_id(name, v, index) for name, v in zip(names, values))


def _value_id(name: str, value, index: int) -> str:
    if isinstance(value, str):
        return value.encode("unicode_escape").decode("ascii")
    if value is None or isinstance(value, (bool, int, float, complex, enum.Enum)):
        return str(value)
    if isinstance(getattr(value, "__name__", None), str):   # a function or a class
        return value.__name__
    return f"{name}{index}"


def _function_from_name(name: str, module: str) -> str:
    rest = name[len("test_"):]
    functions = exercise_functions(MODULES[module])
    matches = [f for f in functions if rest == f or rest.startswith(f + "_")]
    return max(matches, key=len) if matches else rest
