"""One assignment's class report: records + roster -> HTML page and CSV files."""

from __future__ import annotations

import statistics
from datetime import datetime
from pathlib import Path

from autograder.report.by_test import failures_by_test, write_failures_csv
from autograder.report.classwise import classwise
from autograder.report.charts import pass_rate_chart, score_histogram
from autograder.pages.render import render
from autograder.results.record import load_records
from autograder.report.roster import load_roster
from autograder.report.summary import ClassSummary, summarise
from autograder.report.tables import write_tables


def class_summary(course_dir: Path, assignment: str, db_url: str | None = None) -> tuple[ClassSummary, dict]:
    """The summary, and the students whose records could not be read (with why)."""
    records = load_records(course_dir, assignment)
    with_records = sorted(set(records.by_student) | set(records.unreadable))
    roster = load_roster(course_dir, assignment, db_url, with_records)
    return summarise(records, roster), records.unreadable


def write_report(course_dir: Path, assignment: str, out_dir: Path, db_url: str | None = None) -> list[Path]:
    """Write ``out_dir/report.html`` and the CSV files; return their paths."""
    summary, unreadable = class_summary(course_dir, assignment, db_url)
    out_dir.mkdir(parents=True, exist_ok=True)
    csv_paths = write_tables(summary, out_dir)
    by_test = failures_by_test(load_records(course_dir, assignment), [e.exercise for e in summary.exercises])
    csv_paths.append(write_failures_csv(by_test, out_dir))
    cw = classwise(course_dir, assignment, out_dir)
    csv_paths += cw.csv_paths
    percents = [row.percent for row in summary.students if row.percent is not None]
    page = render(
        "report", "report.html.j2",
        s=summary,
        unreadable=unreadable,
        generated=datetime.now().strftime("%Y-%m-%d %H:%M"),
        csv_files=[p.name for p in csv_paths],
        mean=statistics.fmean(percents) if percents else None,
        median=statistics.median(percents) if percents else None,
        late_count=sum(1 for row in summary.students if row.late),
        has_gradebook_scores=any(row.gradebook_score is not None for row in summary.students),
        histogram=score_histogram(summary),
        pass_rates=pass_rate_chart(summary),
        by_test=by_test,
        cw=cw,
    )
    html_path = out_dir / "report.html"
    html_path.write_text(page, encoding="utf-8")
    return [html_path, *csv_paths]
