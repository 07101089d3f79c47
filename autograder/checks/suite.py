"""An assignment's hidden tests: the plan to run, and the verdict on a report.

``plan()`` lists every call, grouped by exercise function, in the order of
the checks (cheap ones first, so that a function which later runs out of
time still earns what it got right).  ``judge(report)`` turns the sandbox's
plain-data report into one ``TestResult`` per check.
"""

from __future__ import annotations

import numpy as np

from autograder.checks import disk_cache
from autograder.checks.callables import materialize
from autograder.checks.check import Check, InputsCheck, Problem
from autograder.checks.compare import same_answer
from autograder.checks.mistakes import Mistake, catalogue
from autograder.checks.show import show, show_call
from autograder.results import TestResult
from autograder.sandbox.protocol import CallOutcome, FunctionRun, SandboxReport

STOPPED = {
    "timeout": ("timeout", "Timed out: {f} was stopped after running too long (an endless loop?)"),
    "memory": ("memory", "Out of memory: {f} used more memory than allowed"),
    "crashed": ("crashed", "Crashed: the process running {f} died"),
}

# Statuses the grader sets itself before judging, each with the test outcome it
# gives; the run's detail is then the whole message.
GRADER_STATUSES = {
    "not_defined": "error",            # a syntax error kept the function from being defined
    "not_submitted": "not_attempted",  # nothing gradable was handed in
}


class Suite:
    def __init__(self, assignment: str, module: str, functions: tuple[str, ...],
                 checks: list[Check], uses: dict[str, tuple[str, ...]] | None = None, per_student: bool = False):
        self.assignment, self.module, self.functions = assignment, module, functions
        self.per_student = per_student   # one student's inputs: what mistakes return on them stays in memory
        self.checks = checks
        self.uses = uses or {}
        self.points = {f: sum(c.points for c in checks if c.function == f) for f in functions}
        self._plan: dict[str, list] = {f: [] for f in functions}
        self._slices: list[tuple[int, int]] = []
        for check in checks:
            calls = self._plan[check.function]
            self._slices.append((len(calls), len(calls) + len(check.calls)))
            calls.extend(check.calls)
        self._mistakes = catalogue(module)
        self._guarded = {c.function for c in checks if isinstance(c, InputsCheck)}

    def plan(self) -> dict[str, list]:
        return {f: list(calls) for f, calls in self._plan.items()}

    def judge(self, report: SandboxReport) -> list[TestResult]:
        results = []
        for check, (start, stop) in zip(self.checks, self._slices):
            run = report.functions.get(check.function) or _absent(check.function, report)
            if isinstance(check, InputsCheck):
                result = self._judge_inputs(check, run, results)
            else:
                result = self._judge(check, run, start, stop)
            results.append(result)
        return results

    # ------------------------------------------------------------ one check

    def _result(self, check: Check, outcome: str, output: str, score: float = 0.0, mistake: str = ""):
        return TestResult(self.module, check.function, check.title, score, check.points,
                          output=output, outcome=outcome, mistake=mistake)

    def _judge(self, check: Check, run: FunctionRun, start: int, stop: int) -> TestResult:
        unavailable = _unavailable(run)
        if unavailable:
            return self._result(check, *unavailable)
        outcomes = run.calls[start:stop]
        if len(outcomes) < stop - start:
            outcome, text = STOPPED.get(run.status, ("error", "No result: {f} stopped early"))
            missing = len(outcomes)
            detail = f" ({_first_line(run.detail)})" if run.detail else ""
            return self._result(check, outcome, text.format(f=check.function) + detail
                                + f" while running {check.shown_call(missing)}.")
        if any(o.status == "not_implemented" for o in outcomes):
            return self._result(check, "not_attempted",
                                f"Not attempted: {check.function} raised NotImplementedError "
                                f"(the exercise stub is still in place, or a function it calls is).")
        for i, o in enumerate(outcomes):
            if o.status != "ok":
                error = o.error or "an error"
                error = error if len(error) <= 800 else error[:796] + " ..."
                return self._result(check, "error", f"Called:   {check.shown_call(i)}\nIt raised {error}")
        values = [o.value for o in outcomes]
        try:
            problem = check.find_problem(values)
        except Exception as exc:  # a value the comparison cannot digest is still a wrong answer
            problem = Problem(0, f"the returned value could not be compared ({type(exc).__name__})")
        extra = self._notes(check, outcomes, problem is None)
        if problem is None:
            text = f"Passed: all {len(values)} calls gave the right answer." if len(values) > 1 else "Passed."
            return self._result(check, "passed", _join(text, extra), score=check.points)
        mistake = self._known_mistake(check, values) if check.name_mistakes else None
        lines = []
        if mistake:
            lines.append(f"This looks like a known mistake: {mistake.name}. {mistake.hint}")
        lines.append(f"Called:   {check.shown_call(problem.index)}")
        expected = check.expected_text(problem)
        if expected is not None:
            source = f" ({check.expected_from})" if check.expected_from else ""
            lines.append(f"Expected{source}: {expected}")
        lines.append(f"Got:      {show(values[problem.index])}")
        lines.append(f"Why:      {problem.why}")
        if len(values) > 1:
            lines.append(f"(the first wrong call of {len(values)} is shown)")
        return self._result(check, "incorrect", _join("\n".join(lines), extra),
                            mistake=mistake.name if mistake else "")

    def _judge_inputs(self, check: InputsCheck, run: FunctionRun, earlier: list[TestResult]) -> TestResult:
        unavailable = _unavailable(run)
        if unavailable:
            return self._result(check, *unavailable)
        if run.status in STOPPED and not run.calls:
            outcome, text = STOPPED[run.status]
            return self._result(check, outcome, text.format(f=check.function) + " before any call finished.")
        returned = [o for o in run.calls if o.status == "ok"]
        if run.calls and all(o.status == "not_implemented" for o in run.calls):
            return self._result(check, "not_attempted", f"Not attempted: {check.function} raised NotImplementedError.")
        changed = [(i, o) for i, o in enumerate(run.calls) if o.mutated]
        if changed:
            i, o = changed[0]
            plan = self._plan[check.function]
            where = show_call(plan[i].function, plan[i].args, plan[i].kwargs) if i < len(plan) else "?"
            text = (f"{check.function} changed {_arguments(o.mutated)} "
                    f"(in {len(changed)} of {len(run.calls)} calls), e.g. when called as {where}. "
                    "Functions must leave the arrays they are given unchanged, bit for bit. " + check.advice)
            return self._result(check, "incorrect", text.strip())
        own = [r for r in earlier if r.function == check.function]
        if not returned or not any(r.outcome == "passed" for r in own):
            return self._result(check, "incorrect",
                                f"Not credited yet: this is checked once {check.function} returns a right "
                                "answer in at least one of its other tests.")
        return self._result(check, "passed", f"Passed: none of the {len(returned)} calls changed its inputs.",
                            score=check.points)

    def _notes(self, check: Check, outcomes: list[CallOutcome], passed: bool) -> str:
        notes = []
        try:
            notes.append(check.note(outcomes, passed) if check.note else "")
        except Exception:  # a note is a courtesy; an odd value must not stop the verdict
            pass
        changed = [(i, o) for i, o in enumerate(outcomes) if o.mutated]
        if changed and check.function not in self._guarded:
            i, o = changed[0]
            notes.append(f"Note: {check.shown_call(i)} changed {_arguments(o.mutated)}. "
                         "Functions should leave their inputs unchanged (no points are taken for it here).")
        return "\n".join(n for n in notes if n)

    # ------------------------------------------------------------ mistakes

    def _known_mistake(self, check: Check, values: list) -> Mistake | None:
        for mistake in self._mistakes.get(check.function, ()):
            wrong = self._wrong_outputs(check, mistake)
            if wrong and all(same_answer(v, w) for v, w in zip(values, wrong)):
                return mistake
        return None

    def _wrong_outputs(self, check: Check, mistake: Mistake) -> list:
        """What the mistaken version returns on the check's calls ([] if it raises)."""
        wrong = check.wrong_outputs.get(mistake.name)
        if wrong is None:
            # The calls themselves are in the key: a student's suite has the same titles on other inputs.
            calls = [[c.args, c.kwargs] for c in check.calls]
            key = [self.module, check.function, check.title, calls, mistake.name]
            with disk_cache.kept_only(self.per_student):
                wrong = check.wrong_outputs[mistake.name] = disk_cache.remembered(
                    "mistakes", key, lambda: _run_wrong(mistake, check))
        return wrong

    def precompute(self) -> int:
        """Every known mistake's outputs, ahead of any submission (they are kept
        on disk, so later processes read them); returns how many."""
        count = 0
        for check in self.checks:
            if check.name_mistakes and not isinstance(check, InputsCheck):
                for mistake in self._mistakes.get(check.function, ()):
                    self._wrong_outputs(check, mistake)
                    count += 1
        return count

