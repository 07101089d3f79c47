"""The hidden tests' assertions: compare what the student's code returned,
and say what was called, what was expected, what came back and why it is wrong.

A hidden test (``autograder/hidden_tests/``) is an ordinary pytest function.
Its ``student`` fixture calls the submission's functions in the sandbox and
returns plain data; the test compares that data with the helpers here::

    @pytest.mark.points(1)
    def test_mse_worked_example(student):
        "the worked example"
        expect(student.mse(Y_HAT, Y), reference(ref.mse), tol=COST)

``expect(got, expected)`` passes silently or raises ``Wrong``, which knows
the call that returned ``got`` (the fixture keeps a log of the test's calls),
and, when a catalogued wrong implementation returns the same answers on all
of the test's calls of that function, the known mistake's name.  ``fail``
raises ``Wrong`` with a reason of the test's own (``costs_recorded`` is one
such reason, shared by the training functions); ``note`` adds a sentence to
the test's feedback; ``inputs_unchanged`` is the test that no call of a
function wrote into its arguments.

Each test runs twice.  First with placeholders (``PENDING``) instead of
answers, to learn which calls it makes, so that all the calls of a
submission run in one sandbox run; then with the answers.  The helpers here
do nothing with a placeholder, so a test needs no code of its own for that.
Everything here runs in the grader's process, never next to student code.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from autograder.checks import disk_cache
from autograder.checks.callables import materialize
from autograder.checks.compare import Expect, like, same_answer
from autograder.checks.show import describe_type, show, show_call
from autograder.checks.tolerances import COST, FORMULA, Tolerance
from autograder.results import Outcome
from autograder.sandbox.protocol import Call, CallOutcome


class _Pending:
    """What a call returns while a test is only being planned."""

    def __repr__(self) -> str:
        return "PENDING"

    def __bool__(self) -> bool:
        return False


PENDING = _Pending()


# ---------------------------------------------------------------- verdicts

class Verdict(Exception):
    """A test ends with this outcome and feedback, decided before any comparison
    (the function is missing, raised, timed out, is still the stub, ...)."""

    def __init__(self, outcome: str, text: str):
        super().__init__(text)
        self.outcome, self.text = outcome, text


class Wrong(AssertionError):
    """A returned value is not the right answer."""

    def __init__(self, why: str, called: "Called | None", expected: str | None = None,
                 expected_from: str = "", shown: str | None = None, mistake=None):
        super().__init__(why)
        self.why, self.called, self.expected = why, called, expected
        self.expected_from, self.shown, self.mistake = expected_from, shown, mistake


# ---------------------------------------------------------------- the test's log

@dataclass
class Called:
    """One call a test made, and (once known) what it returned."""

    call: Call
    outcome: CallOutcome | None = None

    @property
    def value(self):
        return self.outcome.value if self.outcome is not None else PENDING


@dataclass
class TestLog:
    """What one hidden test did: its calls, the answers it expected, its notes.

    ``expects`` pairs the index of a call in ``called`` with the ``Expect`` it
    was held to (known from the planning pass, so every call has one even
    when the test stopped at its first wrong answer).
    """

    module: str
    function: str
    planning: bool = False
    called: list[Called] = field(default_factory=list)
    expects: dict[int, Expect] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    guards: list[str] = field(default_factory=list)        # functions whose inputs this test guards
    planned: list[Called] = field(default_factory=list)    # the whole plan of the test, with answers
    passed_text: str = ""                                  # the feedback when it passes, if not the usual

    def calls_of(self, function: str) -> list[Called]:
        return [c for c in self.planned or self.called if c.call.function == function]


_current: contextvars.ContextVar[TestLog | None] = contextvars.ContextVar("hidden_test", default=None)


def current() -> TestLog:
    log = _current.get()
    if log is None:
        raise RuntimeError("hidden-test assertions work only inside a test run by the grader's pytest plugin")
    return log


def running(log: TestLog):
    """Make ``log`` the current test's log (the plugin does this around each test)."""
    return _current.set(log)


