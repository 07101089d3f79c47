"""The isolation that was in force is on record: each autograder.json, the
batch command's output (one warning when weaker than Landlock) and the class report."""

import json

import course_kit as kit
from autograder.batch.coursedir import open_course
from autograder.batch.run import BatchRun
from autograder.results import GradeResult
from autograder.report.build import write_report
from autograder.sandbox.protocol import Limits
from fake_grader import FakeGrader

WEAK = "audit-hook, no network"


class WeakGrader(FakeGrader):
    """Grades as the fake grader does, under the audit-hook fallback."""

    def grade_cells(self, cells, assignment, **options):
        fake = super().grade_cells(cells, assignment, **options)
        return GradeResult(fake.assignment, fake.tests, output=fake.output, isolation=WEAK)


class StrongGrader(FakeGrader):
    def grade_cells(self, cells, assignment, **options):
        fake = super().grade_cells(cells, assignment, **options)
        return GradeResult(fake.assignment, fake.tests, output=fake.output, isolation="landlock (ABI 7), no network")


def _batch(course, grader):
    run = BatchRun(open_course(course), jobs=1, limits=Limits(), force=True, show_progress=False,
                   grader_factory=grader)
    return run.run()


def _record(course, student):
    return json.loads((course / "autograded" / student / kit.ASSIGNMENT / "autograder.json").read_text())


def test_a_weaker_isolation_is_recorded_reported_and_warned_about_once(course, capsys, tmp_path):
    for student in ("alice", "bob", "carol"):
        kit.submit(course, student, {"df": kit.reference("df")})
    summary = _batch(course, WeakGrader)
    assert summary.graded == 3
    assert all(_record(course, s)["isolation"] == WEAK for s in ("alice", "bob", "carol"))
    assert capsys.readouterr().err.count("warning: student code runs without Landlock here") == 1

    write_report(course, kit.ASSIGNMENT, tmp_path / "report")
    page = (tmp_path / "report" / "report.html").read_text()
    assert f"{WEAK} (3 records)" in page
    assert "Weaker than Landlock" in page


def test_landlock_is_recorded_without_a_warning(course, capsys, tmp_path):
    kit.submit(course, "alice", {"df": kit.reference("df")})
    _batch(course, StrongGrader)
    assert _record(course, "alice")["isolation"].startswith("landlock")
    assert "without Landlock" not in capsys.readouterr().err
    write_report(course, kit.ASSIGNMENT, tmp_path / "report")
    page = (tmp_path / "report" / "report.html").read_text()
    assert "landlock (ABI 7), no network (1 record)" in page and "Weaker than Landlock" not in page


class KernelsWord(FakeGrader):
    """Full marks whatever was handed in: what a rebinding answer cell makes nbgrader autograde record."""

    def grade_cells(self, cells, assignment, **options):
        fake = super().grade_cells(cells, assignment, **options)
        for test in fake.tests:
            test.score = test.max_score
        return fake


def test_scores_nbgrader_autograde_gave_above_the_isolated_grade_are_flagged(course, capsys, tmp_path):
    kit.submit(course, "alice", {**kit.all_reference(kit.points()), "df": kit.BUGGY_DF})
    _batch(course, KernelsWord)
    (course / "autograded" / "alice" / kit.ASSIGNMENT / "autograder.json").unlink()  # as nbgrader leaves it
    capsys.readouterr()
    _batch(course, FakeGrader)
    above = _record(course, "alice")["nbgrader_above"]
    assert [(a["cell"], a["nbgrader"], a["isolated"]) for a in above] == [("test_df", 2.0, 0.0)]
    assert "nbgrader autograde had scored above the isolated grade (test_df 2 > 0)" in capsys.readouterr().err
    assert kit.cell_scores(course)[("alice", "test_df")][0] == 0.0
    write_report(course, kit.ASSIGNMENT, tmp_path / "report")
    page = (tmp_path / "report" / "report.html").read_text()
    assert "scored 1 test cell above the isolated grade" in page and "alice" in page


def test_a_lower_grade_after_our_own_earlier_grading_is_not_flagged(course, capsys):
    # A resubmission may score less than the last batch did; only nbgrader's word is in question.
    kit.submit(course, "alice", {"df": kit.BUGGY_DF})
    _batch(course, KernelsWord)
    capsys.readouterr()
    _batch(course, FakeGrader)
    assert "nbgrader_above" not in _record(course, "alice")
    assert "above the isolated grade" not in capsys.readouterr().err
