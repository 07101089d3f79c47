"""``python -m autograder grade PATH``: one submission, JSON or text on stdout.

Exit status 0 whenever the submission was graded, whatever it scored; 2 with
a one-line reason on stderr when the grader itself cannot run.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from autograder.course import ASSIGNMENTS, unknown_assignment
from autograder.results import Outcome


def configure(parser) -> None:
    parser.add_argument("path", type=Path, help="a folder, a notebook (.ipynb) or .py file(s)")
    # Checked in run(), not by argparse's choices, so a wrong name costs one line on stderr.
    parser.add_argument("--assignment", metavar="NAME",
                        help=f"which assignment: {', '.join(ASSIGNMENTS)} (default: from the content)")
    parser.add_argument("--format", choices=("json", "text"), default="text")
    parser.add_argument("--student", metavar="ID",
                        help="draw the hidden tests' random inputs for this student, as the batch command and "
                             "Gradescope do (default: the course's default inputs)")
    parser.add_argument("--seconds-per-function", type=float, help="wall-clock limit per exercise function")
    parser.add_argument("--memory-mb", type=int, help="memory limit of the student process")


def run(args) -> int:
    from autograder.grade.pipeline import grade_path
    from autograder.grade.submission import SubmissionError
    from autograder.sandbox.protocol import Limits

    problem = unknown_assignment([args.assignment] if args.assignment is not None else [])
    if problem:
        print(f"autograder: {problem}", file=sys.stderr)
        return 2
    overrides = {k: v for k, v in (("seconds_per_function", args.seconds_per_function),
                                   ("memory_mb", args.memory_mb)) if v is not None}
    try:
        result = grade_path(args.path, args.assignment, Limits(**overrides), student=args.student)
    except SubmissionError as exc:
        print(f"autograder: {exc}", file=sys.stderr)
        return 2
    if args.format == "json":
        json.dump(result.to_gradescope(), sys.stdout, indent=1)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_text(result))
        for warning in result.warnings:
            print(f"autograder: {warning}", file=sys.stderr)
    return 0


def format_text(result) -> str:
    lines = [result.output, ""]
    previous = None
    for test in result.tests:
        mark = "PASS" if test.status == Outcome.PASSED else "FAIL"
        lines.append(f"[{mark}] {test.name}  ({test.score:g}/{test.max_score:g})")
        if test.status != Outcome.PASSED and test.output:
            # A function that was never written fails every test the same way: say it once.
            if test.output == previous:
                lines.append("       (same as above)")
            else:
                lines.extend("       " + line for line in test.output.splitlines())
        previous = test.output
    lines.append(f"\nTotal: {result.score:g} / {result.max_score:g}")
    return "\n".join(lines) + "\n"
