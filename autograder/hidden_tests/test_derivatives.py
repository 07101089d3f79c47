"""Hidden tests of problem set 1 (module ``derivatives``)."""

from __future__ import annotations

import numpy as np
import pytest
import sympy

from autograder.checks import sympy_gradients as sg
from autograder.checks.callables import poly
from autograder.checks.diagnose import as_scalar
from autograder.checks.expect import answer, current, expect, fail, inspecting, note, planning, reference
from autograder.checks.inputs import arrays, rng_for, scalars
from autograder.checks.show import describe_type, show
from autograder.checks.symbolic import Symbolic, exact_number_problem
from autograder.checks.tolerances import DIFFERENCE, Tolerance
from solutions import derivatives as ref

points, states = pytest.mark.points, pytest.mark.states

# No exercise function of this problem set calls another one.
USES: dict[str, tuple[str, ...]] = {}

ELEMENTWISE = "An array is evaluated entry by entry and gives an array of the same shape."
DEFINES = {   # the sentence of each function's docstring that its value tests cite
    "f": "The quartic this problem set studies: f(x) = x^4 - 3x^3 + 2.",
    "df": "The derivative f'(x) of the quartic f, worked out by hand.",
    "parabola": "The parabola (x - 3)^2, whose minimum is at x = 3.",
    "dparabola": "The slope of the parabola at x, worked out by hand.",
}
RANGES = {"f": (-3, 4), "df": (-3, 4), "parabola": (-2, 8), "dparabola": (-2, 8)}

# Far below -35 the true sigmoid is under 1e-15, and equivalent formulas underflow to
# different tiny numbers there: any of them is right.
TINY = Tolerance(1e-9, 1e-15, "e^z underflows differently in equivalent forms; below 1e-15 all are right")
# The SymPy slope is evaluated at logit(s), which rounds s once more.
AT_LOGIT = Tolerance(1e-8, 1e-15, "SymPy evaluates at logit(s), which rounds s once more")


def elementwise_inputs(name: str, sympy_check: bool = False) -> list:
    """The scalars, then the arrays, a polynomial test calls its function on."""
    low, high = RANGES[name]
    seed = name + "/sympy" if sympy_check else name
    return [*scalars(seed, low, high), *arrays(seed, low, high)]


# ---------------------------------------------------------------- f

@points(0.5)
@states(DEFINES["f"])
def test_f_scalars(student):
    """scalars"""
    for x in scalars("f", *RANGES["f"]):
        expect(student.f(x), reference(ref.f))


@points(0.5)
@states(ELEMENTWISE)
def test_f_arrays(student):
    """elementwise on arrays of several shapes"""
    for a in arrays("f", *RANGES["f"]):
        expect(student.f(a), reference(ref.f))


# ---------------------------------------------------------------- df

@points(1)
@states(DEFINES["df"], ELEMENTWISE)
def test_df_matches_reference(student):
    """matches the reference on scalars and arrays"""
    for x in elementwise_inputs("df"):
        expect(student.df(x), reference(ref.df))


@points(1)
@states(DEFINES["df"])
def test_df_matches_sympy(student):
    """matches SymPy's derivative"""
    for x in elementwise_inputs("df", sympy_check=True):
        expect(student.df(x), answer(sg.df, x), expected_from="SymPy's derivative of f")


# ---------------------------------------------------------------- parabola

@points(0.5)
@states(DEFINES["parabola"])
def test_parabola_scalars(student):
    """scalars"""
    for x in scalars("parabola", *RANGES["parabola"]):
        expect(student.parabola(x), reference(ref.parabola))


@points(0.5)
@states(ELEMENTWISE)
def test_parabola_arrays(student):
    """elementwise on arrays of several shapes"""
    for a in arrays("parabola", *RANGES["parabola"]):
        expect(student.parabola(a), reference(ref.parabola))


# ---------------------------------------------------------------- dparabola

@points(1)
@states(DEFINES["dparabola"], ELEMENTWISE)
def test_dparabola_matches_reference(student):
    """matches the reference on scalars and arrays"""
    for x in elementwise_inputs("dparabola"):
        expect(student.dparabola(x), reference(ref.dparabola))


