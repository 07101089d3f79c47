"""The pytest plugin that runs the hidden tests against one submission.

How it works.  The hidden tests (``autograder/hidden_tests/test_<module>.py``)
are ordinary pytest functions that take a ``student`` fixture; calling
``student.mse(y_hat, y)`` runs the student's ``mse`` in the sandbox and
returns plain data.  Starting a sandbox run costs tens of milliseconds, so
the calls are not run one by one:

1. **Plan.**  Before the first test runs, every selected test is called once
   with a ``student`` whose calls only record themselves and return
   ``PENDING`` (the assertions in ``checks/expect.py`` ignore it).  The
   recorded calls, in test order, are the plan: for each exercise function,
   the list of its calls.
2. **Run.**  One sandbox run executes the whole plan (each function in its
   own process, under its own time limit, cheap calls first as the tests are
   ordered) and returns a ``SandboxReport`` of plain data.
3. **Replay.**  pytest then runs the tests as usual; each call is answered
   from the report.  A call the plan did not foresee (a test whose later
   inputs depend on an earlier answer) runs in the sandbox on its own.

Each test's outcome becomes a ``TestResult``: its points come from
``@pytest.mark.points``, its title from the first line of its docstring,
the exercise function from ``@pytest.mark.function`` or from the test's
name (``test_<function>_...``).  A test fails with the feedback a student
reads: what was called, expected, got and why (``expect.Wrong``), or why
the function could not be judged at all (``expect.Verdict``: missing, still
the stub, raised, timed out, ...).  An error of the test's own code that no
student's value can cause (``TEST_FAULTS``: a NameError, an ImportError) is
a broken test: its points are given, its feedback says so, and stderr tells the
instructor, since no outcome puts such an error on the grader.

Two ways in.  ``grade/session.py`` runs pytest in-process for ``grade``,
``batch``, the nbgrader hook and Gradescope, with the sandbox already
running; an instructor runs the same tests with
``pytest autograder/hidden_tests --submission PATH`` (``-k``, ``-x`` and
``--junitxml`` work as anywhere), and then this plugin loads the submission
and starts a sandbox itself.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from autograder.checks import disk_cache, inputs
from autograder.checks.expect import (PENDING, Called, Shared, TestLog, Verdict, Wrong, changed_arguments, collecting,
                                      freeze, keeping_only, known_mistake, running, shown_call, shown_value,
                                      stop_running)
from autograder.checks.show import show_call
from autograder.results import Outcome, TestResult
from autograder.results.result import VISIBILITIES
from autograder.sandbox.protocol import Call, CallOutcome, FunctionRun, SandboxReport


HIDDEN_TESTS = Path(__file__).resolve().parents[1] / "hidden_tests"

STOPPED = {
    "timeout": (Outcome.TIMEOUT, "Timed out: {f} was stopped after running too long (an endless loop?)"),
    "memory": (Outcome.MEMORY, "Out of memory: {f} used more memory than allowed"),
    "crashed": (Outcome.CRASHED, "Crashed: the process running {f} died"),
}

# Statuses the grader sets itself before any test, each with the outcome it gives;
# the function run's detail is then the whole message.
GRADER_STATUSES = {
    "not_defined": Outcome.ERROR,            # a syntax error kept the function from being defined
    "not_submitted": Outcome.NOT_ATTEMPTED,  # nothing gradable was handed in
}

# Errors no returned value can cause, whatever the test does with it: the test's own
# code is broken (a misspelt name, a missing import).  Any other error once an answer
# has arrived is charged as a wrong answer, as an unknown error always was: a broken
# test that slips through costs points (and is fixed), never gives them away.
TEST_FAULTS = (NameError, ImportError, SyntaxError)

_reported: set[str] = set()   # grader errors already said on stderr in this process


def blames_the_answer(error: BaseException, log: TestLog) -> bool:
    """Whether an error a test raised can be the student's answer's doing."""
    if isinstance(error, (pytest.fail.Exception, pytest.skip.Exception)):
        return True    # the test ended itself, as it decided
    if not log.called:
        return False   # no answer had arrived yet: the test failed on its own
    if isinstance(error, AttributeError) and inspect.ismodule(getattr(error, "obj", None)):
        return False   # a name missing from a module the test imported (``ref.msee``)
    return not isinstance(error, TEST_FAULTS)


def report_grader_error(test: str, error: BaseException, points: float) -> None:
    """Say on stderr, once a process, that a hidden test is broken: its points are being given away."""
    text = f"{test}: {_error_text(error)}"
    if text not in _reported:
        _reported.add(text)
        print(f"autograder: the hidden test {text}; every submission gets its {points:g} points "
              "until the test is fixed", file=sys.stderr)


def _error_text(error: BaseException) -> str:
    return first_line(f"{type(error).__name__}: {error}", 300)


# ---------------------------------------------------------------- one module's run

@dataclass
class ModuleRun:
    """The hidden tests of one assignment module against one program.

    ``runner(plan)`` runs a plan in the sandbox and returns its report; for a
    submission that cannot run at all (nothing handed in, unreadable) it
    returns the same report whatever the plan.  ``functions``: only these
    exercise functions' tests run (the second grading round), all if None.
    """

    module: str
    runner: Callable[[dict], SandboxReport]
    functions: frozenset[str] | None = None
    key: bytes | None = None                  # the student's key for random inputs (``checks/seeds.py``)
    warm_only: bool = False                   # plan and compute the right answers; run nothing
    report: SandboxReport | None = None
    results: list[TestResult] = field(default_factory=list)
    logs: list[TestLog] = field(default_factory=list)
    uses: dict = field(default_factory=dict)
    plan: dict[str, list[Call]] = field(default_factory=dict)                 # function -> its calls, in order
    _plans: dict[str, list[tuple[Call, int]]] = field(default_factory=dict)   # test id -> (call, index in its function)
    _expects: dict[str, dict] = field(default_factory=dict)                   # test id -> its planned expectations
    _guarded: set[str] = field(default_factory=set)
    warmed: int = 0
    shared: Shared | None = None              # the answers every student shares (None: all are)
    problem: str = ""                         # why the tests could not be collected

    # ------------------------------------------------ plan, run

    def inputs(self):
        """Random inputs are this student's; of the right answers, only those every student
        shares are kept on disk (``expect.Shared``)."""
        stack = contextlib.ExitStack()
        stack.enter_context(inputs.drawn_for(self.key))
        stack.enter_context(keeping_only(self.shared))
        return stack

    def prepare(self, items: list) -> None:
        if self.key is not None:
            # Planning on the default inputs computes nothing new (the tests' answers are
            # asked lazily) and says which answers every student shares.
            self.shared = Shared()
            with inputs.drawn_for(None), collecting(self.shared):
                self._plan_each(items)
        with self.inputs():
            self._prepare(items)

    def _plan_each(self, items: list) -> list[TestLog]:
        """Each test called with a student whose calls return ``PENDING``: the calls it makes."""
        logs = []
        for item in items:
            log = TestLog(self.module, exercise_of(item), planning=True)
            token = running(log)
            try:
                item.obj(**{name: _PlanningStudent(log) if name == "student" else None
                            for name in _arguments(item)})
            # A test may use an answer in ways a placeholder cannot follow, or call
            # pytest.fail or pytest.skip itself: the calls recorded so far are its plan.
            except (Exception, pytest.fail.Exception, pytest.skip.Exception, pytest.xfail.Exception):
                pass
            finally:
                stop_running(token)
            logs.append(log)
        return logs

    def _prepare(self, items: list) -> None:
        plan = self.plan = {}
        for item, log in zip(items, self._plan_each(items)):
            self._guarded.update(log.guards)
            placed = []
            for called in log.called:
                calls = plan.setdefault(called.call.function, [])
                placed.append((called.call, len(calls)))
                calls.append(called.call)
            self._plans[item.nodeid] = placed
            self._expects[item.nodeid] = log.expects
            if self.warm_only:
                self._warm(log)
        self.report = SandboxReport() if self.warm_only else self.runner(plan)

    def _warm(self, log: TestLog) -> None:
        """Compute (and keep on disk) the right answers and each known mistake's
        answers on a test's calls, ahead of any submission."""
        from autograder.checks.expect import wrong_outputs
        from autograder.checks.mistakes import catalogue

        for expectation in log.expects.values():
            expectation.shown()
        for function in dict.fromkeys(c.call.function for c in log.called):
            calls = [c.call for c in log.called if c.call.function == function]
            for mistake in catalogue(self.module).get(function, ()):
                wrong_outputs(self.module, mistake, calls)
                self.warmed += 1

    # ------------------------------------------------ replay

    def answer(self, log: TestLog, item_id: str, call: Call) -> CallOutcome:
        """The outcome of the test's next call: from the report when planned, else run now."""
        placed = self._plans.get(item_id, [])
        i = len(log.called)
        if i < len(placed) and _same_call(placed[i][0], call):
            if not any(c.call.function == call.function for c in log.called):
                self._check_function(log, item_id, call.function)
            run = self.function_run(call.function)
            return run.calls[placed[i][1]]
        report = self.runner({call.function: [call]})
        run = report.functions.get(call.function) or _absent(call.function, report)
        self._raise_unavailable(run)
        if not run.calls:
            self._raise_stopped(run, call.function, show_call(call.function, call.args, call.kwargs))
        outcome = run.calls[0]
        self._raise_for(outcome, call.function, show_call(call.function, call.args, call.kwargs))
        return outcome

    def function_run(self, function: str) -> FunctionRun:
        return self.report.functions.get(function) or _absent(function, self.report)

    def planned(self, item_id: str) -> list[Called]:
        """The test's planned calls with their outcomes (None where none arrived)."""
        out = []
        for call, index in self._plans.get(item_id, []):
            run = self.function_run(call.function)
            out.append(Called(call, run.calls[index] if index < len(run.calls) else None))
        return out

    def _check_function(self, log: TestLog, item_id: str, function: str) -> None:
        """Before a test's first call of ``function``: can its calls be judged at all?
        (The same order of reasons for every test: unavailable, stopped, stub, raised.)"""
        run = self.function_run(function)
        self._raise_unavailable(run)
        mine = [(call, index) for call, index in self._plans.get(item_id, []) if call.function == function]
        for call, index in mine:
            if index >= len(run.calls):
                self._raise_stopped(run, function, show_call(call.function, call.args, call.kwargs))
        outcomes = [run.calls[index] for _, index in mine]
        if any(o.status == "not_implemented" for o in outcomes):
            self._raise_for(next(o for o in outcomes if o.status == "not_implemented"), function, "")
        for (call, _), o in zip(mine, outcomes):
            self._raise_for(o, function, show_call(call.function, call.args, call.kwargs))

    @staticmethod
    def _raise_unavailable(run: FunctionRun) -> None:
        unavailable = _unavailable(run)
        if unavailable:
            raise Verdict(*unavailable)

    @staticmethod
    def _raise_stopped(run: FunctionRun, function: str, shown: str) -> None:
        outcome, text = STOPPED.get(run.status, (Outcome.ERROR, "No result: {f} stopped early"))
        detail = f" ({first_line(run.detail)})" if run.detail else ""
        raise Verdict(outcome, text.format(f=function) + detail + f" while running {shown}.")

    @staticmethod
    def _raise_for(outcome: CallOutcome, function: str, shown: str) -> None:
        if outcome.status == "not_implemented":
            raise Verdict(Outcome.NOT_ATTEMPTED, f"Not attempted: {function} raised NotImplementedError "
                                           "(the exercise stub is still in place, or a function it calls is).")
        if outcome.status != "ok":
            error = outcome.error or "an error"
            error = error if len(error) <= 800 else error[:796] + " ..."
            raise Verdict(Outcome.ERROR, f"Called:   {shown}\nIt raised {error}")

    # ------------------------------------------------ verdicts

    def result(self, item, log: TestLog, excinfo) -> TestResult:
        function = log.function
        points = points_of(item)
        visibility = _marker_arg(item, "visibility", "visible")
        title = title_of(item)

        def made(outcome, output, score=0.0, mistake=""):
            return TestResult(self.module, function, title, score, points, output=output,
                              visibility=visibility, outcome=outcome, mistake=mistake)

        if excinfo is None:
            n = len(log.called)
            text = log.passed_text or (f"Passed: all {n} calls gave the right answer." if n > 1 else "Passed.")
            return made(Outcome.PASSED, _join(text, self._notes(log)), score=points)
        error = excinfo.value
        if isinstance(error, Verdict):
            return made(error.outcome, error.text)
        if isinstance(error, Wrong):
            return made(Outcome.INCORRECT, _join(self._wrong_text(log, error), self._notes(log)),
                        mistake=error.mistake.name if error.mistake else "")
        if isinstance(error, AssertionError):
            why = str(error).strip() or "an assertion of the test failed"
            lines = []
            if log.called:
                lines.append(f"Called:   {shown_call(log.called[-1])}")
                lines.append(f"Got:      {shown_value(log.called[-1].value)}")
            lines.append(f"Why:      {first_line(why, 800)}")
            return made(Outcome.INCORRECT, _join("\n".join(lines), self._notes(log)))
        if not blames_the_answer(error, log):
            report_grader_error(item.nodeid, error, points)
            return made(Outcome.PASSED, f"This test could not run (an error in the grader's test: "
                                        f"{_error_text(error)}); it was not held against you.", score=points)
        # A value the test's own code cannot digest is still a wrong answer, said as
        # ``expect.inspecting`` says it: on the test's first call.
        first = log.called[0] if log.called else None
        wrong = Wrong(f"the returned value could not be compared ({type(error).__name__})", first,
                      mistake=known_mistake(log, first))
        return made(Outcome.INCORRECT, _join(self._wrong_text(log, wrong), self._notes(log)),
                    mistake=wrong.mistake.name if wrong.mistake else "")

    def _wrong_text(self, log: TestLog, wrong: Wrong) -> str:
        lines = []
        if wrong.mistake:
            lines.append(f"This looks like a known mistake: {wrong.mistake.name}. {wrong.mistake.hint}")
        lines.append(f"Called:   {shown_call(wrong.called, wrong.shown)}")
        if wrong.expected is not None:
            source = f" ({wrong.expected_from})" if wrong.expected_from else ""
            lines.append(f"Expected{source}: {wrong.expected}")
        lines.append(f"Got:      {shown_value(wrong.called.value if wrong.called else None)}")
        lines.append(f"Why:      {wrong.why}")
        n = len(log.calls_of(wrong.called.call.function)) if wrong.called else 0
        if n > 1:
            lines.append(f"(the first wrong call of {n} is shown)")
        return "\n".join(lines)

    def _notes(self, log: TestLog) -> str:
        notes = list(log.notes)
        changed = [c for c in log.called if c.outcome is not None and c.outcome.mutated]
        if changed and log.function not in self._guarded:
            c = changed[0]
            notes.append(f"Note: {shown_call(c)} changed {changed_arguments(c.outcome.mutated)}. "
                         "Functions should leave their inputs unchanged (no points are taken for it here).")
        return "\n".join(n for n in notes if n)


