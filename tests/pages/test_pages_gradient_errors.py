"""A student's ps4 feedback page with a wrong backward, opened in headless
Chromium: the heatmap loads under backward, its wrong row shows red on the
screen, and the caption that says where is readable beside it."""

import numpy as np
import pytest

from autograder.checks.callables import materialize
from autograder.feedback.collect import StudentValues
from autograder.feedback.page import draw, render_page
from autograder.feedback.plots import plots_for
from autograder.results import GradeResult, TestResult as Result
from solutions import backprop as bp

from headless import chromium, chromium_or_skip, look


@pytest.fixture(scope="module")
def browser():
    chromium_or_skip()
    with chromium() as session:
        yield session


def bias_row_zero(X, y, theta1, theta2):
    g1, g2 = bp.backward(X, y, theta1, theta2)
    g1 = g1.copy()
    g1[-1] = 0.0
    return g1, g2


def red_share(pixels: np.ndarray) -> float:
    """Share of a picture's pixels in the heatmap's dark red (a wrong entry)."""
    rgb = pixels[..., :3]
    return float(np.mean((rgb[..., 0] > 0.45) & (rgb[..., 1] < 0.15) & (rgb[..., 2] < 0.25)))


def test_the_heatmap_of_a_wrong_backward_shows_under_backward_with_where_it_is_wrong(browser, tmp_path):
    plot = next(p for p in plots_for("ps4_backprop") if p.key == "errors-backward")
    wrong = draw(plot, StudentValues([bias_row_zero(*materialize(c.args)) for c in plot.calls]))
    right = draw(plot, StudentValues([bp.backward(*materialize(c.args)) for c in plot.calls]))
    result = GradeResult("ps4_backprop", [Result("backprop", "backward", "matches SymPy gradient", 0, 3,
                                                 "Where it goes wrong ...", outcome="incorrect")])
    pages = {}
    for name, view in (("right", right), ("wrong", wrong)):     # the wrong page stays open
        page = tmp_path / f"{name}.html"
        page.write_text(render_page("ann", "ps4_backprop", result, {"backward": [view]}), encoding="utf-8")
        pages[name] = look(browser, page, tmp_path / f"{name}.png")
    seen = pages["wrong"]
    assert seen.problems() == []
    (image,) = [i for i in seen.images if i.alt == plot.title]
    left, top, width, height = image.box
    assert width > 400 and height > 150
    from matplotlib.image import imread

    def shown(look_):
        (img,) = [i for i in look_.images if i.alt == plot.title]
        x, y, w, h = img.box
        return imread(look_.screenshot)[y:y + h, x:x + w]

    assert red_share(shown(seen)) > 0.02           # the bias row of grad1, three red cells
    assert red_share(shown(pages["right"])) < 0.005  # only the colour bar's top end
    section = browser.find_element("css selector", "#backward").find_element("xpath", "following::figure[1]")
    caption = section.find_element("tag name", "figcaption").text
    assert "Grad1: only its last row (the bias row" in caption and "Grad2: every entry matches" in caption
