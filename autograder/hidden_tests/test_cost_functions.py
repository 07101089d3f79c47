"""Hidden tests of problem set 3 (module ``cost_functions``)."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.checks import sympy_gradients as sg
from autograder.checks.compare import Array, Seq, Tuple, like
from autograder.checks.diagnose import as_scalar
from autograder.checks.expect import answer, costs_recorded, expect, fail, inputs_unchanged, planning, reference
from autograder.checks.inputs import labels, rng_for, with_bias
from autograder.checks.show import describe_type
from autograder.checks.tolerances import COST, GRADIENT, PUBLISHED, TRAINING
from solutions import cost_functions as ref

points, states = pytest.mark.points, pytest.mark.states

# The exercise functions that call other exercise functions: a wrong helper is charged once
# (``grade/standins.py``).
USES = {
    "mse_gradient": ("neuron",),
    "cross_entropy_gradient": ("neuron",),
    "train_neuron": ("neuron", "mse", "cross_entropy", "mse_gradient", "cross_entropy_gradient"),
    "cost_surface": ("neuron", "mse", "cross_entropy"),
}

# The worked example of the course.
X_WORKED = np.array([[0.1], [0.25], [0.5], [0.75], [1.0]])
Y_WORKED = np.zeros((5, 1))
W0_WORKED = np.array([[5.0]])
INITIAL_COST = 0.7573842217457918
WORKED = "the worked example (X = [[0.1], [0.25], [0.5], [0.75], [1.0]], y = zeros, w = [[5.0]])"
Y_HAT_WORKED = ref.neuron(X_WORKED, W0_WORKED)


def predictions(name: str):
    """(y_hat, y) pairs of several shapes, with y_hat strictly inside (0, 1)."""
    rng = rng_for(name)
    out = []
    for shape in ((6, 1), (5,), (3, 4)):
        y = (rng.random(shape) < 0.5).astype(float)
        y_hat = 1 / (1 + np.exp(-np.round(rng.uniform(-6, 6, shape), 4)))
        out.append((y_hat, y))
    return out


def expect_a_cost(got) -> None:
    """A cost is one finite number."""
    if isinstance(got, np.ndarray) and got.ndim > 0:
        fail(got, f"it returned {describe_type(got)}; a cost is one number: np.mean(...) gives "
                  "one, and float(...) turns a size-1 array into one", "a float")
    x, why = as_scalar(got)
    if why:
        fail(got, why, "a float")
    if not np.isfinite(x):
        fail(got, f"it returned {x}, a float but not a cost: these inputs have a finite one", "a float")


# ---------------------------------------------------------------- mse

@points(1)
@states("The mean squared error of predictions y_hat against labels y.")
def test_mse_worked_example_initial_cost(student):
    """the initial cost of the worked example is 0.7573842217457918"""
    expect(student.mse(Y_HAT_WORKED, Y_WORKED), INITIAL_COST, tol=PUBLISHED)


@points(1.5)
@states("which may be (m, 1), (m,) or a matrix: the mean is over every entry")
def test_mse_random_inputs(student):
    """random inputs of several shapes"""
    for y_hat, y in predictions("mse"):
        expect(student.mse(y_hat, y), reference(ref.mse), tol=COST)


@points(0.5)
@states("Returns a single number (a Python or NumPy float), not an array.")
def test_mse_returns_a_float(student):
    """returns a float"""
    got = student.mse(np.array([[0.2], [0.7]]), np.array([[0.0], [1.0]]))
    if not planning():
        expect_a_cost(got)


# ---------------------------------------------------------------- cross_entropy

@points(1)
@states("The mean binary cross-entropy of predictions y_hat against labels y.")
def test_cross_entropy_worked_examples(student):
    """worked examples"""
    expect(student.cross_entropy(Y_HAT_WORKED, Y_WORKED), reference(ref.cross_entropy), tol=COST)
    expect(student.cross_entropy(np.array([[0.9], [0.2], [0.6]]), np.array([[1.0], [0.0], [1.0]])),
           reference(ref.cross_entropy), tol=COST)


@points(1)
@states("the mean is over every entry of arrays of any shape")
def test_cross_entropy_random_inputs(student):
    """random inputs of several shapes"""
    for y_hat, y in predictions("cross_entropy"):
        expect(student.cross_entropy(y_hat, y), reference(ref.cross_entropy), tol=COST)


@points(1)
@states("Where y_hat is exactly 0 or 1 and the label agrees, that entry contributes 0",
        "there it must be 0 to within 1e-9")
def test_cross_entropy_extremes(student):
    """finite when y_hat is exactly 0 or 1 and the label agrees"""
    for y_hat, y in ((np.array([[0.0], [1.0], [0.3], [0.8]]), np.array([[0.0], [1.0], [1.0], [0.0]])),
                     (np.array([[1.0], [0.0]]), np.array([[1.0], [0.0]])),
                     (np.array([0.0, 0.5, 1.0]), np.array([0.0, 1.0, 1.0]))):
        expect(student.cross_entropy(y_hat, y), reference(ref.cross_entropy), tol=COST)


@points(0.5)
@states("Returns a single number (a Python or NumPy float).")
def test_cross_entropy_returns_a_float(student):
    """returns a float"""
    got = student.cross_entropy(np.array([[0.2], [0.7]]), np.array([[0.0], [1.0]]))
    if not planning():
        expect_a_cost(got)


@points(0.5)
@states("The arrays y_hat and y must be left unchanged.")
def test_cross_entropy_leaves_inputs_unchanged(student):
    """leaves y_hat and y unchanged"""
    inputs_unchanged(student, "cross_entropy",
                     advice="To avoid log(0), build a new array (np.clip(y_hat, ...) or np.where) instead of "
                            "writing into y_hat.")


# ---------------------------------------------------------------- neuron

@points(1)
@states("the sigmoid of X @ w")
def test_neuron_worked_example(student):
    """the worked example"""
    expect(student.neuron(X_WORKED, W0_WORKED), reference(ref.neuron))


@points(2)
@states("X has one example per row, shape (m, n); a bias is a column of ones in X.",
        "Returns an array of shape (m, 1).")
def test_neuron_random(student):
    """random X (m, n) and w (n, 1)"""
    rng = rng_for("neuron")
    for m, n in ((4, 2), (6, 3), (1, 3)):
        X, w = with_bias(rng, m, n, 2.0), np.round(rng.normal(size=(n, 1)), 4)
        expect(student.neuron(X, w), reference(ref.neuron))


# ---------------------------------------------------------------- the two gradients

def gradient_data(name: str, sizes=((5, 2), (8, 3), (4, 3))):
    rng = rng_for(name)
    return [(with_bias(rng, m, n, 2.0), labels(rng, m), np.round(rng.normal(size=(n, 1)), 4)) for m, n in sizes]


def gradient_worked(student, name):
    gradient = getattr(student, name)
    for X, y, w in ((X_WORKED, Y_WORKED, W0_WORKED),
                    (X_WORKED, np.array([[0.0], [0.0], [1.0], [1.0], [1.0]]), np.array([[-1.5]]))):
        expect(gradient(X, y, w), reference(getattr(ref, name)), tol=GRADIENT, m=len(X))


def gradient_random(student, name):
    gradient = getattr(student, name)
    for X, y, w in gradient_data(name):
        expect(gradient(X, y, w), reference(getattr(ref, name)), tol=GRADIENT, m=len(X))


def gradient_sympy(student, name, cost):
    gradient = getattr(student, name)
    for X, y, w in gradient_data(name + "/sympy", ((6, 2), (5, 3), (7, 4))):
        expect(gradient(X, y, w), answer(sg.neuron_gradient, cost, X, y, w), tol=GRADIENT, m=len(X),
               expected_from=f"SymPy's gradient of {cost}(sigmoid(X @ w), y)")


MSE_GRADIENT = "The gradient of mse(neuron(X, w), y) with respect to"
CE_GRADIENT = "The gradient of cross_entropy(neuron(X, w), y) with respect to"
SHAPE_OF_W = "Returns an array of shape (n, 1), the shape of w."


@points(1)
@states(MSE_GRADIENT, SHAPE_OF_W)
def test_mse_gradient_worked_example(student):
    """the worked example"""
    gradient_worked(student, "mse_gradient")


@points(2)
@states(MSE_GRADIENT, SHAPE_OF_W)
def test_mse_gradient_random(student):
    """random data with a bias column"""
    gradient_random(student, "mse_gradient")


@points(2)
@states(MSE_GRADIENT)
def test_mse_gradient_matches_sympy(student):
    """matches SymPy's gradient of the MSE"""
    gradient_sympy(student, "mse_gradient", "mse")