class _PlanningStudent:
    """Records the calls a test makes; each returns ``PENDING``."""

    def __init__(self, log: TestLog):
        self._log = log

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return functools.partial(self._call, name)

    def _call(self, function: str, *args, **kwargs):
        self._log.called.append(Called(Call(function, freeze(args), freeze(kwargs))))
        return PENDING

    def history(self, function: str):
        self._log.guards.append(function)
        return None


class Student:
    """The ``student`` fixture: the submission's functions, called in the sandbox.

    ``student.f(*args, **kwargs)`` returns what the student's ``f`` returned,
    as plain data (numbers, arrays, lists, tuples, strings; other objects as
    ``codec.Opaque``).  When ``f`` cannot give an answer (missing, still the
    stub, raised, timed out) the test ends there with that verdict.
    """

    def __init__(self, run: ModuleRun, item_id: str, log: TestLog):
        self._run, self._item_id, self._log = run, item_id, log

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return functools.partial(self._call, name)

    def _call(self, function: str, *args, **kwargs):
        call = Call(function, freeze(args), freeze(kwargs))
        outcome = self._run.answer(self._log, self._item_id, call)
        self._log.called.append(Called(call, outcome))
        return outcome.value

    def history(self, function: str):
        """(every call of ``function`` in this run with its outcome, the results of its tests so far);
        ends the test with the function's verdict when it could not run at all."""
        run = self._run.function_run(function)
        self._run._raise_unavailable(run)
        if run.status in STOPPED and not run.calls:
            outcome, text = STOPPED[run.status]
            raise Verdict(outcome, text.format(f=function) + " before any call finished.")
        calls = self._run.plan.get(function, [])
        outcomes = [Called(c, run.calls[i] if i < len(run.calls) else None) for i, c in enumerate(calls)]
        return outcomes, [r for r in self._run.results if r.function == function]


