"""A module handed in alone is graded on its own, and a mistake is charged once.

Graded through ``python -m autograder grade`` in a subprocess, as a script
or Gradescope runs it.  The helpers that stand in come from the grader's
process (``autograder/grade/standins.py``); the hostile submission below
tries every way we know to get their answers into the helper's own tests.
"""

import re
from pathlib import Path

from test_grade_cli import by_function, cost_functions_notebook, graded

from autograder.grade import standins
from autograder.grade.pipeline import Grader
from autograder.sandbox.protocol import FunctionRun, Limits, SandboxReport

REPO = Path(__file__).resolve().parents[2]


def _module(name: str, rewrite: str = "") -> str:
    """The reference module as a student's file (sibling imports), with functions redefined."""
    text = (REPO / "solutions" / f"{name}.py").read_text(encoding="utf-8")
    return re.sub(r"from solutions\.(\w+) import", r"from \1 import", text) + "\n" + rewrite


def _hand_in(folder: Path, **modules: str) -> Path:
    for name, text in modules.items():
        (folder / f"{name}.py").write_text(text, encoding="utf-8")
    return folder


def _outputs(result: dict, function: str) -> list[str]:
    return [t["output"] for t in result["tests"] if t["name"].split(":")[0] == function]


# ------------------------------------------------------------------ one module alone


def test_cost_functions_alone_earns_full_marks(tmp_path):
    result = graded(_hand_in(tmp_path, cost_functions=_module("cost_functions")))
    assert (result["score"], result["max_score"]) == (30, 30), [
        (t["name"], t["output"]) for t in result["tests"] if t["status"] != "passed"]
    assert "derivatives.py was not handed in" in result["output"]
    assert "graded on its own" in result["output"]


def test_backprop_alone_earns_full_marks(tmp_path):
    result = graded(_hand_in(tmp_path, backprop=_module("backprop")))
    assert (result["score"], result["max_score"]) == (30, 30), [
        (t["name"], t["output"]) for t in result["tests"] if t["status"] != "passed"]
    assert "cost_functions.py and derivatives.py were not handed in" in result["output"]


def test_a_notebook_without_its_carried_sigmoid_is_graded_on_its_own(tmp_path):
    notebook = cost_functions_notebook(tmp_path, replace={"sigmoid": None})
    # This style (per-example loops, np.matrix) is slow on a busy machine; time is not the point here.
    result = graded(notebook, "--seconds-per-function", "30")
    assert (result["score"], result["max_score"]) == (30, 30), [
        (t["name"], t["output"]) for t in result["tests"] if t["status"] != "passed"]
    assert "does not define derivatives.sigmoid" in result["output"]


def test_a_module_handed_in_is_used_and_not_replaced(tmp_path):
    # The student's own derivatives.py is there: nothing is supplied, nothing said.
    result = graded(_hand_in(tmp_path, cost_functions=_module("cost_functions"), derivatives=_module("derivatives")))
    assert result["score"] == result["max_score"] == 50
    assert "not handed in" not in result["output"]


# ------------------------------------------------------------------ a mistake charged once


SUMMED_CROSS_ENTROPY = '''
def cross_entropy(y_hat, y):
    y_hat, y = np.asarray(y_hat, dtype=float), np.asarray(y, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(y == 0, 0.0, -y * np.log(y_hat)) + np.where(y == 1, 0.0, -(1 - y) * np.log(1 - y_hat))
    return float(np.sum(terms))


COSTS = {"mse": (mse, mse_gradient), "cross_entropy": (cross_entropy, cross_entropy_gradient)}
'''