@points(1)
@states(CE_GRADIENT, SHAPE_OF_W)
def test_cross_entropy_gradient_worked_example(student):
    """the worked example"""
    gradient_worked(student, "cross_entropy_gradient")


@points(2)
@states(CE_GRADIENT, SHAPE_OF_W)
def test_cross_entropy_gradient_random(student):
    """random data with a bias column"""
    gradient_random(student, "cross_entropy_gradient")


@points(2)
@states(CE_GRADIENT)
def test_cross_entropy_gradient_matches_sympy(student):
    """matches SymPy's gradient of the cross-entropy"""
    gradient_sympy(student, "cross_entropy_gradient", "cross_entropy")


# ---------------------------------------------------------------- train_neuron

DESCENT = "Trains the neuron by full-batch gradient descent for epochs updates."
WORKED_SHOWN = "train_neuron(X, y, w0, 0.5, 2000{}) on " + WORKED


def w_and_costs(result):
    w, costs = result
    # Thousands of updates accumulate rounding differently in different correct codes.
    return Tuple([Array(w, TRAINING.rtol, TRAINING.atol), Seq([like(c, COST.rtol, COST.atol) for c in costs], "costs")],
                 ("w", "costs"))


def small_runs():
    rng = rng_for("train_neuron")
    runs = []
    for epochs, cost in ((0, "mse"), (3, "cross_entropy"), (2, "mse")):
        X, y = with_bias(rng, 4, 2, 2.0), labels(rng, 4)
        runs.append(((X, y, np.round(rng.normal(size=(2, 1)), 4), 0.5, epochs), {"cost": cost}))
    random = []
    for cost in ("mse", "cross_entropy"):
        X, y = with_bias(rng, 6, 3, 2.0), labels(rng, 6)
        random.append(((X, y, np.round(rng.normal(size=(3, 1)), 4), 0.8, 25, cost), {}))
    return runs, random


