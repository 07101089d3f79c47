"""Mistakes learnt from the class: groups of unexplained wrong answers, and the catalogue's coverage."""

from pathlib import Path

import pytest

import classwise_kit as kit
from autograder.results import GradeResult
from autograder.results import TestResult as Result
from autograder.report.learnt import learn
from autograder.results.record import Record, Records


@pytest.fixture(scope="module")
def graded():
    return kit.graded()


def test_the_same_answers_and_the_same_factor_each_make_one_group(graded):
    records, _ = graded
    groups = {tuple(g.members): g for g in learn(records).groups}
    assert list(groups)[0] == ("orig", "ren", "reo"), "the largest group comes first"
    assert set(groups) == {("orig", "ren", "reo"), ("dbl1", "dbl2"), ("slip1", "slip2")}
    assert groups[("dbl1", "dbl2")].factor == "2" and "2 times" in groups[("dbl1", "dbl2")].how
    assert groups[("slip1", "slip2")].factor == "" and "same answers" in groups[("slip1", "slip2")].how
    for g in groups.values():
        assert g.exercise == "cost_functions.mse_gradient"
        assert g.called.startswith("mse_gradient(") and g.expected and g.got and g.got != g.expected


def test_a_named_mistake_is_explained_and_counts_toward_coverage(graded):
    records, _ = graded
    learnt = learn(records)
    assert all("known" not in g.members for g in learnt.groups)
    c = learnt.coverage
    assert (c.failing, c.explained, c.wrong_functions, c.named_functions) == (8, 1, 8, 1)
    assert c.sentence().startswith("the catalogue explains 1 of 8 failing submissions (12%)")


def test_the_excerpt_is_a_members_function_without_comments(graded, tmp_path):
    records, _ = graded
    # The records' paths are the submissions; lay them out as a course folder does.
    for student, record in records.by_student.items():
        target = tmp_path / "submitted" / student / kit.ASSIGNMENT
        target.mkdir(parents=True)
        for f in Path(record.path).iterdir():
            (target / f.name).write_bytes(f.read_bytes())
    top = learn(records, tmp_path).groups[0]
    assert top.excerpt.startswith("def mse_gradient(X, y, w):")
    assert "0.01 * w" in top.excerpt and "#" not in top.excerpt


def _record(student, fingerprint, function="mse", named=False):
    test = Result("cost_functions", function, "t", 0, 1, output="Called:   mse(1, 2)\nExpected: 1\nGot:      2",
                      outcome="incorrect", mistake="x" if named else "")
    return Record(student, kit.ASSIGNMENT, GradeResult(kit.ASSIGNMENT, [test], answers={function: fingerprint}), Path("."))


def test_students_with_different_inputs_group_on_the_inputs_they_share():
    """Hidden inputs drawn per student: only the inputs most fingerprints share decide."""
    shared = ["aaaa0001:11111111:w", "aaaa0002:22222222:w"]
    records = Records(kit.ASSIGNMENT)
    for i, own in enumerate(["bbbb0001:33333333:w", "bbbb0002:44444444:w", "bbbb0003:55555555:w"]):
        records.by_student[f"s{i}"] = _record(f"s{i}", {"named": False, "factor": "", "calls": shared + [own]})
    records.by_student["other"] = _record("other", {"named": False, "factor": "",
                                                    "calls": ["aaaa0001:99999999:w", "aaaa0002:22222222:w"]})
    groups = learn(records).groups
    assert [g.members for g in groups] == [["s0", "s1", "s2"]]
    assert learn(records).alone == 1


def test_the_same_constant_off_on_different_inputs_is_one_group():
    records = Records(kit.ASSIGNMENT)
    for i in range(2):
        records.by_student[f"s{i}"] = _record(f"s{i}", {"named": False, "factor": "", "offset": "1",
                                                        "calls": [f"cccc000{i}:dddd000{i}:w"]})
    groups = learn(records).groups
    assert [g.members for g in groups] == [["s0", "s1"]] and groups[0].how == "every answer is the right one plus 1"
