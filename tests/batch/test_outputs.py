"""Outputs of the student's own code for the cells a human grades (``autograder/batch/outputs.py``)."""

import base64
import io
import json

import nbformat
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.batch.outputs import (figure_cells, has_manual_cells, outputs_from, run_outputs, with_outputs,
                                      _checked)
from autograder.course import ASSIGNMENTS
from autograder.sandbox import Sandbox
from autograder.sandbox.protocol import CallOutcome, FunctionRun, Limits, SandboxReport

from course_kit import REPO


def _written(grade_id="written"):
    return new_markdown_cell("my answer", metadata={"nbgrader": {
        "grade_id": grade_id, "grade": True, "solution": True, "locked": False, "points": 2.0,
        "schema_version": 3, "task": False}})


def _png_pixels(text: str) -> np.ndarray:
    import matplotlib.image

    return matplotlib.image.imread(io.BytesIO(base64.b64decode(text)), format="png")


@pytest.mark.parametrize("assignment, expected", [
    ("ps1_derivatives", set()),
    ("ps2_gradient_descent", {19, 21, 23}),
    ("ps3_cost_functions", {42, 44}),
    ("ps4_backprop", {51}),
])
def test_figures_are_drawn_for_the_cells_a_written_answer_is_about(assignment, expected):
    nb = nbformat.read(REPO / "source" / assignment / f"{assignment}.ipynb", as_version=4)
    assert figure_cells(nb) == expected
    assert has_manual_cells(nb) == bool(expected)
    for index in expected:        # plain cells of the notebook's own, all of them
        assert nb.cells[index].cell_type == "code" and "nbgrader" not in nb.cells[index].metadata


PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 20).decode()


def test_only_known_output_shapes_reach_the_notebook():
    sent = [
        ["stream", "stdout", "hi\n"], ["stream", "stderr", "careful\n"], ["stream", "html", "<b>x</b>"],
        ["result", "2"], ["png", PNG], ["png", base64.b64encode(b"<svg onload=alert(1)>").decode()],
        ["png", "not base64!"], ["html", "<script>alert(1)</script>"], ["error", "ValueError", "boom", ["tb\n"]],
        ["error", "X"], "stream", [], [1, 2], ["result", 3],
    ]
    built = _checked(sent)
    assert [o.output_type for o in built] == ["stream", "stream", "execute_result", "display_data", "error"]
    assert built[3].data["image/png"] == PNG and set(built[3].data) == {"image/png", "text/plain"}
    assert built[4].ename == "ValueError" and built[4].traceback == ["tb\n"]
    assert "<script>" not in json.dumps(built)
    assert len(_checked([["stream", "stdout", "x" * 10**6]])[0].text) < 25_000


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=5), inner,
                                                                                      max_size=3), max_leaves=30)


@settings(max_examples=200, deadline=None)
@given(st.one_of(json_values, st.lists(st.lists(st.sampled_from(["stream", "stdout", "result", "png", "error", PNG])
                                                | json_values, max_size=5), max_size=8)))
def test_whatever_comes_back_the_outputs_are_valid_notebook_outputs(value):
    nb = new_notebook(cells=[new_code_cell("x")])
    with_outputs(nb, {0: _checked(value)})
    nbformat.validate(nb)
    for output in nb.cells[0].outputs:
        assert output.output_type in ("stream", "execute_result", "display_data", "error")
        assert set(output.get("data", {})) <= {"image/png", "text/plain"}


def test_cells_that_did_not_run_say_why():
    calls = [CallOutcome("ok", [["stream", "stdout", "a\n"]]), CallOutcome("error", error="RecursionError: x")]
    report = SandboxReport(functions={"run_cell": FunctionRun("run_cell", "timeout", calls=calls)})
    outputs = outputs_from(report, [1, 4, 6, 9], 30.0)
    assert outputs[1][0].text == "a\n"
    assert "RecursionError" in outputs[4][0].evalue
    assert "more than 30 s in all" in outputs[6][0].evalue and 9 not in outputs


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(limits=Limits(seconds_per_function=1.5)) as box:
        yield box


CELLS = [
    "import numpy as np\nimport matplotlib.pyplot as plt\nfrom helper import greeting",   # 0
    "print(greeting)\n40 + 2",                                                            # 1
    "def bad():\n    raise ValueError('boom')\n\nbad()",                                 # 2
    "while True:\n    pass",                                                             # 3
    "def spin():\n    while True:\n        pass",                                        # 4
    "%matplotlib inline\nspin()",                                                        # 5
    "xs = np.linspace(0, 1, 50)\nplt.plot(xs, xs**2)\nplt.title('mine')\nplt.show()\nprint('drawn')",  # 6
    "plt.plot([0, 1], [1, 0])",                                                          # 7 (figure, no show)
]


