"""``python -m autograder.checks.warm [ASSIGNMENT...]``: fill the disk cache ahead of grading.

Builds each assignment's hidden tests (the reference's answers and SymPy's
gradients included) and runs every known mistake on them, so that grading
processes started later read the results from ``disk_cache`` instead of
computing them.  Gradescope's ``setup.sh`` runs it once while it builds the
image; every submission then starts warm.  With no argument, every
assignment.
"""

from __future__ import annotations

import sys
import time

from autograder.checks import ASSIGNMENTS, disk_cache, suite


def main(argv: list[str] | None = None) -> int:
    assignments = (sys.argv[1:] if argv is None else argv) or list(ASSIGNMENTS)
    unknown = [a for a in assignments if a not in ASSIGNMENTS]
    if unknown:
        print(f"unknown assignment(s): {', '.join(unknown)}; known: {', '.join(ASSIGNMENTS)}", file=sys.stderr)
        return 2
    start = time.monotonic()
    count = sum(suite(a).precompute() for a in assignments)
    where = disk_cache.folder()
    print(f"{count} known-mistake results for {', '.join(assignments)} in {time.monotonic() - start:.1f} s; "
          f"cache: {where if where else 'off'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
