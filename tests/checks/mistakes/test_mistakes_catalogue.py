"""The catalogue of known mistakes, checked directly (no sandbox): coverage, hints, and that each is wrong."""

import inspect
import types
from functools import cache

import numpy as np
import pytest

from autograder.build.leak_scan import reference_lines, scan_lines
from autograder.checks.callables import materialize
from autograder.checks.compare import same_answer
from autograder.checks.expect import run_reference
from autograder.checks.mistakes import Mistake, catalogue
from autograder.course import ASSIGNMENTS, SOLUTIONS_DIR, exercise_functions
from autograder.grade import session
from autograder.sandbox.protocol import SandboxReport
import solutions.backprop
import solutions.cost_functions
import solutions.derivatives
import solutions.gradient_descent

REFERENCE = {m.__name__.split(".")[1]: m for m in (solutions.derivatives, solutions.gradient_descent,
                                                     solutions.cost_functions, solutions.backprop)}
ENTRIES = [(assignment, module, mistake) for assignment, module in ASSIGNMENTS.items()
           for mistakes in catalogue(module).values() for mistake in mistakes]
IDS = [f"{module}.{m.function}: {m.name}" for _, module, m in ENTRIES]

# What the course must recognise, by exercise and (part of) the mistake's name.
REQUIRED = [
    ("mse_gradient", "the published tutorial's gradient"),     # the tutorial drops the input x
    ("mse_gradient", "the input x of the chain rule is missing"),
    ("mse_gradient", "the factor 2 from the square is missing"),
    ("cross_entropy_gradient", "a sum over examples instead of a mean"),   # the 1/m
    ("gradient_descent", "the update goes uphill"),
    ("cross_entropy_gradient", "the sign is flipped"),
    ("minimize", "the learning rate is applied twice"),
    ("gradient_descent", "the learning rate is not applied"),
    ("sigmoid_derivative", "written for the pre-activation"),
    ("backward", "the sigmoid's slope computed from the activation"),
    ("mse", "a sum instead of a mean"),
    ("cross_entropy", "a sum over examples instead of a mean"),
    ("cross_entropy", "the leading minus sign is missing"),
    ("cross_entropy", "0 * log(0) computed as nan"),
    ("gradient_descent", "x0 is missing from the list"),
    ("gradient_descent", "one iteration too many"),
    ("minimize", "the last update is not counted in steps"),
    ("minimize", "a diverging run never stops"),
    ("minimize", "only nan stops a diverging run"),
    ("add_bias", "the bias column is prepended instead of appended"),
    ("backward", "the bias row of theta2 propagated backwards"),
    ("backward", "the MSE output error used with the cross-entropy cost"),
    ("numerical_gradient", "theta_plus = theta makes no copy"),
    ("cost_surface", "the axes are swapped"),
    ("predict", "thresholding the output at 0"),
    ("trask_errors", "the error is recorded after the update"),
    ("critical_points", "floats instead of exact SymPy numbers"),
]


@cache
def plan(assignment: str) -> dict:
    """The calls the hidden tests make, function by function (learnt without running anything)."""
    return session.run(assignment, lambda calls: SandboxReport()).plan


def test_the_catalogue_is_large_and_covers_every_problem_set():
    assert len(ENTRIES) >= 30
    per_module = {module: sum(1 for _, m, _ in ENTRIES if m == module) for module in ASSIGNMENTS.values()}
    assert min(per_module.values()) >= 5, per_module


@pytest.mark.parametrize("function, name", REQUIRED, ids=[f"{f}: {n}" for f, n in REQUIRED])
def test_the_mistakes_the_course_must_recognise_are_listed(function, name):
    assert any(m.function == function and m.name.startswith(name) for _, _, m in ENTRIES)


def test_names_are_unique_within_each_exercise():
    keys = [(m.function, m.name) for _, _, m in ENTRIES]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("assignment, module, mistake", ENTRIES, ids=IDS)
def test_each_entry_is_a_mistake_of_an_exercise_function(assignment, module, mistake: Mistake):
    assert mistake.function in exercise_functions(assignment)
    reference = getattr(REFERENCE[module], mistake.function)
    assert list(inspect.signature(mistake.wrong).parameters) == list(inspect.signature(reference).parameters)


def _global_names(code: types.CodeType) -> set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _global_names(const)
    return names


@pytest.mark.parametrize("assignment, module, mistake", ENTRIES, ids=IDS)
def test_each_wrong_version_uses_only_names_the_exercise_module_has(assignment, module, mistake):
    """Its source must run unchanged in place of the student's function (the graded end-to-end test does so)."""
    namespace = vars(REFERENCE[module])
    used = {n for n in _global_names(mistake.wrong.__code__) if n in mistake.wrong.__globals__}
    assert mistake.function not in used, "it would call the function it replaces"
    for name in used:
        assert name in namespace, f"{name} is not defined in {module}.py"
        assert namespace[name] is mistake.wrong.__globals__[name], f"{name} is another object in {module}.py"


@pytest.mark.parametrize("assignment, module, mistake", ENTRIES, ids=IDS)
def test_each_wrong_version_differs_from_the_reference_on_the_grading_inputs(assignment, module, mistake):
    reference = getattr(REFERENCE[module], mistake.function)
    for c in plan(assignment)[mistake.function]:   # cheap calls come first: stop at the first difference
        expected = run_reference(reference, c)
        try:
            with np.errstate(all="ignore"):
                got = mistake.wrong(*materialize(c.args), **materialize(c.kwargs))
        except Exception:
            return
        if not same_answer(got, expected, rtol=1e-9, atol=1e-12) or type(got) is not type(expected):
            return
    pytest.fail("no graded call tells this mistake from the reference")


HIDDEN = reference_lines(SOLUTIONS_DIR)


@pytest.mark.parametrize("assignment, module, mistake", ENTRIES, ids=IDS)
def test_hints_are_sentences_for_a_beginner_without_reference_code(assignment, module, mistake):
    hint = mistake.hint
    assert hint[:1].isupper() and hint.rstrip().endswith((".", ")")), hint
    assert 40 <= len(hint) <= 400
    assert "solutions" not in hint
    assert not [f for f in scan_lines("hint", hint.splitlines(), HIDDEN) if f.kind == "reference"]
    assert mistake.name == mistake.name.strip() and not mistake.name.endswith(".")


RELEASED = [SOLUTIONS_DIR.parent / folder for folder in ("source", "exercises", "course")]


def test_nothing_of_the_catalogue_is_in_what_students_receive():
    texts = [p.read_text(encoding="utf-8", errors="replace") for folder in RELEASED if folder.is_dir()
             for p in sorted(folder.rglob("*")) if p.is_file() and "__pycache__" not in p.parts]
    assert texts, "the released folders are part of the repository"
    released = "\n".join(texts)
    assert "checks.mistakes" not in released and "checks/mistakes" not in released
    for _, _, mistake in ENTRIES:
        assert mistake.hint[:60] not in released, mistake.name