@points(1)
@states("a list of epochs + 1 costs, the cost at w0 first and then the cost after each update")
def test_train_neuron_costs_shape(student):
    """costs has epochs + 1 entries, the cost at w0 first"""
    for args, kwargs in small_runs()[0]:
        got = student.train_neuron(*args, **kwargs)
        if planning():
            continue
        costs_recorded(got, ("w", "costs"), args[4], answer(ref.train_neuron, *args, **kwargs)[1][0],
                       "the cost at w0")


@points(2)
@states(DESCENT, '"mse" (with mse_gradient)')
def test_train_neuron_worked_example_mse(student):
    """the worked example with MSE (2000 epochs)"""
    args = (X_WORKED, Y_WORKED, W0_WORKED, 0.5, 2000)
    expect(student.train_neuron(*args), w_and_costs(answer(ref.train_neuron, *args)),
           shown=WORKED_SHOWN.format(""))


@points(1.5)
@states(DESCENT, '"cross_entropy" (with cross_entropy_gradient)')
def test_train_neuron_worked_example_cross_entropy(student):
    """the worked example with cross-entropy"""
    args = (X_WORKED, Y_WORKED, W0_WORKED, 0.5, 2000)
    expect(student.train_neuron(*args, cost="cross_entropy"),
           w_and_costs(answer(ref.train_neuron, *args, cost="cross_entropy")),
           shown=WORKED_SHOWN.format(", cost='cross_entropy'"))


