"""Plot values come from one sandbox run per page, and every gap is explained."""

from autograder.feedback.collect import collect, skip_reasons
from autograder.feedback.plots.base import Plot
from autograder.sandbox.protocol import Call, CallOutcome, FunctionRun, Program, SandboxReport

PROGRAM = Program({"m": "def g(x): return x"}, "m")


def plot(key, function, *args):
    return Plot(key, function, key, tuple(Call(function, (a,)) for a in args), lambda: [], lambda *a: "")


class Recorder:
    """Stands in for the sandbox: answers from a table, remembers the plans."""

    def __init__(self, functions):
        self.functions = functions
        self.plans = []

    def __call__(self, program, plan):
        self.plans.append(plan)
        return SandboxReport(functions=self.functions(plan))


def echo(plan):
    return {f: FunctionRun(f, "ok", [CallOutcome("ok", c.args[0] * 10) for c in calls]) for f, calls in plan.items()}


def test_plots_of_one_function_share_a_run_and_get_their_own_values():
    run = Recorder(echo)
    values = collect([plot("a", "g", 1, 2), plot("b", "g", 3), plot("c", "h", 4)], PROGRAM, "", {}, run)
    assert len(run.plans) == 1
    assert [c.args for c in run.plans[0]["g"]] == [(1,), (2,), (3,)]
    assert values["a"].values == [10, 20] and values["b"].values == [30] and values["c"].values == [40]


def test_skipped_functions_are_not_run_and_say_why():
    run = Recorder(echo)
    skip = skip_reasons({"g": {"not_attempted"}, "h": {"passed", "timeout"}, "k": {"incorrect", "not_attempted"}})
    assert set(skip) == {"g", "h"}
    values = collect([plot("a", "g", 1), plot("b", "h", 2), plot("c", "k", 3)], PROGRAM, "", skip, run)
    assert list(run.plans[0]) == ["k"]
    assert values["a"].values is None and "not attempted" in values["a"].note
    assert values["b"].values is None and "ran out of time" in values["b"].note
    assert values["c"].values == [30]


def test_nothing_runs_without_a_program():
    run = Recorder(echo)
    values = collect([plot("a", "g", 1)], None, "gradient_descent.py is empty", {}, run)
    assert run.plans == []
    assert values["a"].note == "gradient_descent.py is empty"


def test_missing_function_errors_and_timeouts_become_notes():
    def answers(plan):
        return {
            "g": FunctionRun("g", "missing", detail="did you mean gradient_descnet?"),
            "h": FunctionRun("h", "ok", [CallOutcome("error", error="ValueError: shapes (3,) and (2,)")]),
            "k": FunctionRun("k", "timeout", [CallOutcome("ok", 1)]),
            "n": FunctionRun("n", "ok", [CallOutcome("not_implemented")]),
        }

    plots = [plot("a", "g", 1), plot("b", "h", 1), plot("c", "k", 1, 2), plot("d", "n", 1)]
    values = collect(plots, PROGRAM, "", {}, Recorder(answers))
    assert "No function named g" in values["a"].note and "gradient_descnet" in values["a"].note
    assert "ValueError: shapes (3,) and (2,)" in values["b"].note
    assert values["c"].values is None and "did not finish in time" in values["c"].note
    assert "not attempted" in values["d"].note


def test_a_sandbox_failure_leaves_notes_not_a_crash():
    def broken(program, plan):
        raise RuntimeError("zygote did not start")

    values = collect([plot("a", "g", 1)], PROGRAM, "", {}, broken)
    assert values["a"].values is None and "could not be computed" in values["a"].note
