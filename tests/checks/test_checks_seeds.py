"""Per-student hidden inputs: whose key, which inputs change, and that every seed is fair.

The reference (and correct code written otherwise) must earn full marks on
any student's inputs, and every known mistake must still be told from the
reference and named there: hypothesis draws the student ids.
"""

from __future__ import annotations

import os
import stat
import sys
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from autograder.checks import disk_cache, seeds
from autograder.checks import expect as expect_module
from autograder.checks.mistakes import catalogue
from autograder.checks.show import show_call
from autograder.course import ASSIGNMENTS
from autograder.grade import session
from autograder.sandbox.protocol import SandboxReport

# The in-process runner of the hidden tests is kept beside their own tests, not on the path of this folder's.
KIT = str(Path(__file__).resolve().parents[1] / "hidden_tests")
if KIT not in sys.path:
    sys.path.insert(0, KIT)
from hidden_kit import hidden, judge  # noqa: E402

SETTINGS = settings(max_examples=6, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
STUDENTS = st.text(st.characters(min_codepoint=33, max_codepoint=0x2FFF), min_size=1, max_size=16)


def _tests(assignment: str, student: str | None = None) -> list[tuple]:
    """(title, points, the calls it makes) of each hidden test on ``student``'s inputs.

    The plan is all that is needed, so the sandbox stand-in runs nothing."""
    run = session.run(assignment, lambda plan: SandboxReport(), student)
    return [(r.title, r.max_score, [show_call(c.call.function, c.call.args, c.call.kwargs) for c in log.planned])
            for r, log in zip(run.tests, run.logs)]


def _calls(tests) -> list[list[str]]:
    return [calls for _, _, calls in tests]


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
    default, alice, bob = _tests(assignment), _tests(assignment, "alice"), _tests(assignment, "bob")
    assert [t[:2] for t in alice] == [t[:2] for t in default] == [t[:2] for t in bob]
    assert _tests(assignment, "alice") == alice     # regrading draws the same again
    assert _tests(assignment) == default
    drawn = [i for i, (a, b) in enumerate(zip(_calls(alice), _calls(bob))) if a != b]
    random = {i for i, (title, _, _) in enumerate(default) if "random" in title}
    assert drawn and random <= set(drawn)
    for i in drawn:
        assert _calls(alice)[i] != _calls(default)[i]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_published_figures_and_worked_examples_are_the_same_for_everyone(assignment):
    default = _tests(assignment)
    fixed = [i for i, (title, _, calls) in enumerate(default)
             if any(w in title for w in ("published", "worked example", "XOR", "exactly 0 or 1"))]
    for student in ("alice", "bob"):
        assert [_calls(_tests(assignment, student))[i] for i in fixed] == [_calls(default)[i] for i in fixed]


def test_a_students_grading_keeps_nothing_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.VARIABLE, str(tmp_path))
    hidden("ps3_cost_functions")
    session.warm.__wrapped__("ps3_cost_functions")     # what a grading on a student's inputs warms first
    before = sorted(p.name for p in tmp_path.rglob("*.json"))
    hidden("ps3_cost_functions", student="carol")
    mistake = next(iter(catalogue("cost_functions")["mse"]))
    named = hidden("ps3_cost_functions", student="dave", functions=["mse"], overrides={"mse": mistake.wrong})
    assert any(r.mistake == mistake.name for r in named.tests)      # the mistakes were run on dave's inputs
    assert sorted(p.name for p in tmp_path.rglob("*.json")) == before and before


def test_the_memory_of_reference_answers_is_bounded(monkeypatch):
    monkeypatch.setattr(expect_module, "MEMO_SIZE", 50)
    monkeypatch.setattr(expect_module, "_answers", OrderedDict())
    for student in ("erin", "frank", "grace"):
        hidden("ps3_cost_functions", student=student)
    assert len(expect_module._answers) == 50


# ------------------------------------------------------------------ fair on every seed


@SETTINGS
@given(STUDENTS, st.sampled_from(sorted(ASSIGNMENTS)))
def test_the_reference_earns_full_marks_on_any_students_inputs(student, assignment):
    results = judge(assignment, student=student)
    assert [(r.name, r.output[:300]) for r in results if r.outcome != "passed"] == []


ENTRIES = [(assignment, mistake) for assignment, module in ASSIGNMENTS.items()
           for mistakes in catalogue(module).values() for mistake in mistakes]


# A few fixed students rather than drawn ones: the reference's run on each
# student's inputs is shared by every entry of the catalogue.
SAMPLE = ("40213", "jdoe", "étudiant·e")


@pytest.mark.parametrize("student", SAMPLE)
@pytest.mark.parametrize("assignment, mistake", ENTRIES, ids=[f"{m.function}: {m.name}" for _, m in ENTRIES])
def test_every_known_mistake_is_named_on_other_students_inputs(assignment, mistake, student):
    own = hidden(assignment, student=student, functions=[mistake.function],
                 overrides={mistake.function: mistake.wrong}).tests
    assert own and all(r.function == mistake.function for r in own)
    assert sum(r.score for r in own) < sum(r.max_score for r in own)
    assert [r for r in own if r.mistake == mistake.name], [(r.title, r.output[:200]) for r in own
                                                          if r.outcome != "passed"]


def test_the_random_inputs_really_change_with_the_key():
    from autograder.checks.inputs import arrays, drawn_for

    with drawn_for(seeds.student_key("alice", b"s" * 32)):
        alice = arrays("mse", -1, 1)
    assert not all(np.array_equal(a, b) for a, b in zip(alice, arrays("mse", -1, 1)))
