"""``nbgrader autograde`` (through the kernel hook) and the batch command agree, cell by cell."""

import shutil

import course_kit as kit


def test_nbgrader_autograde_scores_every_cell_as_the_batch_command_did(graded_class, tmp_path):
    course = tmp_path / "course"
    shutil.copytree(graded_class / "ungraded" / "course", course)
    for folder in (course / "submitted").iterdir():
        if folder.name not in kit.PARITY:          # a kernel per notebook: four are enough
            shutil.rmtree(folder)
    kit.nbgrader(course, "autograde", kit.ASSIGNMENT, "--Execute.timeout=120",
                 env=kit.nbgrader_env() | {"AUTOGRADER_SECONDS_PER_FUNCTION": kit.CLASS_LIMIT})

    by_nbgrader = kit.cell_scores(course)
    by_batch = {k: v for k, v in kit.cell_scores(graded_class / "graded" / "course").items() if k[0] in kit.PARITY}
    assert by_nbgrader == by_batch
    points = kit.points()
    auto = {key: value[0] for key, value in by_batch.items()}
    assert all(auto["ref", f"test_{f}"] == p for f, p in points.items())
    assert all(auto["stub", f"test_{f}"] == 0 for f in points)
    assert auto["buggy", "test_df"] < points["df"] and auto["buggy", "test_critical_points"] < points["critical_points"]
    assert auto["buggy", "test_sigmoid"] == points["sigmoid"]
    assert auto["hangs", "test_sigmoid"] == 0 and auto["hangs", "test_df"] == points["df"]
