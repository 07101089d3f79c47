"""``python -m autograder.grade.warm [ASSIGNMENT...]``: fill the disk cache ahead of grading.

Plans each assignment's hidden tests on the default inputs, computes their
right answers (the reference's, SymPy's gradients) and runs every known
mistake on their calls (``session.warm``), so that grading processes
started later read the results from ``disk_cache`` instead of computing
them.  Gradescope's ``setup.sh`` runs it once while it builds the image;
every submission then starts warm.  With no argument, every assignment.
"""

from __future__ import annotations

import sys
import time

from autograder.checks import disk_cache
from autograder.course import ASSIGNMENTS
from autograder.grade import session


def main(argv: list[str] | None = None) -> int:
    assignments = (sys.argv[1:] if argv is None else argv) or list(ASSIGNMENTS)
    unknown = [a for a in assignments if a not in ASSIGNMENTS]
    if unknown:
        print(f"unknown assignment(s): {', '.join(unknown)}; known: {', '.join(ASSIGNMENTS)}", file=sys.stderr)
        return 2
    start = time.monotonic()
    count = sum(session.warm(a) for a in assignments)
    where = disk_cache.folder()
    print(f"{count} known-mistake results for {', '.join(assignments)} in {time.monotonic() - start:.1f} s; "
          f"cache: {where if where else 'off'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
