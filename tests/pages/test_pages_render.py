"""Both kinds of page come from one shell, escape what they quote, and embed their figures."""

import base64
import re

import pytest

from autograder.feedback.page import PlotView, render_page
from autograder.pages import format_number, new_figure, render, to_data_uri
from autograder.report.build import write_report
from autograder.results import GradeResult, TestResult
from autograder.results.record import write_record

HOSTILE = "<script>alert(1)</script> & \"quoted\""


def _result(assignment: str) -> GradeResult:
    return GradeResult(assignment, [
        TestResult("gradient_descent", "gradient_descent", "takes a step", 0.0, 2.0, output=HOSTILE, outcome="timeout"),
        TestResult("gradient_descent", "gradient_descent", "stops", 1.0, 1.0, outcome="passed"),
    ])


def _shell_parts(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    assert html.count("<style>") == 1 and ".badge.timeout" in html
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp;" in html
    assert '<span class="badge timeout">Timed out</span>' in html


def test_a_feedback_page_is_the_shell_with_its_figures_inside():
    fig = new_figure(2, 1)
    fig.add_subplot().plot([0, 1])
    image = to_data_uri(fig)
    html = render_page("amy", "ps2_gradient_descent", _result("ps2_gradient_descent"),
                       {"gradient_descent": [PlotView("Descent", image, "Your <steps>.")]})
    _shell_parts(html)
    assert f'<img alt="Descent" src="{image}">' in html
    assert "<figcaption><b>Descent.</b> Your &lt;steps&gt;.</figcaption>" in html


def test_a_class_report_is_the_same_shell_with_its_charts_inside(tmp_path):
    write_record(tmp_path / "autograded" / "amy" / "ps2_gradient_descent", _result("ps2_gradient_descent"))
    paths = write_report(tmp_path, "ps2_gradient_descent", tmp_path / "out")
    html = next(p for p in paths if p.suffix == ".html").read_text()
    _shell_parts(html)
    images = re.findall(r'<img alt="[^"]+" src="data:image/png;base64,([^"]+)">', html)
    assert len(images) == 2
    assert all(base64.b64decode(data).startswith(b"\x89PNG") for data in images)


def test_a_template_missing_a_value_is_an_error_not_a_blank(tmp_path):
    with pytest.raises(Exception, match="undefined"):
        render("feedback", "feedback.html.j2")


@pytest.mark.parametrize("value, text", [(3.0, "3"), (2.5, "2.5"), (1 / 3, "0.33"), (-0.001, "0"), (None, "")])
def test_numbers_read_as_people_write_them(value, text):
    assert format_number(value) == text
