"""A factor is named only when it is real: exact to rounding, and a simple number."""

from fractions import Fraction

import numpy as np
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import arrays

from autograder.checks.diagnose import numbers_problem, relation, simple_factor

shapes = st.sampled_from([(), (1,), (5,), (4, 1), (3, 4), (2, 3)])
magnitudes = st.floats(1e-3, 1e3) | st.floats(-1e3, -1e-3)
expected = shapes.flatmap(lambda shape: arrays(np.float64, shape, elements=magnitudes))
# Larger than a check's tolerance (1e-9), far larger than rounding: a near miss.
noise = st.floats(1e-8, 1e-4) | st.floats(-1e-4, -1e-8)


@given(expected, st.data())
def test_an_answer_off_by_noise_gets_no_factor_claim(e, data):
    g = e * (1 + data.draw(arrays(np.float64, e.shape, elements=noise)))
    assert relation(g, e, m=5) is None
    why = numbers_problem(g, e, rtol=1e-9, atol=1e-12, m=5)
    assert why is not None and "times the expected answer" not in why


@given(expected, noise, st.sampled_from([1, 2, 0.5, -1, Fraction(-406, 867), 3.7]))
def test_a_ratio_that_holds_only_to_noise_is_not_a_factor(e, delta, k):
    # Every entry has the same ratio k * (1 + delta): constant, but not simple.
    g = e * (float(k) * (1 + delta))
    assert relation(g, e) is None


@given(expected, st.sampled_from([Fraction(-406, 867), Fraction(7, 13), Fraction(101), Fraction(1, 1000)]))
def test_an_exact_but_odd_ratio_is_not_called_a_factor(e, k):
    assert relation(e * float(k), e) is None


@given(expected, st.sampled_from([2, 3, 10, Fraction(1, 2), Fraction(2, 3), Fraction(1, 4), Fraction(3, 2)]),
       st.booleans())
def test_a_simple_factor_is_named(e, k, negative):
    k = -k if negative else k
    # Multiplying by the float of 2/3 and dividing by 3/2 round differently; both count.
    for g in (e * float(k), e * k.numerator / k.denominator if isinstance(k, Fraction) else e * k):
        why = relation(g, e)
        assert why is not None and f"exactly {Fraction(k)} times the expected answer" in why


@given(expected)
def test_a_flipped_sign_is_named(e):
    assert "sign is flipped" in relation(-e, e)


@given(expected, st.integers(3, 500), st.sampled_from(["m", "1/m", "2/m"]))
def test_factors_of_the_number_of_examples_are_named(e, m, name):
    g = {"m": e * m, "1/m": e / m, "2/m": 2 * e / m}[name]
    why = relation(g, e, m=m)
    assert why is not None and f"({name} with m = {m} examples" in why


def test_the_reported_near_miss_is_a_plain_difference():
    e = np.array([[0.31], [-0.12], [0.05]])
    g = e * (-406 / 867) * (1 + 2e-7)
    why = numbers_problem(g, e, rtol=1e-9, atol=1e-12)
    assert "times" not in why and "entries are wrong" in why


def test_simple_factor_recognises_only_simple_numbers():
    assert simple_factor(0.5) == Fraction(1, 2)
    assert simple_factor(-2 / 3) == Fraction(-2, 3)
    assert simple_factor(1 / 37, m=37) == Fraction(1, 37)
    assert simple_factor(1 / 37) is None
    assert simple_factor(0.5 * (1 + 1e-9)) is None
    assert simple_factor(0.0) is None and simple_factor(float("nan")) is None
