"""The pytest hidden tests keep the verdicts of the engine they replaced.

``data/legacy_grades.json`` holds, for a class of submissions (the
reference, each exercise function left as released, each with a sign
flipped or a factor dropped, as the synthetic class has them), what the
declarative engine gave every test on the default inputs: name, points,
outcome and named mistake, through the sandbox (``tests``) and of the
hidden tests alone in this process (``first_round``).  It was written by
grading each submission by both engines both ways and finding no
difference (``tests/grade/record_legacy_grades.py``).  Here the same
submissions are graded again in this process (those whose code ran out of
time or memory in the sandbox are left to the sandbox's own tests) and
must get the same first-round verdicts.
"""

import json
from pathlib import Path

import pytest

from hidden_kit import judge

RECORD = json.loads((Path(__file__).parent / "data" / "legacy_grades.json").read_text())
STOPPED = {"timeout", "memory", "crashed"}
CASES = [c for c in RECORD if "first_round" in c]


def test_the_record_covers_every_assignment_and_kind():
    assert {c["assignment"] for c in RECORD} == {"ps1_derivatives", "ps2_gradient_descent",
                                                 "ps3_cost_functions", "ps4_backprop"}
    kinds = {c["case"].split(":")[-1] for c in RECORD}
    assert kinds == {"reference", "not_attempted", "wrong_sign", "dropped_factor"}
    assert len(CASES) >= 0.9 * len(RECORD)


@pytest.mark.parametrize("case", CASES, ids=[f"{c['assignment']}-{c['case']}" for c in CASES])
def test_same_verdicts_as_the_old_engine(case):
    results = judge(case["assignment"], case["source"])
    got = [[t.name, t.score, t.max_score, t.outcome, t.mistake] for t in results]
    assert got == case["first_round"]
