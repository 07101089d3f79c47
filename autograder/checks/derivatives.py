"""Hidden tests of problem set 1 (module ``derivatives``)."""

from __future__ import annotations

import numpy as np
import sympy

from autograder.checks import sympy_gradients as sg
from autograder.checks.callables import poly
from autograder.checks.check import Check, Problem, against_reference, against_values, call
from autograder.checks.diagnose import as_scalar
from autograder.checks.inputs import arrays, rng_for, scalars
from autograder.checks.show import describe_type, show
from autograder.checks.symbolic import Symbolic, exact_number_problem
from autograder.checks.tolerances import DIFFERENCE, Tolerance
from solutions import derivatives as ref

POINTS = {"f": 1, "df": 2, "parabola": 1, "dparabola": 2, "sigmoid": 3, "sigmoid_derivative": 3,
          "numerical_derivative": 2, "f_prime_expr": 2, "sigmoid_prime_expr": 2, "critical_points": 2}
USES: dict[str, tuple[str, ...]] = {}

ELEMENTWISE = "An array is evaluated entry by entry and gives an array of the same shape."
DEFINES = {   # each function's summary sentence, which every value check cites
    "f": "The quartic this problem set studies: f(x) = x^4 - 3x^3 + 2.",
    "df": "The derivative f'(x) of the quartic f, worked out by hand.",
    "parabola": "The parabola (x - 3)^2, whose minimum is at x = 3.",
    "dparabola": "The slope of the parabola at x, worked out by hand.",
}


def build() -> list[Check]:
    return [*_polynomials(), *_sigmoid(), *_sigmoid_derivative(), *_numerical_derivative(), *_symbolic()]


def _elementwise_calls(function: str, low: float, high: float) -> tuple[list, list]:
    scalar_calls = [call(function, x) for x in scalars(function, low, high)]
    array_calls = [call(function, a) for a in arrays(function, low, high)]
    return scalar_calls, array_calls


def _polynomials() -> list[Check]:
    out = []
    for name, low, high in (("f", -3, 4), ("df", -3, 4), ("parabola", -2, 8), ("dparabola", -2, 8)):
        reference = getattr(ref, name)
        scalar_calls, array_calls = _elementwise_calls(name, low, high)
        if name in ("f", "parabola"):
            share = POINTS[name] / 2
            out.append(against_reference(name, "scalars", share, scalar_calls, reference,
                                         states=[DEFINES[name]]))
            out.append(against_reference(name, "elementwise on arrays of several shapes", share,
                                         array_calls, reference, states=[ELEMENTWISE]))
            continue
        out.append(against_reference(name, "matches the reference on scalars and arrays", 1,
                                     scalar_calls + array_calls, reference, states=[DEFINES[name], ELEMENTWISE]))
        sympy_calls = [call(name, x) for x in scalars(name + "/sympy", low, high)]
        sympy_calls += [call(name, a) for a in arrays(name + "/sympy", low, high)]
        derived = getattr(sg, name)
        origin = "f" if name == "df" else "the parabola"
        out.append(against_values(name, "matches SymPy's derivative", 1, sympy_calls,
                                  [derived(c.args[0]) for c in sympy_calls],
                                  expected_from=f"SymPy's derivative of {origin}", states=[DEFINES[name]]))
    return out


def _overflow_note(outcomes, passed: bool) -> str:
    if passed and any("overflow" in w.lower() for o in outcomes for w in o.warnings):
        return ("Note: NumPy warned about an overflow (np.exp(-z) is inf for z below about -709). "
                "The values are still right, so this costs nothing; np.errstate(over='ignore') or a "
                "formula that never exponentiates a large positive number avoids the warning.")
    return ""


def _sigmoid() -> list[Check]:
    moderate = [call("sigmoid", z) for z in (-20.0, -3.5, 0.0, 0.5, 3.0, 20.0)]
    shaped = [call("sigmoid", a) for a in arrays("sigmoid", -8, 8)]
    large = [call("sigmoid", np.array([-1000.0, -745.0, -709.0, -100.0, -30.0, 0.0, 30.0, 100.0, 709.0,
                                        745.0, 1000.0])),
             call("sigmoid", -1000.0), call("sigmoid", 1000.0),
             call("sigmoid", np.array([[-1000.0, 1000.0], [-800.0, 800.0]]))]
    # Far below -35 the true value is under 1e-15: any such tiny number is right.
    tiny = Tolerance(1e-9, 1e-15, "e^z underflows differently in equivalent forms; below 1e-15 all are right")
    huge = against_reference("sigmoid", "large |z| (up to 1e3): finite, correct values", 1, large, ref.sigmoid,
                             tol=tiny, states=["The values must be right and finite for every z with abs(z) up "
                                               "to 1000."])
    huge.note = _overflow_note
    return [
        against_reference("sigmoid", "scalars", 1, moderate, ref.sigmoid, tol=tiny,
                          states=["The logistic sigmoid 1 / (1 + e^(-z))."]),
        against_reference("sigmoid", "elementwise on arrays of several shapes", 1, shaped, ref.sigmoid,
                          states=[ELEMENTWISE]),
        huge,
    ]


