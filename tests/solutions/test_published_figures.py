"""The reference reproduces every figure the curriculum publishes."""

import numpy as np
import pytest
import sympy

from solutions import backprop, cost_functions, derivatives, gradient_descent

TRASK_0_001 = [0.4964100319027254, 0.49516402549338606, 0.4935960431880486,
               0.4916063585594306, 0.48910016654420474, 0.48597785784615843]


def test_gradient_descent_on_the_parabola():
    xs = gradient_descent.gradient_descent(derivatives.dparabola, 1, 0.05, 25)
    assert isinstance(xs, list) and len(xs) == 26
    assert xs[:4] == pytest.approx([1, 1.2, 1.38, 1.542])
    assert xs[-1] == 2.8564204024616293


def test_minimize_the_quartic():
    assert gradient_descent.minimize(derivatives.df, 4, 0.01, 1e-5) == (2.2500325268933734, 42)


def test_minimize_stops_on_divergence():
    # A learning rate past 2/a makes x = x - lr * a * x explode.
    x, steps = gradient_descent.minimize(lambda x: 3.0 * x, 1.0, 1.0, 1e-5)
    assert not np.isfinite(x) and steps < 2000


def test_worked_example_initial_cost():
    X = np.array([[0.1], [0.25], [0.5], [0.75], [1.0]])
    y = np.zeros((5, 1))
    w, costs = cost_functions.train_neuron(X, y, np.array([[5.0]]), 0.5, 2000)
    assert costs[0] == 0.7573842217457918
    assert len(costs) == 2001 and costs[-1] < costs[0]
    # The published tutorial's gradient (no x, no 2/m) ends near -24.34; the correct one does not.
    assert abs(w[0, 0] - (-24.34)) > 1


def test_trask_errors_for_alpha_0_001():
    np.testing.assert_allclose(backprop.trask_errors(0.001), TRASK_0_001, rtol=0, atol=1e-12)


def test_symbolic_answers():
    x, z = sympy.Symbol("x"), sympy.Symbol("z")
    assert sympy.simplify(derivatives.f_prime_expr() - (4 * x**3 - 9 * x**2)) == 0
    sig = 1 / (1 + sympy.exp(-z))
    assert sympy.simplify(derivatives.sigmoid_prime_expr() - sig * (1 - sig)) == 0
    assert derivatives.critical_points() == [0, sympy.Rational(9, 4)]
    assert all(isinstance(r, sympy.Rational) for r in derivatives.critical_points())


def test_sigmoid_is_finite_for_large_inputs():
    with np.errstate(invalid="raise", divide="raise"):
        s = derivatives.sigmoid(np.array([-1e3, -30.0, 0.0, 30.0, 1e3]))
    assert np.all(np.isfinite(s)) and s[0] == 0 and s[2] == 0.5 and s[-1] == 1


def test_cross_entropy_on_confident_correct_outputs():
    assert cost_functions.cross_entropy(np.array([[0.0], [1.0]]), np.array([[0.0], [1.0]])) == 0.0


def test_xor_is_learned():
    X = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    y = np.array([[0], [1], [1], [0]], dtype=float)
    rng = np.random.default_rng(0)
    theta1, theta2 = rng.normal(size=(3, 3)), rng.normal(size=(4, 1))
    theta1, theta2, costs = backprop.train(X, y, theta1, theta2, 1.0, 5000)
    assert len(costs) == 5001 and costs[-1] < 0.05
    np.testing.assert_array_equal(backprop.predict(X, theta1, theta2), [[0], [1], [1], [0]])
