"""From a submission to a grade: the whole path, in one place.

    submission (folder / notebook / .py)
      -> submission.load()          read files, pick the assignment; runs nothing   [trusted]
      -> whose_inputs(student)      the key the random hidden inputs are drawn with: [trusted]
                                    the student's, and the code they handed in
      -> session.run(...)           pytest runs the hidden tests                     [trusted]
                                    (autograder/hidden_tests/test_<module>.py):
         plan                         each test called once with placeholders: the calls it makes
         Sandbox.run(program, plan)   student code runs in an isolated child process [UNTRUSTED]
                                      and only plain data comes back
         replay                       each test compares the answers with the
                                      reference and SymPy (grade/plugin.py)
      -> second round               functions that failed while a helper failed,     [trusted]
                                    graded again with the grader's stand-ins for it
                                    (one that ran out of time: under a quarter of the limit)
      -> localise                   where a wrong gradient is wrong
      -> GradeResult                Gradescope JSON, gradebook rows, feedback

Everything in this file runs in the grader's own process; the only place
student code executes is inside ``Sandbox.run``.
"""

from __future__ import annotations

import hashlib
import re
import time
from dataclasses import replace
from pathlib import Path

from autograder.checks import localise
from autograder.checks.fingerprint import fingerprints
from autograder.grade import session, standins
from autograder.course import ASSIGNMENTS, exercise_functions
from autograder.grade.notebook_code import module_from_cells
from autograder.results import GradeResult, TestResult, combine
from autograder.grade.submission import Part, code_problem, load
from autograder.grade.unparsed import syntax_errors
from autograder.sandbox import Sandbox
from autograder.sandbox.protocol import FunctionRun, Limits, Program, SandboxReport


# Each test's word when nothing gradable was handed in; the submission's output says what was found.
NOT_SUBMITTED = "Not submitted: no notebook or .py file was found."
# A function that ran out of time is graded again, with stand-ins for its helpers, under this
# fraction of the time limit (see ``Grader._second_look``).
SECOND_LOOK = 4


