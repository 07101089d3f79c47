"""The grading path of the declarative engine the hidden tests were written in
before they became pytest tests (``autograder/checks/suite.py``), kept only to
prove that the pytest tests grade every submission the same way
(``test_grade_old_and_new.py``).  It leaves out what both paths share and
add after the verdict: where a gradient is wrong, and fingerprints.
"""

from __future__ import annotations

from autograder.checks import suite
from autograder.grade import pipeline, standins
from autograder.grade.pipeline import (FunctionRun, GradeResult, Grader, NOT_SUBMITTED, Part, SandboxReport,
                                       _explain_unavailable, _name_cells_in_tests, _summary, whose_inputs)


class LegacyGrader(Grader):
    def _grade_part(self, part: Part, student: str | None = None) -> GradeResult:
        tests_suite = suite(part.assignment, whose_inputs(student, part))
        if part.nothing_handed_in:
            report = SandboxReport(functions={f: FunctionRun(f, "not_submitted", detail=NOT_SUBMITTED)
                                              for f in tests_suite.functions})
        elif part.program is None:
            report = SandboxReport(functions={
                f: FunctionRun(f, "not_loaded", detail=part.problem) for f in tests_suite.functions})
        else:
            handed_in = None if part.notebook is not None else set(part.program.modules)
            first = standins.first_round(part.assignment, handed_in)
            plan = tests_suite.plan()
            report, tests = self._judged(part, tests_suite, plan, first)
            doubtful = standins.doubtful_helpers(part.assignment, tests_suite.uses, tests, first)
            own_failed = {t.function for t in tests if t.outcome != "passed"}
            notes = []
            for layer in standins.layers(doubtful, tests_suite.functions):
                again = first.for_functions(layer)
                _, retests = self._judged(part, tests_suite, {f: plan[f] for f in layer}, again)
                tests = standins.keep_better(tests, [t for t in retests if t.function in layer], layer, again,
                                             own_failed, notes)
            order = {f: i for i, f in enumerate(tests_suite.functions)}
            part.notes.extend(sorted(notes, key=lambda line: order.get(line.split(" ", 1)[0], 0)))
            supplied = standins.supplied_note(part.assignment, first, report.defined, part.notebook is not None)
            if supplied:
                part.notes.append(supplied)
            return GradeResult(part.assignment, tests, output=_summary(part, report, tests),
                               warnings=list(part.warnings), isolation=report.isolation)
        tests = tests_suite.judge(report)
        _name_cells_in_tests(tests, part)
        return GradeResult(part.assignment, tests, output=_summary(part, report, tests),
                           warnings=list(part.warnings), isolation=report.isolation)

    def _judged(self, part, tests_suite, plan, stand_ins):
        report = self._run(part.program, plan, stand_ins=stand_ins)
        _explain_unavailable(report, part)
        tests = tests_suite.judge(report)
        _name_cells_in_tests(tests, part)
        return report, tests


def differences(old: GradeResult, new: GradeResult) -> list[str]:
    """How two gradings of one submission differ: names, points, outcomes, mistakes, feedback
    (the new feedback may add where a gradient is wrong after the old text)."""
    out = []
    if [t.name for t in old.tests] != [t.name for t in new.tests]:
        return [f"tests differ: {[t.name for t in old.tests]} != {[t.name for t in new.tests]}"]
    for a, b in zip(old.tests, new.tests):
        for what in ("score", "max_score", "outcome", "mistake", "visibility"):
            if getattr(a, what) != getattr(b, what):
                out.append(f"{a.name}: {what} {getattr(a, what)!r} -> {getattr(b, what)!r}")
        if not b.output.startswith(a.output):
            out.append(f"{a.name}: feedback\n--- old\n{a.output}\n--- new\n{b.output}")
    if old.output != new.output:
        out.append(f"submission output\n--- old\n{old.output}\n--- new\n{new.output}")
    return out


__all__ = ["LegacyGrader", "differences", "pipeline"]
