"""The student-facing self-check: three outcomes, tiered hints, guarded plots."""

import re
import subprocess
import sys
import types
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.course import ASSIGNMENTS, exercise_functions

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "course"))
import selfcheck  # noqa: E402  (student-facing module, imported the way students do)
from selfcheck_cases import CASES, MODULES  # noqa: E402
from selfcheck_hints import HINTS  # noqa: E402


def test_every_exercise_has_cases_and_at_least_two_hint_tiers():
    for assignment, module in ASSIGNMENTS.items():
        assert MODULES[module] == list(exercise_functions(assignment))
    assert set(CASES) == set(HINTS) == {n for names in MODULES.values() for n in names}
    assert all(len(tiers) >= 2 for tiers in HINTS.values())


def test_the_reference_passes_every_self_check(tmp_path):
    # The expected values are hand-written numbers; the reference must agree with all of them.
    for module in MODULES:
        text = (REPO / "solutions" / f"{module}.py").read_text()
        (tmp_path / f"{module}.py").write_text(re.sub(r"from solutions\.(\w+)", r"from \1", text))
    for name in ("selfcheck.py", "selfcheck_cases.py", "selfcheck_hints.py"):
        (tmp_path / name).write_text((REPO / "course" / name).read_text())
    proc = subprocess.run([sys.executable, "selfcheck.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("[")]
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert len(lines) == len(CASES) and all(line.startswith("[passed]") for line in lines), proc.stdout


def test_not_attempted_incorrect_and_passed(capsys):
    def unwritten(s):
        raise NotImplementedError()

    selfcheck.check("sigmoid_derivative", unwritten)
    assert capsys.readouterr().out.startswith("[not attempted] sigmoid_derivative")

    def slope_of_z(s):  # the classic slip: treating s as the pre-activation
        sig = 1 / (1 + np.exp(-s))
        return sig * (1 - sig)

    selfcheck.check("sigmoid_derivative", slope_of_z)
    out = capsys.readouterr().out
    assert out.startswith("[incorrect] calling sigmoid_derivative(0.5)")
    assert "expected the result: 0.25" in out and "got:      0.235" in out and 'hint("sigmoid_derivative")' in out

    selfcheck.check("sigmoid_derivative", lambda s: s * (1 - s))
    assert capsys.readouterr().out.startswith("[passed] sigmoid_derivative passed 3 self-checks.")


@pytest.fixture
def own_derivatives(monkeypatch):
    """A student's derivatives module, which the gradient-descent self-checks call."""
    module = types.ModuleType("derivatives")
    exec("def df(x):\n    return x * x * (4 * x - 9)\n\ndef dparabola(x):\n    return 2 * x - 6\n", module.__dict__)
    monkeypatch.setitem(sys.modules, "derivatives", module)


def test_errors_mutation_and_warnings_are_reported(own_derivatives):
    outcome, message = selfcheck.evaluate("df", lambda x: 1 / 0)
    assert outcome == "incorrect" and "raised ZeroDivisionError" in message

    def in_place(X):
        X[:, -1] = 1.0
        return X
    outcome, message = selfcheck.evaluate("add_bias", in_place)
    assert outcome == "incorrect"

    def steps_in_place(grad, x0, learning_rate, max_iters):
        xs, x = [x0], x0
        for _ in range(max_iters):
            x -= learning_rate * grad(x)
            xs.append(x)
        return xs
    outcome, message = selfcheck.evaluate("gradient_descent", steps_in_place)
    assert outcome == "incorrect"

    outcome, message = selfcheck.evaluate("sigmoid", lambda z: 1 / (1 + np.exp(-np.asarray(z, dtype=float))))
    assert outcome == "passed" and "overflow" in message
    assert selfcheck.evaluate("df", None)[0] == "incorrect"
    assert selfcheck.evaluate("no_such", abs)[0] == "incorrect"


@settings(max_examples=30, deadline=None)
@given(offset=st.floats(1e-6, 1e6) | st.floats(-1e6, -1e-6))
def test_a_shifted_answer_never_passes(offset):
    outcome, _ = selfcheck.evaluate("df", lambda x: 4 * x**3 - 9 * x**2 + offset)
    assert outcome == "incorrect"


def test_hints_are_tiered(capsys):
    selfcheck.hint("minimize")
    out = capsys.readouterr().out
    assert out.startswith("Hint 1 of 3 for minimize: ") and 'hint("minimize", 2)' in out
    selfcheck.hint("minimize", 99)
    out = capsys.readouterr().out
    assert out.startswith("Hint 3 of 3") and "more specific" not in out
    selfcheck.hint("nope")
    assert "no hints" in capsys.readouterr().out


def test_needs_turns_unwritten_functions_into_a_note(capsys):
    with selfcheck.needs("gradient_descent"):
        raise NotImplementedError()
    assert "uses gradient_descent, which is not written yet" in capsys.readouterr().out
    with pytest.raises(ZeroDivisionError):
        with selfcheck.needs("df"):
            1 / 0


def test_a_constant_factor_off_is_named(capsys):
    selfcheck.check("dparabola", lambda x: x - 3)       # the chain rule's factor 2 dropped
    out = capsys.readouterr().out
    assert out.startswith("[incorrect]") and "exactly 1/2 times the expected one" in out
    selfcheck.check("dparabola", lambda x: (x - 3) ** 2)  # not a constant factor: nothing claimed
    assert "times the expected one" not in capsys.readouterr().out


def _run_selfcheck(folder, *modules):
    for name in ("selfcheck.py", "selfcheck_cases.py", "selfcheck_hints.py"):
        (folder / name).write_text((REPO / "course" / name).read_text())
    return subprocess.run([sys.executable, "selfcheck.py", *modules], cwd=folder, capture_output=True, text=True,
                          timeout=120).stdout


def test_minimize_self_check_uses_the_students_own_df(tmp_path):
    text = re.sub(r"from solutions\.(\w+)", r"from \1", (REPO / "solutions" / "gradient_descent.py").read_text())
    (tmp_path / "gradient_descent.py").write_text(text)
    out = _run_selfcheck(tmp_path, "gradient_descent")
    assert "[not attempted] the self-checks of minimize call your df (from derivatives), which is not defined" in out
    (tmp_path / "derivatives.py").write_text("def df(x):\n    return 4 * x**3 - 3 * x**2\n\n"
                                            "def dparabola(x):\n    return 2 * (x - 3)\n")
    out = _run_selfcheck(tmp_path, "gradient_descent")
    assert "[passed] gradient_descent" in out
    assert 'your df, whose own self-check does not pass yet: check("df", df) first' in out
    (tmp_path / "derivatives.py").write_text("def df(x):\n    return x * x * (4 * x - 9)\n\n"
                                            "def dparabola(x):\n    return 2 * (x - 3)\n")
    assert "[passed] minimize" in _run_selfcheck(tmp_path, "gradient_descent")


def _solutions_namespace(module):
    """Globals of a notebook whose other cells are right: this module's reference and the earlier ones'."""
    import importlib
    namespace = {}
    for earlier in list(MODULES)[:list(MODULES).index(module) + 1]:
        namespace.update(vars(importlib.import_module(f"solutions.{earlier}")))
    return namespace


def _catalogue_entries():
    from autograder.checks.mistakes import catalogue
    return [pytest.param(module, entry, id=f"{entry.function}: {entry.name}")
            for module in MODULES for entries in catalogue(module).values() for entry in entries]


@pytest.mark.parametrize("module, entry", _catalogue_entries())
def test_every_known_mistake_fails_its_self_check(module, entry):
    # A student who relies on the self-check meets each catalogued mistake before grading does.
    outcome, message = selfcheck.evaluate(entry.function, entry.wrong, _solutions_namespace(module))
    assert outcome == "incorrect", message


def _surface_with_a_flat_weight_vector(X, y, w1_values, w2_values, cost="mse"):
    from solutions.cost_functions import COSTS, neuron
    return np.array([[COSTS[cost][0](neuron(X, np.array([w1, w2])), y) for w2 in w2_values] for w1 in w1_values])


def _train_dividing_by_m_again(X, y, theta1, theta2, learning_rate, epochs):
    from solutions.backprop import train
    return train(X, y, theta1, theta2, learning_rate / len(X), epochs)  # the averaged gradient, averaged again


PLAUSIBLE_BUGS = {  # exercise -> a slip the catalogue does not hold (it cannot be named in grading)
    "f": ("derivatives", lambda x: x**4 - 3 * x**3),
    "parabola": ("derivatives", lambda x: (x + 3) ** 2),
    "cost_surface": ("cost_functions", _surface_with_a_flat_weight_vector),
    "train": ("backprop", _train_dividing_by_m_again),
}


@pytest.mark.parametrize("name", sorted(PLAUSIBLE_BUGS))
def test_plausible_slips_outside_the_catalogue_fail_their_self_check(name):
    module, wrong = PLAUSIBLE_BUGS[name]
    outcome, message = selfcheck.evaluate(name, wrong, _solutions_namespace(module))
    assert outcome == "incorrect", message


def test_every_exercise_has_a_slip_its_self_check_catches():
    from autograder.checks.mistakes import catalogue
    covered = {name for module in MODULES for name in catalogue(module)} | set(PLAUSIBLE_BUGS)
    assert covered >= set(CASES)


def test_a_changed_argument_is_reported_beside_a_wrong_value():
    def wrong_and_in_place(X):
        X[:, 0] = 0.0
        return X
    outcome, message = selfcheck.evaluate("add_bias", wrong_and_in_place)
    assert outcome == "incorrect" and "expected the result" in message and "also changed its arguments" in message