def stop_running(token) -> None:
    _current.reset(token)


# ---------------------------------------------------------------- assertions

class reference:
    """``expect(got, reference(ref.f))``: the right answer is ``ref.f`` on the same arguments."""

    def __init__(self, function: Callable):
        self.function = function


def expect(got, expected, tol: Tolerance = FORMULA, m: int | None = None, what: str = "entries",
           shown: str | None = None, expected_from: str = "", name_mistakes: bool = True) -> None:
    """``got`` must be ``expected`` (a value, an ``Expect``, or ``reference(fn)``)
    to within ``tol`` (``m``: the number of examples, for averaged gradients)."""
    log = current()
    called, index = _find(log, got)
    if log.planning:
        if called is not None:
            log.expects[index] = Lazy(expected, called.call, tol, m, what)
            collecting_ = _collecting.get()
            if collecting_ is not None:
                collecting_.add_call(called.call)
                if isinstance(expected, reference) and "<" not in expected.function.__qualname__:
                    text = disk_cache.key_text([expected.function.__module__, expected.function.__qualname__,
                                                called.call.args, called.call.kwargs])
                    if text is not None:
                        collecting_.answers.add(text)
        return
    want = _as_expect(expected, called.call if called else None, tol, m, what)
    if called is not None:
        log.expects[index] = want
    try:
        why = want.problem(got)
    except Exception as exc:  # a value the comparison cannot digest is still a wrong answer
        why = f"the returned value could not be compared ({type(exc).__name__})"
    if why:
        mistake = known_mistake(log, called) if name_mistakes else None
        raise Wrong(why, called, want.shown(), expected_from, shown, mistake)


def fail(got, why: str, expected: str | None = None, shown: str | None = None, expected_from: str = "",
         name_mistakes: bool = True) -> None:
    """End the test as wrong, for a reason the test decided itself, on the call that returned ``got``."""
    log = current()
    called, _ = _find(log, got)
    if log.planning:
        return
    mistake = known_mistake(log, called) if name_mistakes else None
    raise Wrong(why, called, expected, expected_from, shown, mistake)


def costs_recorded(got, parts: tuple[str, ...], epochs: int, first_cost: float, start: str) -> None:
    """A training function's result: ``parts`` (the last is ``costs``), with
    epochs + 1 costs, the first of them ``first_cost``, the cost ``start``."""
    n = epochs + 1
    shape = f"({', '.join(parts)})"
    expected = f"{shape} with {n} costs, the first {first_cost!r}"
    if not isinstance(got, (tuple, list)) or len(got) != len(parts):
        fail(got, f"it returned {describe_type(got)}, expected {shape}", expected)
    costs = got[-1]
    if not isinstance(costs, (list, tuple, np.ndarray)) or np.ndim(costs) == 0:
        fail(got, f"costs is {describe_type(costs)}, expected a list of numbers", expected)
    if len(costs) != n:
        fail(got, f"costs has {len(costs)} entries, expected epochs + 1 = {n} ({start}, then one after "
                  "each update)", expected)
    why = like(first_cost, COST.rtol, COST.atol).problem(costs[0])
    if why:
        fail(got, f"costs[0] should be {start}, before any update: {why}", expected)


@contextlib.contextmanager
def inspecting(got, shown: str | None = None):
    """Around a test's own look at ``got``: a value it cannot even inspect (a string where
    an array belongs, a 0-d array where a list does) is a wrong answer, said so."""
    try:
        yield
    except Wrong:
        raise
    except Exception as exc:
        fail(got, f"the returned value could not be compared ({type(exc).__name__})", shown=shown)


def note(text: str) -> None:
    """A sentence for the test's feedback, shown whether it passes or not."""
    log = current()
    if not log.planning and text and text not in log.notes:
        log.notes.append(text)