def test_each_cell_runs_in_the_sandbox_and_a_failing_one_does_not_stop_the_rest(sandbox):
    nb = new_notebook(cells=[new_code_cell(source) for source in CELLS] + [_written()])
    nb.cells[6].outputs = [nbformat.v4.new_output("display_data", {"text/html": "<script>stored</script>"})]
    outputs = run_outputs(sandbox.run, nb, {"helper": "greeting = 'hello from a file beside the notebook'\n"},
                          Limits(seconds_per_function=1.5), spent=("spin",))
    with_outputs(nb, outputs)
    nbformat.validate(nb)
    kinds = {i: [o.output_type for o in nb.cells[i].outputs] for i in range(len(CELLS))}
    assert kinds[0] == []
    assert nb.cells[1].outputs[0].text == "hello from a file beside the notebook\n"
    assert nb.cells[1].outputs[1].data["text/plain"] == "42"
    assert nb.cells[2].outputs[0].ename == "ValueError" and "bad()" in "".join(nb.cells[2].outputs[0].traceback)
    assert nb.cells[3].outputs[0].ename == "TimeoutError"
    assert "ran out of time (in the graded tests" in nb.cells[5].outputs[0].evalue
    assert kinds[6] == ["display_data", "stream"] and kinds[7] == ["execute_result", "display_data"]   # as Jupyter
    assert "<script>" not in json.dumps(nb.cells[6].outputs)
    for index in (6, 7):
        figure = next(o for o in nb.cells[index].outputs if o.output_type == "display_data")
        pixels = _png_pixels(figure.data["image/png"])
        assert pixels.shape[0] > 50 and pixels.shape[1] > 50 and np.ptp(pixels) > 0.5
    assert [c.execution_count for c in nb.cells[:8]] == list(range(1, 9))


def test_an_endless_loop_in_a_function_is_paid_for_once(sandbox):
    import time

    nb = new_notebook(cells=[new_code_cell("def helper(x):\n    return x\n\ndef loop(x):\n    while True:\n"
                                           "        helper(x)"),
                             new_code_cell("loop(1)"), new_code_cell("print('next')\nloop(2)"),
                             new_code_cell("helper(3)"), _written()])
    start = time.monotonic()
    outputs = run_outputs(sandbox.run, nb, {}, Limits(seconds_per_function=1.5))
    assert time.monotonic() - start < 5
    assert "while loop was running" in outputs[1][0].evalue
    assert outputs[2][0].text == "next\n" and "not run again" in outputs[2][1].evalue
    assert outputs[3][0].data["text/plain"] == "3"          # the function it called is not blamed


def test_figures_are_left_out_where_nothing_is_graded_by_hand_after_them(sandbox):
    nb = new_notebook(cells=[new_code_cell("import matplotlib.pyplot as plt"), _written(),
                             new_code_cell("plt.plot([1, 2])\nprint('seen')")])
    outputs = run_outputs(sandbox.run, nb, {}, Limits(seconds_per_function=1.5))
    assert [o.output_type for o in outputs[2]] == ["stream"]


def test_a_cell_that_ends_the_process_leaves_the_later_cells_marked_not_run(sandbox):
    nb = new_notebook(cells=[new_code_cell("print('first')"), new_code_cell("import os\nos._exit(3)"),
                             new_code_cell("print('never')"), _written()])
    outputs = run_outputs(sandbox.run, nb, {}, Limits(seconds_per_function=1.5))
    assert outputs[0][0].text == "first\n"
    assert "were not run" in outputs[1][0].evalue and 2 not in outputs


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if a != "ps1_derivatives"])
def test_the_reference_notebooks_run_without_errors_and_draw_their_figures(sandbox, assignment):
    folder = REPO / "source" / assignment
    nb = nbformat.read(folder / f"{assignment}.ipynb", as_version=4)
    from autograder.batch.outputs import module_files

    # generous limits: the ps4 sweep takes 2 s alone and much longer on a busy machine
    outputs = run_outputs(sandbox.run, nb, module_files(folder), Limits(seconds_per_function=60))
    errors = [(i, o.evalue) for i, cell in outputs.items() for o in cell if o.output_type == "error"]
    assert errors == []
    for index in figure_cells(nb):
        if "plt." in nb.cells[index].source:
            assert any(o.output_type == "display_data" for o in outputs[index]), index


