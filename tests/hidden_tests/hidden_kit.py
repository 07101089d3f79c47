"""Test-only runner: the hidden tests against a module's source, run in this process.

The hidden tests are proven on sources run here instead of in the sandbox:
``judge(assignment, source)`` runs the real pytest session of the
assignment's hidden tests (``grade/session.py``) with a runner that
executes the source in a fresh module namespace, sends every value through
the sandbox's codec (so answers arrive as plain data, as from the sandbox)
and compares array arguments bit for bit afterwards to fill ``mutated``.
Reference sources are the starting point; a variant appends
redefinitions, which later calls pick up because functions look names up
at call time.
"""

from __future__ import annotations

import copy
import inspect
import types
import warnings
from pathlib import Path

import numpy as np

from autograder.checks.callables import build
from autograder.course import ASSIGNMENTS, exercise_functions
from autograder.grade import described, session
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
    return _probes(codec.loads(codec.dumps(value)))


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


_reference_outcomes: dict[tuple, CallOutcome] = {}


def _reference_outcome(assignment: str, function: str, c) -> CallOutcome:
    """The reference's outcome on a call, kept (the published Trask figure costs seconds)."""
    from autograder.checks.disk_cache import key_text

    key = (assignment, function, key_text([c.args, c.kwargs]))
    if key[2] is None or key not in _reference_outcomes:
        outcome = run_call(_reference_namespace(assignment)[function], c)
        if key[2] is None:
            return outcome
        _reference_outcomes[key] = outcome
    return copy.deepcopy(_reference_outcomes[key])


_namespaces: dict[str, dict] = {}


def _reference_namespace(assignment: str) -> dict:
    if assignment not in _namespaces:
        _namespaces[assignment] = load(reference_source(assignment))
    return _namespaces[assignment]


def runner(assignment: str, source: str | None = None, *, reuse=(), missing=(), reuse_call=None,
           overrides: dict | None = None):
    """``runner(plan) -> SandboxReport`` running ``source`` (default: the reference) in this process.

    ``reuse`` names functions whose outcomes are the reference's (kept
    between tests), ``reuse_call(call)`` picks single calls the same way;
    ``missing`` names functions to report as absent; ``overrides`` maps
    functions to callables run instead of the source's.
    """
    namespace = load(source) if source is not None else None
    overrides = overrides or {}

    def run(plan: dict) -> SandboxReport:
        runs = {}
        for f, calls in plan.items():
            if f in overrides:
                runs[f] = FunctionRun(f, "ok", [_reference_outcome(assignment, f, c) if reuse_call and reuse_call(c)
                                                else run_call(overrides[f], c) for c in calls])
            elif namespace is None or f in reuse:
                runs[f] = FunctionRun(f, "ok", [_reference_outcome(assignment, f, c) for c in calls])
            elif f in missing or f not in namespace:
                runs[f] = FunctionRun(f, "missing")
            else:
                runs[f] = FunctionRun(f, "ok", [_reference_outcome(assignment, f, c) if reuse_call and reuse_call(c)
                                                else run_call(namespace[f], c) for c in calls])
        defined = sorted(k for k, v in (namespace or _reference_namespace(assignment)).items() if callable(v))
        return SandboxReport(defined=defined, functions=runs)
    return run


def hidden(assignment: str, source: str | None = None, *, student: str | None = None, functions=None,
           **options) -> session.HiddenRun:
    """The whole run of the hidden tests (report, results, logs) on ``source``."""
    return session.run(assignment, runner(assignment, source, **options), student, functions=functions)


def judge(assignment: str, source: str | None = None, *, student: str | None = None, **options) -> list:
    """The hidden tests' results on ``source`` (default: the reference)."""
    return hidden(assignment, source, student=student, **options).tests


def judge_with(assignment: str, overrides: dict, reuse_call=None, student: str | None = None) -> list:
    """The results when the reference's functions given as callables are replaced."""
    return judge(assignment, None, student=student, overrides=overrides, reuse_call=reuse_call)


def variant(assignment: str, extra: str) -> str:
    """The reference source with some functions redefined (appended last, so they win)."""
    return reference_source(assignment) + "\n\n" + extra


def stub_source(assignment: str) -> str:
    """Every exercise function raises NotImplementedError, as released stubs do."""
    return "\n".join(f"def {f}(*args, **kwargs):\n    raise NotImplementedError\n"
                     for f in exercise_functions(assignment))


def points(assignment: str) -> dict[str, float]:
    return described.points(assignment)


def by_function(results) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in results:
        out.setdefault(r.function, []).append(r)
    return out


def scores(results) -> dict[str, float]:
    return {f: sum(r.score for r in rs) for f, rs in by_function(results).items()}


def not_passed(results) -> list[tuple[str, str]]:
    """(name, feedback) of each test that did not pass."""
    return [(r.name, r.output) for r in results if r.outcome != "passed"]


def result(results, function: str, title_part: str):
    matches = [r for r in results if r.function == function and title_part in r.title]
    assert len(matches) == 1, f"{function}: {title_part!r} matches {[r.title for r in matches]}"
    return matches[0]