def inputs_unchanged(student, function: str, advice: str = "") -> None:
    """No call of ``function`` in this grading changed its arguments, bit for bit; credited
    only once the function has passed one of its other tests (an empty function changes nothing)."""
    log = current()
    log.guards.append(function)
    history = student.history(function)
    if log.planning:
        return
    calls, own = history
    done = [c for c in calls if c.outcome is not None]
    if done and all(c.outcome.status == "not_implemented" for c in done):
        raise Verdict(Outcome.NOT_ATTEMPTED, f"Not attempted: {function} raised NotImplementedError.")
    changed = [c for c in done if c.outcome.mutated]
    if changed:
        first = changed[0]
        raise Verdict(Outcome.INCORRECT, (
            f"{function} changed {changed_arguments(first.outcome.mutated)} (in {len(changed)} of {len(done)} calls), "
            f"e.g. when called as {shown_call(first)}. Functions must leave the arrays they are given "
            f"unchanged, bit for bit. {advice}").strip())
    returned = [c for c in done if c.outcome.status == "ok"]
    if not returned or not any(r.outcome == Outcome.PASSED for r in own):
        raise Verdict(Outcome.INCORRECT, f"Not credited yet: this is checked once {function} returns a right "
                                   "answer in at least one of its other tests.")
    log.passed_text = f"Passed: none of the {len(returned)} calls changed its inputs."


def changed_arguments(labels) -> str:
    """The sandbox labels a changed argument by its parameter name (or position)."""
    names = [f"argument {x}" if str(x).isdigit() else f"its argument {x}" for x in labels]
    return " and ".join(names) if len(names) < 3 else ", ".join(names)


def planning() -> bool:
    """True while the test is only being planned (calls return ``PENDING``)."""
    return current().planning


def answer(function: Callable, *args, **kwargs):
    """``function(*args, **kwargs)`` computed once and kept: for reference answers that take long
    (training runs, SymPy) and that a test asks for on every grading."""
    return run_reference(function, Call(getattr(function, "__name__", "?"), args, kwargs))


# ---------------------------------------------------------------- helpers

class Lazy(Expect):
    """An expectation whose right answer is computed only when someone needs it."""

    def __init__(self, expected, call, tol, m, what):
        self._args = (expected, call, tol, m, what)
        self._built = None

    def built(self) -> Expect:
        if self._built is None:
            self._built = _as_expect(*self._args)
        return self._built

    def problem(self, got):
        return self.built().problem(got)

    def shown(self):
        return self.built().shown()

    @property
    def value(self):
        return self.built().value


def _as_expect(expected, call: Call | None, tol: Tolerance, m, what) -> Expect:
    if isinstance(expected, Lazy):
        return expected.built()
    if isinstance(expected, Expect):
        return expected
    if isinstance(expected, reference):
        if call is None:
            raise RuntimeError("reference(...) needs a value returned by a call of the student's code")
        expected = run_reference(expected.function, call)
    return like(expected, tol.rtol, tol.atol, m, what)


def _find(log: TestLog, got) -> tuple[Called | None, int]:
    """The call that returned ``got`` (the latest one, if ``got`` was not returned as it is)."""
    for i in range(len(log.called) - 1, -1, -1):
        if log.called[i].value is got:
            return log.called[i], i
    if log.called:
        return log.called[-1], len(log.called) - 1
    return None, -1


def known_mistake(log: TestLog, called: Called | None):
    """A catalogued mistake that returns what the student returned on every
    call of this test to the same function."""
    from autograder.checks.mistakes import catalogue

    if called is None:
        return None
    function = called.call.function
    calls = [c for c in log.calls_of(function) if c.outcome is not None]
    if not calls or any(c.outcome.status != "ok" for c in calls):
        return None
    for mistake in catalogue(log.module).get(function, ()):
        wrong = wrong_outputs(log.module, mistake, [c.call for c in calls])
        if wrong and all(same_answer(c.value, w) for c, w in zip(calls, wrong)):
            return mistake
    return None


