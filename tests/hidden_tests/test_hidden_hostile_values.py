"""Whatever comes back from student code, the hidden tests end with a verdict, never an exception."""

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from autograder.course import ASSIGNMENTS
from autograder.grade import described, session
from autograder.sandbox import codec
from autograder.sandbox.codec import Opaque
from autograder.sandbox.protocol import CallOutcome, FunctionRun, SandboxReport

OUTCOMES = {"passed", "incorrect", "not_attempted", "error", "timeout", "memory", "crashed"}
x = sympy.Symbol("x")

leaves = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20), st.complex_numbers(allow_nan=True),
    arrays(st.sampled_from([np.float64, np.int32, np.bool_, np.complex128]), array_shapes(max_dims=3, max_side=4)),
    st.just(Opaque("builtins.function", "<function <lambda>>")),
    st.sampled_from([x, 4 * x**3, sympy.Float(2.25), sympy.Rational(9, 4), sympy.zoo, sympy.nan, sympy.oo]),
)
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
                      | st.dictionaries(st.text(max_size=3), inner, max_size=2), max_leaves=8)


def uniform(value):
    """A runner whose every call returns ``value``, as the sandbox would hand it over.

    Every third call also claims to have changed its first argument, so the
    notes on changed inputs meet odd values too.  Calls the plan did not
    foresee reach the same runner, so they get the same answer.
    """
    value = codec.loads(codec.dumps(value))

    def run(plan: dict) -> SandboxReport:
        return SandboxReport(functions={
            f: FunctionRun(f, "ok", [CallOutcome("ok", value, mutated=["0"] if i % 3 == 0 else [])
                                     for i, _ in enumerate(calls)])
            for f, calls in plan.items()})
    return run


def verdicts(assignment, value):
    return session.run(assignment, uniform(value)).tests


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=values)
def test_any_returned_value_gets_a_verdict(assignment, value):
    results = verdicts(assignment, value)
    assert len(results) == len(described.tests_of(assignment))
    for r in results:
        assert r.outcome in OUTCOMES and 0 <= r.score <= r.max_score and isinstance(r.output, str) and r.output
        assert len(r.output) < 4000


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
@pytest.mark.parametrize("value", [None, "42", [], (), np.zeros((0,)), Opaque("x.Y", "?"), float("nan"), {"a": 1}])
def test_junk_earns_nothing(assignment, value):
    results = verdicts(assignment, value)
    assert len(results) == len(described.tests_of(assignment))
    assert sum(r.score for r in results) == 0
    assert all(r.outcome == "incorrect" for r in results), \
        [(r.name, r.outcome, r.output) for r in results if r.outcome != "incorrect"]
