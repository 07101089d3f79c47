"""``python -m autograder export --canvas``: nbgrader's gradebook as a Canvas import file.

Reads the gradebook named by the course's ``nbgrader_config.py`` (or
``--db``) and writes ``--out`` (default ``COURSE/canvas.csv``), to upload in
Canvas under Grades, Import.  Exit status 0 when written, 2 when there is no
gradebook, an assignment is not in it, or an option is wrong.  Submissions
awaiting manual grading are listed on standard error.
"""

from __future__ import annotations

import sys
from pathlib import Path


def configure(parser) -> None:
    parser.add_argument("--canvas", action="store_true", required=True,
                        help="write Canvas's gradebook import CSV (the only format so far)")
    parser.add_argument("--course-dir", type=Path, default=Path("."),
                        help="nbgrader course folder (default: the current folder)")
    parser.add_argument("--db", metavar="URL", help="gradebook database URL (default: the course's)")
    parser.add_argument("--out", type=Path, help="the CSV file to write (default: COURSE/canvas.csv)")
    parser.add_argument("--assignment", action="append", metavar="NAME",
                        help="export only this assignment (repeatable; default: all, by due date)")
    parser.add_argument("--student", action="append", metavar="ID", help="export only this student (repeatable)")
    parser.add_argument("--canvas-id", action="append", default=[], metavar="NAME=ID",
                        help="update Canvas assignment ID with NAME's grades (repeatable); "
                             "without it Canvas creates an assignment named NAME")
    parser.add_argument("--login", choices=("id", "email"), default="id",
                        help="what goes into SIS Login ID: the nbgrader student id (default) or the email")
    parser.add_argument("--partial", action="store_true",
                        help="export the points so far of submissions awaiting manual grading (default: blank)")


def run(args) -> int:
    from nbgrader.api import Gradebook

    from autograder.export.canvas import canvas_table
    from autograder.report.roster import course_settings, gradebook_exists

    canvas_ids = {}
    for item in args.canvas_id:
        name, sep, canvas_id = item.partition("=")
        if not sep or not name or not canvas_id.strip().isdigit():
            print(f"autograder: --canvas-id takes NAME=NUMBER, not {item!r}", file=sys.stderr)
            return 2
        canvas_ids[name] = canvas_id.strip()
    db_url, course_id = course_settings(args.course_dir)
    db_url = args.db or db_url
    if not gradebook_exists(db_url):
        print(f"autograder: no gradebook at {db_url}; run `python -m autograder batch` first", file=sys.stderr)
        return 2
    with Gradebook(db_url, course_id or "default_course") as gb:
        try:
            table = canvas_table(gb, args.assignment, args.student, canvas_ids, args.login, args.partial)
        except ValueError as exc:
            print(f"autograder: {exc}", file=sys.stderr)
            return 2
    out = table.write(args.out or args.course_dir / "canvas.csv")
    for assignment, who in table.awaiting.items():
        what = "points so far exported" if args.partial else "left blank; grade them in formgrader or pass --partial"
        print(f"{assignment}: {len(who)} awaiting manual grading ({what}): {', '.join(who)}", file=sys.stderr)
    print(f"{out}: {len(table.rows) - 1} students, {len(table.header) - 5} assignments")
    return 0
