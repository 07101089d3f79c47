"""What an honest (or merely wrong) program's report looks like."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from autograder.sandbox import Call, Limits, Opaque, Probe, run

from sandbox_kit import FAST, plan, program

DERIVATIVES = """
import numpy as np
import sympy

def f(x):
    return x**4 - 3*x**3 + 2

def sigmoid(z):
    return 1 / (1 + np.exp(-z))

def sigmoid_derivative(s):
    return s * (1 - s)

def numerical_derivative(func, x, h=1e-5):
    return (func(x + h) - func(x - h)) / (2 * h)

def f_prime_expr():
    x = sympy.Symbol('x')
    return sympy.diff(x**4 - 3*x**3 + 2, x)

def critical_points():
    return [sympy.Integer(0), sympy.Rational(9, 4)]

def stub(x):
    raise NotImplementedError

def broken(x):
    return x + "1"

LEARNING_RATE = 0.1
"""


def test_correct_program_gives_ok_outcomes_with_the_right_values(sandbox):
    report = sandbox.run(program(DERIVATIVES), plan(
        f=[(2.0,), (np.array([0.0, 1.0, 3.0]),)],
        sigmoid=[(0.0,), (np.array([-1000.0, 1000.0]),)],
        numerical_derivative=[(Probe("poly", {"coeffs": [0.0, 0.0, 1.0]}), 3.0)],
        f_prime_expr=[()],
        critical_points=[()],
    ))
    assert report.load_errors == []
    assert report.isolation.startswith(("landlock", "audit-hook"))
    assert {"f", "sigmoid", "LEARNING_RATE", "np"} <= set(report.defined)
    runs = report.functions
    assert all(r.status == "ok" for r in runs.values()), runs
    assert runs["f"].calls[0].value == -6.0
    assert np.array_equal(runs["f"].calls[1].value, np.array([2.0, 0.0, 2.0]))
    assert runs["sigmoid"].calls[0].value == 0.5
    assert runs["sigmoid"].calls[1].warnings == ["RuntimeWarning: overflow encountered in exp"]
    assert np.array_equal(runs["sigmoid"].calls[1].value, [0.0, 1.0])
    assert abs(runs["numerical_derivative"].calls[0].value - 6.0) < 1e-6
    x = sympy.Symbol("x")
    assert sympy.simplify(runs["f_prime_expr"].calls[0].value - (4 * x**3 - 9 * x**2)) == 0
    assert runs["critical_points"].calls[0].value == [0, sympy.Rational(9, 4)]


def test_errors_stubs_missing_and_not_callable_are_told_apart(sandbox):
    report = sandbox.run(program(DERIVATIVES), plan(
        stub=[(1,)], broken=[(1,)], sigmoid_derivatve=[(0.5,)], LEARNING_RATE=[()]))
    runs = report.functions
    assert runs["stub"].status == "ok" and runs["stub"].calls[0].status == "not_implemented"
    error = runs["broken"].calls[0]
    assert error.status == "error"
    assert error.error.startswith("TypeError: unsupported operand")
    line = DERIVATIVES.splitlines().index('    return x + "1"') + 1
    assert error.error.endswith(f"(line {line})")
    assert runs["sigmoid_derivatve"].status == "missing"
    assert runs["sigmoid_derivatve"].detail.startswith("did you mean 'sigmoid_derivative'")
    assert runs["LEARNING_RATE"].status == "not_callable"
    assert "float" in runs["LEARNING_RATE"].detail


def test_mutated_arguments_are_named(sandbox):
    source = """
    def scale(a, factor):
        a *= factor
        return a

    def pure(a, factor):
        return a * factor
    """
    args = (np.ones(3), 2.0)
    report = sandbox.run(program(source), plan(scale=[args], pure=[args]))
    assert report.functions["scale"].calls[0].mutated == ["a"]
    assert report.functions["pure"].calls[0].mutated == []
    assert np.array_equal(report.functions["pure"].calls[0].value, [2.0, 2.0, 2.0])


def test_each_call_gets_fresh_arguments(sandbox):
    source = """
    def grow(items):
        items.append(1)
        return len(items)
    """
    report = sandbox.run(program(source), plan(grow=[([],), ([],)]))
    assert [c.value for c in report.functions["grow"].calls] == [1, 1]


def test_keyword_arguments_and_probes_reach_the_function(sandbox):
    source = """
    def descend(grad, x0, learning_rate, steps=3):
        xs = [x0]
        for _ in range(steps):
            xs.append(xs[-1] - learning_rate * grad(xs[-1]))
        return xs

    def cost_at(cost, theta):
        return cost(theta)
    """
    call = Call("descend", (Probe("affine_grad", {"a": 2.0, "b": 3.0}), 1.0, 0.25), {"steps": 2})
    weights = np.array([[1.0], [2.0]])
    cost = Call("cost_at", (Probe("smooth_cost", {"weights": weights}), np.zeros((2, 1))))
    report = sandbox.run(program(source), {"descend": [call], "cost_at": [cost]})
    assert report.functions["descend"].calls[0].value == [1.0, 2.0, 2.5]
    assert report.functions["cost_at"].calls[0].value == 0.0


def test_output_is_captured_per_function_and_at_load(sandbox):
    source = """
    import os, sys
    print("loading")
    def talk():
        print("to stdout")
        print("to stderr", file=sys.stderr)
        os.write(1, b"raw bytes\\n")
        return 1
    """
    report = sandbox.run(program(source), plan(talk=[()]))
    assert report.output == "loading\n"
    output = report.functions["talk"].output
    assert "to stdout" in output and "to stderr" in output and "raw bytes" in output


def test_student_modules_can_import_each_other(sandbox):
    main = """
    from helpers import double
    import submission
    def quadruple(x):
        return double(double(x))
    def same_module():
        return submission.quadruple(1)
    """
    helpers = """
    def double(x):
        return 2 * x
    """
    report = sandbox.run(program(main, helpers=helpers), plan(quadruple=[(3,)], same_module=[()]))
    assert report.functions["quadruple"].calls[0].value == 12
    assert report.functions["same_module"].calls[0].value == 4


def test_one_shot_run_starts_and_stops_its_own_sandbox():
    report = run(program("def one():\n    return 1\n"), plan(one=[()]), FAST)
    assert report.functions["one"].calls[0].value == 1


def test_values_that_are_not_plain_data_arrive_as_opaque(sandbox):
    source = """
    class Thing:
        def __repr__(self):
            return "a thing"
    def thing():
        return Thing()
    def function():
        return print
    """
    report = sandbox.run(program(source), plan(thing=[()], function=[()]))
    value = report.functions["thing"].calls[0].value
    assert isinstance(value, Opaque) and value.text == "a thing"
    assert isinstance(report.functions["function"].calls[0].value, Opaque)


def test_a_memory_limit_below_what_python_itself_needs_is_refused(sandbox):
    with pytest.raises(ValueError, match="leaves"):
        sandbox.run(program("def one():\n    return 1\n"), plan(one=[()]), Limits(memory_mb=100))
