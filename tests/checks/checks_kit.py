"""Test-only stand-in for the sandbox: run a module's source in this process.

The hidden tests are proven on reports built here: a student's source text
is executed in a fresh module namespace, every planned call goes through
the same JSON codec as the real sandbox (so values arrive as plain data),
and array arguments are compared bit for bit afterwards to fill ``mutated``.
Reference sources are the starting point; a variant appends redefinitions,
which later calls pick up because functions look names up at call time.
"""

from __future__ import annotations

import copy
import inspect
import types
import warnings
from functools import cache
from pathlib import Path

import numpy as np

from autograder.checks import ASSIGNMENTS, suite
from autograder.checks.callables import build
from autograder.sandbox import codec
from autograder.sandbox.codec import Probe
from autograder.sandbox.protocol import CallOutcome, FunctionRun, SandboxReport

SOLUTIONS = Path(__file__).resolve().parents[2] / "solutions"


def reference_source(assignment: str) -> str:
    return (SOLUTIONS / f"{ASSIGNMENTS[assignment]}.py").read_text()


def load(source: str) -> dict:
    module = types.ModuleType("student")
    exec(compile(source, "<student>", "exec"), module.__dict__)
    return module.__dict__


def _arguments(value):
    """Cross the boundary as the sandbox does, then build callables from probes."""
    decoded = codec.loads(codec.dumps(value))
    return _probes(decoded)


def _probes(value):
    if isinstance(value, Probe):
        return build(value)
    if isinstance(value, tuple):
        return tuple(_probes(v) for v in value)
    if isinstance(value, list):
        return [_probes(v) for v in value]
    if isinstance(value, dict):
        return {k: _probes(v) for k, v in value.items()}
    return value


def _array_slots(fn, args, kwargs):
    """Array arguments by parameter name (the sandbox labels them so), else by position."""
    try:
        names = list(inspect.signature(fn).parameters)
    except (TypeError, ValueError):
        names = []
    slots = {names[i] if i < len(names) else str(i): a for i, a in enumerate(args) if isinstance(a, np.ndarray)}
    slots.update({k: v for k, v in kwargs.items() if isinstance(v, np.ndarray)})
    return slots


def run_call(fn, c) -> CallOutcome:
    args, kwargs = _arguments(c.args), _arguments(c.kwargs)
    before = {k: copy.deepcopy(v) for k, v in _array_slots(fn, args, kwargs).items()}
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            value = fn(*args, **kwargs)
    except NotImplementedError:
        return CallOutcome("not_implemented")
    except Exception as exc:
        return CallOutcome("error", error=f"{type(exc).__name__}: {exc}")
    after = _array_slots(fn, args, kwargs)
    mutated = [k for k, v in before.items() if v.tobytes() != after[k].tobytes()]
    return CallOutcome("ok", codec.loads(codec.dumps(value)), mutated=mutated,
                       warnings=[str(w.message) for w in caught])


@cache
def _reference_runs(assignment: str, student: str | None = None) -> dict[str, FunctionRun]:
    namespace = load(reference_source(assignment))
    return {f: FunctionRun(f, "ok", [run_call(namespace[f], c) for c in calls])
            for f, calls in suite(assignment, student).plan().items()}


def report(assignment: str, source: str | None = None, *, reuse=(), missing=(), reuse_call=None,
           student: str | None = None) -> SandboxReport:
    """Run ``source`` (default: the reference) on the assignment's plan.

    ``reuse`` names functions whose outcomes are taken from a cached
    reference run (the published Trask figure costs seconds), ``reuse_call``
    picks single calls the same way; ``missing`` names functions to report
    as absent.  ``student``: on that student's hidden inputs.
    """
    if source is None:
        return SandboxReport(functions=copy.deepcopy(_reference_runs(assignment, student)))
    namespace = load(source)
    runs = {}
    for f, calls in suite(assignment, student).plan().items():
        if f in missing or f not in namespace:
            runs[f] = FunctionRun(f, "missing")
        elif f in reuse:
            runs[f] = copy.deepcopy(_reference_runs(assignment, student)[f])
        else:
            cached = _reference_runs(assignment, student)[f].calls
            runs[f] = FunctionRun(f, "ok", [copy.deepcopy(cached[i]) if reuse_call and reuse_call(c)
                                            else run_call(namespace[f], c) for i, c in enumerate(calls)])
    return SandboxReport(defined=sorted(k for k, v in namespace.items() if callable(v)), functions=runs)


def report_with(assignment: str, overrides: dict, reuse_call=None, student: str | None = None) -> SandboxReport:
    """The reference's report, except for the functions given as callables."""
    rep = report(assignment, student=student)
    for f, fn in overrides.items():
        cached = rep.functions[f].calls
        rep.functions[f] = FunctionRun(f, "ok", [cached[i] if reuse_call and reuse_call(c) else run_call(fn, c)
                                                 for i, c in enumerate(suite(assignment, student).plan()[f])])
    return rep


def variant(assignment: str, extra: str) -> str:
    """The reference source with some functions redefined (appended last, so they win)."""
    return reference_source(assignment) + "\n\n" + extra


def stub_source(assignment: str) -> str:
    """Every exercise function raises NotImplementedError, as released stubs do."""
    names = suite(assignment).functions
    return "\n".join(f"def {f}(*args, **kwargs):\n    raise NotImplementedError\n" for f in names)


def by_function(results) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in results:
        out.setdefault(r.function, []).append(r)
    return out


def scores(results) -> dict[str, float]:
    return {f: sum(r.score for r in rs) for f, rs in by_function(results).items()}


def result(results, function: str, title_part: str):
    matches = [r for r in results if r.function == function and title_part in r.title]
    assert len(matches) == 1, f"{function}: {title_part!r} matches {[r.title for r in matches]}"
    return matches[0]
