"""The gradient heatmaps of the feedback page: each entry's relative error,
drawn from given values (no sandbox), with the localisation as caption."""

import json
import re
from pathlib import Path

import numpy as np
import pytest

from autograder.checks.callables import materialize
from autograder.cli import main
from autograder.feedback.collect import StudentValues
from autograder.feedback.page import draw, render_page
from autograder.feedback.plots import gradient_errors, plots_for
from autograder.grade.pipeline import Grader
from autograder.results import GradeResult, TestResult as Result
from autograder.pages.figures import new_figure
from solutions import backprop as bp
from solutions import cost_functions as cf


def plot(key):
    return next(p for a in ("ps3_cost_functions", "ps4_backprop") for p in plots_for(a) if p.key == key)


def values(p, fn):
    return [fn(*materialize(c.args)) for c in p.calls]


def bias_row_zero(X, y, theta1, theta2):
    g1, g2 = bp.backward(X, y, theta1, theta2)
    g1 = g1.copy()
    g1[-1] = 0.0
    return g1, g2


def cell_texts(ax):
    """The labels written on the heatmap's cells, by (row, column)."""
    return {(round(t.get_position()[1]), round(t.get_position()[0])): t for t in ax.texts}


def test_each_entry_is_labelled_with_its_relative_error_and_wrong_ones_stand_out():
    p = plot("errors-backward")
    fig = new_figure(*p.size)
    caption = p.draw(fig, values(p, bias_row_zero), p.reference())
    grad1, grad2 = fig.axes[:2]
    assert (grad1.get_title(), grad2.get_title()) == ("grad1", "grad2")
    cells = cell_texts(grad1)
    assert len(cells) == 9
    for (row, col), t in cells.items():
        if row == 2:
            assert t.get_text() == "1e+00" and t.get_fontweight() == "bold"
        else:
            assert t.get_text() == "0" and t.get_fontweight() == "normal"
    assert all(t.get_text() == "0" for t in grad2.texts)
    assert [t.get_text() for t in grad1.get_yticklabels()][-1] == "2 (bias)"
    assert [t.get_text() for t in grad1.get_xticklabels()] == ["hidden unit 0", "hidden unit 1", "hidden unit 2"]
    assert "Grad1: only its last row (the bias row" in caption
    assert "Grad2 matches, so your output error is right" in caption


@pytest.mark.parametrize("key, fn", [("errors-backward", bp.backward), ("errors-mse_gradient", cf.mse_gradient),
                                     ("errors-cross_entropy_gradient", cf.cross_entropy_gradient)])
def test_correct_values_are_said_to_match_everywhere(key, fn):
    p = plot(key)
    view = draw(p, StudentValues(values(p, fn)))
    assert view.note == ""
    assert f"On all {len(p.calls)} chosen inputs every entry of yours matches." in view.caption


def test_a_wrong_shape_is_drawn_as_a_note_in_its_panel():
    p = plot("errors-mse_gradient")
    fig = new_figure(*p.size)
    caption = p.draw(fig, values(p, lambda X, y, w: cf.mse_gradient(X, y, w).T), p.reference())
    assert "yours: shape (1, 3)\nexpected: shape (3, 1)" in [t.get_text() for t in fig.axes[0].texts]
    assert "transposed" in caption


def test_a_factor_is_named_in_the_caption_of_a_neuron_gradient():
    p = plot("errors-cross_entropy_gradient")
    view = draw(p, StudentValues(values(p, lambda X, y, w: 2 * cf.cross_entropy_gradient(X, y, w))))
    assert "exactly 2 times the right values" in view.caption


def test_nothing_to_draw_without_the_students_values():
    p = plot("errors-backward")
    view = draw(p, StudentValues(None, "You have not attempted backward yet, so only the reference is shown."))
    assert "would be shown here" in view.caption and view.note.startswith("You have not attempted")


