"""Per-student hidden inputs: whose key, which inputs change, and that every seed is fair.

The reference (and correct code written otherwise) must earn full marks on
any student's inputs, and every known mistake must still be told from the
reference and named there: hypothesis draws the student ids.
"""

from __future__ import annotations

import os
import stat

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from autograder.checks import ASSIGNMENTS, build, seeds, suite
from autograder.checks.mistakes import catalogue
from autograder.checks.show import show_call
from checks_kit import report, report_with

SETTINGS = settings(max_examples=6, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
STUDENTS = st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF), min_size=1, max_size=16)


def _calls(s) -> list[list[str]]:
    return [[show_call(c.function, c.args, c.kwargs) for c in check.calls] for check in s.checks]


# ------------------------------------------------------------------ the key


def test_the_salt_is_made_once_private_and_kept(tmp_path):
    path = tmp_path / seeds.SALT_NAME
    first = seeds.salt.__wrapped__(path)
    assert len(first) == 32 and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert seeds.salt.__wrapped__(path) == first           # read back, not made again
    path.write_text("abcd\n")
    with pytest.raises(ValueError, match="too short"):
        seeds.salt.__wrapped__(path)


def test_a_key_needs_the_salt_as_well_as_the_id():
    one, other = b"1" * 32, b"2" * 32
    assert seeds.student_key("alice", one) == seeds.student_key(" alice ", one)
    assert seeds.student_key("alice", one) != seeds.student_key("bob", one)
    assert seeds.student_key("alice", one) != seeds.student_key("alice", other)
    assert seeds.student_key(None, one) is None and seeds.student_key("  ", one) is None


# ------------------------------------------------------------------ the inputs


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_student_gets_the_same_tests_on_inputs_of_their_own(assignment):
    default, alice, bob = suite(assignment), suite(assignment, "alice"), suite(assignment, "bob")
    assert [c.title for c in alice.checks] == [c.title for c in default.checks] == [c.title for c in bob.checks]
    assert alice.points == default.points
    assert _calls(build(assignment, "alice")) == _calls(alice)     # regrading draws the same again
    assert _calls(build(assignment)) == _calls(default)
    drawn = [i for i, (a, b) in enumerate(zip(_calls(alice), _calls(bob))) if a != b]
    assert {i for i, c in enumerate(default.checks) if "random" in c.title} <= set(drawn)
    for i in drawn:
        assert _calls(alice)[i] != _calls(default)[i]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_published_figures_and_worked_examples_are_the_same_for_everyone(assignment):
    fixed = [i for i, c in enumerate(suite(assignment).checks)
             if any(w in c.title for w in ("published", "worked example", "XOR", "exactly 0 or 1"))]
    for student in ("alice", "bob"):
        assert [_calls(suite(assignment, student))[i] for i in fixed] == [_calls(suite(assignment))[i] for i in fixed]


def test_a_student_suite_keeps_nothing_on_disk(tmp_path, monkeypatch):
    from autograder.checks import disk_cache

    monkeypatch.setenv(disk_cache.VARIABLE, str(tmp_path))
    build("ps3_cost_functions")
    before = sorted(p.name for p in tmp_path.rglob("*.json"))
    build("ps3_cost_functions", "carol")
    build("ps3_cost_functions", "dave")
    assert sorted(p.name for p in tmp_path.rglob("*.json")) == before and before


def test_the_memory_of_reference_answers_is_bounded(monkeypatch):
    from collections import OrderedDict

    from autograder.checks import check as check_module

    monkeypatch.setattr(check_module, "MEMO_SIZE", 50)
    monkeypatch.setattr(check_module, "_answers", OrderedDict())
    for student in ("erin", "frank", "grace"):
        build("ps3_cost_functions", student)
    assert len(check_module._answers) == 50


# ------------------------------------------------------------------ fair on every seed


@SETTINGS
@given(STUDENTS, st.sampled_from(sorted(ASSIGNMENTS)))
def test_the_reference_earns_full_marks_on_any_students_inputs(student, assignment):
    results = suite(assignment, student).judge(report(assignment, student=student))
    assert [(r.name, r.output[:300]) for r in results if r.outcome != "passed"] == []


ENTRIES = [(assignment, mistake) for assignment, module in ASSIGNMENTS.items()
           for mistakes in catalogue(module).values() for mistake in mistakes]


# A few fixed students rather than drawn ones: the reference's run on each
# student's inputs is shared by every entry of the catalogue.
SAMPLE = ("40213", "jdoe", "étudiant·e")


@pytest.mark.parametrize("student", SAMPLE)
@pytest.mark.parametrize("assignment, mistake", ENTRIES, ids=[f"{m.function}: {m.name}" for _, m in ENTRIES])
def test_every_known_mistake_is_named_on_other_students_inputs(assignment, mistake, student):
    results = suite(assignment, student).judge(report_with(assignment, {mistake.function: mistake.wrong},
                                                           student=student))
    own = [r for r in results if r.function == mistake.function]
    assert sum(r.score for r in own) < sum(r.max_score for r in own)
    assert [r for r in own if r.mistake == mistake.name], [(r.title, r.output[:200]) for r in own
                                                          if r.outcome != "passed"]


def test_the_random_inputs_really_change_with_the_key():
    from autograder.checks.inputs import arrays, drawn_for

    with drawn_for(seeds.student_key("alice", b"s" * 32)):
        alice = arrays("mse", -1, 1)
    assert not all(np.array_equal(a, b) for a, b in zip(alice, arrays("mse", -1, 1)))