def test_the_batch_command_gives_formgrader_and_nbgraders_feedback_the_students_figure(course):
    """As an instructor runs it: batch, then ``nbgrader generate_feedback``."""
    import course_kit as kit

    nb = kit.student_notebook(course, kit.all_reference(kit.points()))
    plot = new_code_cell("import matplotlib.pyplot as plt\nxs = np.linspace(-1, 3, 80)\nplt.plot(xs, f(xs))\n"
                         "plt.title('my quartic')\nplt.show()\nprint('lowest at', round(xs[np.argmin(f(xs))], 1))")
    plot.outputs = [nbformat.v4.new_output("display_data", {"text/html": "<script>stored</script>"})]
    nb.cells.insert(len(nb.cells) - 1, plot)
    folder = course / "submitted" / "ann" / kit.ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / f"{kit.ASSIGNMENT}.ipynb")
    (folder / "timestamp.txt").write_text("2029-12-31 12:00:00.000000 UTC")

    done = kit.batch(course, "--no-outputs")
    assert done.returncode == 0, done.stderr
    without = kit.cell_scores(course)
    autograded = course / "autograded" / "ann" / kit.ASSIGNMENT / f"{kit.ASSIGNMENT}.ipynb"
    assert all(not c.get("outputs") for c in nbformat.read(autograded, as_version=4).cells
               if not c.metadata.get("nbgrader", {}).get("grade"))
    done = kit.batch(course, "--force")
    assert done.returncode == 0, done.stderr
    assert kit.cell_scores(course) == without          # grades do not depend on the outputs

    cells = nbformat.read(autograded, as_version=4).cells
    drawn = next(c for c in cells if "my quartic" in c.source)
    assert [o.output_type for o in drawn.outputs] == ["display_data", "stream"]
    assert drawn.outputs[1].text == "lowest at 2.2\n"
    assert np.ptp(_png_pixels(drawn.outputs[0].data["image/png"])) > 0.5
    assert "<script>" not in autograded.read_text()

    kit.nbgrader(course, "generate_feedback", kit.ASSIGNMENT)
    html = (course / "feedback" / "ann" / kit.ASSIGNMENT / f"{kit.ASSIGNMENT}.html").read_text()
    assert html.count("data:image/png;base64,") == 1 and "lowest at 2.2" in html


def test_the_assignments_files_win_over_the_students_and_odd_names_are_left_out(tmp_path):
    from autograder.batch.outputs import module_files

    student, source = tmp_path / "student", tmp_path / "source"
    student.mkdir()
    source.mkdir()
    (student / "selfcheck.py").write_text("# the student's own copy\n")
    (student / "helpers.py").write_text("def helper(): pass\n")
    (student / "not-a-module.py").write_text("x = 1\n")
    (source / "selfcheck.py").write_text("# the released self-check\n")
    files = module_files(student, source)
    assert files == {"helpers": "def helper(): pass\n", "selfcheck": "# the released self-check\n"}


def test_a_large_file_of_the_students_cannot_crowd_out_the_assignments(tmp_path):
    from autograder.batch.outputs import MAX_MODULE_BYTES, module_files

    student, source = tmp_path / "student", tmp_path / "source"
    student.mkdir()
    source.mkdir()
    (student / "aaa_big.py").write_text("#" * MAX_MODULE_BYTES + "\n")   # sorts before everything else
    (source / "selfcheck.py").write_text("# the released self-check\n")
    assert module_files(student, source) == {"selfcheck": "# the released self-check\n"}


def test_when_the_sandbox_fails_the_grade_stands_and_the_notebook_says_why(course):
    import course_kit as kit
    from autograder.batch.grading import HandedIn, SubmissionGrading
    from autograder.sandbox import SandboxError

    from fake_grader import FakeGrader

    class Failing(FakeGrader):
        def run_program(self, program, plan, limits=None):
            raise SandboxError("the sandbox failed twice: no report")

    folder = kit.submit(course, "ann", kit.all_reference(kit.points()))
    with SubmissionGrading(course, f"sqlite:///{course / 'gradebook.db'}", Limits(), Failing) as grade:
        graded = grade(HandedIn("ann", kit.ASSIGNMENT, folder, [kit.ASSIGNMENT]))
    result = graded.results[kit.ASSIGNMENT]
    assert result.score == result.max_score > 0                # graded as if nothing had gone wrong
    first = next(c for c in graded.notebooks[kit.ASSIGNMENT].cells if c.cell_type == "code")
    assert "could not be run for their outputs: SandboxError: the sandbox failed twice" in first.outputs[0].evalue