def _sigmoid_derivative() -> list[Check]:
    outputs = [0.0, 0.25, 0.5, 0.9, 1.0]
    calls = [call("sigmoid_derivative", s) for s in outputs]
    calls += [call("sigmoid_derivative", ref.sigmoid(a)) for a in arrays("sigmoid_derivative", -6, 6)]
    sympy_calls = [call("sigmoid_derivative", s) for s in (0.1, 0.5, 0.73)]
    sympy_calls += [call("sigmoid_derivative", ref.sigmoid(a)) for a in arrays("sigmoid_derivative/sympy", -8, 8)]
    return [
        against_reference("sigmoid_derivative", "the slope from sigmoid outputs, 0 and 1 included", 1,
                          calls, ref.sigmoid_derivative,
                          states=["computed from the sigmoid's OUTPUT s", "(0 and 1 included)"]),
        against_values("sigmoid_derivative", "matches SymPy's d/dz sigmoid at z = logit(s)", 2, sympy_calls,
                       [sg.sigmoid_slope_at_output(c.args[0]) for c in sympy_calls],
                       tol=Tolerance(1e-8, 1e-15, "SymPy evaluates at logit(s), which rounds s once more"),
                       expected_from="SymPy's derivative of the sigmoid, at the z with sigmoid(z) = s",
                       states=["express the slope at that z through s alone"]),
    ]


def _numerical_derivative() -> list[Check]:
    rng = rng_for("numerical_derivative")
    probes = [poly(*np.round(rng.uniform(-2, 2, k), 3)) for k in (3, 4, 5, 4)]
    points = scalars("numerical_derivative", -2, 2)
    default = [call("numerical_derivative", p, x) for p, x in zip(probes, points)]
    default.append(call("numerical_derivative", poly(2, 0, -9, 0, 1), 0.0))
    with_h = [call("numerical_derivative", probes[0], 0.7, 1e-2),
              call("numerical_derivative", probes[1], -1.3, h=1e-3),
              call("numerical_derivative", probes[2], 0.4, h=0.5)]
    on_arrays = [call("numerical_derivative", probes[3], np.array([-1.0, 0.0, 0.5, 1.5, 2.0])),
                 call("numerical_derivative", probes[1], np.array([[0.25], [1.75]]), h=1e-4)]
    nd = ref.numerical_derivative
    return [
        against_reference("numerical_derivative", "central difference with the default h", 1, default, nd,
                          tol=DIFFERENCE, states=["by a central difference with step h",
                                                  "Use the two points x - h and x + h"]),
        against_reference("numerical_derivative", "uses the given h", 0.5, with_h, nd, tol=DIFFERENCE,
                          states=["and the h you are given"]),
        against_reference("numerical_derivative", "elementwise on an array x", 0.5, on_arrays, nd, tol=DIFFERENCE,
                          states=["x may also be an ndarray: func then takes the whole array at once"]),
    ]


def _symbolic() -> list[Check]:
    f_prime = sympy.diff(sg.F, sg.x_sym)
    sigma_prime = sympy.diff(sg.SIGMOID, sg.z_sym)
    return [
        Check("f_prime_expr", "equivalent to the derivative of f", 2, [call("f_prime_expr")],
              expects=[Symbolic(f_prime, "x")],
              states=("Build it on the plain symbol sympy.Symbol('x').",
                      "any expression equivalent to f'(x) is right")),
        Check("sigmoid_prime_expr", "equivalent to d/dz of the sigmoid", 2, [call("sigmoid_prime_expr")],
              expects=[Symbolic(sigma_prime, "z", domain=(-6.0, 6.0))],
              states=("Build it on the plain symbol sympy.Symbol('z').",
                      "any expression equivalent to the derivative is right")),
        Check("critical_points", "the real x where f'(x) = 0, sorted", 1, [call("critical_points")],
              verify=_critical_values,
              states=("The real x where f'(x) = 0.", "Return them as a Python list, smallest first, each point once.")),
        Check("critical_points", "a Python list of exact SymPy numbers", 1, [call("critical_points")],
              verify=_critical_exact, states=("Each must be an exact SymPy number: a float such as 2.25 is not exact.",)),
    ]


CRITICAL = [sympy.Integer(0), sympy.Rational(9, 4)]
CRITICAL_TEXT = "[0, 9/4]"


def _critical_values(values) -> Problem | None:
    got = values[0]
    if not isinstance(got, (list, tuple, np.ndarray)):
        return Problem(0, f"it returned {describe_type(got)}, expected a list of numbers", CRITICAL_TEXT)
    numbers = []
    for item in got:
        x, why = as_scalar(item)
        if why:
            return Problem(0, f"the entry {show(item, 60)} is not a real number: {why}", CRITICAL_TEXT)
        numbers.append(x)
    want = [float(c) for c in CRITICAL]
    if len(numbers) == len(want) and np.allclose(numbers, want, atol=1e-9):
        return None
    if len(numbers) == len(want) and np.allclose(sorted(numbers), want, atol=1e-9):
        return Problem(0, "the values are right but not sorted (sorted(...) puts them in order)", CRITICAL_TEXT)
    if len(numbers) > len(want) and np.allclose(sorted(set(np.round(numbers, 9))), want, atol=1e-9):
        return Problem(0, "a value is listed more than once: 0 is a double root of f', but one critical point",
                       CRITICAL_TEXT)
    return Problem(0, f"expected the {len(want)} values 0 and 9/4 (= 2.25), got {len(numbers)} value(s)",
                   CRITICAL_TEXT)


def _critical_exact(values) -> Problem | None:
    got = values[0]
    if not isinstance(got, list):
        return Problem(0, f"it returned {describe_type(got)}; the answer is a Python list", CRITICAL_TEXT)
    for item in got:
        why = exact_number_problem(item)
        if why:
            return Problem(0, why, CRITICAL_TEXT)
    try:
        same = len(got) == len(CRITICAL) and all(sympy.simplify(sympy.sympify(a) - b) == 0
                                                 for a, b in zip(got, CRITICAL))
    except Exception:
        same = False
    if not same:
        return Problem(0, "the exact values (0 and 9/4, sorted) are what is expected", CRITICAL_TEXT)
    return None