# ---------------------------------------------------------------- pytest hooks

_active: dict[str, ModuleRun] = {}        # module -> its run, set by grade/session.py
IN_PROCESS = False                        # True in a grading process, which loads this plugin with -p


def pytest_addoption(parser):
    group = parser.getgroup("autograder", "hidden tests of the course")
    group.addoption("--submission", default=None,
                    help="a submission to grade: a folder, notebook, .py file or .zip")
    group.addoption("--assignment", default=None, help="the assignment, when the submission does not say")
    group.addoption("--student", default=None, help="draw the hidden inputs of this student id")


def pytest_configure(config):
    config.addinivalue_line("markers", "points(n): the points a hidden test is worth")
    config.addinivalue_line("markers", "visibility(v): Gradescope's visibility of the test (default visible)")
    config.addinivalue_line("markers", "function(name): the exercise function a hidden test grades")
    config.addinivalue_line("markers", "states(*sentences): what of the student's text the test holds them to")


def pytest_collection_modifyitems(session, config, items):
    words = ", ".join(VISIBILITIES)
    problems = [f"{item.path}::{item.name}: visibility {visibility!r} is not one of Gradescope's ({words})"
                for item in items for visibility in [_marker_arg(item, "visibility", "visible")]
                if visibility not in VISIBILITIES]
    if problems:
        for run in _active.values():
            run.problem = "; ".join(problems)
        raise pytest.UsageError("\n".join(problems))
    if not _active and config.getoption("--submission"):
        from autograder.grade import session as grading
        _active.update(grading.command_line_runs(config, items))
    keep, drop = [], []
    for item in items:
        run = _active.get(module_of(item))
        if run is not None and (run.functions is None or exercise_of(item) in run.functions):
            keep.append(item)
        else:
            drop.append(item)
    if _active and drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_runtestloop(session):
    if not _active:
        return None
    for module, run in _active.items():
        run.prepare([item for item in session.items if module_of(item) == module])
    if any(run.warm_only for run in _active.values()):
        return True
    return None