@points(1)
@states(DESCENT)
def test_train_neuron_random(student):
    """random data with a bias column, both costs"""
    for args, kwargs in small_runs()[1]:
        expect(student.train_neuron(*args, **kwargs), w_and_costs(answer(ref.train_neuron, *args, **kwargs)))


@points(0.5)
@states("w0 must be left unchanged.")
def test_train_neuron_leaves_w0_unchanged(student):
    """leaves w0 unchanged"""
    inputs_unchanged(student, "train_neuron",
                     advice="w = w - learning_rate * gradient makes a new array; w -= ... changes w0 itself.")


# ---------------------------------------------------------------- cost_surface

# Non-square grids, so that swapped axes change the shape.  |w1| + |w2| stays
# within 6 for cross-entropy: a guard of 1e-10 inside the logs, which the
# docstring allows, then moves no cost by more than about 4e-8 (tolerances.COST).
X_NB, Y_NB = np.array([[0.0, 1.0], [1.0, 1.0]]), np.array([[1.0], [0.0]])
W1, W2 = np.linspace(-9, 9, 7), np.linspace(-8, 8, 5)
W1_CE, W2_CE = np.linspace(-3.5, 3.5, 7), np.linspace(-2.5, 2.5, 5)
ENTRY = "Z[i, j] is the cost at w = [[w1_values[i]], [w2_values[j]]]"


def surface_data():
    rng = rng_for("cost_surface")
    X, y = with_bias(rng, 4, 2, 1.0), labels(rng, 4)
    return X, y, np.round(np.sort(rng.uniform(-3, 3, 4)), 3), np.round(np.sort(rng.uniform(-3, 3, 6)), 3)


@points(1)
@states("Returns an ndarray Z of shape (len(w1_values), len(w2_values))")
def test_cost_surface_shape(student):
    """Z has shape (len(w1_values), len(w2_values)) on a non-square grid"""
    for args in ((X_NB, Y_NB, W1, W2), surface_data()):
        got = student.cost_surface(*args)
        if planning():
            continue
        want = (len(args[2]), len(args[3]))
        if not isinstance(got, np.ndarray):
            fail(got, f"it returned {describe_type(got)}, expected a 2-D array", f"shape {want}")
        if got.shape == want[::-1]:
            fail(got, f"shape {got.shape} is transposed: Z[i, j] belongs to w1_values[i] and "
                      "w2_values[j] (np.meshgrid needs indexing='ij' for that)", f"shape {want}")
        if got.shape != want:
            fail(got, f"shape {got.shape}, expected {want}", f"shape {want}")


@points(1.5)
@states(ENTRY, 'cost is "mse" (the default)')
def test_cost_surface_mse(student):
    """MSE: Z[i, j] is the cost at w = [[w1_values[i]], [w2_values[j]]]"""
    expect(student.cost_surface(X_NB, Y_NB, W1, W2), reference(ref.cost_surface), tol=COST)
    expect(student.cost_surface(*surface_data(), "mse"), reference(ref.cost_surface), tol=COST)


@points(1.5)
@states(ENTRY, 'or "cross_entropy"')
def test_cost_surface_cross_entropy(student):
    """cross-entropy surface"""
    expect(student.cost_surface(X_NB, Y_NB, W1_CE, W2_CE, cost="cross_entropy"), reference(ref.cost_surface),
           tol=COST)
    expect(student.cost_surface(*surface_data(), "cross_entropy"), reference(ref.cost_surface), tol=COST)
