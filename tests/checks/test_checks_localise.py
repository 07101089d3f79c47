"""Fault localisation of wrong gradients: each pattern, built as a wrong
function, is named; correct code is never blamed; the message adds to the
known-mistake catalogue instead of contradicting it; probes run only after a
value test failed."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.checks import localise
from autograder.checks.callables import materialize
from autograder.checks.mistakes import catalogue
from autograder.sandbox.protocol import FunctionRun, SandboxReport
from solutions import backprop as bp
from solutions import cost_functions as cf

# The in-process runner of the hidden tests is kept beside their own tests, not on the path of this folder's.
KIT = str(Path(__file__).resolve().parents[1] / "hidden_tests")
if KIT not in sys.path:
    sys.path.insert(0, KIT)
import hidden_kit  # noqa: E402
from hidden_kit import load, run_call  # noqa: E402

ALT_STYLE = hidden_kit.SOLUTIONS.parent / "tests" / "grade" / "alt_style"


def found(function: str, fn) -> localise.Localisation:
    """Localise ``fn`` as if it were the student's, called through the sandbox's codec."""
    gradient = localise.GRADIENTS[function]
    return localise.localise(gradient, [run_call(fn, p.call) for p in gradient.probes])


def text(function: str, fn) -> str:
    return found(function, fn).text(localise.GRADIENTS[function])


def part_line(message: str, part: str) -> str:
    lines = [line for line in message.splitlines() if line.startswith(f"- {part}:")]
    assert len(lines) == 1, message
    return lines[0]


# ------------------------------------------------------------ wrong backward

def _parts(X, y, theta1, theta2):
    g1, g2 = bp.backward(X, y, theta1, theta2)
    return g1.copy(), g2.copy()


def bias_row_of_grad1_zero(*args):
    g1, g2 = _parts(*args)
    g1[-1] = 0.0
    return g1, g2


def bias_row_of_grad2_halved(*args):
    g1, g2 = _parts(*args)
    g2[-1] /= 2
    return g1, g2


def summed_over_examples(X, *rest):
    g1, g2 = _parts(X, *rest)
    return g1 * X.shape[0], g2 * X.shape[0]


def divided_by_m_twice(X, *rest):
    g1, g2 = _parts(X, *rest)
    return g1 / X.shape[0], g2 / X.shape[0]


def doubled(*args):
    g1, g2 = _parts(*args)
    return 2 * g1, 2 * g2


def only_grad2_sign(*args):
    g1, g2 = _parts(*args)
    return g1, -g2


def transposed(*args):
    g1, g2 = _parts(*args)
    return g1.T, g2.T


def swapped(*args):
    g1, g2 = _parts(*args)
    return g2, g1


def delta_bias_column_kept(X, y, theta1, theta2):
    m = X.shape[0]
    a1, a2, a3 = bp.forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = (delta3 @ theta2.T) * a2 * (1 - a2)
    return a1.T @ delta2 / m, a2.T @ delta3 / m


def first_delta_column_dropped(X, y, theta1, theta2):
    m = X.shape[0]
    a1, a2, a3 = bp.forward(X, theta1, theta2)
    delta3 = a3 - y
    delta2 = ((delta3 @ theta2.T) * a2 * (1 - a2))[:, 1:]
    return a1.T @ delta2 / m, a2.T @ delta3 / m


def assumes_three_hidden_units(X, y, theta1, theta2):
    if np.shape(theta1)[1] != 3:
        raise ValueError("shapes (4,1) and (3,1) not aligned")
    return bias_row_of_grad1_zero(X, y, theta1, theta2)


def slope_of_activation(X, y, theta1, theta2):
    m = X.shape[0]
    a1, a2, a3 = bp.forward(X, theta1, theta2)
    delta3 = a3 - y
    s = bp.sigmoid(a2[:, :-1])
    delta2 = (delta3 @ theta2[:-1].T) * s * (1 - s)
    return a1.T @ delta2 / m, a2.T @ delta3 / m


BACKWARD = [
    (bias_row_of_grad1_zero, "grad1", "only its last row (the bias row", "yours is all zeros there"),
    (bias_row_of_grad2_halved, "grad2", "only its last row (the bias row", "1/2 times the right values there"),
    (summed_over_examples, "grad1", "m times too large", "with a single example it matches"),
    (divided_by_m_twice, "grad2", "m times too small", "divided by the number of examples once too often"),
    (doubled, "grad1", "exactly 2 times the right values", "a factor 2 too many"),
    (only_grad2_sign, "grad2", "the sign flipped", "uphill"),
    (transposed, "grad1", "transposed", "with the right values"),
    (delta_bias_column_kept, "grad1", "one column too many", "without its last column every entry matches"),
    (first_delta_column_dropped, "grad1", "columns are moved by one", "the bias unit is the last one"),
    (slope_of_activation, "grad1", "entries over these inputs are wrong", "no pattern"),
]


@pytest.mark.parametrize("wrong, part, pattern, detail", BACKWARD, ids=lambda x: getattr(x, "__name__", None))
def test_each_pattern_of_a_wrong_backward_is_named_in_its_part(wrong, part, pattern, detail):
    message = text("backward", wrong)
    line = part_line(message, part)
    assert pattern in line and detail.lower() in message.lower(), message
    other = "grad2" if part == "grad1" else "grad1"
    if wrong not in (summed_over_examples, divided_by_m_twice, doubled, transposed):
        assert part_line(message, other) == f"- {other}: every entry matches"


def test_the_part_that_matches_points_to_the_other():
    assert "grad2 matches, so your output error is right" in text("backward", bias_row_of_grad1_zero)
    assert "grad1 matches" in text("backward", only_grad2_sign)
    assert "Both show the same pattern" in text("backward", doubled)


def test_grad1_and_grad2_in_the_wrong_order_are_named_as_such():
    message = text("backward", swapped)
    assert "grad1 and grad2 come back in the wrong order" in message
    assert "- grad1:" not in message


def test_a_cut_off_hidden_unit_shows_errors_taken_from_the_wrong_weights():
    message = text("backward", first_delta_column_dropped)
    assert "no error can reach hidden unit 1, so column 1 of grad1 must be 0" in message


def test_a_crash_on_other_layer_sizes_is_reported_with_the_network():
    loc = found("backward", assumes_three_hidden_units)
    assert any(f.startswith("on a 2-1-1 network (a single hidden unit) it raised ValueError") for f in loc.failures)
    assert any(f.startswith("on a 3-4-1 network it raised") for f in loc.failures)
    assert "only its last row" in part_line(loc.text(localise.GRADIENTS["backward"]), "grad1")


@settings(max_examples=25, deadline=None)
@given(unit=st.integers(0, 2), factor=st.sampled_from([-3.0, -1.0, 0.0, 0.5, 2.0, 3.0, 7.5]))
def test_one_hidden_unit_wrong_is_named_whatever_the_unit_and_the_error(unit, factor):
    def wrong(*args):
        g1, g2 = _parts(*args)
        if unit < g1.shape[1]:
            g1[:, unit] *= factor
        return g1, g2

    line = part_line(text("backward", wrong), "grad1")
    assert f"only column {unit} (hidden unit {unit}) is wrong" in line


@settings(max_examples=25, deadline=None)
@given(factor=st.sampled_from([-1, -2, 2, 3, 4, 10]), part=st.sampled_from([0, 1]))
def test_a_constant_factor_in_one_part_is_named_with_its_value(factor, part):
    def wrong(*args):
        grads = list(_parts(*args))
        grads[part] = grads[part] * factor
        return tuple(grads)

    loc = found("backward", wrong)
    finding = loc.findings[part]
    assert finding.pattern == "factor" and finding.factor == str(factor)
    assert loc.findings[1 - part].ok


# ------------------------------------------------------------ ps3 gradients

def _ps3(name):
    return getattr(cf, name)


NEURON = [
    (lambda r: lambda X, y, w: r(X, y, w) / 2, "exactly 1/2 times the right values", "a factor 2 is missing"),
    (lambda r: lambda X, y, w: -r(X, y, w), "the sign flipped", "uphill"),
    (lambda r: lambda X, y, w: r(X, y, w) * X.shape[0], "m times too large", "sum over the examples"),
    (lambda r: lambda X, y, w: r(X, y, w).T, "transposed", "(the shape of w)"),
    (lambda r: lambda X, y, w: np.vstack([r(X, y, w)[:-1], [[0.0]]]), "only its last row", "column of ones"),
    (lambda r: lambda X, y, w: r(X, y, w) * np.arange(1, X.shape[1] + 1)[:, None] ** 0.5, "are wrong", ""),
]


@pytest.mark.parametrize("function", ["mse_gradient", "cross_entropy_gradient"])
@pytest.mark.parametrize("make, pattern, detail", NEURON)
def test_each_pattern_of_a_wrong_neuron_gradient_is_named(function, make, pattern, detail):
    line = part_line(text(function, make(_ps3(function))), "gradient")
    assert pattern in line and detail in line


# ------------------------------------------------------------ correct code

@pytest.mark.parametrize("function, source", [
    ("backward", hidden_kit.reference_source("ps4_backprop")),
    ("backward", (ALT_STYLE / "backprop.py").read_text()),
    ("mse_gradient", (ALT_STYLE / "cost_functions.py").read_text()),
    ("cross_entropy_gradient", (ALT_STYLE / "cost_functions.py").read_text()),
])
def test_correct_code_in_any_style_is_blamed_for_nothing(function, source):
    loc = found(function, load(source)[function])
    assert not loc.anything
    assert all(f.ok and f.text == "every entry matches" for f in loc.findings)


# ------------------------------------------------------------ the catalogue

AGREES = {
    "gradients summed over examples instead of averaged": "m times too large",
    "the bias row of theta2 propagated backwards": "one column too many",
    "the first row of theta2 dropped instead of the last (bias) row": "columns are moved by one",
    "the sign is flipped (y - a3 instead of a3 - y)": "the sign flipped",
    "the gradients are transposed": "transposed",
    "the factor 2 from the square is missing": "a factor 2 is missing",
    "a sum over examples instead of a mean": "m times too large",
    "the sign is flipped (y - h instead of h - y)": "the sign flipped",
    "theta_plus = theta makes no copy (the shifts land on theta itself)": "it is all zeros",
    "dividing by eps instead of 2 * eps": "exactly 2 times the right values on every input: a factor 2 too many",
}


@pytest.mark.parametrize("module, function", [("backprop", "backward"), ("cost_functions", "mse_gradient"),
                                              ("cost_functions", "cross_entropy_gradient"),
                                              ("backprop", "numerical_gradient")])
def test_the_catalogue_and_the_localisation_agree(module, function):
    for mistake in catalogue(module).get(function, ()):
        loc = found(function, mistake.wrong)
        assert loc.anything, mistake.name
        message = loc.text(localise.GRADIENTS[function])
        if mistake.name in AGREES:
            assert AGREES[mistake.name] in message, (mistake.name, message)
        else:   # no simple pattern: then nothing is named that the catalogue would contradict
            assert all(f.pattern in ("ok", "none") for f in loc.findings), (mistake.name, message)


def test_messages_say_where_not_what_to_write():
    wrongs = [w for w, *_ in BACKWARD] + [m.wrong for m in catalogue("backprop")["backward"]]
    for wrong in wrongs:
        message = text("backward", wrong)
        for formula in ("a3 - y", "@", ".T", "delta3", "* (1 -", "/ m"):
            assert formula not in message, (wrong, formula, message)


# ------------------------------------------------------------ the grading hook

class Runner:
    """Runs a plan in this process, as the sandbox would, and counts the runs."""

    def __init__(self, namespace):
        self.namespace, self.plans = namespace, []

    def __call__(self, plan):
        self.plans.append(plan)
        return SandboxReport(functions={f: FunctionRun(f, "ok", [run_call(self.namespace[f], c) for c in calls])
                                        for f, calls in plan.items()})


def test_a_failed_backward_is_probed_once_and_every_failed_value_test_says_where():
    hidden = hidden_kit.hidden("ps4_backprop", overrides={"backward": bias_row_of_grad1_zero})
    results = hidden.tests
    run = Runner({"backward": bias_row_of_grad1_zero})
    localise.explain(hidden.logs, results, run)
    assert len(run.plans) == 1 and list(run.plans[0]) == ["backward"]
    assert len(run.plans[0]["backward"]) == len(localise.GRADIENTS["backward"].probes)
    value_tests = [r for r in results if r.function == "backward" and "unchanged" not in r.title]
    assert value_tests and all(r.outcome == "incorrect" for r in value_tests)
    assert all("only its last row (the bias row" in r.output for r in value_tests)
    others = [r for r in results if r.function != "backward" or "unchanged" in r.title]
    assert not any("Where it goes wrong" in r.output for r in others)


def test_nothing_is_probed_when_every_gradient_passes():
    hidden = hidden_kit.hidden("ps3_cost_functions")
    results = hidden.tests

    def run(plan):
        raise AssertionError("probed a passing submission")

    localise.explain(hidden.logs, results, run)
    assert not any("Where it goes wrong" in r.output for r in results)


def test_a_probe_run_that_fails_leaves_the_verdict_as_it_was():
    hidden = hidden_kit.hidden("ps4_backprop", overrides={"backward": doubled})
    results = hidden.tests
    before = [(r.score, r.output) for r in results]
    assert any(r.function == "backward" and r.outcome == "incorrect" for r in results)

    def run(plan):
        raise RuntimeError("the sandbox could not start")

    localise.explain(hidden.logs, results, run)
    assert [(r.score, r.output) for r in results] == before


def test_probe_arguments_are_what_the_reference_is_run_on():
    """The probes are frozen: running the reference cannot change them for the next submission."""
    for gradient in localise.GRADIENTS.values():
        for p in gradient.probes:
            assert all(not a.flags.writeable for a in p.call.args if isinstance(a, np.ndarray))
            materialize(p.call.args)


def test_a_gradient_left_per_example_or_summed_to_one_number_says_so():
    def per_example(X, y, w):
        return (cf.neuron(X, w) - y) * X / X.shape[0]

    def one_number(X, y, w):
        h = cf.neuron(X, w)
        return np.sum((h - y) * h * (1 - h), axis=0, keepdims=True)

    assert "one row per example, shape (6, 3)" in text("cross_entropy_gradient", per_example)
    assert "a single number where w has 3 entries" in text("mse_gradient", one_number)


def test_hard_coded_layer_sizes_show_as_the_networks_where_backward_goes_wrong():
    def three_hidden_units(X, y, theta1, theta2):
        m = X.shape[0]
        a1, a2, a3 = bp.forward(X, theta1, theta2)
        delta3 = a3 - y
        delta2 = (delta3 @ theta2[:3].T) * a2[:, :3] * (1 - a2[:, :3])
        return a1.T @ delta2 / m, a2.T @ delta3 / m

    loc = found("backward", three_hidden_units)
    message = loc.text(localise.GRADIENTS["backward"])
    line = part_line(message, "grad1")
    assert line.startswith("- grad1: on a 2-1-1 network (a single hidden unit), it has one column too many")
    assert "; on a 3-4-1 network, it has shape (4, 3) where (4, 4) (the shape of theta1) is expected" in line
    assert line.endswith("; on the other inputs, every entry matches")


def test_a_numerical_gradient_that_ignores_eps_is_wrong_only_where_eps_is_given():
    def default_eps(cost, theta, eps=1e-5):
        return bp.numerical_gradient(cost, theta)

    line = part_line(text("numerical_gradient", default_eps), "gradient")
    assert line.endswith("but wrong on the same cost with eps = 1e-2 given")


def test_an_approximation_that_passes_by_chance_is_not_called_right_on_those_inputs():
    forward_difference = next(m for m in catalogue("backprop")["numerical_gradient"] if "forward" in m.name)
    line = part_line(text("numerical_gradient", forward_difference.wrong), "gradient")
    assert "right on" not in line and "entries over these inputs are wrong" in line
