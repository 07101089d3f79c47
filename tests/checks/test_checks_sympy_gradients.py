"""SymPy's gradients come from the costs alone, and agree with the reference and with numbers."""

import numpy as np
from hypothesis import given, settings, strategies as st

from autograder.checks import sympy_gradients as sg
from solutions import backprop, cost_functions, derivatives

seeds = st.integers(0, 2**32 - 1)


@settings(max_examples=20, deadline=None)
@given(st.floats(-5, 5))
def test_one_variable_derivatives(x):
    assert np.isclose(sg.df(x), derivatives.df(x), rtol=1e-12, atol=1e-9)
    assert np.isclose(sg.dparabola(x), derivatives.dparabola(x), rtol=1e-12, atol=1e-12)
    s = derivatives.sigmoid(x)
    assert np.isclose(sg.sigmoid_slope_at_output(s), s * (1 - s), rtol=1e-9)


def test_shapes_follow_the_input():
    assert sg.df(np.zeros((3, 2))).shape == (3, 2) and isinstance(sg.df(2.0), float)
    assert sg.sigmoid_slope_at_output(np.full((4, 1), 0.5)).shape == (4, 1)


@settings(max_examples=15, deadline=None)
@given(seeds, st.integers(1, 8), st.integers(1, 4), st.sampled_from(["mse", "cross_entropy"]))
def test_neuron_gradients_match_the_reference(seed, m, n, kind):
    rng = np.random.default_rng(seed)
    X, w = rng.uniform(-2, 2, (m, n)), rng.normal(size=(n, 1))
    y = (rng.random((m, 1)) < 0.5).astype(float)
    reference = cost_functions.mse_gradient if kind == "mse" else cost_functions.cross_entropy_gradient
    assert np.allclose(sg.neuron_gradient(kind, X, y, w), reference(X, y, w), rtol=1e-9, atol=1e-13)


@settings(max_examples=10, deadline=None)
@given(seeds, st.integers(1, 7))
def test_network_gradient_matches_backward_and_centred_differences(seed, m):
    rng = np.random.default_rng(seed)
    X, y = rng.uniform(-2, 2, (m, 2)), (rng.random((m, 1)) < 0.5).astype(float)
    t1, t2 = rng.normal(size=(3, 3)), rng.normal(size=(4, 1))
    g1, g2 = sg.network_gradient(X, y, t1, t2)
    r1, r2 = backprop.backward(X, y, t1, t2)
    assert np.allclose(g1, r1, rtol=1e-9, atol=1e-13) and np.allclose(g2, r2, rtol=1e-9, atol=1e-13)
    cost = lambda a, b: cost_functions.cross_entropy(backprop.forward(X, a, b)[2], y)
    n2 = backprop.numerical_gradient(lambda t: cost(t1, t), t2)
    assert np.allclose(g2, n2, rtol=1e-6, atol=1e-9)


def test_the_network_derivation_is_built_once():
    sg._network_gradient.cache_clear()
    X, y = np.zeros((2, 2)), np.zeros((2, 1))
    sg.network_gradient.uncached(X, y, np.zeros((3, 3)), np.zeros((4, 1)))
    sg.network_gradient.uncached(X, y, np.ones((3, 3)), np.ones((4, 1)))
    assert sg._network_gradient.cache_info().misses == 1
