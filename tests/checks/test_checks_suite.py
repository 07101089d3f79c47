"""The suite's contract: plan, points, names, and what every outcome looks like."""

import importlib
import time

import numpy as np
import pytest

from autograder.checks import ASSIGNMENTS, MODULES, suite
from autograder.course import exercise_functions
from autograder.sandbox import codec
from autograder.sandbox.protocol import Call, CallOutcome, FunctionRun, SandboxReport
from checks_kit import report, stub_source

ALL = list(ASSIGNMENTS)
TOTALS = {"ps1_derivatives": 20, "ps2_gradient_descent": 10, "ps3_cost_functions": 30, "ps4_backprop": 30}


def test_assignments_and_modules_are_the_course_catalogue():
    assert ASSIGNMENTS == {"ps1_derivatives": "derivatives", "ps2_gradient_descent": "gradient_descent",
                           "ps3_cost_functions": "cost_functions", "ps4_backprop": "backprop"}
    assert MODULES == {m: a for a, m in ASSIGNMENTS.items()}


def test_unknown_assignment_is_refused():
    with pytest.raises(KeyError, match="unknown assignment"):
        suite("ps9_nothing")


@pytest.mark.parametrize("assignment", ALL)
def test_suite_shape(assignment):
    s = suite(assignment)
    assert s is suite(assignment)  # cached per process
    assert s.assignment == assignment and s.module == ASSIGNMENTS[assignment]
    assert s.functions == exercise_functions(assignment)
    assert sum(s.points.values()) == TOTALS[assignment]
    assert all(1 <= p <= 9 for p in s.points.values())  # backward, the derivation, is worth most
    plan = s.plan()
    assert list(plan) == list(s.functions)
    assert all(calls and all(isinstance(c, Call) and c.function == f for c in calls) for f, calls in plan.items())


@pytest.mark.parametrize("assignment", ALL)
def test_plan_is_deterministic_and_frozen(assignment):
    module = importlib.import_module(f"autograder.checks.{ASSIGNMENTS[assignment]}")
    again = [c for check in module.build() for c in check.calls]
    planned = [c for calls in suite(assignment).plan().values() for c in calls]
    assert sorted(codec.dumps([c.function, c.args, c.kwargs]) for c in again) == \
        sorted(codec.dumps([c.function, c.args, c.kwargs]) for c in planned)
    arrays = [a for c in planned for a in c.args if isinstance(a, np.ndarray)]
    assert arrays and not any(a.flags.writeable for a in arrays)


@pytest.mark.parametrize("assignment", ALL)
def test_the_reference_earns_full_marks(assignment):
    s = suite(assignment)
    results = s.judge(report(assignment))
    failing = [(r.name, r.output) for r in results if r.score != r.max_score]
    assert not failing
    assert {r.outcome for r in results} == {"passed"}
    assert sum(r.score for r in results) == TOTALS[assignment]
    names = [r.name for r in results]
    assert len(set(names)) == len(names)
    assert all(r.name.startswith(f"{s.module}.{r.function}: ") for r in results)


@pytest.mark.parametrize("assignment", ALL)
def test_untouched_stubs_are_not_attempted(assignment):
    results = suite(assignment).judge(report(assignment, stub_source(assignment)))
    assert all(r.score == 0 and r.outcome == "not_attempted" for r in results)
    assert all(r.output.startswith("Not attempted:") for r in results)
    assert all("NotImplementedError" in r.output for r in results)


def test_a_missing_function_is_not_attempted_with_the_suggestion():
    rep = report("ps1_derivatives")
    rep.functions["sigmoid_derivative"] = FunctionRun(
        "sigmoid_derivative", "missing", detail="A function named 'sigmoid_derivtive' exists: a typo?")
    results = [r for r in suite("ps1_derivatives").judge(rep) if r.function == "sigmoid_derivative"]
    assert results and all(r.outcome == "not_attempted" and r.score == 0 for r in results)
    for r in results:
        assert r.output.startswith("Not attempted: no function named 'sigmoid_derivative' was found.")
        assert "sigmoid_derivtive" in r.output


def test_a_function_absent_from_the_report_counts_as_missing_or_unloaded():
    s = suite("ps2_gradient_descent")
    assert all(r.outcome == "not_attempted" for r in s.judge(SandboxReport()))
    unloaded = s.judge(SandboxReport(load_errors=["SyntaxError: invalid syntax (line 3)\n    x = = 1\n      ^"]))
    assert all(r.outcome == "error" and r.output == "Not graded: the code could not be loaded: "
               "SyntaxError: invalid syntax (line 3)" for r in unloaded)


@pytest.mark.parametrize("status, outcome, words", [
    ("timeout", "timeout", "Timed out"), ("memory", "memory", "Out of memory"), ("crashed", "crashed", "Crashed")])
def test_a_stopped_function_keeps_what_it_finished(status, outcome, words):
    """Checks whose calls all came back are judged; the rest say why they have nothing."""
    s = suite("ps2_gradient_descent")
    rep = report("ps2_gradient_descent")
    done = rep.functions["minimize"].calls
    cut = len(done) - 2  # the diverging run is planned last
    rep.functions["minimize"] = FunctionRun("minimize", status, done[:cut], detail="limit reached")
    results = [r for r in s.judge(rep) if r.function == "minimize"]
    stopped = [r for r in results if r.outcome == outcome]
    assert [r.title for r in stopped] == [
        "a diverging learning rate stops at the first non-finite x, counting that update"]
    assert stopped[0].score == 0 and stopped[0].output.startswith(words)
    assert "while running minimize(lambda x: -9*x**2 + 4*x**3, 4.0, 0.1, 1e-05)" in stopped[0].output
    assert "\n" not in stopped[0].output
    passed = [r for r in results if r.outcome == "passed"]
    assert len(passed) == len(results) - 1


def test_a_function_stopped_before_any_call_scores_nothing():
    rep = report("ps1_derivatives")
    rep.functions["sigmoid"] = FunctionRun("sigmoid", "timeout", [])
    results = [r for r in suite("ps1_derivatives").judge(rep) if r.function == "sigmoid"]
    assert all(r.outcome == "timeout" and r.score == 0 and r.output.startswith("Timed out") for r in results)


def test_an_exception_is_an_error_showing_the_call():
    rep = report("ps1_derivatives")
    run = rep.functions["df"]
    run.calls[0] = CallOutcome("error", error="NameError: name 'np' is not defined")
    first = [r for r in suite("ps1_derivatives").judge(rep) if r.function == "df"][0]
    assert first.outcome == "error" and first.score == 0
    assert "df(" in first.output and "NameError: name 'np' is not defined" in first.output


def test_not_callable_is_an_error():
    rep = report("ps1_derivatives")
    rep.functions["f"] = FunctionRun("f", "not_callable", detail="f is an int")
    results = [r for r in suite("ps1_derivatives").judge(rep) if r.function == "f"]
    assert all(r.outcome == "error" and "not a function" in r.output for r in results)


def test_judging_is_cheap():
    """Judging is plain Python over plain data, once the suite is built: a few milliseconds
    here, and well under the quarter second a correct submission costs in all (README, Speed).
    The best of five runs, so that a busy machine does not decide."""
    for assignment in ALL:
        s = suite(assignment)
        rep = report(assignment)
        times = []
        for _ in range(5):
            start = time.perf_counter()
            results = s.judge(rep)
            times.append(time.perf_counter() - start)
        assert results and {r.outcome for r in results} == {"passed"}
        assert min(times) < 0.1, f"{assignment}: judging took {min(times) * 1000:.0f} ms"