@pytest.fixture
def student(request):
    run = _active.get(module_of(request.node))
    if run is None:
        pytest.skip("no submission to grade: run with --submission PATH")
    log = TestLog(run.module, exercise_of(request.node), planned=run.planned(request.node.nodeid),
                  expects=dict(run._expects.get(request.node.nodeid, {})))
    request.node._autograder_log = log
    token = running(log)
    with run.inputs():
        yield Student(run, request.node.nodeid, log)
    stop_running(token)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_makereport(item, call):
    """A hidden test's report carries the student's feedback as its failure text.

    pytest would otherwise render a traceback with source for each failing
    test, which costs more than the whole test (a tenth of a second each).
    """
    log = getattr(item, "_autograder_log", None)
    run = _active.get(module_of(item))
    if call.when != "call" or log is None or run is None:
        return None
    result = run.result(item, log, call.excinfo)
    run.results.append(result)
    run.logs.append(log)
    run.uses = getattr(item.module, "USES", {})
    item.user_properties.extend([("points", result.score), ("max_points", result.max_score)])
    failed = call.excinfo is not None and not call.excinfo.errisinstance(pytest.skip.Exception)
    if call.excinfo is not None and not failed:
        return None
    if failed and result.outcome == Outcome.PASSED:
        return None    # the test's own error: pytest's traceback shows the instructor where
    return pytest.TestReport(item.nodeid, item.location, {k: 1 for k in item.keywords},
                             "failed" if failed else "passed",
                             f"{result.name}\n{result.output}" if failed else None, call.when,
                             duration=call.duration, start=call.start, stop=call.stop,
                             user_properties=item.user_properties)


