"""``python -m autograder feedback``: an HTML feedback page per student.

Writes ``feedback/<student>/<assignment>/autograder-feedback.html`` for every
submission the batch command graded (its ``autograder.json`` record).  Run
it after ``nbgrader generate_feedback``: nbgrader skips feedback folders that
already exist without its own files, and ``--force`` makes it delete them.  Exit
status 0 when every page was written, 1 when some records could not be read,
2 when there is nothing to do or the course folder cannot be read.
"""

from __future__ import annotations

import sys
from pathlib import Path


def configure(parser) -> None:
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                        help="assignments to write feedback for (default: every one with records)")
    parser.add_argument("--course-dir", type=Path, default=Path("."),
                        help="nbgrader course folder (default: the current folder)")
    parser.add_argument("--student", action="append", metavar="S",
                        help="only this student (repeat for several)")


def run(args) -> int:
    from autograder.feedback.build import LazySandbox, Written, write_feedback
    from autograder.results.record import assignments_to_read

    course_dir: Path = args.course_dir
    assignments, problem = assignments_to_read(course_dir, args.assignments)
    if problem:
        print(f"autograder: {problem}", file=sys.stderr)
        return 2
    outcome = Written()
    with LazySandbox() as sandbox:
        for assignment in assignments:
            before = len(outcome.written)
            write_feedback(course_dir, assignment, args.student, sandbox.run, outcome)
            print(f"{assignment}: {len(outcome.written) - before} feedback page(s) under {course_dir / 'feedback'}")
    if outcome.before_nbgrader:
        print(f"autograder: note: {len(outcome.before_nbgrader)} page(s) went into folders without nbgrader's "
              "own feedback, which `nbgrader generate_feedback` then skips as existing. Run "
              "`nbgrader generate_feedback --force ASSIGNMENT` and then this command again "
              "(nbgrader's first, ours second).", file=sys.stderr)
    for where, why in sorted(outcome.unreadable.items()):
        print(f"autograder: {where}: record not readable ({why})", file=sys.stderr)
    if not outcome.written and not outcome.unreadable:
        print("autograder: no graded submissions matched", file=sys.stderr)
        return 2
    return 1 if outcome.unreadable else 0
