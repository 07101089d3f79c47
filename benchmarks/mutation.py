"""Mutation report: how many small edits of solutions/*.py the hidden tests catch.

    python benchmarks/mutation.py [--module backprop] [--jobs 2] [--progress]

The report itself lives in ``devtools/mutation/``, outside the installed
package: it is run from a checkout, never by a grading installation.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from devtools.mutation.cli import main  # noqa: E402

if __name__ == "__main__":
    raise SystemExit(main())
