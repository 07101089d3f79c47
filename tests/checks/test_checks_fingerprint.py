"""Fingerprints of wrong answers: equal for the same answers, a factor found on every call, instructor-only."""

import importlib
import json
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.checks import suite
from autograder.checks.check import run_reference
from autograder.checks.compare import Array, Number
from autograder.checks.fingerprint import _factor, _one_factor, canonical, fingerprints
from autograder.results import GradeResult
from autograder.sandbox.protocol import CallOutcome, FunctionRun, SandboxReport

FLOATS = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).filter(lambda x: abs(x) > 1e-3)


@given(st.lists(FLOATS, min_size=1, max_size=6))
def test_the_last_bits_do_not_change_a_fingerprint(xs):
    a = np.array(xs)
    assert canonical(a) == canonical(a * (1 + 1e-12))
    assert canonical(a) != canonical(a * 1.001)
    assert canonical(a) != canonical(list(a))


@given(st.lists(FLOATS, min_size=1, max_size=6), st.sampled_from([2, -1, Fraction(1, 2), 3]))
def test_a_simple_factor_off_is_found(xs, k):
    e = np.array(xs)
    assert _factor(Array(e), float(k) * e) == k
    assert _factor(Number(e[0]), float(k) * e[0]) == k
    assert _one_factor([k, k, "any"]) == k
    assert _one_factor([k, None]) is None and _one_factor([1]) is None


def _report(assignment, wrong):
    """The reference's answers, except each ``wrong`` function's, which it changes."""
    s = suite(assignment)
    module = importlib.import_module(f"solutions.{s.module}")
    functions = {}
    for f, calls in s.plan().items():
        outcomes = []
        for call in calls:
            value = run_reference(getattr(module, f), call)
            outcomes.append(CallOutcome("ok", wrong[f](value) if f in wrong else value))
        functions[f] = FunctionRun(f, "ok", outcomes)
    return s, SandboxReport(functions=functions)


def test_only_wrongly_answered_functions_get_one_and_not_those_a_wrong_helper_broke():
    s, report = _report("ps3_cost_functions", {"mse": lambda v: 2 * v, "train_neuron": lambda v: None})
    tests = s.judge(report)
    assert {t.function for t in tests if t.outcome == "incorrect"} == {"mse", "train_neuron"}
    found = fingerprints(s, report, tests)
    assert set(found) == {"mse"}, "train_neuron calls mse, whose own tests fail"
    assert found["mse"]["factor"] == "2" and not found["mse"]["named"]
    assert all(c.endswith((":w", ":?")) for c in found["mse"]["calls"])
    assert len(found["mse"]["calls"]) == len(s.plan()["mse"])


def test_fingerprints_are_for_the_instructor_only():
    result = GradeResult("ps3_cost_functions", answers={"mse": {"calls": ["a:b:w"], "shown": {"b": "1.5"}}})
    assert "answers" in result.to_dict()
    assert "answers" not in json.dumps(result.to_gradescope())
    assert GradeResult.from_dict(json.loads(json.dumps(result.to_dict()))).answers == result.answers


def test_a_constant_added_to_every_answer_is_kept():
    s, report = _report("ps1_derivatives", {"df": lambda v: v + 1})
    found = fingerprints(s, report, s.judge(report))
    assert found["df"]["offset"] == "1" and found["df"]["factor"] == ""
