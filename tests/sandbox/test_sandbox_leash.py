"""An endless loop is paid for once: callers of a function that ran out of time get a leash on it."""

from __future__ import annotations

import time

from sandbox_kit import FAST, plan, program

LOOPING_HELPER = """
def helper(x):
    while x < 0 or x == 99:
        pass
    return x + 1

def caller(x):
    return helper(x) * 10

def other_caller(x):
    return helper(x) + 1

def recursive(n):
    return 0 if n == 0 else 1 + recursive(n - 1)

def uses_recursive(n):
    return recursive(n)

def independent(x):
    while True:
        pass
"""


def test_callers_of_a_looping_function_fail_fast_and_say_why(sandbox):
    start = time.monotonic()
    report = sandbox.run(program(LOOPING_HELPER), plan(helper=[(-1,)], caller=[(-1,), (-2,), (-3,)]))
    elapsed = time.monotonic() - start
    assert report.functions["helper"].status == "timeout"
    caller = report.functions["caller"]
    assert caller.status == "ok", caller          # it finished: its calls raised instead of hanging
    assert [c.status for c in caller.calls] == ["error"] * 3
    assert all(c.error.startswith("OutOfTime: helper ran past the time limit") for c in caller.calls)
    # The helper's own limit, then the leash (0.25 s) once, not the limit again.
    assert elapsed < FAST.seconds_per_function + 1 + 2, elapsed
    assert sum(c.seconds for c in caller.calls) < 1.0


def test_a_leashed_function_still_answers_inputs_on_which_it_finishes(sandbox):
    report = sandbox.run(program(LOOPING_HELPER), plan(helper=[(1,), (99,)], caller=[(1,), (5,)]))
    assert report.functions["helper"].status == "timeout"
    assert [c.value for c in report.functions["helper"].calls] == [2]
    assert [c.value for c in report.functions["caller"].calls] == [20, 60]


def test_the_leash_is_shared_by_the_calls_of_one_function_only(sandbox):
    # caller uses up the leash on its first call; uses_recursive is not leashed at all,
    # and independent, which calls nothing, still gets its own full limit.
    report = sandbox.run(program(LOOPING_HELPER),
                         plan(helper=[(-1,)], caller=[(-1,), (1,)], other_caller=[(1,)], uses_recursive=[(50,)],
                              independent=[(0,)]))
    caller = report.functions["caller"].calls
    assert caller[0].status == "error" and caller[1].status == "error"
    assert "OutOfTime" in caller[1].error
    # caller spent the leash; the next function gets a leash of its own.
    assert [c.value for c in report.functions["other_caller"].calls] == [3]
    assert report.functions["uses_recursive"].calls[0].value == 50
    assert report.functions["independent"].status == "timeout"


def test_functions_before_the_timeout_are_not_leashed(sandbox):
    report = sandbox.run(program(LOOPING_HELPER), plan(caller=[(1,)], helper=[(-1,)]))
    assert report.functions["caller"].calls[0].value == 20
    assert report.functions["helper"].status == "timeout"


def test_a_recursive_spent_function_is_timed_once_not_per_level(sandbox):
    source = """
def count(n):
    if n == -1:
        while True:
            pass
    return 0 if n == 0 else 1 + count(n - 1)

def caller(n):
    return count(n)
"""
    report = sandbox.run(program(source), plan(count=[(-1,)], caller=[(300,)]))
    assert report.functions["count"].status == "timeout"
    assert report.functions["caller"].calls[0].value == 300


def test_catching_everything_does_not_escape_the_limit(sandbox):
    source = """
def spin(x):
    while True:
        pass

def stubborn(x):
    while True:
        try:
            spin(x)
        except BaseException:
            pass
"""
    start = time.monotonic()
    report = sandbox.run(program(source), plan(spin=[(0,)], stubborn=[(0,)]))
    assert report.functions["spin"].status == "timeout"
    # stubborn keeps calling a spent function: each call now raises at once, and its own loop
    # is stopped at its own limit.
    assert report.functions["stubborn"].status == "timeout"
    assert time.monotonic() - start < 2 * FAST.seconds_per_function + 8
