"""Stand-ins: helpers whose answers come from the grader's process.

The answers here come from small functions of the test (the grader's side);
the student's process holds only the asking stub.  What is checked: a
module the student did not hand in can be imported, a function's stand-ins
exist in its own process only, the helper's own process cannot ask, asks
while loading are refused, and time spent waiting for answers is not
charged to the student's limit.
"""

from __future__ import annotations

import time

import numpy as np
import pytest
from sandbox_kit import plan, program

from autograder.sandbox import Limits, codec
from autograder.sandbox.boundary import load
from autograder.sandbox.sandbox import reply_to

stand_ins = load("standins")


class Grader:
    """The grader's side of a run: answers asks and remembers who asked."""

    def __init__(self, delay: float = 0.0):
        self.asked = []
        self.delay = delay

    def __call__(self, function, helper, args, kwargs):
        self.asked.append((function, helper))
        time.sleep(self.delay)
        if helper.endswith(".sigmoid"):
            return 1 / (1 + np.exp(-np.asarray(args[0], dtype=float)))
        if helper.endswith(".helper"):
            return args[0] + 100
        raise ValueError(f"no such helper {helper}")


# Roomy limits where time is not the point: a loaded test machine must not turn a call into a timeout.
ROOMY = Limits(seconds_per_function=10.0, seconds_to_load=10.0)


def roomy(sandbox, program, plan, **options):
    return sandbox.run(program, plan, ROOMY, **options)


def outcomes(report, function):
    run = report.functions[function]
    return [(c.status, c.value if c.status == "ok" else c.error) for c in run.calls]


USER = """
    from derivatives import sigmoid

    def neuron(z):
        return sigmoid(z)

    def helper(x):
        return x + 1

    def user(x):
        return helper(x) * 2

    def sneaky(x):
        import sys
        return sys.modules["_sandbox.standins"].stand_in("submission.helper")(x)
"""
SPEC = {"modules": {"derivatives": ["sigmoid"]}, "functions": {"user": ["submission.helper"]}}


def test_a_module_not_handed_in_is_answered_by_the_grader(sandbox):
    grader = Grader()
    report = roomy(sandbox, program(USER), plan(neuron=[(0.0,), (np.array([[0.0], [2.0]]),)]),
                         standins=SPEC, answer=grader)
    assert report.load_errors == []
    (s1, v1), (s2, v2) = outcomes(report, "neuron")
    assert (s1, s2) == ("ok", "ok")
    assert v1 == 0.5
    np.testing.assert_allclose(v2, [[0.5], [1 / (1 + np.exp(-2.0))]])
    assert grader.asked == [("neuron", "derivatives.sigmoid")] * 2


def test_without_stand_ins_the_import_fails_as_before(sandbox):
    report = roomy(sandbox, program(USER), plan(neuron=[(0.0,)]))
    assert any("derivatives" in e for e in report.load_errors)


def test_a_stand_in_answers_only_the_function_it_was_given_to(sandbox):
    grader = Grader()
    report = roomy(sandbox, program(USER), plan(helper=[(1.0,)], user=[(1.0,)], sneaky=[(1.0,)]),
                         standins=SPEC, answer=grader)
    assert outcomes(report, "helper") == [("ok", 2.0)]          # its own code, in its own process
    assert outcomes(report, "user") == [("ok", 202.0)]          # the grader's helper: 101 * 2
    status, error = outcomes(report, "sneaky")[0]
    assert status == "error" and "not available to sneaky" in error
    assert ("sneaky", "submission.helper") not in grader.asked


def test_asks_while_loading_are_refused(sandbox):
    source = USER + "\n    LOADED = sigmoid(0.0)\n"
    grader = Grader()
    report = roomy(sandbox, program(source), plan(neuron=[(0.0,)]), standins=SPEC, answer=grader)
    assert any("not while the code loads" in e for e in report.load_errors)
    assert outcomes(report, "neuron") == [("ok", 0.5)]
    assert grader.asked == [("neuron", "derivatives.sigmoid")]


def test_helpers_in_dicts_tuples_and_defaults_are_replaced_too(sandbox):
    source = """
        def helper(x):
            return x + 1

        TABLE = {"plain": (helper, 0)}
        LISTED = [helper]

        def by_table(x):
            return TABLE["plain"][0](x)

        def by_list(x):
            return LISTED[0](x)

        def by_default(x, h=helper):
            return h(x)
    """
    grader = Grader()
    spec = {"functions": {f: ["submission.helper"] for f in ("by_table", "by_list", "by_default")}}
    report = roomy(sandbox, program(source), plan(helper=[(1.0,)], by_table=[(1.0,)], by_list=[(1.0,)],
                                               by_default=[(1.0,)]), standins=spec, answer=grader)
    assert outcomes(report, "helper") == [("ok", 2.0)]
    for function in ("by_table", "by_list", "by_default"):
        assert outcomes(report, function) == [("ok", 101.0)], function


