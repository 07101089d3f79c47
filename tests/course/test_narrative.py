"""What a notebook says is what its cells show.

Each number that a notebook's text quotes about a plot or an experiment (in
the narrative, or in a written answer's model answer and rubric) is read
from the text and compared with the value the cells compute, with the
reference answers filled in: change either and the test fails.  Written
answers carry a model answer and a rubric for the grader, and neither
reaches students.
"""

import contextlib
import io
import math
import os
import re
import shutil
import sys
import tempfile
from functools import cache
from pathlib import Path

import matplotlib
import nbformat
import numpy as np
import pytest

from autograder.build.materials import STUDENT_FILES
from autograder.course import ASSIGNMENTS

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402  (after choosing the backend)

REPO = Path(__file__).resolve().parents[2]


def _source(assignment):
    return nbformat.read(REPO / "source" / assignment / f"{assignment}.ipynb", as_version=4)


def _written(nb):
    return [c for c in nb.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("grade")]


@cache
def _executed(assignment):
    """(namespace after running every code cell, the markdown text with its line breaks folded)."""
    nb = _source(assignment)
    folder = Path(tempfile.mkdtemp(prefix=f"narrative-{assignment}-"))
    for name in STUDENT_FILES:
        (folder / name).write_text((REPO / "course" / name).read_text())
    namespace, here = {"__name__": "__main__"}, os.getcwd()
    sys.path.insert(0, str(folder))
    try:
        os.chdir(folder)
        for number, cell in enumerate(nb.cells):
            if cell.cell_type == "code" and "BEGIN HIDDEN TESTS" not in cell.source:
                with contextlib.redirect_stdout(io.StringIO()), np.errstate(all="ignore"):
                    exec(compile(cell.source, f"<{assignment} cell {number}>", "exec"), namespace)
    finally:
        os.chdir(here)
        sys.path.remove(str(folder))
        plt.close("all")
        for name in ("selfcheck", "selfcheck_cases", "selfcheck_hints"):
            sys.modules.pop(name, None)
        shutil.rmtree(folder, ignore_errors=True)
    text = " ".join(" ".join(c.source for c in nb.cells if c.cell_type == "markdown").split())
    return namespace, text


@pytest.fixture(scope="module")
def run():
    return _executed


def quoted(text, pattern):
    """Every match of pattern's groups in text (at least one), as strings."""
    found = re.findall(pattern, text)
    assert found, f"the text no longer says {pattern!r}"
    return found


def agrees(quote, value):
    """True when value, rounded to as many decimals as the quote has, is the quote."""
    decimals = len(quote.partition(".")[2])
    return abs(float(quote) - float(value)) <= 0.5 * 10 ** -decimals + 1e-12


def test_agrees_rounds_to_the_quoted_digits():
    assert agrees("0.0086", 0.008635) and agrees("-24.34", -24.3429) and agrees("20", 20.18)
    assert not agrees("0.0086", 0.00866) and not agrees("0.035", 0.0356) and not agrees("20", 20.6)


def test_ps1_sigmoid_saturation(run):
    ns, text = run("ps1_derivatives")
    (limit,) = quoted(text, r"at \$z = \\pm 5\$ it is already below \$([\d.]+)\$")
    slope = ns["sigmoid_derivative"](ns["sigmoid"](5.0))
    assert slope < float(limit) and ns["sigmoid_derivative"](ns["sigmoid"](-5.0)) < float(limit)


def test_ps2_learning_rate_answer_matches_the_plotted_steps(run):
    ns, text = run("ps2_gradient_descent")
    paths = ns["paths"]
    (small,) = quoted(text, r"only a third of the way, from 0 to about ([\d.]+)\.")
    assert agrees(small, paths["too small"][-1])
    (large,) = quoted(text, r"after 20 steps it is about ([\d.]+) away")
    assert agrees(large, abs(paths["too large"][-1] - 3))
    (far,) = quoted(text, r"diverge \(after 20 steps about (\d+) away\)")
    assert agrees(far, abs(paths["far too large"][-1] - 3))
    assert len(paths["too small"]) == 21  # the answer speaks of 20 steps


