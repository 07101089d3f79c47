"""The autograded/ copy: what generate_feedback shows, scored the way nbgrader reads it."""

import nbformat
from nbgrader.api import Gradebook
from nbgrader.utils import determine_grade

import course_kit as kit
from autograder.batch.autograded import with_feedback, write_autograded
from autograder.batch.coursedir import open_course
from autograder.batch.gradebook import GradedNotebook
from autograder.batch.sanitize import SourceCells, resources_for, sanitize
from autograder.course import exercise_functions
from autograder.results import GradeResult, TestResult as Check

FUNCTIONS = set(exercise_functions(kit.ASSIGNMENT))


def sanitized(course, answers):
    c = open_course(course)
    with Gradebook(c.db_url, c.dirs.course_id) as gb:
        nb = kit.student_notebook(course, answers)
        return sanitize(nb, resources_for("s", kit.ASSIGNMENT, kit.ASSIGNMENT, c.db_url), SourceCells(gb), c.config)


def result(scores):
    """Two tests per function; ``scores``: function -> fraction earned."""
    tests = [Check("derivatives", f, t, scores.get(f, 0.0) * p / 2, p / 2, output=f"{f}/{t} says hi")
             for f, p in kit.points().items() for t in ("a", "b")]
    return GradeResult(kit.ASSIGNMENT, tests)


def scored_cells(nb):
    return {c.metadata["nbgrader"]["grade_id"][5:]: c for c in nb.cells
            if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test_")}


def test_nbgrader_reads_our_scores_from_the_test_cells(course):
    nb = with_feedback(sanitized(course, {}), result({"df": 1.0, "sigmoid": 1 / 3, "f": 0.5}), FUNCTIONS)
    points = kit.points()
    for function, cell in scored_cells(nb).items():
        expected = {"df": points["df"], "sigmoid": round(points["sigmoid"] / 3, 6), "f": points["f"] / 2}
        assert determine_grade(cell) == (expected.get(function, 0.0), points[function])
        assert f"{function}/a says hi" in cell.outputs[0]["text"]


def test_folder_has_notebook_and_files_and_is_replaced_whole(course, tmp_path):
    submitted = kit.submit(course, "ann", {})
    (submitted / "data.csv").write_text("student's")
    (submitted / "notes.txt").write_text("mine")
    (course / "source" / kit.ASSIGNMENT / "data.csv").write_text("instructor's")
    dest = course / "autograded" / "ann" / kit.ASSIGNMENT
    entry = GradedNotebook(kit.ASSIGNMENT, sanitized(course, {}), result({}))
    args = (submitted, course / "source" / kit.ASSIGNMENT, [entry], FUNCTIONS, [".ipynb_checkpoints"], 0o444)
    write_autograded(dest, *args)
    assert sorted(p.name for p in dest.iterdir()) == ["data.csv", "notes.txt", f"{kit.ASSIGNMENT}.ipynb",
                                                      "timestamp.txt"]
    assert (dest / "data.csv").read_text() == "instructor's"     # as nbgrader: the source wins
    write_autograded(dest, *args, keep=("data.csv",))              # unless told otherwise
    assert (dest / "data.csv").read_text() == "student's"
    (submitted / "notes.txt").unlink()
    write_autograded(dest, *args)                                  # over read-only files
    assert not (dest / "notes.txt").exists()
    assert sorted(p.name for p in dest.parent.iterdir()) == [kit.ASSIGNMENT]
    nb = nbformat.read(dest / f"{kit.ASSIGNMENT}.ipynb", as_version=4)
    nbformat.validate(nb)                    # written compactly, still a valid notebook
    assert determine_grade(scored_cells(nb)["df"]) == (0.0, kit.points()["df"])
    # the same notebook nbformat's own (indented) writer would have given
    assert nb == nbformat.reads(nbformat.writes(entry.notebook), as_version=4)


def test_a_missing_notebook_is_simply_absent(course):
    submitted = kit.submit(course, "ben", {})
    dest = course / "autograded" / "ben" / kit.ASSIGNMENT
    write_autograded(dest, submitted, course / "source" / kit.ASSIGNMENT,
                     [GradedNotebook(kit.ASSIGNMENT, None, None)], FUNCTIONS, [], 0o444)
    assert sorted(p.name for p in dest.iterdir()) == ["timestamp.txt"]
