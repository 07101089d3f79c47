"""``python -m autograder mistakes suggest ASSIGNMENT``: draft catalogue entries from the class.

Reads the batch command's records, groups the wrong answers no known mistake
explains (``report/learnt.py``) and writes one draft entry per large group
(``suggest.py``) to ``COURSE/reports/<assignment>/mistake_drafts.py`` (or
``--out``).  Exit status 0 when a draft file was written (it may hold no
draft when no two students share an unexplained answer), 2 when there is
nothing to read or the assignment is not the course's.
"""

from __future__ import annotations

import sys
from pathlib import Path


def configure(parser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    suggest = sub.add_parser("suggest", help="write draft catalogue entries for the largest unexplained groups")
    suggest.add_argument("assignment", metavar="ASSIGNMENT")
    suggest.add_argument("--course-dir", type=Path, default=Path("."),
                         help="nbgrader course folder (default: the current folder)")
    suggest.add_argument("--out", type=Path, help="draft file (default: COURSE/reports/ASSIGNMENT/mistake_drafts.py)")
    suggest.add_argument("--top", type=int, default=5, help="how many groups to draft (default: 5)")


def run(args) -> int:
    from autograder.mistakes.suggest import write_drafts
    from autograder.results.record import assignments_to_read

    assignments, problem = assignments_to_read(args.course_dir, [args.assignment])
    if problem:
        print(f"autograder: {problem}", file=sys.stderr)
        return 2
    out = args.out or args.course_dir / "reports" / args.assignment / "mistake_drafts.py"
    drafts = write_drafts(args.course_dir, args.assignment, out, args.top)
    print(f"{args.assignment}: {len(drafts)} draft entr{'y' if len(drafts) == 1 else 'ies'} in {out}")
    for d in drafts:
        print(f"  {d.function}: {d.size} submissions, {d.how}")
    return 0
