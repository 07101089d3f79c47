"""Inside Gradescope's container: grade ``<root>/submission``, write ``<root>/results/results.json``.

``run_autograder`` starts this with the bundle's assignment and visibility
rules.  A results file is written in every case: before grading starts, one
that says grading did not finish (so a run Gradescope kills for time still
leaves the student a reason); then the grade; and, when the grader itself
fails, an "Autograder error" test with the reason in place of the grade.
The exit status is 0 whenever a results file was written, since Gradescope
reads the file, not the status; what is printed goes to instructors only.

The submission is whatever ``grade.submission.load`` reads (a notebook,
``.py`` files, a ``.zip`` of them), the same reading as every other path.
``submission_metadata.json``, when present, is echoed in the results'
``extra_data`` and on the instructors' log, so that a grade can be traced to
its submission.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

from autograder.results.record import write_atomic
from autograder.results.result import VISIBILITIES as VISIBILITY_ORDER  # least to most visible

ERROR_TEST = "Autograder error"
UNFINISHED = ("Grading did not finish (it was stopped, most likely for running out of time or memory). "
              "Your course staff can see why; submit again or ask them.")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run_autograder", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(os.environ.get("AUTOGRADER_ROOT", "/autograder")))
    parser.add_argument("--assignment", required=True)
    parser.add_argument("--visibility", action="append", default=[], metavar="[KIND=]VISIBILITY",
                        help="when students see tests: a default, or KIND=VISIBILITY for one "
                             "exercise's tests (KIND: a function or module.function); repeatable")
    args = parser.parse_args(argv)
    start = time.monotonic()
    target = args.root / "results" / "results.json"
    metadata, metadata_problem = read_metadata(args.root)
    rules = {"": "visible"}
    write_atomically(target, json.dumps(error_results(args.assignment, UNFINISHED, 0.0, rules, metadata)))
    print(submission_line(metadata) or f"run_autograder: {metadata_problem or 'no submission_metadata.json'}")
    try:
        rules = parse_visibility(args.visibility)
        results = grade(args.root / "submission", args.assignment, rules, submitter(metadata))
    except Exception as exc:  # the grader's own failure: the student still gets a results file
        reason = "".join(traceback.format_exception_only(type(exc), exc)).strip()
        print(f"run_autograder: the grader failed:\n{traceback.format_exc()}", file=sys.stderr)
        results = error_results(args.assignment, reason, time.monotonic() - start, rules, metadata)
        write_atomically(target, json.dumps(results, indent=1))
        print(f"{args.assignment}: {ERROR_TEST}: {reason}")
        return 0
    if metadata:
        results.setdefault("extra_data", {})["submission"] = metadata
    write_atomically(target, json.dumps(results, indent=1))
    # Gradescope shows this stdout to instructors only (stdout_visibility below).
    print(f"{args.assignment}: {results['score']:g} / {results['max_score']:g}")
    for test in results["tests"]:
        print(f"  [{test['status']}] {test['name']} ({test['score']:g}/{test['max_score']:g})")
    return 0


def grade(submission: Path, assignment: str, rules: dict[str, str], student: str | None = None) -> dict:
    """The grade of ``submission`` as Gradescope should show it, on ``student``'s hidden inputs."""
    # Imported here, so that a grader that cannot even be imported is reported like any other failure.
    from autograder.course import ASSIGNMENTS
    from autograder.grade.pipeline import grade_path
    from autograder.sandbox.protocol import Limits

    if assignment not in ASSIGNMENTS:
        raise ValueError(f"unknown assignment {assignment!r}; expected one of {', '.join(ASSIGNMENTS)}")
    if not submission.is_dir():
        raise FileNotFoundError(f"{submission} is missing; nothing was graded")
    result = grade_path(submission, assignment, Limits.from_environment(), student=student)
    return gradescope_results(result.to_gradescope(), rules)


def parse_visibility(values: list[str]) -> dict[str, str]:
    """``["after_published", "critical_points=hidden"]`` -> ``{"": ..., "critical_points": ...}``
    (``""``: every other test, and the submission as a whole)."""
    rules = {"": "visible"}
    for value in values:
        kind, _, visibility = value.rpartition("=")
        if visibility not in VISIBILITY_ORDER:
            raise ValueError(f"visibility must be one of {', '.join(VISIBILITY_ORDER)}, not {visibility!r}")
        rules[kind.strip()] = visibility
    return rules


