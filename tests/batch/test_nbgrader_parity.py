"""``nbgrader autograde`` (through the kernel hook) and the batch command agree, cell by cell."""

import shutil

import course_kit as kit

LIMIT = "2"   # seconds per exercise function, on both roads


def test_nbgrader_autograde_and_the_batch_command_score_every_cell_alike(tmp_path):
    points = kit.points()
    reference = kit.all_reference(points)
    course = kit.repo_course(tmp_path / "nbgrader", "\nc.Execute.timeout = 120\n")
    kit.submit(course, "ref", reference)
    kit.submit(course, "stub", {})
    kit.submit(course, "buggy", reference | {"df": kit.BUGGY_DF, "critical_points": kit.APPROXIMATE_CRITICAL_POINTS})
    # a hanging sigmoid, without the self-check cell that would hang nbgrader's kernel too
    kit.submit(course, "hangs", reference | {"sigmoid": kit.HANGING_SIGMOID}, drop=("check_sigmoid",))
    twin = tmp_path / "batch" / "course"
    shutil.copytree(course, twin)

    kit.nbgrader(course, "autograde", kit.ASSIGNMENT, env=kit.nbgrader_env() | {"AUTOGRADER_SECONDS_PER_FUNCTION": LIMIT})
    done = kit.batch(twin, "--seconds-per-function", LIMIT)
    assert done.returncode == 0, done.stderr

    by_nbgrader, by_batch = kit.cell_scores(course), kit.cell_scores(twin)
    assert by_batch == by_nbgrader
    auto = {key: value[0] for key, value in by_batch.items()}
    assert all(auto["ref", f"test_{f}"] == p for f, p in points.items())
    assert all(auto["stub", f"test_{f}"] == 0 for f in points)
    assert auto["buggy", "test_df"] < points["df"] and auto["buggy", "test_critical_points"] < points["critical_points"]
    assert auto["buggy", "test_sigmoid"] == points["sigmoid"]
    assert auto["hangs", "test_sigmoid"] == 0 and auto["hangs", "test_df"] == points["df"]