class Grader:
    """Grades submissions one after another with one warm sandbox."""

    def __init__(self, limits: Limits | None = None, sandbox: Sandbox | None = None):
        """``sandbox``: one to use instead of starting one of its own."""
        self.limits = limits or Limits()
        self._given = sandbox
        self._sandbox: Sandbox | None = None

    def __enter__(self) -> "Grader":
        self._sandbox = self._given or Sandbox(limits=self.limits)
        self._sandbox.start(wait=False)
        return self

    def prepare(self, assignments=()) -> None:
        """Build these assignments' hidden tests while the sandbox starts, and
        wait for it (``SandboxError`` if it cannot start)."""
        for assignment in assignments:
            session.warm(assignment)
        if self._sandbox is not None:
            self._sandbox.start()

    def __exit__(self, *exc) -> None:
        if self._sandbox is not None:
            self._sandbox.__exit__(*exc)
            self._sandbox = None

    def grade_path(self, path: Path, assignment: str | None = None, student: str | None = None) -> GradeResult:
        """Grade a folder, notebook or .py file (``SubmissionError`` if unreadable)
        on ``student``'s hidden inputs (None: the default ones)."""
        start = time.monotonic()
        results = [self._grade_part(part, student) for part in load(Path(path), assignment)]
        return combine(results, time.monotonic() - start)

    def grade_cells(self, cells: list[str], assignment: str, student: str | None = None) -> GradeResult:
        """Grade notebook code given as cell sources (used inside nbgrader's kernel)."""
        start = time.monotonic()
        too_big = code_problem("The notebook", cells)
        if too_big:
            part = Part(assignment, problem=too_big)
        else:
            text = module_from_cells(cells, frozenset(exercise_functions(assignment)))
            module = ASSIGNMENTS[assignment]
            part = Part(assignment, program=Program({module: text.source}, module), notes=text.problems,
                        notebook=text)
        return combine([self._grade_part(part, student)], time.monotonic() - start)

    def _grade_part(self, part: Part, student: str | None = None) -> GradeResult:
        whose = whose_inputs(student, part)
        if part.program is None:
            hidden = session.run(part.assignment, self.runner(part), whose)
            _name_cells_in_tests(hidden.tests, part)
            return self._result(part, hidden, hidden.tests)
        handed_in = None if part.notebook is not None else set(part.program.modules)
        first = standins.first_round(part.assignment, handed_in)
        hidden = session.run(part.assignment, self.runner(part, first), whose)
        tests = hidden.tests
        _name_cells_in_tests(tests, part)
        doubtful = standins.doubtful_helpers(part.assignment, hidden.uses, tests, first)
        tests = self._second_round(part, hidden, whose, first, doubtful)
        self._localise(part, hidden, tests, first.for_functions(doubtful))
        supplied = standins.supplied_note(part.assignment, first, hidden.report.defined, part.notebook is not None)
        if supplied:
            part.notes.append(supplied)
        return self._result(part, hidden, tests)

    def _result(self, part: Part, hidden: "session.HiddenRun", tests: list[TestResult]) -> GradeResult:
        return GradeResult(part.assignment, tests, output=_summary(part, hidden.report, tests),
                           warnings=list(part.warnings), isolation=hidden.report.isolation,
                           answers=fingerprints(hidden, tests))

    def runner(self, part: Part, stand_ins: standins.Plan | None = None, limits: Limits | None = None):
        """``runner(plan) -> SandboxReport``: the part's code run on a plan of calls, with the
        reasons a function could not run said as the student can act on them."""
        functions = exercise_functions(part.assignment)
        if part.nothing_handed_in:
            return lambda plan: SandboxReport(functions={
                f: FunctionRun(f, "not_submitted", detail=NOT_SUBMITTED) for f in functions})
        if part.program is None:
            return lambda plan: SandboxReport(functions={
                f: FunctionRun(f, "not_loaded", detail=part.problem) for f in functions})

        def run(plan):
            report = self._run(part.program, plan, limits, stand_ins=stand_ins)
            _explain_unavailable(report, part)
            return report
        return run

    def _localise(self, part: Part, hidden, tests: list[TestResult], stand_ins: standins.Plan) -> None:
        """Probes only where a gradient still fails once both rounds are done: where in it the mistake
        is, with the grader's stand-ins for its doubtful helpers, so a helper's mistake does not blur it."""
        def run(probes):
            return self._run(part.program, probes, stand_ins=stand_ins.for_functions(
                {f: helpers for f, helpers in stand_ins.functions.items() if f in probes}))
        localise.explain(hidden.logs, tests, run)

    def _second_round(self, part: Part, hidden, whose, first: standins.Plan, doubtful: dict[str, list[str]]):
        """Functions that lost points while a helper failed (``doubtful``): graded again with stand-ins."""
        tests = hidden.tests
        own_failed = {t.function for t in tests if t.outcome != "passed"}
        notes = []
        functions = exercise_functions(part.assignment)
        for layer in standins.layers(doubtful, functions):
            again = first.for_functions(layer)
            retests = []
            for group, limits in self._second_look(layer, hidden.report):
                retests += session.run(part.assignment, self.runner(part, again, limits), whose,
                                       functions=group).tests
            _name_cells_in_tests(retests, part)
            tests = standins.keep_better(tests, [t for t in retests if t.function in layer], layer, again,
                                         own_failed, notes)
        order = {f: i for i, f in enumerate(functions)}
        part.notes.extend(sorted(notes, key=lambda line: order.get(line.split(" ", 1)[0], 0)))
        return tests

    def _second_look(self, layer: dict, report: SandboxReport) -> list[tuple[set, Limits | None]]:
        """The layer's functions in at most two runs: those that ran out of time in the first
        round get a quarter of the time limit.

        With the grader's stand-ins answering their helpers (time spent waiting for an answer
        is given back), a function that is right needs a small part of its limit; one that
        loops by itself would otherwise cost the whole limit a second time, for nothing.
        """
        looped = {f for f in layer if getattr(report.functions.get(f), "status", "") == "timeout"}
        short = replace(self.limits, seconds_per_function=self.limits.seconds_per_function / SECOND_LOOK)
        groups = [(set(layer) - looped, None), (looped, short)]
        return [(functions, limits) for functions, limits in groups if functions]

    def _run(self, program: Program, plan, limits: Limits | None = None,
             stand_ins: standins.Plan | None = None) -> SandboxReport:
        options = {"standins": stand_ins.request(), "answer": stand_ins.answer} if stand_ins else {}
        if self._sandbox is None:
            with Sandbox(limits=self.limits) as sandbox:
                return sandbox.run(program, plan, limits, **options)
        return self._sandbox.run(program, plan, limits, **options)

    def run_program(self, program: Program, plan, limits: Limits | None = None) -> SandboxReport:
        """Run a program that is not graded in this grader's sandbox: a
        notebook's cells, for the outputs a human grades (``batch/outputs.py``)."""
        return self._run(program, plan, limits)


def grade_path(path: Path, assignment: str | None = None, limits: Limits | None = None,
               student: str | None = None) -> GradeResult:
    with Grader(limits) as grader:
        return grader.grade_path(path, assignment, student)


