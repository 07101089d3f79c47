"""The pytest hidden tests keep the verdicts of the engine they replaced.

``data/legacy_grades.json`` holds the old declarative engine's verdicts,
recorded before that engine was removed, on 82 submissions: the reference
of each of the four problem sets and, for each of the 26 exercise
functions, the function left as released, with a sign flipped and with a
factor dropped.  For each test it keeps the name, points, outcome and the
known mistake named, through the sandbox (``tests``) and of the hidden
tests alone in this process (``first_round``).  Here those submissions are
graded again in this process and must get the same first-round verdicts:
the comparison covers the first grading round on the default inputs of
these 82 submissions only, and of the catalogue of known mistakes, only
those these submissions happen to match.
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
