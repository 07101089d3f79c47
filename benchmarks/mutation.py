"""Mutation report: how many small edits of solutions/*.py the hidden tests catch.

    python benchmarks/mutation.py [--module backprop] [--jobs 2] [--progress]

Same as ``python -m autograder mutation``; see ``autograder/mutation/``.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from autograder.mutation.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
