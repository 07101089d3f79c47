"""The batch loop over a class: grade, skip what is done, regrade what changed."""

import json

from nbgrader.api import Gradebook

import course_kit as kit
from autograder.batch.coursedir import open_course
from autograder.batch.run import BatchRun
from autograder.results import GradeResult
from autograder.sandbox.protocol import Limits
from fake_grader import FakeGrader


def batch(course, force=False, students=None, assignments=None):
    run = BatchRun(open_course(course), jobs=1, limits=Limits(), force=force, show_progress=False,
                   grader_factory=FakeGrader)
    return run.run(assignments, students)


def totals(course):
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        return {s.student.id: s.score for s in gb.assignment_submissions(kit.ASSIGNMENT)}


def record(course, student):
    return json.loads((course / "autograded" / student / kit.ASSIGNMENT / "autograder.json").read_text())


def class_of_four(course):
    kit.submit(course, "alice", kit.all_reference(kit.points()))
    kit.submit(course, "bob", {})
    kit.submit(course, "carol", {"df": kit.BUGGY_DF, "sigmoid": kit.reference("sigmoid")})
    broken = kit.submit(course, "dora", {})
    (broken / f"{kit.ASSIGNMENT}.ipynb").write_text('{"cells": [')


def test_reruns_skip_what_is_done_and_regrade_what_changed_or_was_lost_or_is_forced(course):
    class_of_four(course)
    (course / "submitted" / "alice" / "ps9_unknown").mkdir()
    first = batch(course)
    assert (first.graded, first.skipped, first.failed, first.unknown) == (4, 0, [], ["ps9_unknown"])
    points, full = kit.points(), sum(kit.points().values())
    assert totals(course) == {"alice": full, "bob": 0.0, "carol": points["sigmoid"], "dora": 0.0}
    assert record(course, "carol")["fingerprint"]
    assert {t["function"] for t in record(course, "carol")["tests"]} == set(points)
    assert record(course, "dora")["output"] == f"could not read {kit.ASSIGNMENT}.ipynb"   # graded all the same

    again = batch(course)
    assert (again.graded, again.skipped) == (0, 4)

    kit.submit(course, "bob", {"df": kit.reference("df")}, timestamp="2030-01-01 09:00:00.000000 UTC")
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        gb.remove_submission(kit.ASSIGNMENT, "alice")
    changed = batch(course)
    assert (changed.graded, changed.skipped) == (2, 2)
    assert totals(course) == {"alice": full, "bob": points["df"], "carol": points["sigmoid"], "dora": 0.0}

    forced = batch(course, force=True, students=["carol"])
    assert (forced.graded, forced.skipped) == (1, 0)
    assert totals(course)["carol"] == points["sigmoid"]


class CountsBuiltSuites(FakeGrader):
    """Reports how many hidden-test suites its process had before grading."""

    def grade_cells(self, cells, assignment, student=None):
        from autograder.checks import suite

        fake = super().grade_cells(cells, assignment)
        return GradeResult(fake.assignment, fake.tests, output=f"suites built: {suite.cache_info().currsize}")


def test_the_hidden_tests_are_built_once_before_the_workers_fork(course):
    from autograder.checks import suite

    kit.submit(course, "alice", kit.all_reference(kit.points()))
    suite.cache_clear()
    run = BatchRun(open_course(course), jobs=1, limits=Limits(), force=True, show_progress=False,
                   grader_factory=CountsBuiltSuites)
    assert run.run().graded == 1
    assert record(course, "alice")["output"] == "suites built: 1"    # inherited: the worker built none
    assert suite.cache_info().currsize == 1
