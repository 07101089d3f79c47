"""Feedback pages and plots from given values: no sandbox involved."""

import base64
import io
import re
from markupsafe import escape

import numpy as np
import pytest
from hypothesis import given, strategies as st
from matplotlib.image import imread

from autograder.feedback.collect import StudentValues
from autograder.feedback.page import draw, render_page
from autograder.feedback.plots import plots_for
from autograder.results import GradeResult, TestResult as Result
from autograder.grade.hints import mistake_hint
from autograder.sandbox.codec import Opaque

ASSIGNMENTS = ("ps1_derivatives", "ps2_gradient_descent", "ps3_cost_functions", "ps4_backprop")
PLOTS = [p for a in ASSIGNMENTS for p in plots_for(a)]


def png_size(uri):
    assert uri.startswith("data:image/png;base64,")
    picture = imread(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])), format="png")
    return picture.shape[:2]


def test_every_assignment_but_the_first_has_the_plots_the_course_promises():
    keys = {a: [p.key for p in plots_for(a)] for a in ASSIGNMENTS}
    assert keys["ps2_gradient_descent"] == ["descent", "minimize"]
    assert "surface" in keys["ps3_cost_functions"]
    assert keys["ps4_backprop"] == ["xor", "errors-backward"]
    assert keys["ps3_cost_functions"][-2:] == ["errors-mse_gradient", "errors-cross_entropy_gradient"]
    assert plots_for("ps9_unknown") == []


@pytest.mark.parametrize("plot", PLOTS, ids=lambda p: p.key)
def test_reference_values_as_the_students_draw_without_a_note(plot):
    view = draw(plot, StudentValues(plot.reference()))
    assert view.note == ""
    height, width = png_size(view.image)
    assert height > 200 and width > 400
    assert "differs" not in view.caption


@pytest.mark.parametrize("plot", PLOTS, ids=lambda p: p.key)
def test_unusable_values_fall_back_to_the_reference_with_a_reason(plot):
    junk = [Opaque("builtins.object", "<object at 0x1>")] * len(plot.calls)
    view = draw(plot, StudentValues(junk))
    assert view.note.startswith("Your result could not be drawn")
    png_size(view.image)


def test_a_different_descent_is_pointed_out():
    plot = plots_for("ps2_gradient_descent")[0]
    ref = plot.reference()[0]
    uphill = [2 - x for x in ref]    # mirrored about the start: going the wrong way
    view = draw(plot, StudentValues([uphill]))
    assert "first one that differs is x_1" in view.caption
    short = draw(plot, StudentValues([ref[1:]]))
    assert "25 iterates; the reference has 26" in short.caption


def test_absent_values_keep_the_note_given():
    plot = plots_for("ps4_backprop")[0]
    view = draw(plot, StudentValues(None, "Your train ran out of time during grading."))
    assert view.note == "Your train ran out of time during grading."
    assert "yours" not in view.caption.lower()


def result(*tests):
    return GradeResult("ps2_gradient_descent", list(tests))


def test_page_shows_scores_outcomes_mistakes_and_escaped_messages():
    res = result(
        Result("gradient_descent", "gradient_descent", "iterates", 0, 2, output="xs[1] is 0.8 <not 1.2>",
               outcome="incorrect", mistake="the update goes uphill (sign error)"),
        Result("gradient_descent", "minimize", "published figure", 0, 2,
               output="Not attempted: minimize still raises NotImplementedError.", outcome="not_attempted"),
    )
    html = render_page("carol", "ps2_gradient_descent", res, {})
    assert "0 / 4" in html
    assert "the update goes uphill (sign error)" in html
    hint = mistake_hint("the update goes uphill (sign error)", "gradient_descent.gradient_descent")
    assert hint and escape(hint) in html         # the catalogue's hint
    assert "xs[1] is 0.8 &lt;not 1.2&gt;" in html
    assert html.count("Not attempted") == 2                   # the table, and its one line below
    assert "minimize still raises NotImplementedError" not in html   # the line says it for every test
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_grader_notes_appear_only_when_they_say_more_than_the_score():
    plain = result(Result("gradient_descent", "minimize", "stops", 1, 1, outcome="passed"))
    plain.output = "ps2_gradient_descent: 1 / 1"
    assert 'id="notes"' not in render_page("amy", "ps2_gradient_descent", plain, {})
    plain.output += "\n  While loading your code: NameError: name 'np' is not defined"
    html = render_page("amy", "ps2_gradient_descent", plain, {})
    assert 'id="notes"' in html and "NameError: name &#39;np&#39; is not defined" in html


