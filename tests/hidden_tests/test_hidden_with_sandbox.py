"""End to end through the real sandbox: the hidden tests' plan runs there, the plugin reads its report."""

import re

import pytest

from autograder.course import ASSIGNMENTS
from autograder.grade import described, session
from autograder.sandbox import Limits, Program, Sandbox
from hidden_kit import reference_source, variant

# The reference modules import each other through the hidden ``solutions``
# package; a student's folder holds plain sibling modules instead.
NEEDS = {"derivatives": (), "gradient_descent": (), "cost_functions": ("derivatives",),
         "backprop": ("derivatives", "cost_functions")}
MODULE_OF = {m: a for a, m in ASSIGNMENTS.items()}


def as_submission(source: str) -> str:
    return re.sub(r"^from solutions\.(\w+) import", r"from \1 import", source, flags=re.M)


def program(assignment: str, main_source: str | None = None) -> Program:
    module = ASSIGNMENTS[assignment]
    modules = {m: as_submission(reference_source(MODULE_OF[m])) for m in NEEDS[module]}
    modules[module] = as_submission(main_source or reference_source(assignment))
    return Program(modules, module)


@pytest.fixture(scope="module")
def sandbox():
    with Sandbox(limits=Limits(seconds_per_function=20.0)) as sb:
        yield sb


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_the_reference_as_a_submission_earns_full_marks(sandbox, assignment):
    reports = []

    def run(plan):
        reports.append(sandbox.run(program(assignment), plan))
        return reports[-1]

    hidden = session.run(assignment, run)
    assert reports and not any(r.load_errors for r in reports)
    assert hidden.report is reports[0]
    assert [(r.name, r.output) for r in hidden.tests if r.outcome != "passed"] == []
    assert sum(r.score for r in hidden.tests) == described.total(assignment) > 0


def test_an_endless_loop_costs_only_the_tests_it_blocks(sandbox):
    """minimize loops forever on the diverging run (planned last): its other tests still pass."""
    source = variant("ps2_gradient_descent", '''
def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    x, steps = x0, 0
    while True:
        step = learning_rate * grad(x)
        x = x - step
        steps += 1
        if np.max(np.abs(step)) <= precision or steps == max_iters and np.all(np.isfinite(x)):
            return x, steps

def gradient_descent(grad, x0, learning_rate, max_iters):
    raise NotImplementedError
''')
    limits = Limits(seconds_per_function=3.0, seconds_to_load=10.0)
    hidden = session.run("ps2_gradient_descent",
                         lambda plan: sandbox.run(program("ps2_gradient_descent", source), plan, limits))
    results = {r.title: r for r in hidden.tests}
    stuck = results["a diverging learning rate stops at the first non-finite x, counting that update"]
    assert stuck.outcome == "timeout" and stuck.output.startswith("Timed out: minimize")
    assert results["published figure: minimize(df, 4, 0.01, 1e-5)"].outcome == "passed"
    assert all(r.outcome == "not_attempted" for r in hidden.tests if r.function == "gradient_descent")
