"""Feedback pages for a class: one HTML file per graded submission.

Scores and messages come from the autograder's record; only the plots need
the student's code again, run in the sandbox on a small plan of their own.
The page goes to ``feedback/<student>/<assignment>/autograder-feedback.html``,
beside the HTML that nbgrader's own feedback command writes.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from autograder.feedback.collect import Runner, collect, skip_reasons
from autograder.feedback.page import draw, render_page
from autograder.feedback.plots import plots_for
from autograder.results.record import Record, load_records
from autograder.results import Outcome
from autograder.sandbox.protocol import Limits, Program

PAGE_NAME = "autograder-feedback.html"
# Plot calls are few and small; a function that needs longer than this for
# them is shown without its curve rather than holding up the whole class.
FEEDBACK_LIMITS = Limits(seconds_per_function=5.0, seconds_to_load=20.0)


def page_path(course_dir: Path, student: str, assignment: str) -> Path:
    return Path(course_dir) / "feedback" / student / assignment / PAGE_NAME


def submission_folder(course_dir: Path, student: str, assignment: str) -> Path | None:
    """The student's own hand-in; the autograded copy if that is all there is."""
    for kind in ("submitted", "autograded"):
        folder = Path(course_dir) / kind / student / assignment
        if folder.is_dir():
            return folder
    return None


def load_program(course_dir: Path, student: str, assignment: str) -> tuple[Program | None, str]:
    """The student's Program (read, never run here), or why there is none."""
    from autograder.grade.submission import SubmissionError, load

    folder = submission_folder(course_dir, student, assignment)
    if folder is None:
        return None, "Your submitted files were not found, so your results cannot be plotted."
    try:
        parts = [p for p in load(folder, assignment) if p.assignment == assignment]
    except SubmissionError as exc:
        return None, f"Your submission could not be read: {exc}"
    if not parts or parts[0].program is None:
        return None, (parts[0].problem if parts else "") or "Your submission could not be loaded."
    return parts[0].program, ""


def build_page(course_dir: Path, record: Record, run: Runner) -> str:
    assignment = record.assignment
    plots = plots_for(assignment)
    outcomes: dict[str, set[str]] = defaultdict(set)
    for t in record.result.tests:
        outcomes[t.function].add(t.outcome)
    program, problem = load_program(course_dir, record.student, assignment) if plots else (None, "")
    # An exercise not attempted gets one line on the page: no reference-only plots.
    untouched = {f for f, seen in outcomes.items() if seen and seen <= {Outcome.NOT_ATTEMPTED}}
    plots = [plot for plot in plots if plot.function not in untouched
             and (plot.shown_if is None or plot.shown_if(outcomes))]
    values = collect(plots, program, problem, skip_reasons(outcomes), run)
    views = defaultdict(list)
    for plot in plots:
        views[plot.function].append(draw(plot, values[plot.key]))
    return render_page(record.student, assignment, record.result, views)


@dataclass
class Written:
    """What one feedback run wrote, and what it could not."""

    written: list[Path] = field(default_factory=list)
    unreadable: dict[str, str] = field(default_factory=dict)   # "student/assignment" -> why
    before_nbgrader: list[Path] = field(default_factory=list)  # folders nbgrader has not filled


def nbgrader_has_written(folder: Path) -> bool:
    """nbgrader's generate_feedback leaves the submission's timestamp.txt.

    It skips a feedback folder that exists without one, so a page written
    first would keep nbgrader's own feedback from ever being generated.
    """
    return (folder / "timestamp.txt").is_file()


def write_feedback(course_dir: Path, assignment: str, students: list[str] | None, run: Runner,
                   outcome: Written | None = None) -> Written:
    outcome = outcome or Written()
    records = load_records(course_dir, assignment, students)
    for student, why in records.unreadable.items():
        outcome.unreadable[f"{student}/{assignment}"] = why
    for student, record in sorted(records.by_student.items()):
        path = page_path(course_dir, student, assignment)
        if not nbgrader_has_written(path.parent):
            outcome.before_nbgrader.append(path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(build_page(course_dir, record, run), encoding="utf-8")
        outcome.written.append(path)
    return outcome


class LazySandbox:
    """A sandbox started on first use, so pages without plots never start one."""

    def __init__(self, limits: Limits = FEEDBACK_LIMITS):
        self.limits = limits
        self._sandbox = None

    def __enter__(self) -> "LazySandbox":
        return self

    def __exit__(self, *exc) -> None:
        if self._sandbox is not None:
            self._sandbox.__exit__(*exc)
            self._sandbox = None

    def run(self, program, plan):
        if self._sandbox is None:
            from autograder.sandbox import Sandbox

            self._sandbox = Sandbox(limits=self.limits).__enter__()
        # A module handed in alone imports earlier problem sets' functions: the grader supplies them.
        from autograder.course import MODULES
        from autograder.grade.standins import first_round

        supplied = first_round(MODULES[program.main], set(program.modules)) if program.main in MODULES else None
        if supplied:
            return self._sandbox.run(program, plan, standins=supplied.request(), answer=supplied.answer)
        return self._sandbox.run(program, plan)
