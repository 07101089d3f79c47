"""The class report and feedback pages, opened in headless Chromium as an
instructor or a student opens them: every figure loads and shows something,
the console stays clean, long messages are readable whole, an untouched
submission's page is short.  Screenshots are kept in the test's folder."""

import base64
import io
import json

import numpy as np
import pytest

from autograder.feedback.collect import StudentValues
from autograder.feedback.page import draw, render_page
from autograder.feedback.plots import plots_for
from autograder.results import GradeResult, TestResult as Result
from autograder.report.build import write_report

from headless import chromium, chromium_or_skip, look

A = "ps2_gradient_descent"
LONG = ("Called: minimize(df, 4, 0.01, 1e-05)\n" + "\n".join(f"  step {i}: x = {4 - i * 0.01:.4f}" for i in range(60))
        + "\nfix gradient_descent first: minimize calls it.")


@pytest.fixture(scope="module")
def browser():
    chromium_or_skip()
    with chromium() as session:
        yield session


def _png(colour=None) -> str:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(2, 1), dpi=50)
    if colour is None:
        fig.add_subplot().plot([0, 1], [1, 0])
    else:
        fig.patch.set_facecolor(colour)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", facecolor=fig.get_facecolor())
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_the_check_itself_catches_a_broken_a_blank_image_and_a_script_error(browser, tmp_path):
    page = tmp_path / "broken.html"
    page.write_text(f'<html><body><img alt="fine" src="{_png()}"><img alt="blank" src="{_png("#ffffff")}">'
                    '<img alt="broken" src="data:image/png;base64,AAAA"><script>undefinedThing()</script>'
                    '</body></html>')
    problems = look(browser, page, tmp_path / "broken.png").problems()
    assert any("'broken' did not load" in p for p in problems)
    assert any("'blank' shows a single colour" in p for p in problems)
    assert any("undefinedThing" in p for p in problems)
    assert not any("'fine'" in p for p in problems)


def _tests(student: int):
    def t(function, title, score, most, outcome, output=""):
        return Result("gradient_descent", function, title, score, most, output=output, outcome=outcome)
    if student == 0:
        return [t("gradient_descent", "iterates", 2, 2, "passed"), t("minimize", "stops", 1, 1, "passed")]
    if student % 3 == 0:
        return [t("gradient_descent", "iterates", 0, 2, "not_attempted", "Not attempted."),
                t("minimize", "stops", 0, 1, "not_attempted", "Not attempted.")]
    return [t("gradient_descent", "iterates", 2 * (student % 2), 2, "incorrect",
              f"gradient_descent(dparabola, 1, 0.05, 25)[1] is {1 + student / 10}, expected 1.2"),
            t("minimize", "stops", 0, 1, "incorrect", LONG.replace("4 -", f"{student} -"))]


def test_the_class_report_reads_well(browser, tmp_path):
    for n in range(8):
        folder = tmp_path / "course" / "autograded" / f"student{n}" / A
        folder.mkdir(parents=True)
        (folder / "autograder.json").write_text(json.dumps(GradeResult(A, _tests(n)).to_dict()))
    html = write_report(tmp_path / "course", A, tmp_path / "out")[0]
    seen = look(browser, html, tmp_path / "report.png")
    assert seen.problems() == []
    assert len(seen.images) == 2
    clipped = browser.execute_script(
        "return Array.from(document.querySelectorAll('pre')).filter("
        "p => p.scrollHeight > p.clientHeight + 1 || p.scrollWidth > p.clientWidth + 1).length")
    assert clipped == 0
    line = browser.find_element("xpath", "//section[@class='test']//pre[contains(., 'fix gradient_descent first')]")
    assert line.is_displayed()


def _feedback(tmp_path, name, assignment, result, plots):
    page = tmp_path / f"{name}.html"
    page.write_text(render_page("ann", assignment, result, plots), encoding="utf-8")
    return page


def test_a_feedback_page_shows_the_students_figures_on_their_scale(browser, tmp_path):
    plots = {p.key: p for p in plots_for("ps3_cost_functions")}
    surfaces = [-3 * np.asarray(z) - 5 for z in plots["surface"].reference()]
    w, costs = plots["training_cross_entropy"].reference()[0]
    views = {"cost_surface": [draw(plots["surface"], StudentValues(surfaces))],
             "train_neuron": [draw(plots["training_mse"], StudentValues(plots["training_mse"].reference())),
                              draw(plots["training_cross_entropy"], StudentValues([(w, -np.asarray(costs))]))]}
    result = GradeResult("ps3_cost_functions", [
        Result("cost_functions", "cost_surface", "matches the reference", 0, 4, "Your surface is negative.",
                   outcome="incorrect"),
        Result("cost_functions", "train_neuron", "cross-entropy", 3, 6, "fix cross_entropy first.",
                   outcome="incorrect")])
    seen = look(browser, _feedback(tmp_path, "mistaken", "ps3_cost_functions", result, views),
                tmp_path / "feedback.png")
    assert seen.problems() == []
    assert len(seen.images) == 3 and all(i.box[2] > 300 for i in seen.images)


def test_an_untouched_submissions_page_is_one_line_per_exercise(browser, tmp_path):
    from autograder.course import exercise_functions

    result = GradeResult("ps4_backprop", [
        Result("backprop", f, "value", 0, 1, "Not attempted.", outcome="not_attempted")
        for f in exercise_functions("ps4_backprop")])
    seen = look(browser, _feedback(tmp_path, "untouched", "ps4_backprop", result, {}), tmp_path / "untouched.png")
    assert seen.problems() == [] and seen.images == []
    lines = browser.find_elements("css selector", "p.untouched")
    assert len(lines) == len(exercise_functions("ps4_backprop"))
    assert all(line.size["height"] < 40 for line in lines)          # one line each, at this width
    assert seen.height < 1100
