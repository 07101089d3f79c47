"""The trusted callables handed to student functions."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, strategies as st
from hypothesis.extra.numpy import arrays

from autograder.sandbox import probes

FLOATS = st.floats(-10, 10)


@given(st.lists(FLOATS, min_size=1, max_size=5), FLOATS)
def test_poly_evaluates_the_polynomial_lowest_coefficient_first(coeffs, x):
    expected = sum(c * x**k for k, c in enumerate(coeffs))
    assert probes.build("poly", {"coeffs": coeffs})(x) == pytest.approx(expected, rel=1e-9, abs=1e-9)


def test_poly_is_elementwise_on_arrays():
    p = probes.build("poly", {"coeffs": [-6.0, 2.0]})
    xs = np.array([[1.0], [3.0]])
    assert np.array_equal(p(xs), [[-4.0], [0.0]]) and p(xs).shape == (2, 1)


def test_affine_grad_with_scalar_and_vector_parameters():
    assert probes.build("affine_grad", {"a": 2.0, "b": 3.0})(1.0) == -4.0
    g = probes.build("affine_grad", {"a": [1.0, 10.0], "b": [0.0, 1.0]})
    assert np.array_equal(g(np.array([1.0, 1.0])), [1.0, 0.0])


@given(arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 3)), elements=FLOATS),
       arrays(np.float64, st.tuples(st.integers(1, 4), st.integers(1, 3)), elements=FLOATS))
def test_smooth_cost_is_a_float_for_theta_shaped_like_the_weights(weights, theta):
    theta = np.resize(theta, weights.shape)
    value = probes.build("smooth_cost", {"weights": weights})(theta)
    assert type(value) is float
    assert value == pytest.approx(np.sum(weights * np.sin(theta)) + 0.25 * np.sum(theta**4))


def test_unknown_probe_names_are_refused():
    with pytest.raises(ValueError, match="unknown probe"):
        probes.build("eval", {})


def test_probes_ignore_a_submissions_changes_to_numpy(monkeypatch):
    cost = probes.build("smooth_cost", {"weights": [1.0]})
    monkeypatch.setattr(np, "sum", lambda *a, **k: 42.0)
    monkeypatch.setattr(np, "sin", lambda *a, **k: 42.0)
    assert cost(np.array([0.0])) == 0.0
