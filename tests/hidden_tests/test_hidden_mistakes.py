"""The known-mistake registry: every entry is recognised when a submission makes it."""

import pytest

from autograder.checks.mistakes import Mistake, catalogue
from autograder.course import ASSIGNMENTS, exercise_functions
from hidden_kit import judge_with

ENTRIES = [(assignment, mistake) for assignment, module in ASSIGNMENTS.items()
           for mistakes in catalogue(module).values() for mistake in mistakes]


def test_the_registry_holds_the_seeded_mistakes():
    names = {(m.function, m.name) for _, m in ENTRIES}
    assert ("mse_gradient", "the published tutorial's gradient (input x and 2/m dropped)") in names
    assert ("gradient_descent", "the update goes uphill (sign error)") in names
    assert ("sigmoid_derivative", "written for the pre-activation: sigmoid(s) * (1 - sigmoid(s))") in names
    assert ("add_bias", "the bias column is prepended instead of appended") in names


@pytest.mark.parametrize("assignment, mistake", ENTRIES, ids=[f"{m.function}: {m.name}" for _, m in ENTRIES])
def test_each_mistake_is_named_when_made(assignment, mistake: Mistake):
    assert mistake.function in exercise_functions(assignment)
    # The published Trask run names no mistakes: the reference's answer stands in.
    results = [r for r in judge_with(assignment, {mistake.function: mistake.wrong},
                                     reuse_call=lambda c: c.function == "trask_errors" and c.args == (0.001,))
               if r.function == mistake.function]
    assert any(r.outcome != "passed" for r in results), "the mistake must cost points"
    named = [r for r in results if r.mistake == mistake.name]
    assert named, [(r.title, r.mistake) for r in results]
    assert all(r.output.startswith(f"This looks like a known mistake: {mistake.name}. {mistake.hint}")
               for r in named)
    # A mistake is only named where it explains the failure, never on a passing test.
    assert all(r.outcome == "incorrect" for r in named)
