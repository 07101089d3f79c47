"""One student's feedback page: their record, plus plots, rendered as HTML."""

from __future__ import annotations

import logging
import re
import textwrap
from dataclasses import dataclass, field
from datetime import datetime

from autograder.course import ASSIGNMENTS, exercise_functions
from autograder.feedback.collect import StudentValues
from autograder.feedback.plots.base import Plot, Unplottable
from autograder.results import GradeResult, Outcome, label
from autograder.pages.figures import new_figure, to_data_uri
from autograder.grade.hints import mistake_hint
from autograder.pages.render import render

log = logging.getLogger(__name__)

# An exercise's state sums up its tests; only "partly right" is its own word.
PARTIAL = "partial"
STATE_LABELS = {Outcome.PASSED: label(Outcome.PASSED), PARTIAL: "Partly right", Outcome.FAILED: "Not yet right",
                Outcome.NOT_ATTEMPTED: label(Outcome.NOT_ATTEMPTED)}


@dataclass
class PlotView:
    title: str
    image: str          # data: URI of a PNG
    caption: str
    note: str = ""      # why the student's curve is absent, if it is


@dataclass
class TestView:
    title: str
    score: float
    max_score: float
    outcome: str
    badge: str          # the outcome, or with none the test's status
    label: str
    output: str
    mistake: str
    hint: str


@dataclass
class ExerciseView:
    function: str
    name: str           # "gradient_descent.minimize"
    score: float
    max_score: float
    state: str          # "passed", "partial", "failed" or "not_attempted"
    tests: list[TestView] = field(default_factory=list)
    plots: list[PlotView] = field(default_factory=list)

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]

    @property
    def mistakes(self) -> list[TestView]:
        return [t for t in self.tests if t.mistake]


def draw(plot: Plot, student: StudentValues) -> PlotView:
    """The plot with the student's values, or the reference alone and a note."""
    reference = plot.reference()
    note = student.note
    if student.values is not None:
        fig = new_figure(*plot.size)
        try:
            caption = plot.draw(fig, student.values, reference)
            return PlotView(plot.title, to_data_uri(fig), caption)
        except Unplottable as exc:
            note = f"Your result could not be drawn: {exc}."
        except Exception as exc:  # values are the student's: odd data must not sink the page
            log.warning("plot %s failed on a student's values: %r", plot.key, exc)
            note = "Your result could not be drawn (its values are not plottable)."
    fig = new_figure(*plot.size)
    caption = plot.draw(fig, None, reference)
    return PlotView(plot.title, to_data_uri(fig), caption, note)


def exercises(result: GradeResult, assignment: str, plots: dict[str, list[PlotView]]) -> list[ExerciseView]:
    """Tests grouped by exercise function, in the problem set's order."""
    views: dict[str, ExerciseView] = {}
    module = ASSIGNMENTS.get(assignment, "")
    for function in exercise_functions(assignment) if assignment in ASSIGNMENTS else ():
        views[function] = ExerciseView(function, f"{module}.{function}", 0.0, 0.0, Outcome.FAILED)
    for t in result.tests:
        view = views.setdefault(t.function, ExerciseView(t.function, f"{t.module}.{t.function}", 0.0, 0.0,
                                                            Outcome.FAILED))
        view.score += t.score
        view.max_score += t.max_score
        hint = mistake_hint(t.mistake, view.name) if t.mistake else ""
        view.tests.append(TestView(t.title, t.score, t.max_score, t.outcome, t.outcome or t.status,
                                   label(t.outcome or t.status), t.output, t.mistake, hint))
    for function, view in views.items():
        view.plots = plots.get(function, [])
        if view.tests and all(t.outcome == Outcome.NOT_ATTEMPTED for t in view.tests):
            view.state = Outcome.NOT_ATTEMPTED
        elif view.tests and view.score >= view.max_score:
            view.state = Outcome.PASSED
        elif view.score > 0:
            view.state = PARTIAL
    return [v for v in views.values() if v.tests or v.plots]


_SCORE_LINE = re.compile(r"^\S+: [-\d.e+]+ / [-\d.e+]+$")


def grader_notes(output: str) -> str:
    """The submission-level messages, less the score lines the page already shows."""
    lines = [line for line in output.splitlines() if not _SCORE_LINE.match(line.strip())]
    return textwrap.dedent("\n".join(lines)).strip()


def _distinct_mistakes(views: list[ExerciseView]) -> list[tuple[ExerciseView, TestView, list[str]]]:
    """Each mistake once per exercise, with the titles of the tests that showed it."""
    found: dict[tuple[str, str], tuple[ExerciseView, TestView, list[str]]] = {}
    for view in views:
        for test in view.mistakes:
            found.setdefault((view.function, test.mistake), (view, test, []))[2].append(test.title)
    return list(found.values())


def render_page(student: str, assignment: str, result: GradeResult, plots: dict[str, list[PlotView]]) -> str:
    views = exercises(result, assignment, plots)
    return render(
        "feedback", "feedback.html.j2",
        student=student,
        assignment=assignment,
        result=result,
        percent=100 * result.score / result.max_score if result.max_score else 0.0,
        exercises=views,
        mistakes=_distinct_mistakes(views),
        notes=grader_notes(result.output),
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
    )