# ---------------------------------------------------------------- reading a test

def module_of(item) -> str:
    """The assignment module a test file is for: ``test_<module>.py`` or ``test_<module>_<more>.py``."""
    from autograder.course import MODULES

    name = Path(str(item.fspath)).stem
    name = name[len("test_"):] if name.startswith("test_") else name
    matches = [m for m in MODULES if name == m or name.startswith(m + "_")]
    return max(matches, key=len) if matches else name


def exercise_of(item) -> str:
    """The exercise function a test grades: its ``function`` marker, else the longest
    exercise function its name starts with (``test_mse_gradient_...`` -> ``mse_gradient``)."""
    marked = item.get_closest_marker("function")
    if marked:
        return marked.args[0]
    from autograder.course import MODULES, exercise_functions

    module = module_of(item)
    name = item.originalname if hasattr(item, "originalname") else item.name
    name = name[len("test_"):] if name.startswith("test_") else name
    functions = exercise_functions(MODULES[module]) if module in MODULES else ()
    matches = [f for f in functions if name == f or name.startswith(f + "_")]
    return max(matches, key=len) if matches else name


def points_of(item) -> float:
    marked = item.get_closest_marker("points")
    return float(marked.args[0]) if marked else 0.0


def title_of(item) -> str:
    from autograder.grade.described import title

    return title(item.obj, exercise_of(item), item.callspec.id if hasattr(item, "callspec") else "")