@points(1)
@states(DEFINES["dparabola"])
def test_dparabola_matches_sympy(student):
    """matches SymPy's derivative"""
    for x in elementwise_inputs("dparabola", sympy_check=True):
        expect(student.dparabola(x), answer(sg.dparabola, x), expected_from="SymPy's derivative of the parabola")


# ---------------------------------------------------------------- sigmoid

LARGE_Z = [np.array([-1000.0, -745.0, -709.0, -100.0, -30.0, 0.0, 30.0, 100.0, 709.0, 745.0, 1000.0]),
           -1000.0, 1000.0, np.array([[-1000.0, 1000.0], [-800.0, 800.0]])]


@points(1)
@states("The logistic sigmoid 1 / (1 + e^(-z)).")
def test_sigmoid_scalars(student):
    """scalars"""
    for z in (-20.0, -3.5, 0.0, 0.5, 3.0, 20.0):
        expect(student.sigmoid(z), reference(ref.sigmoid), tol=TINY)


@points(1)
@states(ELEMENTWISE)
def test_sigmoid_arrays(student):
    """elementwise on arrays of several shapes"""
    for a in arrays("sigmoid", -8, 8):
        expect(student.sigmoid(a), reference(ref.sigmoid))


@points(1)
@states("The values must be right and finite for every z with abs(z) up to 1000.")
def test_sigmoid_large_z(student):
    """large |z| (up to 1e3): finite, correct values"""
    for z in LARGE_Z:
        expect(student.sigmoid(z), reference(ref.sigmoid), tol=TINY)
    if planning():
        return
    # Right values with an overflow warning cost nothing, but the student should hear why it appeared.
    if any("overflow" in w.lower() for c in current().called if c.outcome for w in c.outcome.warnings):
        note("Note: NumPy warned about an overflow (np.exp(-z) is inf for z below about -709). "
             "The values are still right, so this costs nothing; np.errstate(over='ignore') or a "
             "formula that never exponentiates a large positive number avoids the warning.")


# ---------------------------------------------------------------- sigmoid_derivative

@points(1)
@states("computed from the sigmoid's OUTPUT s", "(0 and 1 included)")
def test_sigmoid_derivative_from_outputs(student):
    """the slope from sigmoid outputs, 0 and 1 included"""
    outputs = [0.0, 0.25, 0.5, 0.9, 1.0]
    outputs += [ref.sigmoid(a) for a in arrays("sigmoid_derivative", -6, 6)]
    for s in outputs:
        expect(student.sigmoid_derivative(s), reference(ref.sigmoid_derivative))


@points(2)
@states("express the slope at that z through s alone")
def test_sigmoid_derivative_matches_sympy(student):
    """matches SymPy's d/dz sigmoid at z = logit(s)"""
    outputs = [0.1, 0.5, 0.73]
    outputs += [ref.sigmoid(a) for a in arrays("sigmoid_derivative/sympy", -8, 8)]
    for s in outputs:
        expect(student.sigmoid_derivative(s), answer(sg.sigmoid_slope_at_output, s), tol=AT_LOGIT,
               expected_from="SymPy's derivative of the sigmoid, at the z with sigmoid(z) = s")


# ---------------------------------------------------------------- numerical_derivative

def probes():
    """Random polynomials to differentiate, and the points to differentiate the first four at."""
    rng = rng_for("numerical_derivative")
    polys = [poly(*np.round(rng.uniform(-2, 2, k), 3)) for k in (3, 4, 5, 4)]
    return polys, scalars("numerical_derivative", -2, 2)


@points(1)
@states("by a central difference with step h", "Use the two points x - h and x + h")
def test_numerical_derivative_default_h(student):
    """central difference with the default h"""
    polys, xs = probes()
    for p, x in [*zip(polys, xs), (poly(2, 0, -9, 0, 1), 0.0)]:
        expect(student.numerical_derivative(p, x), reference(ref.numerical_derivative), tol=DIFFERENCE)


