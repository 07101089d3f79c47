"""``python -m autograder gradescope [ASSIGNMENT...] --out DIR``: one autograder zip per assignment."""

from __future__ import annotations

import sys
from pathlib import Path

from autograder.course import ASSIGNMENTS


def configure(parser) -> None:
    parser.add_argument("assignments", nargs="*", metavar="ASSIGNMENT",
                        help=f"assignments to export (default: all of {', '.join(ASSIGNMENTS)})")
    parser.add_argument("--out", type=Path, default=Path("build/gradescope"),
                        help="folder for the zips (default: build/gradescope)")
    parser.add_argument("--visibility", action="append", default=[], metavar="[FUNCTION=]WHEN",
                        help="when students see each test's result and message: hidden, after_due_date, "
                             "after_published or visible (the default, at once); FUNCTION=WHEN for one "
                             "exercise's tests (e.g. critical_points=after_due_date); repeatable")


def run(args) -> int:
    from autograder.gradescope.bundle import requirements_files, source_files, write_bundle

    unknown = [a for a in args.assignments if a not in ASSIGNMENTS]
    if unknown:
        print(f"autograder gradescope: unknown assignment {unknown[0]!r}; "
              f"expected one of {', '.join(ASSIGNMENTS)}", file=sys.stderr)
        return 2
    from autograder.gradescope.run import parse_visibility

    try:
        parse_visibility(args.visibility)
    except ValueError as exc:
        print(f"autograder gradescope: {exc}", file=sys.stderr)
        return 2
    requirements = requirements_files(source_files(), log=lambda line: print(line, file=sys.stderr))
    for assignment in args.assignments or list(ASSIGNMENTS):
        path = write_bundle(assignment, args.out, args.visibility or ["visible"], requirements)
        print(path)
    return 0