def test_a_wrong_cross_entropy_costs_its_own_points_only(tmp_path):
    result = graded(_hand_in(tmp_path, cost_functions=_module("cost_functions", SUMMED_CROSS_ENTROPY)))
    scores = by_function(result)
    assert scores["cost_functions.cross_entropy"][0] < scores["cost_functions.cross_entropy"][1]
    assert scores["cost_functions.train_neuron"] == (6, 6)
    assert scores["cost_functions.cost_surface"] == (4, 4)
    for function in ("cost_functions.train_neuron", "cost_functions.cost_surface"):
        for output in _outputs(result, function):
            assert "Graded as if your cross_entropy were right" in output, output
            assert "Your own cross_entropy gives wrong answers here" in output, output
    assert "train_neuron was graded as if your cross_entropy were right" in result["output"]
    # Functions that never needed it are untouched.
    assert not any("Graded as if" in o for o in _outputs(result, "cost_functions.mse_gradient"))


HIDDEN_CROSS_ENTROPY = '''
def _costs():
    own = cross_entropy
    return lambda y_hat, y: own(y_hat, y)


_COST = _costs()


def cost_surface(X, y, w1_values, w2_values, cost="mse"):
    Z = np.empty((len(w1_values), len(w2_values)))
    for i, a in enumerate(w1_values):
        for j, b in enumerate(w2_values):
            h = neuron(X, np.array([[a], [b]]))
            Z[i, j] = mse(h, y) if cost == "mse" else _COST(h, y)
    return Z
'''


def test_a_function_that_hides_its_helper_is_told_it_could_not_be_graded_apart(tmp_path):
    text = _module("cost_functions", SUMMED_CROSS_ENTROPY + HIDDEN_CROSS_ENTROPY)
    result = graded(_hand_in(tmp_path, cost_functions=text))
    surface = [t for t in result["tests"] if t["name"].startswith("cost_functions.cost_surface: cross-entropy")]
    assert surface[0]["score"] == 0
    assert "could not be graded as if it were right" in surface[0]["output"]
    assert "cost_surface was graded as if" not in result["output"]


def test_a_function_wrong_by_itself_keeps_its_verdict_and_is_told_so(tmp_path):
    wrong_train = '''
def train_neuron(X, y, w0, learning_rate, epochs, cost="mse"):
    value, gradient = COSTS[cost]
    w = np.array(w0, dtype=float)
    costs = [value(neuron(X, w), y)]
    for _ in range(epochs):
        w = w + learning_rate * gradient(X, y, w)
        costs.append(value(neuron(X, w), y))
    return w, costs[1:]
'''
    text = _module("cost_functions", SUMMED_CROSS_ENTROPY + wrong_train)
    result = graded(_hand_in(tmp_path, cost_functions=text))
    assert by_function(result)["cost_functions.train_neuron"][0] == 0
    failed = [t["output"] for t in result["tests"]
              if t["name"].startswith("cost_functions.train_neuron") and t["status"] == "failed"]
    assert any("It still loses these points, so the mistake is in train_neuron itself" in o for o in failed)


PREPENDED_BIAS = '''
def add_bias(A):
    A = np.asarray(A, dtype=float)
    return np.hstack([np.ones((A.shape[0], 1)), A])
'''


def test_a_wrong_add_bias_is_charged_once_along_the_whole_chain(tmp_path):
    # forward calls add_bias, backward calls forward, train calls both: each
    # is graded with the grader's helpers, in runs that never grade a helper
    # beside a function that gets it as a stand-in.
    result = graded(_hand_in(tmp_path, backprop=_module("backprop", PREPENDED_BIAS)))
    scores = by_function(result)
    assert scores["backprop.add_bias"][0] == 0
    for function in ("forward", "backward", "train", "predict"):
        assert scores[f"backprop.{function}"][0] == scores[f"backprop.{function}"][1], function
    assert all("Graded as if your add_bias" in o for o in _outputs(result, "backprop.forward"))
    assert all("Graded as if your backward and forward were right" in o for o in _outputs(result, "backprop.train"))
    lines = result["output"].splitlines()
    assert [line.split()[0] for line in lines if "was graded as if" in line] == ["forward", "backward", "train",
                                                                                  "predict"]


# ------------------------------------------------------------------ the stand-in cannot answer its own helper

