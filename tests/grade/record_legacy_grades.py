"""Grade a class of submissions by both engines and keep the old engine's verdicts.

    python tests/grade/record_legacy_grades.py
    python tests/grade/record_legacy_grades.py --first-rounds

For every assignment: the reference, every exercise function left as
released, and every exercise function with each buggy kind of the synthetic
class (``benchmarks/synthetic_class.py``: a sign flipped, a factor dropped),
on the default inputs; every known mistake is graded by
``test_grade_old_and_new.py``.  Each is graded through the sandbox by the
old engine (``legacy_kit``) and by the pytest tests; the script stops on any
difference, and writes the old verdicts (each test's name, points,
outcome, named mistake) to ``tests/hidden_tests/data/legacy_grades.json``,
which ``tests/hidden_tests/test_hidden_legacy_grades.py`` holds the pytest
tests to once the old engine is gone.  ``--first-rounds`` then adds the
verdicts of the hidden tests alone (no second round with stand-ins), graded
in this process by both engines, which that test can check quickly.
"""

from __future__ import annotations

import ast
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from autograder.course import ASSIGNMENTS, exercise_functions  # noqa: E402
from autograder.grade.pipeline import Grader  # noqa: E402
from autograder.mutation import submission  # noqa: E402
from synthetic_class import mutate  # noqa: E402
from tests.grade.legacy_kit import LegacyGrader, differences  # noqa: E402

OUT = ROOT / "tests" / "hidden_tests" / "data" / "legacy_grades.json"


def released(source: str, function: str) -> str:
    """``function`` left as released: its body raises NotImplementedError."""
    tree = ast.parse(source)
    target = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
    lines = source.splitlines()
    indent = " " * target.body[0].col_offset
    head = lines[target.lineno - 1: target.body[0].lineno - 1]
    return "\n".join(lines[:target.lineno - 1] + head + [f"{indent}raise NotImplementedError"]
                     + lines[target.end_lineno:])


def cases(assignment: str):
    module = ASSIGNMENTS[assignment]
    source = submission.reference_source(module)
    yield "reference", source
    for function in exercise_functions(assignment):
        yield f"{function}:not_attempted", released(source, function)
        for kind in ("wrong_sign", "dropped_factor"):
            changed = mutate(source, function, kind)
            if changed != source:
                yield f"{function}:{kind}", changed


def main() -> int:
    record = []
    with Grader() as new, tempfile.TemporaryDirectory() as tmp:
        old = LegacyGrader(sandbox=new._sandbox)
        old._sandbox = new._sandbox
        for assignment, module in ASSIGNMENTS.items():
            for name, source in cases(assignment):
                path = submission.write(Path(tmp) / f"{assignment}-{name.replace(':', '-')}", module, source)
                before, after = old.grade_path(path, assignment), new.grade_path(path, assignment)
                found = differences(before, after)
                if found:
                    print(f"{assignment} {name}:\n" + "\n".join(found), file=sys.stderr)
                    return 1
                record.append({"assignment": assignment, "case": name, "source": source,
                               "tests": [[t.name, t.score, t.max_score, t.outcome, t.mistake] for t in before.tests]})
                print(f"{assignment} {name}: {before.score:g}/{before.max_score:g} alike", flush=True)
        old._sandbox = None
    OUT.write_text(json.dumps(record, indent=1) + "\n")
    print(f"{len(record)} submissions graded alike; written to {OUT.relative_to(ROOT)}")
    return 0


def first_rounds() -> int:
    """Add each submission's first-round verdicts, graded in this process by both engines
    (the hidden tests alone, without the sandbox's second round), to the record."""
    sys.path[:0] = [str(ROOT / "tests" / "checks"), str(ROOT / "tests" / "hidden_tests")]
    import checks_kit
    import hidden_kit
    from autograder.checks import suite

    record = json.loads(OUT.read_text())
    for case in record:
        if any(t[3] in ("timeout", "memory", "crashed") for t in case["tests"]):
            continue
        assignment = case["assignment"]
        before = suite(assignment).judge(checks_kit.report(assignment, case["source"]))
        after = hidden_kit.judge(assignment, case["source"])
        rows = [[[t.name, t.score, t.max_score, t.outcome, t.mistake] for t in r] for r in (before, after)]
        if rows[0] != rows[1]:
            print(f"{assignment} {case['case']}: {rows[0]} != {rows[1]}", file=sys.stderr)
            return 1
        case["first_round"] = rows[0]
        print(f"{assignment} {case['case']}: first round alike", flush=True)
    OUT.write_text(json.dumps(record, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(first_rounds() if sys.argv[1:] == ["--first-rounds"] else main())
