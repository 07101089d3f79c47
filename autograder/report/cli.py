"""``python -m autograder report``: the class report per assignment.

Writes ``<out>/<assignment>/report.html`` and CSV files from the autograder's
records in ``autograded/`` and, when there is one, nbgrader's gradebook.
Exit status 0 when every report was written, 2 when there is nothing to
report on, an assignment named is not the course's, or the course folder
cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path


def configure(parser) -> None:
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                        help="assignments to report on (default: every one with records)")
    parser.add_argument("--course-dir", type=Path, default=Path("."),
                        help="nbgrader course folder (default: the current folder)")
    parser.add_argument("--db", metavar="URL",
                        help="gradebook database URL (default: sqlite:///COURSE/gradebook.db, if it exists)")
    parser.add_argument("--out", type=Path, help="output folder (default: COURSE/reports)")


def run(args) -> int:
    from autograder.report.build import write_report
    from autograder.report.classwise import coverage_line
    from autograder.results.record import assignments_to_read

    course_dir: Path = args.course_dir
    assignments, problem = assignments_to_read(course_dir, args.assignments)
    if problem:
        print(f"autograder: {problem}", file=sys.stderr)
        return 2
    out_root = args.out or course_dir / "reports"
    for assignment in assignments:
        paths = write_report(course_dir, assignment, out_root / assignment, args.db)
        print(f"{assignment}: {paths[0]}")
        print(f"{assignment}: {coverage_line(course_dir, assignment)}")
    return 0