def _axes(plot, values):
    from autograder.pages.figures import new_figure

    fig = new_figure(*plot.size)
    caption = plot.draw(fig, values, plot.reference())
    return {ax.get_title(): ax for ax in fig.axes if ax.get_title()}, caption


def test_a_students_surface_is_coloured_on_its_own_scale():
    plot = next(p for p in plots_for("ps3_cost_functions") if p.key == "surface")
    negative = [-3 * np.asarray(z) - 5 for z in plot.reference()]      # a cost that went negative
    axes, caption = _axes(plot, negative)
    for cost, z in zip(("mse", "cross_entropy"), negative):
        contour = next(c for c in axes[f"yours: {cost}"].get_children() if hasattr(c, "levels"))
        assert contour.levels.min() == pytest.approx(z.min()) and contour.levels.max() == pytest.approx(z.max())
        reference = next(c for c in axes[f"reference: {cost}"].get_children() if hasattr(c, "levels"))
        assert reference.levels.min() >= 0
    assert "own colour scale" in caption and "yours runs from -" in caption


def test_a_flat_surface_says_so_instead_of_drawing_nothing():
    plot = next(p for p in plots_for("ps3_cost_functions") if p.key == "surface")
    axes, caption = _axes(plot, [np.zeros((31, 31)), np.full((31, 31), np.nan)])
    texts = [t.get_text() for ax in axes.values() for t in ax.texts]
    assert "flat at 0" in texts and "no finite values" in texts


def test_each_cost_gets_its_training_curve():
    keys = [p.key for p in plots_for("ps3_cost_functions")]
    assert keys[:3] == ["surface", "training_mse", "training_cross_entropy"]   # then the gradient heatmaps
    plot = plots_for("ps3_cost_functions")[2]
    w, costs = plot.reference()[0]
    assert plot.calls[0].kwargs == {"cost": "cross_entropy"}
    _, caption = _axes(plot, [(w, -np.asarray(costs))])             # a sign error: the cost goes negative
    assert "each is drawn on its own axis" in caption
    axes, caption = _axes(plot, [(w, np.asarray(costs) * 1.1)])
    assert "own axis" not in caption and len(axes) == 1
    axes, _ = _axes(plot, [(w, -np.asarray(costs))])
    assert sorted(axes) == ["reference, on its own scale", "yours, on its own scale"]


finite_curves = st.lists(st.floats(1e-6, 1e6), min_size=2, max_size=30).map(np.array)


@given(finite_curves, st.floats(-3, 3))
def test_curves_read_together_when_close_and_apart_when_decades_apart(curve, shift):
    from autograder.feedback.plots.base import readable_together

    assert readable_together(curve, curve)
    assert readable_together(curve * 10 ** (shift / 10), curve)       # at most twice or half the reference
    spread = np.log10(curve.max()) - np.log10(curve.min())
    assert not readable_together(curve * 10 ** (3 * spread + 1.5), curve)
    assert not readable_together(-curve * 10 ** (3 * spread + 1.5), curve) or spread < 1e-9


@pytest.mark.parametrize("assignment, key", [("ps1_derivatives", "df"), ("ps1_derivatives", "sigmoid"),
                                             ("ps4_backprop", "xor")])
def test_a_curve_far_off_the_references_scale_gets_its_own_axis(assignment, key):
    plot = next(p for p in plots_for(assignment) if p.key == key)
    reference = plot.reference()
    if key == "xor":
        t1, t2, costs = reference[0]
        far, near = [(t1, t2, np.asarray(costs) * 1e6)], [(t1, t2, np.asarray(costs) * 1.05)]
    else:
        far, near = [np.asarray(reference[0]) * 1e6 + 1e6], [np.asarray(reference[0]) * 1.05]
    axes, caption = _axes(plot, far)
    assert len(axes) == 2 and "own axis" in caption
    axes, caption = _axes(plot, near)
    assert len(axes) == 1 and "own axis" not in caption
    if assignment == "ps1_derivatives":
        assert next(iter(axes.values())).get_yscale() == "linear"      # a sigmoid is not drawn on a log axis