HOSTILE_MSE_GRADIENT = '''
import json
import os
import sys


def _key(X, y, w):
    return json.dumps([np.asarray(a, dtype=float).round(12).tolist() for a in (X, y, w)])


_TRAINING = []


def mse_gradient(X, y, w):
    if _TRAINING:       # called by train_neuron in its own process: wrong, and quick
        return np.zeros_like(np.asarray(w, dtype=float))
    key = _key(X, y, w)
    # 1. An answer left in the scratch folder by an earlier process.
    try:
        with open("answers.json") as f:
            table = json.load(f)
        if key in table:
            return np.array(table[key])
    except (OSError, ValueError):
        pass
    with open("questions.json", "a") as f:
        f.write(key + "\\n")
    # 2. The stand-in machinery, asked directly.
    try:
        return sys.modules["_sandbox.standins"].stand_in("cost_functions.mse_gradient")(X, y, w)
    except BaseException:
        pass
    # 3. Pretend to the supervisor that train_neuron is running, then ask.
    frames = sys.modules.get("_sandbox.frames")
    for fd in range(3, 40):
        try:
            frames.send(fd, {"t": "start", "function": "train_neuron"})
        except BaseException:
            pass
    try:
        return sys.modules["_sandbox.standins"].stand_in("cost_functions.mse_gradient")(X, y, w)
    except BaseException:
        return np.zeros_like(np.asarray(w, dtype=float))


def train_neuron(X, y, w0, learning_rate, epochs, cost="mse"):
    _TRAINING.append(True)
    value, gradient = (mse, mse_gradient) if cost == "mse" else (cross_entropy, cross_entropy_gradient)
    w = np.array(w0, dtype=float)
    costs = [value(neuron(X, w), y)]
    for _ in range(epochs):
        w = w - learning_rate * gradient(X, y, w)
        costs.append(value(neuron(X, w), y))
    # Answer every question mse_gradient left, for whoever reads answers.json later.
    try:
        table = {}
        with open("questions.json") as f:
            questions = f.read().splitlines()[:50]
        for line in questions:
            args = [np.array(a) for a in json.loads(line)]
            table[line] = np.asarray(mse_gradient(*args)).tolist()
        with open("answers.json", "w") as f:
            json.dump(table, f)
    except (OSError, ValueError):
        pass
    return w, costs
'''


def test_a_stand_in_cannot_answer_its_own_helper_s_tests(tmp_path):
    folder = _hand_in(tmp_path, cost_functions=_module("cost_functions", HOSTILE_MSE_GRADIENT))
    for _ in range(2):              # graded again: nothing carries over from the first time
        result = graded(folder)
        scores = by_function(result)
        gradient = [t for t in result["tests"] if t["name"].startswith("cost_functions.mse_gradient")]
        assert scores["cost_functions.mse_gradient"][0] == 0, [(t["name"], t["output"]) for t in gradient]
        # train_neuron's own code is right: it is graded with the grader's mse_gradient.
        assert scores["cost_functions.train_neuron"] == (6, 6)


# ------------------------------------------------------------------ planning the rounds


def test_carried_functions_are_read_from_the_reference_imports():
    assert standins.carried("ps1_derivatives") == {}
    assert standins.carried("ps3_cost_functions") == {"derivatives": ("sigmoid",)}
    assert standins.carried("ps4_backprop") == {"cost_functions": ("cross_entropy",), "derivatives": ("sigmoid",)}
    assert standins.calls_to_carried("ps3_cost_functions")["neuron"] == ("derivatives.sigmoid",)
    assert standins.calls_to_carried("ps4_backprop")["train"] == ("cost_functions.cross_entropy",)


def test_no_run_grades_a_function_that_gets_a_stand_in_in_it():
    doubtful = {"forward": ["backprop.add_bias"], "backward": ["backprop.forward"],
                "train": ["backprop.forward", "backprop.backward"], "predict": ["backprop.forward"]}
    order = ("add_bias", "forward", "backward", "numerical_gradient", "train", "predict", "trask_errors")
    runs = standins.layers(doubtful, order)
    assert sorted(f for run in runs for f in run) == sorted(doubtful)
    for run in runs:
        targets = {h.rpartition(".")[2] for helpers in run.values() for h in helpers}
        assert not targets & set(run)
    assert runs[0] == {"train": doubtful["train"], "predict": doubtful["predict"]}