@points(0.5)
@states("and the h you are given")
def test_numerical_derivative_given_h(student):
    """uses the given h"""
    polys, _ = probes()
    expect(student.numerical_derivative(polys[0], 0.7, 1e-2), reference(ref.numerical_derivative),
           tol=DIFFERENCE)
    expect(student.numerical_derivative(polys[1], -1.3, h=1e-3), reference(ref.numerical_derivative),
           tol=DIFFERENCE)
    expect(student.numerical_derivative(polys[2], 0.4, h=0.5), reference(ref.numerical_derivative),
           tol=DIFFERENCE)


@points(0.5)
@states("x may also be an ndarray: func then takes the whole array at once")
def test_numerical_derivative_arrays(student):
    """elementwise on an array x"""
    polys, _ = probes()
    expect(student.numerical_derivative(polys[3], np.array([-1.0, 0.0, 0.5, 1.5, 2.0])),
           reference(ref.numerical_derivative), tol=DIFFERENCE)
    expect(student.numerical_derivative(polys[1], np.array([[0.25], [1.75]]), h=1e-4),
           reference(ref.numerical_derivative), tol=DIFFERENCE)


# ---------------------------------------------------------------- the SymPy answers

F_PRIME = sympy.diff(sg.F, sg.x_sym)
SIGMOID_PRIME = sympy.diff(sg.SIGMOID, sg.z_sym)


@points(2)
@states("Build it on the plain symbol sympy.Symbol('x').", "any expression equivalent to f'(x) is right")
def test_f_prime_expr_equivalent(student):
    """equivalent to the derivative of f"""
    expect(student.f_prime_expr(), Symbolic(F_PRIME, "x"))


@points(2)
@states("Build it on the plain symbol sympy.Symbol('z').", "any expression equivalent to the derivative is right")
def test_sigmoid_prime_expr_equivalent(student):
    """equivalent to d/dz of the sigmoid"""
    expect(student.sigmoid_prime_expr(), Symbolic(SIGMOID_PRIME, "z", domain=(-6.0, 6.0)))


CRITICAL = [sympy.Integer(0), sympy.Rational(9, 4)]
CRITICAL_TEXT = "[0, 9/4]"


def critical_values_problem(got) -> str | None:
    if not isinstance(got, (list, tuple, np.ndarray)):
        return f"it returned {describe_type(got)}, expected a list of numbers"
    numbers = []
    for item in got:
        x, why = as_scalar(item)
        if why:
            return f"the entry {show(item, 60)} is not a real number: {why}"
        numbers.append(x)
    want = [float(c) for c in CRITICAL]
    if len(numbers) == len(want) and np.allclose(numbers, want, atol=1e-9):
        return None
    if len(numbers) == len(want) and np.allclose(sorted(numbers), want, atol=1e-9):
        return "the values are right but not sorted (sorted(...) puts them in order)"
    if len(numbers) > len(want) and np.allclose(sorted(set(np.round(numbers, 9))), want, atol=1e-9):
        return "a value is listed more than once: 0 is a double root of f', but one critical point"
    return f"expected the {len(want)} values 0 and 9/4 (= 2.25), got {len(numbers)} value(s)"


def critical_exact_problem(got) -> str | None:
    if not isinstance(got, list):
        return f"it returned {describe_type(got)}; the answer is a Python list"
    for item in got:
        why = exact_number_problem(item)
        if why:
            return why
    try:
        same = len(got) == len(CRITICAL) and all(sympy.simplify(sympy.sympify(a) - b) == 0
                                                 for a, b in zip(got, CRITICAL))
    except Exception:
        same = False
    if not same:
        return "the exact values (0 and 9/4, sorted) are what is expected"
    return None


def judge_critical_points(got, problem) -> None:
    with inspecting(got):       # an odd value (a 0-d array, say) is still a wrong answer, said plainly
        why = problem(got)
    if why:
        fail(got, why, CRITICAL_TEXT)


@points(1)
@states("The real x where f'(x) = 0.", "Return them as a Python list, smallest first, each point once.")
def test_critical_points_values(student):
    """the real x where f'(x) = 0, sorted"""
    got = student.critical_points()
    if not planning():
        judge_critical_points(got, critical_values_problem)


@points(1)
@states("Each must be an exact SymPy number: a float such as 2.25 is not exact.")
def test_critical_points_exact(student):
    """a Python list of exact SymPy numbers"""
    got = student.critical_points()
    if not planning():
        judge_critical_points(got, critical_exact_problem)