def test_ps2_flat_points_and_minima(run):
    ns, text = run("ps2_gradient_descent")
    minimize, df, dq = ns["minimize"], ns["df"], ns["dq"]
    quoted(text, r"`minimize` stops after one step without moving")
    assert minimize(df, 0.0, 0.01, 1e-5) == (0.0, 1)
    quoted(text, r"ends the run close to 0, a point that is not a minimum")
    x_end, _ = minimize(df, -1.0, 0.01, 1e-5)
    assert -0.05 < x_end < 0
    assert all(abs(minimize(df, x0, 0.01, 1e-5)[0] - 2.25) < 1e-3 for x0 in (1.0, 4.0))
    (global_min,) = quoted(text, r"\*\*global\*\* minimum near \$(-[\d.]+)\$")
    (local_min,) = quoted(text, r"\*\*local\*\* one near \$([\d.]+)\$")
    assert agrees(global_min, minimize(dq, -2.0, 0.01, 1e-7)[0])
    assert agrees(local_min, minimize(dq, 2.0, 0.01, 1e-7)[0])
    assert ns["q"](float(global_min)) < ns["q"](float(local_min))


def test_ps2_the_overflow_experiment_does_what_the_text_says(run):
    ns, text = run("ps2_gradient_descent")
    quoted(text, r"with a plain Python number, a power that overflows raises `OverflowError`")
    with pytest.raises(OverflowError):
        ns["minimize"](ns["df"], 4.0, 0.1, 1e-5)
    with np.errstate(all="ignore"):
        x_end, steps = ns["minimize"](ns["df"], np.float64(4.0), 0.1, 1e-5)
    assert not np.isfinite(x_end) and steps < 20


def test_ps3_worked_example_and_the_tutorials_weight(run):
    ns, text = run("ps3_cost_functions")
    (tutorial,) = quoted(text, r"the tutorial's lands at \$(-[\d.]+)\$")
    (correct,) = quoted(text, r"the correct MSE gradient near \$(-[\d.]+)\$")
    assert agrees(tutorial, ns["w_tutorial"][0, 0]) and agrees(correct, ns["final_w"]["mse"])
    error = ns["relative_error"](ns["tutorial_gradient"](ns["X_check"], ns["y_check"], ns["w_check"]),
                                 ns["central_gradient"](lambda w: ns["mse"](ns["neuron"](ns["X_check"], w),
                                                                            ns["y_check"]), ns["w_check"]))
    assert error > 1e-2


def test_ps3_the_mse_stall_is_what_the_plots_show(run):
    ns, text = run("ps3_cost_functions")
    (_, mse_costs), (_, ce_costs) = ns["stall"]["mse"], ns["stall"]["cross_entropy"]
    assert len(mse_costs) == len(ce_costs) == 2001
    (plateau,) = quoted(text, r"barely moves from ([\d.]+),")
    (epochs,) = quoted(text, r"for about (\d+) epochs it barely moves")
    leaves = next(k for k, c in enumerate(mse_costs) if c < 0.9)
    assert agrees(plateau, mse_costs[0]) and abs(leaves - int(epochs)) <= 50
    assert all(c > float(plateau) - 0.01 for c in mse_costs[:int(epochs) - 50])
    (second,) = quoted(text, r"stops again, at ([\d.]+),")
    assert agrees(second, mse_costs[-1]) and agrees(second, mse_costs[1000])
    for bound, epoch in quoted(text, r"below ([\d.]+) after (\d+) epochs"):
        assert ce_costs[int(epoch)] < float(bound) < mse_costs[int(epoch)]
    (wrong_low, wrong_high) = quoted(text, r"h is about ([\d.]+) and ([\d.]+)")[0]
    h = ns["neuron"](ns["X_surface"], ns["start"]).ravel()
    assert agrees(wrong_low, h[0]) and agrees(wrong_high, h[1])


def test_ps4_scalar_walk_agrees_with_central_differences_row_by_row(run):
    ns, text = run("ps4_backprop")
    graph, central, p, v, dL = ns["graph"], ns["central"], ns["params_one"], ns["v"], ns["dL"]
    assert set(dL) == {"a3", "z3", "w2", "b2", "a2", "z2", "w1", "b1"}
    for node, derivative in dL.items():
        if node in p:
            numeric = central(lambda t: graph({**p, node: t})["L"], p[node])
        else:
            numeric = central(lambda t: graph(p, **{node: t})["L"], v[node])
        assert abs(derivative - numeric) < 1e-7 * max(1.0, abs(numeric)), node
    quoted(text, r"the sigmoid's slope cancels the loss's")
    assert abs(dL["z3"] - (v["a3"] - ns["y_one"])) < 1e-12


