"""Comparisons accept every correct form and explain the wrong ones."""

import numpy as np
import sympy
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from autograder.checks.compare import Array, NonFinite, Number, RelativeError, Tuple, like, same_answer
from autograder.checks.diagnose import numbers_problem
from autograder.checks.show import CAP, describe_probe, show, show_call
from autograder.checks.callables import affine_grad, poly, smooth_cost
from autograder.sandbox.codec import Opaque

finite = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False)
shapes = st.sampled_from([(5,), (4, 1), (3, 4), (1, 1), (2, 3)])


@st.composite
def nonzero_arrays(draw):
    arr = draw(arrays(np.float64, draw(shapes), elements=st.floats(0.1, 100) | st.floats(-100, -0.1)))
    return arr


@given(nonzero_arrays())
def test_an_array_equals_itself_in_every_container(arr):
    assert Array(arr).problem(arr.copy()) is None
    assert Array(arr).problem(arr.astype(np.float64) * (1 + 1e-12)) is None
    assert same_answer(arr, arr.copy())


@given(nonzero_arrays(), st.sampled_from([2, 0.5, -1, 3, 0.25]))
def test_a_constant_factor_is_named(arr, factor):
    why = Array(arr).problem(arr * factor)
    assert why is not None
    if factor == -1:
        assert "sign is flipped" in why
    else:
        assert "exactly" in why and "times the expected answer" in why


@given(nonzero_arrays(), st.integers(3, 40))
def test_a_factor_of_m_is_tied_to_the_number_of_examples(arr, m):
    why = Array(arr, m=m).problem(arr * m)
    assert f"m = {m} examples" in why


@given(arrays(np.float64, st.tuples(st.integers(2, 6), st.integers(2, 6)), elements=finite))
def test_a_transposed_answer_is_called_transposed(arr):
    if arr.shape[0] == arr.shape[1]:
        return
    assert "transposed" in Array(arr).problem(arr.T.copy())


@given(st.integers(2, 8))
def test_a_1d_answer_for_a_column_is_explained(m):
    column = np.arange(1.0, m + 1).reshape(-1, 1)
    why = Array(column).problem(column.ravel())
    assert f"shape ({m},)" in why and f"({m}, 1)" in why and "1-D array instead of a column" in why
    broadcast = column.ravel() - column  # the classic (m,) - (m, 1) slip
    assert "broadcast" in Array(column).problem(broadcast)


def test_scalars_in_any_numeric_form_are_accepted():
    for got in (0.5, np.float64(0.5), np.array(0.5), np.array([0.5]), np.float32(0.5), 1 / 2, sympy.Rational(1, 2)):
        assert Number(0.5).problem(got) is None, got
    assert "None" in Number(0.5).problem(None) and "return" in Number(0.5).problem(None)
    assert "list" in Number(0.5).problem([0.5])
    assert "boolean" in Number(1.0).problem(True)
    assert "nan" in Number(0.5).problem(float("nan"))
    assert Number(float("nan")).problem(float("nan")) is None


def test_arrays_reject_lists_and_scalars_with_advice():
    exp = np.array([1.0, 2.0])
    assert "NumPy array" in Array(exp).problem([1.0, 2.0])
    assert "single number" in Array(exp).problem(1.0)
    assert "booleans" in Array(exp).problem(np.array([True, False]))
    assert Array(exp).problem(np.array([1, 2])) is None  # integers that are right are right
    assert "object" in Array(exp).problem(Opaque("builtins.object", "<object>"))


def test_sequences_point_at_the_first_wrong_entry_and_the_length():
    expected = like([1.0, 2.0, 3.0], what="iterates")
    assert expected.problem((1.0, 2.0, 3.0)) is None
    assert expected.problem(np.array([1.0, 2.0, 3.0])) is None
    assert "iterates [1] (of 3) differs" in expected.problem([1.0, 2.5, 3.0])
    assert "the first of the expected iterates is missing" in expected.problem([2.0, 3.0])
    assert "one iteration too few" in expected.problem([1.0, 2.0])
    assert "one iteration too many" in expected.problem([1.0, 2.0, 3.0, 4.0])
    long = like([float(i) for i in range(3000)], rtol=1e-9)
    assert long.problem(list(range(3000))) is None


def test_tuples_name_the_wrong_part():
    expect = Tuple([Number(2.25), Number(42, rtol=0, atol=0)], ("x", "steps"))
    assert expect.problem((2.25, 42)) is None and expect.problem([2.25, np.int64(42)]) is None
    assert "`steps` is wrong: expected 42, got 41" in expect.problem((2.25, 41))
    assert "expected 2: (x, steps)" in expect.problem((2.25,))
    assert NonFinite().problem(float("inf")) is None and NonFinite().problem(np.nan) is None
    assert "finite" in NonFinite().problem(3.0)
    assert NonFinite().problem(np.array([np.inf, np.nan])) is None
    for not_real in (np.array([np.inf + 1j]), np.array([1 + 1j]), np.array([None, np.inf], dtype=object)):
        assert "expected real numbers" in NonFinite().problem(not_real)     # not passed off as its real part


@settings(max_examples=30)
@given(arrays(np.float64, st.sampled_from([(3, 3), (4, 1)]), elements=st.floats(-1, 1)))
def test_relative_error_tolerates_rounding_but_not_a_wrong_gradient(g):
    assert RelativeError(g).problem(g * (1 + 1e-9)) is None
    assert "relative error" in (RelativeError(g).problem(g + 0.01) or "relative error")
    if np.max(np.abs(g)) > 0.01:
        assert "relative error" in RelativeError(g).problem(2 * g)


def test_numbers_problem_counts_wrong_entries():
    why = numbers_problem(np.array([1.0, 2.0, 3.5]), np.array([1.0, 2.0, 3.0]), 1e-9, 1e-12)
    assert why.startswith("1 of 3 entries are wrong") and "index 2" in why


@settings(max_examples=40)
@given(arrays(np.float64, st.tuples(st.integers(0, 40), st.integers(1, 40)), elements=finite))
def test_shown_values_are_capped(arr):
    assert len(show(arr)) <= CAP
    assert len(show_call("f", (arr, arr, arr), {"h": arr})) <= 2 * CAP


def test_probes_are_shown_as_the_student_would_write_them():
    assert describe_probe(poly(0, 0, -9, 4)) == "lambda x: -9*x**2 + 4*x**3"
    assert describe_probe(affine_grad(2, 3)) == "lambda x: 2 * (x - 3)"
    assert "sin(theta)" in describe_probe(smooth_cost([1.0, 2.0]))
    assert show_call("minimize", (poly(0, 0, -9, 4), 4, 0.01, 1e-5)) == \
        "minimize(lambda x: -9*x**2 + 4*x**3, 4, 0.01, 1e-05)"


def test_same_answer_is_loose_on_shapes_but_not_on_kinds():
    assert same_answer(np.array([[3.0]]), 3.0)
    assert same_answer(np.full((2, 1), 0.5), np.float64(0.5))
    assert not same_answer(np.array([True, False]), np.array([1, 0]))
    assert same_answer([1.0, (2.0, 3.0)], (1.0, [2.0, 3.0]))
    assert not same_answer([1.0, 2.0], np.array([1.0, 2.0]))
    x = sympy.Symbol("x")
    assert same_answer(2 * x + 2, 2 * (x + 1)) and not same_answer(x, 1.0)