def test_the_grader_s_errors_reach_the_student_as_an_exception(sandbox):
    source = """
        from derivatives import sigmoid, missing_one

        def calls_missing(x):
            return missing_one(x)
    """
    spec = {"modules": {"derivatives": ["sigmoid", "missing_one"]}}
    report = roomy(sandbox, program(source), plan(calls_missing=[(1.0,)]), standins=spec, answer=Grader())
    status, error = outcomes(report, "calls_missing")[0]
    assert status == "error" and "StandInError" in error and "no such helper" in error


def test_repeated_questions_are_answered_from_memory(sandbox):
    source = """
        from derivatives import sigmoid

        def twice(z):
            return float(sigmoid(z) + sigmoid(z))
    """
    grader = Grader()
    report = roomy(sandbox, program(source), plan(twice=[(0.0,), (0.0,)]),
                         standins={"modules": {"derivatives": ["sigmoid"]}}, answer=grader)
    assert outcomes(report, "twice") == [("ok", 1.0), ("ok", 1.0)]
    assert len(grader.asked) == 1


def test_time_waiting_for_the_grader_is_not_the_student_s(sandbox):
    source = """
        from derivatives import sigmoid

        def slow_asker(n):
            return [float(sigmoid(float(i))) for i in range(n)]
    """
    limits = Limits(seconds_per_function=1.5, seconds_to_load=4.0)
    grader = Grader(delay=0.3)          # 6 asks: 1.8 s of the grader's time, over the 1.5 s limit
    report = sandbox.run(program(source), plan(slow_asker=[(6,)]), limits=limits,
                         standins={"modules": {"derivatives": ["sigmoid"]}}, answer=grader)
    run = report.functions["slow_asker"]
    assert run.status == "ok", run.detail
    assert len(run.calls[0].value) == 6


def test_a_function_that_loops_still_meets_its_limit(sandbox):
    source = """
        from derivatives import sigmoid

        def asks_forever(z):
            while True:
                z = z + 1.0
                sigmoid(z)               # a new question every time: no answer is reused
    """
    limits = Limits(seconds_per_function=1.0, seconds_to_load=4.0)
    started = time.monotonic()
    report = sandbox.run(program(source), plan(asks_forever=[(0.0,)]), limits=limits,
                         standins={"modules": {"derivatives": ["sigmoid"]}}, answer=Grader(delay=0.001))
    assert report.functions["asks_forever"].status == "timeout"
    # The credit is capped (standins.ALLOWANCE limits), then the limit applies.
    assert time.monotonic() - started < 1.0 * (stand_ins.ALLOWANCE + 1) + 8


def test_answers_are_matched_to_their_question():
    """An answer meant for a process that is gone is skipped by the next asker."""
    import socket

    ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        asker = stand_ins._Asker(theirs.fileno())
        ours.send(b'{"token":"gone-1","value":1.0}')
        expected = f"{__import__('os').getpid()}-1"
        ours.send(('{"token":"%s","value":2.5}' % expected).encode())
        assert asker.ask("m.f", (1.0,), {}) == 2.5
        assert ours.recv(1 << 16).startswith(b'{"t":"ask"')
    finally:
        ours.close()
        theirs.close()


@pytest.mark.parametrize("message", [
    {"args": {"__tuple__": [1.0]}, "kwargs": {"__dict__": []}, "function": "f", "helper": "m.g"},
])
def test_the_grader_side_reply_is_plain_data(message):
    assert reply_to(message, lambda f, h, a, k: np.array([a[0], 2.0])) == {
        "t": "answer", "value": codec.encode(np.array([1.0, 2.0]))}
    failed = reply_to(message, lambda f, h, a, k: 1 / 0)
    assert failed["t"] == "answer" and failed["error"].startswith("ZeroDivisionError")


def test_a_sandbox_without_an_answer_function_runs_as_before(sandbox):
    report = roomy(sandbox, program("def f(x):\n    return x\n"), plan(f=[(1,)]), standins=SPEC)
    assert outcomes(report, "f") == [("ok", 1)]


def test_stand_ins_answer_under_the_audit_hook_fallback():
    # Gradescope's kernels may lack Landlock.  The first call of the first
    # function asks at once: the supervisor reads the child's word on which
    # function runs (sent before the fork) before it judges the ask.
    from autograder.sandbox import Sandbox

    with Sandbox(limits=ROOMY, isolation="audit-hook") as sandbox:
        report = sandbox.run(program(USER), plan(neuron=[(0.0,)], user=[(1.0,)]), standins=SPEC, answer=Grader())
    assert outcomes(report, "neuron") == [("ok", 0.5)]
    assert outcomes(report, "user") == [("ok", 202.0)]
