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
    parser.add_argument("--visibility", choices=("visible", "after_published"), default="visible",
                        help="when students see each test's result and message (default: visible, at once)")


def run(args) -> int:
    from autograder.gradescope.bundle import requirements_txt, source_files, write_bundle

    unknown = [a for a in args.assignments if a not in ASSIGNMENTS]
    if unknown:
        print(f"autograder gradescope: unknown assignment {unknown[0]!r}; "
              f"expected one of {', '.join(ASSIGNMENTS)}", file=sys.stderr)
        return 2
    requirements = requirements_txt(source_files())
    for assignment in args.assignments or list(ASSIGNMENTS):
        path = write_bundle(assignment, args.out, args.visibility, requirements)
        print(path)
    return 0