def visibility_of(test_name: str, rules: dict[str, str]) -> str:
    """The rule for a test named ``module.function: title``: its function's, else the default."""
    qualified = test_name.partition(":")[0].strip()
    function = qualified.rpartition(".")[2]
    return rules.get(qualified, rules.get(function, rules.get("", "visible")))


def gradescope_results(results: dict, rules: dict[str, str] | str) -> dict:
    """The grade as Gradescope should show it.

    A test is never shown earlier than its check asked for, nor earlier than
    the bundle's rule for it.  Every text is plain text: messages quote
    student output, which must not be rendered as HTML or Markdown.
    """
    if isinstance(rules, str):
        rules = {"": rules}
    shown = dict(results, output_format="text", test_output_format="text", test_name_format="text",
                 stdout_visibility="hidden", visibility=rules.get("", "visible"))
    shown["tests"] = [dict(test, visibility=_least_visible(test.get("visibility", "visible"),
                                                           visibility_of(test["name"], rules)))
                      for test in results["tests"]]
    return shown


def error_results(assignment: str, reason: str, seconds: float, rules: dict[str, str],
                  metadata: dict | None = None) -> dict:
    """Results that say the grader failed, and why; worth nothing, out of the assignment's points."""
    text = (f"The autograder could not grade this submission: {reason}\n"
            "This is not a mistake in your work. Your course staff have been told; "
            "submit again later or ask them.")
    results = {
        "score": 0.0, "max_score": _assignment_points(assignment), "execution_time": round(seconds, 3),
        "output": text, "output_format": "text", "test_output_format": "text", "test_name_format": "text",
        "stdout_visibility": "hidden", "visibility": rules.get("", "visible"),
        # Errors are shown at once whatever the rules: the student must know to resubmit.
        "tests": [{"name": ERROR_TEST, "score": 0.0, "max_score": 0.0, "status": "failed",
                   "output": text, "visibility": "visible"}],
    }
    if metadata:
        results["extra_data"] = {"submission": metadata}
    return results


def _assignment_points(assignment: str) -> float:
    try:
        from autograder.grade import described
        return described.total(assignment)
    except Exception:  # the grader is what failed; the points are a nicety
        return 0.0


def read_metadata(root: Path) -> tuple[dict, str]:
    """The parts of ``submission_metadata.json`` worth recording (ids, dates, users),
    and the reason when it cannot be read ("" when read or absent)."""
    path = root / "submission_metadata.json"
    if not path.is_file():
        return {}, ""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return {}, f"{path.name} cannot be read: {exc}"
    if not isinstance(raw, dict):
        return {}, f"{path.name} is not a JSON object"
    assignment = raw.get("assignment") if isinstance(raw.get("assignment"), dict) else {}
    users = raw.get("users") if isinstance(raw.get("users"), list) else []
    kept = {
        "id": raw.get("id"),
        "created_at": raw.get("created_at"),
        "assignment_id": assignment.get("id"),
        "due_date": assignment.get("due_date"),
        "users": [{"id": u.get("id"), "email": u.get("email")} for u in users if isinstance(u, dict)],
        "previous_submissions": len(raw.get("previous_submissions") or []),
    }
    return {k: v for k, v in kept.items() if v not in (None, "")}, ""


def submitter(metadata: dict) -> str | None:
    """Whose hidden inputs to draw: the lowest Gradescope user id among the
    submission's users (a group gets the same inputs whichever member
    submits); None without one, which means the default inputs."""
    ids = {str(u.get("id")).strip() for u in metadata.get("users", []) if u.get("id") is not None}
    ids.discard("")
    return min(ids, key=lambda i: (len(i), i)) if ids else None


def submission_line(metadata: dict) -> str:
    if not metadata:
        return ""
    users = ", ".join(str(u.get("email") or u.get("id")) for u in metadata.get("users", [])) or "unknown"
    return (f"submission {metadata.get('id', '?')} by {users}, created {metadata.get('created_at', '?')}"
            f" ({metadata.get('previous_submissions', 0)} before it)")


def _least_visible(a: str, b: str) -> str:
    rank = {v: i for i, v in enumerate(VISIBILITY_ORDER)}
    return min(a, b, key=lambda v: rank.get(v, 0))


def write_atomically(path: Path, text: str) -> None:
    """Write whole or not at all: Gradescope must never read half a file."""
    write_atomic(path, text.encode("utf-8"))


if __name__ == "__main__":
    sys.exit(main())
