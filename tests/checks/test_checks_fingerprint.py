"""Fingerprints of wrong answers: equal for the same answers, a factor found on every call, instructor-only."""

import importlib
import json
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.checks.compare import Array, Number
from autograder.checks.expect import run_reference
from autograder.checks.fingerprint import _factor, _one_factor, canonical, fingerprints
from autograder.course import ASSIGNMENTS
from autograder.grade import session
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


def _graded(assignment, wrong):
    """The hidden tests on the reference's answers, except each ``wrong`` function's, which it changes."""
    module = importlib.import_module(f"solutions.{ASSIGNMENTS[assignment]}")

    def run(plan):
        functions = {}
        for f, calls in plan.items():
            outcomes = []
            for call in calls:
                value = run_reference(getattr(module, f), call)
                outcomes.append(CallOutcome("ok", wrong[f](value) if f in wrong else value))
            functions[f] = FunctionRun(f, "ok", outcomes)
        return SandboxReport(functions=functions)
    return session.run(assignment, run)


def test_only_wrongly_answered_functions_get_one_and_not_those_a_wrong_helper_broke():
    hidden = _graded("ps3_cost_functions", {"mse": lambda v: 2 * v, "train_neuron": lambda v: None})
    tests = hidden.tests
    assert {t.function for t in tests if t.outcome == "incorrect"} == {"mse", "train_neuron"}
    found = fingerprints(hidden, tests)
    assert set(found) == {"mse"}, "train_neuron calls mse, whose own tests fail"
    assert found["mse"]["factor"] == "2" and not found["mse"]["named"]
    assert all(c.endswith((":w", ":?")) for c in found["mse"]["calls"])
    assert len(found["mse"]["calls"]) == len(hidden.plan["mse"])


def test_fingerprints_are_for_the_instructor_only():
    result = GradeResult("ps3_cost_functions", answers={"mse": {"calls": ["a:b:w"], "shown": {"b": "1.5"}}})
    assert "answers" in result.to_dict()
    assert "answers" not in json.dumps(result.to_gradescope())
    assert GradeResult.from_dict(json.loads(json.dumps(result.to_dict()))).answers == result.answers


def test_a_constant_added_to_every_answer_is_kept():
    hidden = _graded("ps1_derivatives", {"df": lambda v: v + 1})
    found = fingerprints(hidden, hidden.tests)
    assert found["df"]["offset"] == "1" and found["df"]["factor"] == ""
