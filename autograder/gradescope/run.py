"""Inside Gradescope's container: grade ``<root>/submission``, write ``<root>/results/results.json``.

``run_autograder`` starts this with the bundle's assignment and visibility.
Whatever the submission does, its tests say so and the results are written;
only a failure of the grader itself exits non-zero without results, so that
Gradescope reports the run as failed instead of recording a grade nobody gave.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from autograder.course import ASSIGNMENTS
from autograder.grade.pipeline import grade_path
from autograder.sandbox.protocol import Limits

# Least to most visible, in Gradescope's terms.
VISIBILITY_ORDER = ("hidden", "after_due_date", "after_published", "visible")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_autograder", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(os.environ.get("AUTOGRADER_ROOT", "/autograder")))
    parser.add_argument("--assignment", required=True, choices=sorted(ASSIGNMENTS))
    parser.add_argument("--visibility", default="visible", choices=VISIBILITY_ORDER[2:])
    args = parser.parse_args(argv)

    submission = args.root / "submission"
    if not submission.is_dir():
        print(f"run_autograder: {submission} is missing; nothing was graded", file=sys.stderr)
        return 2
    student = submitter(args.root / "submission_metadata.json")
    result = grade_path(submission, args.assignment, Limits.from_environment(), student=student)
    results = gradescope_results(result.to_gradescope(), args.visibility)
    write_atomically(args.root / "results" / "results.json", json.dumps(results, indent=1))
    # Gradescope shows this stdout to instructors only (stdout_visibility below).
    print(f"{args.assignment}: {results['score']:g} / {results['max_score']:g}"
          + ("" if student else " (no user id in submission_metadata.json: the default hidden inputs)"))
    for test in results["tests"]:
        print(f"  [{test['status']}] {test['name']} ({test['score']:g}/{test['max_score']:g})")
    return 0


def submitter(metadata: Path) -> str | None:
    """Whose hidden inputs to draw: the lowest Gradescope user id among the
    submission's users (one for a lone student; for a group, the same whoever
    of them submits); None when the metadata has none."""
    try:
        users = json.loads(metadata.read_text(encoding="utf-8")).get("users") or []
        ids = sorted({str(u["id"]).strip() for u in users if isinstance(u, dict) and u.get("id") is not None})
    except (OSError, ValueError, AttributeError, TypeError):
        return None
    ids = [i for i in ids if i]
    return min(ids, key=lambda i: (len(i), i)) if ids else None


def gradescope_results(results: dict, visibility: str) -> dict:
    """The grade as Gradescope should show it.

    A test is never shown earlier than its check asked for, nor earlier than
    the bundle's ``visibility``.  Every text is plain text: messages quote
    student output, which must not be rendered as HTML or Markdown.
    """
    shown = dict(results, output_format="text", test_output_format="text", test_name_format="text",
                 stdout_visibility="hidden", visibility=visibility)
    shown["tests"] = [dict(test, visibility=_least_visible(test.get("visibility", "visible"), visibility))
                      for test in results["tests"]]
    return shown


def _least_visible(a: str, b: str) -> str:
    rank = {v: i for i, v in enumerate(VISIBILITY_ORDER)}
    return min(a, b, key=lambda v: rank.get(v, 0))


def write_atomically(path: Path, text: str) -> None:
    """Write whole or not at all: Gradescope must never read half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


if __name__ == "__main__":
    sys.exit(main())
