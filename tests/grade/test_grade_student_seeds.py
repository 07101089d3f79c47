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

from autograder.checks.callables import materialize
from autograder.checks.expect import run_reference
from autograder.grade.pipeline import Grader, whose_inputs
from tests.hidden_tests.hidden_kit import hidden
from autograder.grade.submission import load
from devtools.mutation import submission
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


def _answer_sheet(whose: str) -> tuple[str, dict]:
    """Every mse call of the hidden tests drawn for ``whose`` with the right answer: more than feedback reveals."""
    table = {}
    for c in hidden(A, student=whose).plan["mse"]:
        y_hat, y = materialize(c.args)
        table[json.dumps([np.asarray(y_hat, dtype=float).tolist(), np.asarray(y, dtype=float).tolist()])] = \
            float(run_reference(ref.mse, c))
    return HARD_CODED.format(table=json.dumps(table)), table


def _mse_scores(result) -> dict[str, float]:
    return {t.title: t.score for t in result.tests if t.function == "mse"}


def _whose(folder, student):
    (part,) = load(folder, A)
    return whose_inputs(student, part)


def _drawn(one: str, other: str) -> set[str]:
    """Titles of the mse tests whose inputs differ between two draws."""
    first, second = hidden(A, student=one), hidden(A, student=other)
    return {t.title for t, a, b in zip(first.tests, first.logs, second.logs)
            if t.function == "mse" and [repr(c.call.args) for c in a.called] != [repr(c.call.args) for c in b.called]}


def test_an_answer_sheet_earns_nothing_where_inputs_are_drawn(grader, tmp_path):
    # Alice's first hand-in has a wrong mse; its feedback shows inputs and expected values.
    wrong = submission.reference_source("cost_functions").replace(
        "return float(np.mean((np.asarray(y_hat) - np.asarray(y)) ** 2))",
        "return float(np.sum((np.asarray(y_hat) - np.asarray(y)) ** 2))")
    first = submission.write(tmp_path / "first", "cost_functions", wrong)
    seen = _whose(first, "alice")
    source, table = _answer_sheet(seen)
    # The sheet is right on every input of that grading (so a zero below is not the sheet's fault) ...
    namespace = {}
    exec(source, namespace)
    for c in hidden(A, student=seen).plan["mse"]:
        assert namespace["mse"](*materialize(c.args)) == pytest.approx(float(run_reference(ref.mse, c)))
    # ... but handing it in changes the code, so Alice's next grading draws other inputs, as Bob's does.
    sheet = submission.write(tmp_path / "sheet", "cost_functions", source)
    drawn = _drawn(seen, _whose(sheet, "alice")) & _drawn(seen, _whose(sheet, "bob"))
    assert drawn, "mse has tests on inputs drawn per student and per hand-in"
    for student in ("alice", "bob"):
        scores = _mse_scores(grader.grade_path(sheet, A, student=student))
        assert all(scores[title] == 0 for title in drawn), (student, scores)


def test_the_same_code_draws_the_same_inputs_and_other_code_other_ones(tmp_path):
    right = submission.write(tmp_path / "a", "cost_functions", submission.reference_source("cost_functions"))
    again = submission.write(tmp_path / "b", "cost_functions", submission.reference_source("cost_functions"))
    edited = submission.write(tmp_path / "c", "cost_functions",
                              submission.reference_source("cost_functions") + "\n# tidied\n")
    assert _whose(right, "alice") == _whose(again, "alice")
    assert len({_whose(right, "alice"), _whose(edited, "alice"), _whose(right, "bob")}) == 3
    assert _whose(right, None) is None


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