def wrong_outputs(module: str, mistake, calls: list[Call]) -> list:
    """What a catalogued mistake returns on these calls ([] if it raises); kept on disk."""
    key = [module, mistake.function, mistake.name, [[c.args, c.kwargs] for c in calls]]

    def compute():
        outputs = []
        for c in calls:
            try:
                with np.errstate(all="ignore"):
                    outputs.append(mistake.wrong(*materialize(c.args), **materialize(c.kwargs)))
            except Exception:
                return []
        return outputs

    shared = _shared.get()
    with disk_cache.kept_only(shared is not None and not shared.has_calls(calls)):
        return disk_cache.remembered("mistakes", key, compute)


def freeze(value):
    """Arguments handed to student code are made read-only here, so no trusted
    code changes them by accident between the two runs of a test."""
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif isinstance(value, (list, tuple)):
        for v in value:
            freeze(v)
    elif isinstance(value, dict):
        for v in value.values():
            freeze(v)
    return value


def run_reference(fn, c: Call):
    """The reference's answer for one call, on private copies of the arguments.

    Answers are kept on disk (``disk_cache``: training runs cost most of a
    grading) and in this process, the most recent ``MEMO_SIZE`` of them,
    since every student's inputs add their own; the arrays of a kept answer
    are read-only, as it is shared.
    """
    def compute():
        with np.errstate(all="ignore"):
            return fn(*materialize(c.args), **materialize(c.kwargs))

    if "<" in fn.__qualname__:          # a lambda or local function: no stable name to keep it by
        return compute()
    key = [fn.__module__, fn.__qualname__, c.args, c.kwargs]
    memo_key = disk_cache.key_text(key)
    if memo_key is None:
        return compute()
    collecting_ = _collecting.get()
    if collecting_ is not None:
        collecting_.answers.add(memo_key)
    if memo_key in _answers:
        _answers.move_to_end(memo_key)
        return _answers[memo_key]
    with disk_cache.kept_only(not _storing(memo_key)):
        answer_ = _answers[memo_key] = disk_cache.remembered("reference", key, compute)
    freeze(answer_)
    while len(_answers) > MEMO_SIZE:
        _answers.popitem(last=False)
    return answer_


MEMO_SIZE = 4096
_answers: OrderedDict[str, Any] = OrderedDict()


@dataclass
class Shared:
    """The right answers that are the same for every student: those a test asks for on the
    course's default inputs.  Only these are kept on disk while a student's inputs are graded;
    a class of a thousand would otherwise leave a thousand sets of files behind."""

    answers: set = field(default_factory=set)      # run_reference keys
    calls: set = field(default_factory=set)        # (args, kwargs) keys of calls to student code

    def add_call(self, call: Call) -> None:
        text = disk_cache.key_text([call.args, call.kwargs])
        if text is not None:
            self.calls.add(text)

    def has_calls(self, calls) -> bool:
        return all(disk_cache.key_text([c.args, c.kwargs]) in self.calls for c in calls)


# None: every answer may be kept (grading on the default inputs); a ``Shared``: only its own.
_shared: contextvars.ContextVar[Shared | None] = contextvars.ContextVar("shared_answers", default=None)
# While the default inputs are planned: collects what is asked, into a ``Shared``.
_collecting: contextvars.ContextVar[Shared | None] = contextvars.ContextVar("collecting", default=None)


def keeping_only(shared: Shared | None):
    """Inside ``with``: only ``shared``'s answers are written to disk (all, when None)."""
    return _Context(_shared, shared)


def collecting(shared: Shared):
    """Inside ``with``: every right answer asked for is added to ``shared``."""
    return _Context(_collecting, shared)


class _Context:
    def __init__(self, variable, value):
        self.variable, self.value = variable, value

    def __enter__(self):
        self.token = self.variable.set(self.value)
        return self.value

    def __exit__(self, *exc):
        self.variable.reset(self.token)


def _storing(key_text: str | None) -> bool:
    shared = _shared.get()
    return shared is None or key_text in shared.answers


def shown_call(called: Called | None, shown: str | None = None) -> str:
    if shown is not None:
        return shown
    if called is None:
        return "?"
    c = called.call
    return show_call(c.function, c.args, c.kwargs)


def shown_value(value) -> str:
    return show(value)
