"""The class report's charts: score distribution and pass rate per exercise."""

from __future__ import annotations

import numpy as np

from autograder.pages.figures import FAILED, NEUTRAL, PASSED, new_figure, to_data_uri
from autograder.report.summary import ClassSummary


def score_histogram(summary: ClassSummary) -> str:
    """Totals of graded submissions, in percent of the assignment's maximum."""
    percents = [row.percent for row in summary.students if row.percent is not None]
    fig = new_figure(6.4, 3.2)
    ax = fig.add_subplot()
    bins = np.linspace(0, 100, 11)
    ax.hist(np.clip(percents, 0, 100), bins=bins, color=PASSED, edgecolor="white")
    ax.set_xlim(0, 100)
    ax.set_xticks(bins)
    ax.set_xlabel("score (% of maximum)")
    ax.set_ylabel("students")
    ax.yaxis.get_major_locator().set_params(integer=True)
    missing = summary.count("missing")
    note = f"{len(percents)} graded" + (f", {missing} missing (not shown)" if missing else "")
    ax.set_title(f"{summary.assignment}: score distribution ({note})", fontsize=10)
    return to_data_uri(fig)


def pass_rate_chart(summary: ClassSummary) -> str:
    """One bar per exercise: the share of graded submissions with full marks."""
    exercises = summary.exercises
    fig = new_figure(6.4, 0.45 * len(exercises) + 1.2)
    ax = fig.add_subplot()
    names = [e.exercise.split(".", 1)[-1] for e in exercises]
    rates = [100 * e.pass_rate for e in exercises]
    y = np.arange(len(exercises))
    colours = [PASSED if r >= 50 else FAILED for r in rates]
    ax.barh(y, [100] * len(y), color=NEUTRAL, alpha=0.15)
    ax.barh(y, rates, color=colours)
    for yi, e, r in zip(y, exercises, rates):
        ax.text(min(r, 100) + 1, yi, f"{e.passed}/{e.submissions}", va="center", fontsize=8)
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xticks(np.linspace(0, 100, 6))
    ax.set_xlabel("full marks (% of graded submissions)")
    ax.set_title(f"{summary.assignment}: pass rate per exercise", fontsize=10)
    return to_data_uri(fig)
