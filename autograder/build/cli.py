"""``python -m autograder build [--check] [--root DIR]``."""

from __future__ import annotations

import sys
from pathlib import Path

from autograder.build.materials import differences, render, write

REPO = Path(__file__).resolve().parents[2]


def configure(parser) -> None:
    parser.add_argument("--root", type=Path, default=REPO,
                        help="course directory holding solutions/ and course/ (default: this repository)")
    parser.add_argument("--out", type=Path, default=None,
                        help="write exercises/ and source/ here instead of into --root")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the committed material differs from a fresh build")


def run(args) -> int:
    try:
        files = render(args.root)
    except (OSError, ValueError) as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 2
    out = args.out or args.root
    if args.check:
        stale = differences(out, files)
        for rel in stale:
            print(f"out of date: {rel}")
        if stale:
            print("run `python -m autograder build` and commit the result", file=sys.stderr)
        return 1 if stale else 0
    changed = write(out, files)
    print(f"{len(files)} files generated in {out}, {len(changed)} changed")
    for rel in changed:
        print(f"  {rel}")
    return 0