def _run_wrong(mistake: Mistake, check: Check) -> list:
    outputs = []
    for c in check.calls:
        try:
            with np.errstate(all="ignore"):
                outputs.append(mistake.wrong(*materialize(c.args), **materialize(c.kwargs)))
        except Exception:
            return []
    return outputs


def _unavailable(run: FunctionRun) -> tuple[str, str] | None:
    """(outcome, output) when the function could not be run at all."""
    f, detail = run.function, _first_line(run.detail)
    if run.status == "missing":
        hint = f" {detail}" if detail else ""
        return "not_attempted", f"Not attempted: no function named '{f}' was found.{hint}"
    if run.status == "not_callable":
        return "error", f"'{f}' is defined but is not a function" + (f" ({detail})." if detail else ".")
    if run.status in GRADER_STATUSES:
        return GRADER_STATUSES[run.status], run.detail
    if run.status == "not_loaded":
        return "error", "Not graded: the code could not be loaded" + (f": {detail}" if detail else ".")
    return None


def _absent(function: str, report: SandboxReport) -> FunctionRun:
    if report.load_errors:
        return FunctionRun(function, "not_loaded", detail=report.load_errors[0])
    return FunctionRun(function, "missing")


def _arguments(labels) -> str:
    """The sandbox labels a changed argument by its parameter name (or position)."""
    names = [f"argument {x}" if str(x).isdigit() else f"its argument {x}" for x in labels]
    return " and ".join(names) if len(names) < 3 else ", ".join(names)


def _first_line(text: str, cap: int = 300) -> str:
    """Reasons are one line: the first line of a detail, cut to length."""
    line = (text or "").strip().splitlines()[0] if (text or "").strip() else ""
    return line if len(line) <= cap else line[: cap - 4] + " ..."


def _join(text: str, extra: str) -> str:
    return f"{text}\n{extra}" if extra else text
