"""Properties every implementation must have, checked on the reference itself."""

import numpy as np
from hypothesis import given, settings, strategies as st
from hypothesis.extra.numpy import arrays

from solutions import backprop, cost_functions, derivatives

# Weights and inputs within 2 keep pre-activations within about 12, where
# central differences still carry six digits.
finite = st.floats(-2, 2, allow_nan=False)


@st.composite
def network(draw):
    m = draw(st.integers(1, 6))
    X = draw(arrays(float, (m, 2), elements=finite))
    y = draw(arrays(float, (m, 1), elements=st.sampled_from([0.0, 1.0])))
    theta1 = draw(arrays(float, (3, 3), elements=finite))
    theta2 = draw(arrays(float, (4, 1), elements=finite))
    return X, y, theta1, theta2


@settings(max_examples=30, deadline=None)
@given(network())
def test_backward_agrees_with_numerical_gradient(net):
    X, y, theta1, theta2 = net
    grad1, grad2 = backprop.backward(X, y, theta1, theta2)
    cost1 = lambda t: cost_functions.cross_entropy(backprop.forward(X, t, theta2)[2], y)
    cost2 = lambda t: cost_functions.cross_entropy(backprop.forward(X, theta1, t)[2], y)
    np.testing.assert_allclose(grad1, backprop.numerical_gradient(cost1, theta1), rtol=1e-4, atol=1e-6)
    np.testing.assert_allclose(grad2, backprop.numerical_gradient(cost2, theta2), rtol=1e-4, atol=1e-6)


@settings(max_examples=30, deadline=None)
@given(network())
def test_functions_leave_their_inputs_unchanged(net):
    X, y, theta1, theta2 = net
    before = [a.copy() for a in net]
    backprop.backward(X, y, theta1, theta2)
    backprop.numerical_gradient(lambda t: float(np.sum(t**2)), theta1)
    backprop.train(X, y, theta1, theta2, 0.5, 3)
    for a, b in zip(net, before):
        np.testing.assert_array_equal(a, b)


@given(arrays(float, st.integers(1, 8), elements=st.floats(0.01, 0.99)))
def test_sigmoid_derivative_is_the_slope_at_the_output(s):
    z = np.log(s / (1 - s))
    slope = derivatives.numerical_derivative(derivatives.sigmoid, z, 1e-6)
    np.testing.assert_allclose(derivatives.sigmoid_derivative(s), slope, atol=1e-7)


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.integers(1, 3), st.data())
def test_cost_gradients_agree_with_central_differences(m, n, data):
    X = data.draw(arrays(float, (m, n), elements=finite))
    y = data.draw(arrays(float, (m, 1), elements=st.sampled_from([0.0, 1.0])))
    w = data.draw(arrays(float, (n, 1), elements=finite))
    for cost, grad in cost_functions.COSTS.values():
        numeric = backprop.numerical_gradient(lambda v: cost(cost_functions.neuron(X, v), y), w)
        np.testing.assert_allclose(grad(X, y, w), numeric, rtol=1e-4, atol=1e-6)
