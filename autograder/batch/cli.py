"""``python -m autograder batch [ASSIGNMENT...]``: grade a class into the gradebook.

Run it in the course folder (the one with ``nbgrader_config.py``), after
``nbgrader collect``.  Each submission's grade is committed as soon as it is
ready; run it again after an interruption and it finishes the rest.  Exit
status 0 when every submission was graded, 1 when some could not be, 2 when
the grader cannot run at all (an assignment the course does not have, no such
folder, no sandbox).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path


def configure(parser) -> None:
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                        help="assignments to grade (default: every one with submissions)")
    parser.add_argument("--course-dir", type=Path, default=Path.cwd(),
                        help="the nbgrader course folder (default: the current folder)")
    parser.add_argument("--db", metavar="URL",
                        help="gradebook database URL (default: nbgrader's, sqlite:///COURSE/gradebook.db)")
    parser.add_argument("--jobs", "-j", type=int, default=_cores(),
                        help="grading processes (default: one per core, %(default)s here)")
    parser.add_argument("--force", action="store_true",
                        help="regrade submissions already graded and unchanged")
    parser.add_argument("--student", action="append", metavar="S",
                        help="grade only this student (repeat for more)")
    parser.add_argument("--seconds-per-function", type=float,
                        help="wall-clock limit per exercise function")
    parser.add_argument("--no-outputs", action="store_true",
                        help="leave the autograded notebooks without outputs (faster): by default the cells "
                             "before each manually graded answer are run in the sandbox for formgrader")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")


def run(args) -> int:
    from autograder.course import unknown_assignment
    from autograder.sandbox.protocol import Limits

    problem = unknown_assignment(args.assignments)
    if problem:
        print(f"autograder batch: {problem}", file=sys.stderr)
        return 2
    if not args.course_dir.is_dir():
        print(f"autograder batch: {args.course_dir}: no such folder", file=sys.stderr)
        return 2
    limits = Limits() if args.seconds_per_function is None else Limits(seconds_per_function=args.seconds_per_function)

    from autograder.batch.coursedir import open_course
    from autograder.batch.run import BatchRun

    _alembic_on_path()
    course = open_course(args.course_dir, args.db)
    batch = BatchRun(course, jobs=max(1, args.jobs), limits=limits, force=args.force,
                     show_progress=not args.no_progress, outputs=not args.no_outputs)
    try:
        summary = batch.run(args.assignments or None, args.student)
    except RuntimeError as exc:          # the grader itself cannot run here
        print(f"autograder batch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("autograder batch: interrupted; every grade committed so far is kept, "
              "run the same command again to finish", file=sys.stderr)
        return 130
    if not summary.found:
        print(f"autograder batch: no submissions in {course.dirs.format_path(course.dirs.submitted_directory, '*', '*')}"
              " (run `nbgrader collect` first?)", file=sys.stderr)
    for name in summary.unknown:
        print(f"autograder batch: {name}: not an assignment of this course in the gradebook "
              "(run `nbgrader generate_assignment` first?); its submissions were not graded", file=sys.stderr)
    print(f"graded {summary.graded}, already done {summary.skipped}, failed {len(summary.failed)}",
          file=sys.stderr)
    for name in summary.failed:
        print(f"  not graded: {name}", file=sys.stderr)
    return 1 if summary.failed else 0


def _alembic_on_path() -> None:
    """nbgrader runs ``alembic`` when it creates a gradebook; it sits beside
    this Python when the virtual environment is not activated."""
    here = os.path.dirname(sys.executable)
    if shutil.which("alembic") is None and os.path.exists(os.path.join(here, "alembic")):
        os.environ["PATH"] = here + os.pathsep + os.environ.get("PATH", "")


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1