def test_the_heatmap_appears_in_the_students_page_under_backward():
    p = plot("errors-backward")
    view = draw(p, StudentValues(values(p, bias_row_zero)))
    result = GradeResult("ps4_backprop", [Result("backprop", "backward", "matches SymPy gradient", 0, 3,
                                                     output="Where it goes wrong ...", outcome="incorrect")])
    html = render_page("student1", "ps4_backprop", result, {"backward": [view]})
    section = html[html.index('<h2 id="backward">'):]
    assert "Where your backward differs, entry by entry" in section
    assert view.image in section
    assert "only its last row (the bias row" in section


def test_only_gradient_exercises_have_a_heatmap():
    assert [p.function for p in gradient_errors.plots_for("ps4_backprop")] == ["backward"]
    assert gradient_errors.plots_for("ps1_derivatives") == []
    assert np.isclose(plot("errors-backward").reference()[0][0].sum(), bp.backward(
        *materialize(plot("errors-backward").calls[0].args))[0].sum())


# ------------------------------------------------------------ on the page, end to end

def test_shown_only_for_a_gradient_that_failed_while_its_helpers_passed():
    shown = plot("errors-backward").shown_if
    helpers_pass = {"add_bias": {"passed"}, "forward": {"passed"}}
    assert shown({**helpers_pass, "backward": {"passed", "incorrect"}})
    assert not shown({**helpers_pass, "backward": {"passed"}})
    assert not shown({**helpers_pass, "backward": {"not_attempted"}})
    assert not shown({"add_bias": {"incorrect"}, "forward": {"passed"}, "backward": {"incorrect"}})
    assert plot("errors-mse_gradient").shown_if({"neuron": {"passed"}, "mse_gradient": {"error"}})


ROOT = Path(__file__).resolve().parents[2]
PS4 = "ps4_backprop"
STUDENT_MODULE = re.sub(r"from solutions\.(\w+) import", r"from \1 import",
                        (ROOT / "solutions" / "backprop.py").read_text())
BIAS_ROW = STUDENT_MODULE + '''

_right_backward = backward


def backward(X, y, theta1, theta2):
    grad1, grad2 = _right_backward(X, y, theta1, theta2)
    grad1 = grad1.copy()
    grad1[-1] = 0.0
    return grad1, grad2
'''
BIAS_FIRST = STUDENT_MODULE + '''

def add_bias(A):
    A = np.asarray(A, dtype=float)
    return np.hstack([np.ones((A.shape[0], 1)), A])
'''


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("course")
    with Grader() as grader:
        for student, source in (("bias_row", BIAS_ROW), ("bias_first", BIAS_FIRST)):
            folder = root / "submitted" / student / PS4
            folder.mkdir(parents=True)
            (folder / "backprop.py").write_text(source)
            result = grader.grade_path(folder, PS4)
            record = root / "autograded" / student / PS4 / "autograder.json"
            record.parent.mkdir(parents=True)
            record.write_text(json.dumps(result.to_dict() | {"fingerprint": "0" * 64}))
    assert main(["feedback", PS4, "--course-dir", str(root)]) == 0
    return root


def section(course, student, function):
    html = (course / "feedback" / student / PS4 / "autograder-feedback.html").read_text()
    start = html.index(f'id="{function}"')
    return html[start:html.index("<h2", start)]


def test_a_students_page_shows_where_their_backward_is_wrong(course):
    backward = section(course, "bias_row", "backward")
    figure = re.search(r"<figure>.*?</figure>", backward, flags=re.S).group(0)
    assert "Where your backward differs, entry by entry" in figure
    assert re.search(r'src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}"', figure)
    assert "Grad1: only its last row (the bias row" in figure
    assert backward.count("Where it goes wrong") == 3          # each failed value test says it too


def test_no_heatmap_where_a_helper_is_to_blame(course):
    backward = section(course, "bias_first", "backward")
    assert "Where your backward differs" not in backward
    assert "Where it goes wrong" not in backward
