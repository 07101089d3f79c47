"""Tests of the tests: every known mistake, handed in as a student would, is caught and named.

Each entry's wrong implementation replaces its exercise function in the
reference module (the rest of the submission is the reference, imports
rewritten as a student's files have them) and goes through the real
pipeline: loader, sandbox, hidden tests, judge.  One warm grader serves
the whole module.
"""

import importlib

import pytest

from autograder.checks.mistakes import Mistake, catalogue
from autograder.course import ASSIGNMENTS
from autograder.grade import described
from autograder.grade.pipeline import Grader
from autograder.results import Outcome
from devtools.mutation import submission

ENTRIES = [(assignment, mistake) for assignment, module in ASSIGNMENTS.items()
           for mistakes in catalogue(module).values() for mistake in mistakes]


@pytest.fixture(scope="module")
def grader():
    with Grader() as warm:
        yield warm


def _grade(grader, folder, assignment, source):
    module = ASSIGNMENTS[assignment]
    return grader.grade_path(submission.write(folder, module, source), assignment)


def _users(assignment: str, function: str) -> set[str]:
    """Exercise functions that call ``function``, directly or through another exercise."""
    uses = importlib.import_module(f"autograder.hidden_tests.test_{ASSIGNMENTS[assignment]}").USES
    found, grew = {function}, True
    while grew:
        more = {f for f, needs in uses.items() if found & set(needs)} - found
        found |= more
        grew = bool(more)
    return found


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_reference_earns_full_marks(grader, tmp_path, assignment):
    result = _grade(grader, tmp_path, assignment, submission.reference_source(ASSIGNMENTS[assignment]))
    assert result.max_score == sum(described.points(assignment).values()) > 0
    assert result.score == result.max_score, [t.output for t in result.tests if t.status == Outcome.FAILED]
    assert not any(t.mistake for t in result.tests)


@pytest.mark.parametrize("assignment, mistake", ENTRIES, ids=[f"{m.function}: {m.name}" for _, m in ENTRIES])
def test_each_known_mistake_loses_points_and_is_named(grader, tmp_path, assignment, mistake: Mistake):
    module = ASSIGNMENTS[assignment]
    source = submission.with_function(module, mistake.function, mistake.wrong)
    result = _grade(grader, tmp_path, assignment, source)

    own = [t for t in result.tests if t.function == mistake.function]
    assert sum(t.score for t in own) < sum(t.max_score for t in own), "the mistake must cost points"
    named = [t for t in own if t.mistake == mistake.name]
    assert named, [(t.title, t.mistake, t.output[:200]) for t in own if t.status == Outcome.FAILED]
    for t in named:
        assert t.status == Outcome.FAILED
        assert t.output.startswith(f"This looks like a known mistake: {mistake.name}. {mistake.hint}")
    # A mistake never spills onto other exercises, except those that call the broken one.
    spared = [t for t in result.tests if t.function not in _users(assignment, mistake.function)]
    assert spared and all(t.score == t.max_score for t in spared), \
        [(t.name, t.output[:200]) for t in spared if t.score < t.max_score]


def _df_off_by_one(x):
    return 4 * x**3 - 9 * x**2 + 1


def test_a_mistake_outside_the_catalogue_gets_the_generic_feedback(grader, tmp_path):
    source = submission.with_function("derivatives", "df", _df_off_by_one)
    result = _grade(grader, tmp_path, "ps1_derivatives", source)
    failed = [t for t in result.tests if t.function == "df" and t.status == Outcome.FAILED]
    assert failed
    for t in failed:
        assert t.mistake == "" and "known mistake" not in t.output
        assert "Expected" in t.output and "Got:" in t.output
