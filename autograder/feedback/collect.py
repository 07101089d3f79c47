"""The student's values for the feedback plots, computed in the sandbox.

The plots' calls are gathered into one plan and run on the student's
``Program`` exactly as grading runs it: student code never executes in this
process, and only decoded plain data comes back.  Functions whose record
already says they cannot give values (untouched stubs, timeouts, crashes)
are not run again; the page explains why only the reference is shown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable

from autograder.feedback.plots.base import Plot
from autograder.results import STOPPED, Outcome
from autograder.sandbox.protocol import Call, FunctionRun, Program, SandboxReport

log = logging.getLogger(__name__)

Runner = Callable[[Program, dict[str, list[Call]]], SandboxReport]

# Outcomes of a function's tests that make running it again pointless.
SKIP_OUTCOMES = {
    Outcome.NOT_ATTEMPTED: "You have not attempted {f} yet, so only the reference is shown.",
    Outcome.TIMEOUT: "Your {f} ran out of time during grading, so it was not run again for this plot.",
    Outcome.MEMORY: "Your {f} ran out of memory during grading, so it was not run again for this plot.",
    Outcome.CRASHED: "Your {f} crashed the grader's process during grading, so it was not run again for this plot.",
}

_RUN_NOTES = {
    "missing": "No function named {f} was found in your submission.",
    "not_callable": "{f} in your submission is not a function.",
    "timeout": "Your {f} did not finish in time for this plot.",
    "memory": "Your {f} ran out of memory for this plot.",
    "crashed": "Your {f} crashed while running for this plot.",
    "not_loaded": "Your code could not be loaded, so {f} could not run.",
}


@dataclass
class StudentValues:
    values: list | None        # one decoded value per call of the plot, or None
    note: str = ""             # why there are no values, in words for the student


def skip_reasons(outcomes: dict[str, set[str]]) -> dict[str, str]:
    """function -> note, for functions not worth running (from the record's outcomes)."""
    reasons = {}
    for function, seen in outcomes.items():
        if seen and seen <= {Outcome.NOT_ATTEMPTED}:
            reasons[function] = SKIP_OUTCOMES[Outcome.NOT_ATTEMPTED].format(f=function)
        else:
            for outcome in STOPPED:
                if outcome in seen:
                    reasons[function] = SKIP_OUTCOMES[outcome].format(f=function)
                    break
    return reasons


def collect(plots: list[Plot], program: Program | None, problem: str, skip: dict[str, str],
            run: Runner) -> dict[str, StudentValues]:
    """Values of every plot's calls: one sandbox run for all plots together."""
    out: dict[str, StudentValues] = {}
    plan: dict[str, list[Call]] = {}
    where: dict[str, tuple[str, int]] = {}
    for plot in plots:
        if program is None:
            out[plot.key] = StudentValues(None, problem or "Your submission could not be loaded.")
        elif plot.function in skip:
            out[plot.key] = StudentValues(None, skip[plot.function])
        else:
            calls = plan.setdefault(plot.function, [])
            where[plot.key] = (plot.function, len(calls))
            calls.extend(plot.calls)
    if not plan:
        return out
    try:
        report = run(program, plan)
    except Exception as exc:  # the grader's own trouble: the page goes out without the curves
        log.warning("sandbox run for feedback plots failed: %r", exc)
        for key in where:
            out[key] = StudentValues(None, "Your results could not be computed for this plot this time.")
        return out
    for plot in plots:
        if plot.key in where:
            function, start = where[plot.key]
            out[plot.key] = _values(report, function, start, len(plot.calls))
    return out


def _values(report: SandboxReport, function: str, start: int, count: int) -> StudentValues:
    run: FunctionRun | None = report.functions.get(function)
    if run is None:
        if report.load_errors:
            return StudentValues(None, f"Your code could not be loaded: {report.load_errors[0]}")
        return StudentValues(None, f"{function} could not be run.")
    calls = run.calls[start:start + count]
    if len(calls) == count and all(c.status == "ok" for c in calls):
        return StudentValues([c.value for c in calls])
    for c in calls:
        if c.status == "not_implemented":
            return StudentValues(None, SKIP_OUTCOMES[Outcome.NOT_ATTEMPTED].format(f=function))
        if c.status != "ok":
            return StudentValues(None, f"Your {function} raised {c.error or 'an error'} on this plot's input.")
    note = _RUN_NOTES.get(run.status, "Your {f} gave no result for this plot.").format(f=function)
    if run.detail:
        note += f" ({run.detail})"
    return StudentValues(None, note)