def test_the_grader_answers_only_what_the_run_allows():
    plan = standins.Plan(functions={"train_neuron": ["cost_functions.mse_gradient"]})
    import numpy as np

    X, y, w = np.ones((2, 1)), np.zeros((2, 1)), np.ones((1, 1))
    assert plan.answer("train_neuron", "cost_functions.mse_gradient", (X, y, w), {}).shape == (1, 1)
    for function, helper in (("mse_gradient", "cost_functions.mse_gradient"),
                             ("train_neuron", "cost_functions.cross_entropy")):
        try:
            plan.answer(function, helper, (X, y, w), {})
        except PermissionError:
            continue
        raise AssertionError(f"{helper} answered for {function}")
    assert plan.asked("train_neuron") == ["cost_functions.mse_gradient"]


def test_a_wrong_sigmoid_of_the_student_s_own_is_not_charged_in_problem_set_3(tmp_path):
    # Handed in alone, with a sigmoid of its own instead of the import: neuron
    # and everything after it would pay for problem set 1's mistake.
    text = _module("cost_functions").replace("from derivatives import sigmoid", '''
def sigmoid(z):
    return 1 / (1 + np.exp(z))
''')
    result = graded(_hand_in(tmp_path, cost_functions=text))
    assert (result["score"], result["max_score"]) == (30, 30), [
        (t["name"], t["output"]) for t in result["tests"] if t["status"] != "passed"]
    assert all("Your derivatives.sigmoid (from an earlier problem set, not graded here) gives answers"
               in o for o in _outputs(result, "cost_functions.neuron"))


# ------------------------------------------------------------------ a function that ran out of time

def test_a_looping_sigmoid_of_the_student_s_own_costs_nothing_in_problem_set_3(tmp_path):
    # neuron runs out of time in the first round only because of the carried sigmoid: with the
    # grader's sigmoid, under a quarter of the limit, it and its callers earn everything.
    text = _module("cost_functions").replace("from derivatives import sigmoid", '''
def sigmoid(z):
    while True:
        pass
''')
    result = graded(_hand_in(tmp_path, cost_functions=text), "--seconds-per-function", "4")
    assert (result["score"], result["max_score"]) == (30, 30), [
        (t["name"], t["output"]) for t in result["tests"] if t["status"] != "passed"]


def test_a_function_that_loops_by_itself_keeps_its_timeout_and_its_callers_earn_their_points(tmp_path):
    looping = _module("cost_functions", '''
def neuron(X, w):
    while True:
        pass
''')
    result = graded(_hand_in(tmp_path, cost_functions=looping), "--seconds-per-function", "4")
    assert by_function(result)["cost_functions.neuron"] == (0, 3)
    assert all("Timed out" in o for o in _outputs(result, "cost_functions.neuron"))
    assert by_function(result)["cost_functions.train_neuron"] == (6, 6)


def test_only_a_function_that_ran_out_of_time_is_looked_at_again_under_a_quarter_of_the_limit():
    grader = Grader(Limits(seconds_per_function=4))
    report = SandboxReport(functions={"neuron": FunctionRun("neuron", "timeout"),
                                      "mse_gradient": FunctionRun("mse_gradient", "ok")})
    layer = {"neuron": ["derivatives.sigmoid"], "mse_gradient": ["cost_functions.neuron"],
             "cost_surface": ["cost_functions.neuron"]}
    runs = grader._second_look(layer, report)
    assert [(functions, limits and limits.seconds_per_function) for functions, limits in runs] == [
        ({"mse_gradient", "cost_surface"}, None), ({"neuron"}, 1.0)]
    assert grader._second_look({"mse_gradient": ["cost_functions.neuron"]}, report) == [({"mse_gradient"}, None)]