def _summary(part: Part, report: SandboxReport, tests: list[TestResult]) -> str:
    """Submission-level messages: what could not be loaded, and where."""
    if part.nothing_handed_in:
        return part.problem  # the same for every assignment: said once (see results.combine)
    lines = []
    earned = sum(t.score for t in tests)
    total = sum(t.max_score for t in tests)
    lines.append(f"{part.assignment}: {earned:g} / {total:g}")
    for warning in part.warnings:
        lines.append(f"  {warning}")
    if part.problem:
        lines.append(f"  Your submission could not be graded: {part.problem}")
    for note in part.notes:
        lines.append(f"  {note}")
    for error in report.load_errors:
        line = f"  While loading your code: {_name_cell(error, part)}"
        if "loading stopped" in error:
            line += (" (code outside your functions runs when your work is loaded: look for a slow "
                     "statement at the top level of " + ("a cell" if part.notebook is not None else "the file")
                     + ", such as a long training run)")
        if line not in lines:
            lines.append(line)
    if report.output.strip():
        lines.append("  Your code printed (cut):\n" + _indent(report.output[:2000]))
    return "\n".join(lines)


def _name_cell(error: str, part: Part) -> str:
    """Replace 'line N' of the joined notebook code by 'cell In [7], line L',
    and name the file of a .py submission."""
    if part.notebook is None:
        return re.sub(r"^line (\d+)", lambda m: _where(int(m.group(1)), part), error, count=1)
    return re.sub(r"\bline (\d+)", lambda m: part.notebook.where(int(m.group(1))), error, count=1)


def _explain_unavailable(report: SandboxReport, part: Part) -> None:
    """A function that a syntax error kept from being defined is reported as
    that, with where to look, instead of as never written; a program that did
    not load says why in each test, not only in the submission's output."""
    if report.load_errors:
        why = _name_cell(report.load_errors[-1], part)
        for function, run in report.functions.items():
            if run.status == "not_loaded":
                report.functions[function] = FunctionRun(function, "not_loaded", detail=why)
    missing = [f for f, run in report.functions.items() if run.status == "missing"]
    if not missing:
        return
    errors = syntax_errors(part.program.modules.get(part.program.main, ""))
    for function in missing:
        if function not in errors:
            report.functions[function] = FunctionRun(function, "missing",
                                                     detail=_close_name(function, report))
        else:
            line, message = errors[function]
            report.functions[function] = FunctionRun(function, "not_defined", detail=(
                f"Syntax error: {function} could not be defined because of a syntax error: "
                f"{message} ({_where(line, part)}). Fix that line (or the one just before it)"
                + (", then run the cell again." if part.notebook is not None else ".")))


def _close_name(function: str, report: SandboxReport) -> str:
    """The sandbox's 'did you mean' as a sentence, or a name that differs only
    in case (which its suggestion does not catch)."""
    detail = report.functions[function].detail.strip()
    if detail:
        return detail[0].upper() + detail[1:]
    same = [name for name in report.defined if name.lower() == function.lower()]
    if same:
        return f"Did you mean {same[0]!r}? Python names are case-sensitive: the function must be called {function!r}."
    return ""


def _where(line: int, part: Part) -> str:
    """Where a line of the graded source is, as the student can find it."""
    if part.notebook is not None:
        return part.notebook.where(line)
    main = part.program.main if part.program else ""
    origin = part.program.origin.get(main, f"{main}.py") if part.program else ""
    return f"{origin}, line {line}" if origin else f"line {line}"


def _name_cells_in_tests(tests: list[TestResult], part: Part) -> None:
    """An error raised inside a call names a line of the graded code, '(line 85)':
    for a notebook a line of the joined cells, which the student cannot find,
    so name the cell; for .py files name the file."""
    if part.program is None:
        return
    raised = re.compile(r"^(It raised .*)\(line (\d+)\)$", re.M)
    for test in tests:
        test.output = raised.sub(lambda m: f"{m[1]}({_where(int(m[2]), part)})", test.output)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())


def whose_inputs(student: str | None, part: Part) -> str | None:
    """The id the random hidden inputs are drawn for: the student's, and the code they handed in.

    A failing test shows its input and expected value.  With the same inputs
    on every resubmission, a student could collect their own expected values
    one failing call at a time and hand in a table; with the program's text
    in the key, any change of the code draws new inputs.  Grading the same
    code again draws the same ones, so regrading stays idempotent, and every
    path (grade, batch, the nbgrader hook, Gradescope) reads the same code.
    """
    if not student or part.program is None:
        return student
    digest = hashlib.sha256()
    for name, source in sorted(part.program.modules.items()):
        digest.update(name.encode() + b"\0" + source.encode("utf-8", "surrogatepass") + b"\0")
    return f"{student}\0{digest.hexdigest()[:32]}"