def test_ps4_gradient_checks_and_the_dropped_factor(run):
    ns, text = run("ps4_backprop")
    assert ns["relative_error"](ns["grad1"], ns["approx1"]) < 1e-7
    assert ns["relative_error"](ns["grad2"], ns["approx2"]) < 1e-7
    assert np.allclose(ns["delta3_measured"], ns["forward"](ns["X_xor"], ns["theta1_start"], ns["theta2_start"])[2]
                       - ns["y_xor"], atol=1e-8)
    right, wrong = ns["tiny_runs"]["complete chain rule"], ns["tiny_runs"]["hidden slope left out"]
    quoted(text, r"Both costs fall, and on these four examples the wrong one even ends a little lower")
    assert right[0][-1] < right[0][0] / 5 and wrong[0][-1] < right[0][-1]
    assert right[1] < 1e-7 and wrong[1] > 1e-2


def test_ps4_xor_training_lingers_at_ln2(run):
    ns, text = run("ps4_backprop")
    costs = ns["costs"]
    (ln2,) = quoted(text, r"the cost falls to about \$\\ln 2 \\approx ([\d.]+)\$")
    assert agrees(ln2, math.log(2)) and agrees(ln2, costs[5]) and agrees(ln2, costs[50])
    assert costs[-1] < 0.01
    quoted(text, r"network answers about 0\.5 for every input \(the cell prints its outputs after 50 epochs\)")
    assert np.all(np.abs(ns["outputs_at_50"] - 0.5) < 0.05)
    assert ns["predict"](ns["X_xor"], ns["theta1_xor"], ns["theta2_xor"]).ravel().tolist() == [0, 1, 1, 0]


def test_ps4_initialisation(run):
    ns, text = run("ps4_backprop")
    quoted(text, r"the cost is exactly \$\\ln 2\$\. Worse, it stays there")
    history, identical, _ = ns["starts"]["all zeros"]
    assert identical and np.allclose(history, math.log(2), rtol=0, atol=1e-12)
    quoted(text, r"they remain copies of one another")
    history, identical, predictions = ns["starts"]["all 0.5"]
    assert identical and predictions.ravel().tolist() != [0, 1, 1, 0]


def test_ps4_sweep_answer_matches_the_plotted_steps(run):
    ns, text = run("ps4_backprop")
    sweep = ns["sweep"]
    assert all(len(errors) == 100 for errors in sweep.values())  # steps 0, 100, ..., 9,900
    (start, slow) = quoted(text, r"barely moved from ([\d.]+) \(to ([\d.]+) at 0\.001\)")[0]
    assert agrees(start, sweep[0.001][0]) and agrees(slow, sweep[0.001][-1])
    (slower,) = quoted(text, r"only started to fall \(([\d.]+) at 0\.01\)")
    assert agrees(slower, sweep[0.01][-1])
    learned = quoted(text, r"at step 9,900 about ([\d.]+), ([\d.]+) and ([\d.]+)\)")[0]
    assert all(agrees(q, sweep[alpha][-1]) for q, alpha in zip(learned, (0.1, 1, 10)))
    (first, steps) = quoted(text, r"The error falls to about ([\d.]+) within (\d+) steps")[0]
    assert agrees(first, sweep[100][int(steps) // 100])
    assert all(abs(e - sweep[100][1]) < 0.01 for e in sweep[100][1:7])  # "stays there for several hundred steps"
    (second, final) = quoted(text, r"drops to about ([\d.]+) and then stays \(([\d.]+) at step 9,900\)")[0]
    dropped = next(e for e in sweep[100] if e < 0.2)
    assert agrees(second, dropped) and agrees(final, sweep[100][-1])
    (stuck,) = quoted(text, r"At 1000 the error is ([\d.]+) at every report after the start")
    assert all(agrees(stuck, e) for e in sweep[1000][1:])


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_written_answers_have_a_model_answer_and_a_rubric_worth_their_points(assignment):
    for cell in _written(_source(assignment)):
        points = cell.metadata["nbgrader"]["points"]
        assert cell.source.startswith("**Model answer.**"), cell.metadata["nbgrader"]["grade_id"]
        (rubric,) = re.findall(r"\*\*Rubric \((\d+) points\)\.\*\*", cell.source)
        assert float(rubric) == points


def test_model_answers_and_rubrics_stay_out_of_the_release(released):
    course, result = released
    assert result["returncode"] == 0, result["log"]
    for assignment in ASSIGNMENTS:
        ids = {c.metadata["nbgrader"]["grade_id"] for c in _written(_source(assignment))}
        nb = nbformat.read(course / "release" / assignment / f"{assignment}.ipynb", as_version=4)
        released_written = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") in ids]
        assert len(released_written) == len(ids)
        assert all(c.source == "YOUR ANSWER HERE" for c in released_written)
        assert not any("Model answer" in c.source or "Rubric (" in c.source for c in nb.cells)