def _marker_arg(item, name: str, default):
    marked = item.get_closest_marker(name)
    return marked.args[0] if marked and marked.args else default


def _arguments(item) -> list[str]:
    return list(getattr(item, "_fixtureinfo").argnames) if hasattr(item, "_fixtureinfo") else ["student"]


def _same_call(a: Call, b: Call) -> bool:
    if a is b:
        return True
    if a.function != b.function:
        return False
    left, right = disk_cache.key_text([a.args, a.kwargs]), disk_cache.key_text([b.args, b.kwargs])
    return left is not None and left == right


# ---------------------------------------------------------------- wording

def _unavailable(run: FunctionRun) -> tuple[str, str] | None:
    """(outcome, output) when the function could not be run at all."""
    f, detail = run.function, first_line(run.detail)
    if run.status == "missing":
        hint = f" {detail}" if detail else ""
        return Outcome.NOT_ATTEMPTED, f"Not attempted: no function named '{f}' was found.{hint}"
    if run.status == "not_callable":
        return Outcome.ERROR, f"'{f}' is defined but is not a function" + (f" ({detail})." if detail else ".")
    if run.status in GRADER_STATUSES:
        return GRADER_STATUSES[run.status], run.detail
    if run.status == "not_loaded":
        return Outcome.ERROR, "Not graded: the code could not be loaded" + (f": {detail}" if detail else ".")
    return None


def _absent(function: str, report: SandboxReport) -> FunctionRun:
    if report.load_errors:
        return FunctionRun(function, "not_loaded", detail=report.load_errors[0])
    return FunctionRun(function, "missing")


def first_line(text: str, cap: int = 300) -> str:
    """Reasons are one line: the first line of a detail, cut to length."""
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= cap else line[: cap - 4] + " ..."


def _join(text: str, extra: str) -> str:
    return f"{text}\n{extra}" if extra else text

