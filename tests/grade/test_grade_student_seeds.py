"""Per-student hidden inputs through the whole pipeline (real sandbox).

One student's feedback shows the inputs and expected values of their
hidden tests; a classmate who hard-codes all of them (more than any
feedback shows) earns nothing for the tests whose inputs are drawn per
student.  A class graded on per-student inputs gives every correct
submission full marks, and the same grades and messages when graded again.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from autograder.checks import suite
from autograder.checks.callables import materialize
from autograder.checks.check import run_reference
from autograder.grade.pipeline import Grader
from autograder.mutation import submission
from solutions import cost_functions as ref

A = "ps3_cost_functions"
HARD_CODED = '''
import json
import numpy as np

TABLE = json.loads({table!r})


def mse(y_hat, y):
    key = json.dumps([np.asarray(y_hat, dtype=float).tolist(), np.asarray(y, dtype=float).tolist()])
    return TABLE.get(key, 0.0)
'''


@pytest.fixture(scope="module")
def grader():
    with Grader() as warm:
        yield warm


def _answer_sheet(student: str) -> str:
    """Every mse call of the student's hidden tests with the right answer: what their feedback could reveal."""
    table = {}
    for c in suite(A, student).plan()["mse"]:
        y_hat, y = materialize(c.args)
        table[json.dumps([np.asarray(y_hat, dtype=float).tolist(), np.asarray(y, dtype=float).tolist()])] = \
            float(run_reference(ref.mse, c))
    return HARD_CODED.format(table=json.dumps(table))


def _mse_scores(result) -> dict[str, float]:
    return {t.title: t.score for t in result.tests if t.function == "mse"}


def test_another_students_answers_earn_nothing_where_inputs_are_per_student(grader, tmp_path):
    source = _answer_sheet("alice")
    folder = submission.write(tmp_path, "cost_functions", source)
    as_alice = _mse_scores(grader.grade_path(folder, A, student="alice"))
    as_bob = _mse_scores(grader.grade_path(folder, A, student="bob"))
    drawn = {c.title for c, other in zip(suite(A, "alice").checks, suite(A, "bob").checks)
             if c.function == "mse" and [repr(x.args) for x in c.calls] != [repr(x.args) for x in other.calls]}
    assert drawn, "mse has tests on inputs drawn per student"
    # The sheet is right for the student it was copied from, so the comparison is fair ...
    assert all(as_alice[title] > 0 for title in drawn), as_alice
    # ... and worth nothing for anyone else.
    assert all(as_bob[title] == 0 for title in drawn), as_bob


def test_a_class_on_per_student_inputs_gets_full_marks_and_the_same_grades_again(grader, tmp_path):
    right = submission.write(tmp_path / "right", "cost_functions", submission.reference_source("cost_functions"))
    wrong_source = submission.reference_source("cost_functions").replace(
        "return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2))",
        "return float(np.sum((np.asarray(y_hat) - np.asarray(y)) ** 2))")
    assert wrong_source != submission.reference_source("cost_functions")
    wrong = submission.write(tmp_path / "wrong", "cost_functions", wrong_source)
    students = ["s001", "s002", "jdoe", "40213"]

    def graded():
        return {(s, kind): grader.grade_path(folder, A, student=s)
                for s in students for kind, folder in (("right", right), ("wrong", wrong))}

    first, again = graded(), graded()
    for s in students:
        assert first[s, "right"].score == first[s, "right"].max_score > 0
        assert first[s, "wrong"].score < first[s, "wrong"].max_score
    assert {k: [(t.name, t.score, t.output) for t in r.tests] for k, r in first.items()} == \
        {k: [(t.name, t.score, t.output) for t in r.tests] for k, r in again.items()}
    # The feedback of a wrong answer shows each student their own inputs.
    messages = {s: [t.output for t in first[s, "wrong"].tests if t.function == "mse" and "random" in t.title]
                for s in students}
    assert len({tuple(m) for m in messages.values()}) == len(students)
