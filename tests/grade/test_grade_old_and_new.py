"""The hidden tests as pytest tests grade like the declarative engine they replace.

Every submission below is graded twice with one warm sandbox, by the old
path (``legacy_kit.LegacyGrader``) and by the pipeline, and must get the
same tests, points, outcomes, named mistakes and feedback: the reference
and the released stub on the default inputs and two students' own, and
every known mistake handed in as a student would.
"""

from pathlib import Path

import pytest

from autograder.checks.mistakes import catalogue
from autograder.course import ASSIGNMENTS
from autograder.grade.pipeline import Grader
from autograder.mutation import submission
from tests.grade.legacy_kit import LegacyGrader, differences

ROOT = Path(__file__).resolve().parents[2]
PORTED = [a for a, m in ASSIGNMENTS.items() if (ROOT / "autograder" / "hidden_tests" / f"test_{m}.py").exists()]
MISTAKES = [(a, m) for a in PORTED for ms in catalogue(ASSIGNMENTS[a]).values() for m in ms]


@pytest.fixture(scope="module")
def graders():
    with Grader() as new:
        old = LegacyGrader(sandbox=new._sandbox)
        old._sandbox = new._sandbox
        yield old, new
        old._sandbox = None


def _compare(graders, path, assignment, student=None):
    old, new = graders
    before, after = old.grade_path(path, assignment, student), new.grade_path(path, assignment, student)
    assert before.tests, "nothing was graded"
    assert not differences(before, after), "\n".join(differences(before, after))
    return after


@pytest.mark.parametrize("student", [None, "ada", "bo"])
@pytest.mark.parametrize("assignment", PORTED)
def test_reference_and_stub_graded_alike(graders, tmp_path, assignment, student):
    module = ASSIGNMENTS[assignment]
    reference = submission.write(tmp_path, module, submission.reference_source(module))
    assert _compare(graders, reference, assignment, student).score > 0
    assert _compare(graders, ROOT / "exercises" / f"{module}.py", assignment, student).score == 0


@pytest.mark.parametrize("assignment, mistake", MISTAKES, ids=[f"{a}-{m.function}-{m.name}" for a, m in MISTAKES])
def test_known_mistakes_graded_alike(graders, tmp_path, assignment, mistake):
    module = ASSIGNMENTS[assignment]
    source = submission.with_function(module, mistake.function, mistake.wrong)
    after = _compare(graders, submission.write(tmp_path, module, source), assignment, "ada")
    assert after.score < after.max_score
