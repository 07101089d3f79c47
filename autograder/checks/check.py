"""One hidden test: the calls it makes and how it decides.

A ``Check`` owns a few calls of one exercise function.  Either every call
has an ``Expect`` (the common case: compare with a right answer), or the
check brings its own ``verify`` over all its returned values (properties
such as "costs decrease").  ``InputsCheck`` is the one kind that makes no
calls of its own: it reads whether any call of its function changed an input.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from autograder.checks import disk_cache
from autograder.checks.callables import materialize
from autograder.checks.compare import Expect, like
from autograder.checks.show import show_call
from autograder.checks.tolerances import FORMULA, Tolerance
from autograder.sandbox.protocol import Call, CallOutcome


@dataclass(frozen=True)
class Problem:
    index: int                    # which of the check's calls
    why: str
    expected: str | None = None   # what to show as expected, when no Expect says it


@dataclass(eq=False)
class Check:
    function: str
    title: str
    points: float
    calls: list[Call] = field(default_factory=list)
    expects: list[Expect] | None = None
    verify: Callable[[list], Problem | None] | None = None
    shows: list[str] | None = None
    expected_from: str = ""       # e.g. "SymPy's gradient of the cost"; empty: the right answer
    note: Callable[[list[CallOutcome], bool], str] | None = None   # (outcomes, passed) -> extra feedback
    name_mistakes: bool = True    # False where running every known mistake would cost seconds
    wrong_outputs: dict = field(default_factory=dict, repr=False)   # mistake name -> outputs (cache)
    # The sentences of the function's student docstring that state what this
    # check holds the student to (course/docstrings.toml); a check that
    # states nothing is not allowed (tests/build/test_docstrings.py).
    states: tuple[str, ...] = ()

    def find_problem(self, values: list) -> Problem | None:
        if self.verify is not None:
            return self.verify(values)
        for i, (expect, got) in enumerate(zip(self.expects, values)):
            why = expect.problem(got)
            if why:
                return Problem(i, why)
        return None

    def shown_call(self, i: int) -> str:
        if self.shows is not None:
            return self.shows[i]
        c = self.calls[i]
        return show_call(c.function, c.args, c.kwargs)

    def expected_text(self, problem: Problem) -> str | None:
        if problem.expected is not None:
            return problem.expected
        if self.expects is not None:
            return self.expects[problem.index].shown()
        return None


@dataclass(eq=False)
class InputsCheck(Check):
    """Passes when no call of the function changed its arguments (bit for bit)."""

    advice: str = ""


def call(function: str, *args, **kwargs) -> Call:
    """A planned call; its arrays are frozen so no trusted code can change them by accident."""
    for value in (*args, *kwargs.values()):
        _freeze(value)
    return Call(function, tuple(args), dict(kwargs))


def _freeze(value):
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _freeze(v)


def run_reference(fn, c: Call):
    """The reference's answer for one call, on private copies of the arguments.

    Answers are kept on disk (``disk_cache``: training runs cost most of a
    suite's build) and in this process (some checks ask again while
    judging), the most recent ``MEMO_SIZE`` of them, since every student's
    inputs add their own; the arrays of a kept answer are read-only, as it
    is shared.
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
    if memo_key in _answers:
        _answers.move_to_end(memo_key)
        return _answers[memo_key]
    answer = _answers[memo_key] = disk_cache.remembered("reference", key, compute)
    _freeze(answer)
    while len(_answers) > MEMO_SIZE:
        _answers.popitem(last=False)
    return answer


# A few students' suites, or every assignment's default one several times over.
MEMO_SIZE = 4096
_answers: OrderedDict[str, object] = OrderedDict()


def against_reference(function: str, title: str, points: float, calls: list[Call], reference,
                      tol: Tolerance = FORMULA, shows=None, m=None, what="entries", states=()) -> Check:
    """A check whose right answers are the reference solution's, computed now."""
    expects = []
    for c in calls:
        m_c = m(c) if callable(m) else m
        expects.append(like(run_reference(reference, c), tol.rtol, tol.atol, m_c, what))
    return Check(function, title, points, calls, expects=expects, shows=shows, states=tuple(states))


def against_values(function: str, title: str, points: float, calls: list[Call], values: list,
                   tol: Tolerance = FORMULA, shows=None, expected_from="", m=None, states=()) -> Check:
    """A check whose right answers come from elsewhere (SymPy, published figures)."""
    expects = [v if isinstance(v, Expect) else like(v, tol.rtol, tol.atol, m(c) if callable(m) else m)
               for v, c in zip(values, calls)]
    return Check(function, title, points, calls, expects=expects, shows=shows, expected_from=expected_from,
                 states=tuple(states))
