"""Hidden tests of problem set 3 (module ``cost_functions``)."""

from __future__ import annotations

import numpy as np

from autograder.checks import sympy_gradients as sg
from autograder.checks.check import (Check, InputsCheck, Problem, against_reference, against_values, call,
                                     run_reference)
from autograder.checks.compare import Array, Seq, Tuple, like
from autograder.checks.diagnose import as_scalar
from autograder.checks.inputs import labels, rng_for, with_bias
from autograder.checks.show import describe_type
from autograder.checks.tolerances import COST, GRADIENT, PUBLISHED, TRAINING
from solutions import cost_functions as ref

POINTS = {"mse": 3, "cross_entropy": 4, "neuron": 3, "mse_gradient": 5, "cross_entropy_gradient": 5,
          "train_neuron": 6, "cost_surface": 4}
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


def build() -> list[Check]:
    return [*_costs(), *_neuron(), *_gradients(), *_train_neuron(), *_cost_surface()]


def _m(c) -> int:
    return int(np.shape(c.args[0])[0])


def _predictions(name: str):
    """(y_hat, y) pairs of several shapes, with y_hat strictly inside (0, 1)."""
    rng = rng_for(name)
    out = []
    for shape in ((6, 1), (5,), (3, 4)):
        y = (rng.random(shape) < 0.5).astype(float)
        y_hat = 1 / (1 + np.exp(-np.round(rng.uniform(-6, 6, shape), 4)))
        out.append((y_hat, y))
    return out


def _is_float(values) -> Problem | None:
    for i, got in enumerate(values):
        if isinstance(got, np.ndarray) and got.ndim > 0:
            return Problem(i, f"it returned {describe_type(got)}; a cost is one number: np.mean(...) gives "
                              "one, and float(...) turns a size-1 array into one", "a float")
        x, why = as_scalar(got)
        if why:
            return Problem(i, why, "a float")
        if not np.isfinite(x):
            return Problem(i, f"it returned {x}, a float but not a cost: these inputs have a finite one", "a float")
    return None


def _costs() -> list[Check]:
    y_hat_worked = ref.neuron(X_WORKED, W0_WORKED)
    worked = [call("mse", y_hat_worked, Y_WORKED)]
    mse_random = [call("mse", y_hat, y) for y_hat, y in _predictions("mse")]
    ce_worked = [call("cross_entropy", y_hat_worked, Y_WORKED),
                 call("cross_entropy", np.array([[0.9], [0.2], [0.6]]), np.array([[1.0], [0.0], [1.0]]))]
    ce_random = [call("cross_entropy", y_hat, y) for y_hat, y in _predictions("cross_entropy")]
    extremes = [call("cross_entropy", np.array([[0.0], [1.0], [0.3], [0.8]]), np.array([[0.0], [1.0], [1.0], [0.0]])),
                call("cross_entropy", np.array([[1.0], [0.0]]), np.array([[1.0], [0.0]])),
                call("cross_entropy", np.array([0.0, 0.5, 1.0]), np.array([0.0, 1.0, 1.0]))]
    return [
        against_values("mse", f"the initial cost of the worked example is {INITIAL_COST}", 1, worked,
                       [INITIAL_COST], tol=PUBLISHED,
                       states=["The mean squared error of predictions y_hat against labels y."]),
        against_reference("mse", "random inputs of several shapes", 1.5, mse_random, ref.mse, tol=COST,
                          states=["which may be (m, 1), (m,) or a matrix: the mean is over every entry"]),
        Check("mse", "returns a float", 0.5, [call("mse", np.array([[0.2], [0.7]]), np.array([[0.0], [1.0]]))],
              verify=_is_float, states=("Returns a single number (a Python or NumPy float), not an array.",)),
        against_reference("cross_entropy", "worked examples", 1, ce_worked, ref.cross_entropy, tol=COST,
                          states=["The mean binary cross-entropy of predictions y_hat against labels y."]),
        against_reference("cross_entropy", "random inputs of several shapes", 1, ce_random, ref.cross_entropy,
                          tol=COST, states=["the mean is over every entry of arrays of any shape"]),
        against_reference("cross_entropy", "finite when y_hat is exactly 0 or 1 and the label agrees", 1,
                          extremes, ref.cross_entropy, tol=COST,
                          states=["Where y_hat is exactly 0 or 1 and the label agrees, that entry contributes 0",
                                  "there it must be 0 to within 1e-9"]),
        Check("cross_entropy", "returns a float", 0.5,
              [call("cross_entropy", np.array([[0.2], [0.7]]), np.array([[0.0], [1.0]]))], verify=_is_float,
              states=("Returns a single number (a Python or NumPy float).",)),
        InputsCheck("cross_entropy", "leaves y_hat and y unchanged", 0.5,
                    advice="To avoid log(0), build a new array (np.clip(y_hat, ...) or np.where) instead of "
                           "writing into y_hat.", states=("The arrays y_hat and y must be left unchanged.",)),
    ]


def _neuron() -> list[Check]:
    rng = rng_for("neuron")
    shapes = ((4, 2), (6, 3), (1, 3))
    calls = [call("neuron", with_bias(rng, m, n, 2.0), np.round(rng.normal(size=(n, 1)), 4)) for m, n in shapes]
    return [
        against_reference("neuron", "the worked example", 1, [call("neuron", X_WORKED, W0_WORKED)], ref.neuron,
                          states=["the sigmoid of X @ w"]),
        against_reference("neuron", "random X (m, n) and w (n, 1)", 2, calls, ref.neuron,
                          states=["X has one example per row, shape (m, n); a bias is a column of ones in X.",
                                  "Returns an array of shape (m, 1)."]),
    ]


def _gradient_data(name: str, sizes=((5, 2), (8, 3), (4, 3))):
    rng = rng_for(name)
    return [(with_bias(rng, m, n, 2.0), labels(rng, m), np.round(rng.normal(size=(n, 1)), 4)) for m, n in sizes]


def _gradients() -> list[Check]:
    out = []
    for kind, name in (("mse", "mse_gradient"), ("cross_entropy", "cross_entropy_gradient")):
        reference = getattr(ref, name)
        worked = [call(name, X_WORKED, Y_WORKED, W0_WORKED),
                  call(name, X_WORKED, np.array([[0.0], [0.0], [1.0], [1.0], [1.0]]), np.array([[-1.5]]))]
        random = [call(name, X, y, w) for X, y, w in _gradient_data(name)]
        derived = [call(name, X, y, w) for X, y, w in _gradient_data(name + "/sympy", ((6, 2), (5, 3), (7, 4)))]
        label = "MSE" if kind == "mse" else "cross-entropy"
        gradient_of = f"The gradient of {kind}(neuron(X, w), y) with respect to"
        shape = "Returns an array of shape (n, 1), the shape of w."
        out += [
            against_reference(name, "the worked example", 1, worked, reference, tol=GRADIENT, m=_m,
                              states=[gradient_of, shape]),
            against_reference(name, "random data with a bias column", 2, random, reference, tol=GRADIENT, m=_m,
                              states=[gradient_of, shape]),
            against_values(name, f"matches SymPy's gradient of the {label}", 2, derived,
                           [sg.neuron_gradient(kind, *c.args) for c in derived], tol=GRADIENT, m=_m,
                           expected_from=f"SymPy's gradient of {kind}(sigmoid(X @ w), y)",
                           states=[gradient_of]),
        ]
    return out


def _train_neuron() -> list[Check]:
    tn = ref.train_neuron
    rng = rng_for("train_neuron")
    small = []
    for epochs, cost in ((0, "mse"), (3, "cross_entropy"), (2, "mse")):
        X, y = with_bias(rng, 4, 2, 2.0), labels(rng, 4)
        small.append(call("train_neuron", X, y, np.round(rng.normal(size=(2, 1)), 4), 0.5, epochs, cost=cost))
    mse_worked = call("train_neuron", X_WORKED, Y_WORKED, W0_WORKED, 0.5, 2000)
    ce_worked = call("train_neuron", X_WORKED, Y_WORKED, W0_WORKED, 0.5, 2000, cost="cross_entropy")
    random = []
    for cost in ("mse", "cross_entropy"):
        X, y = with_bias(rng, 6, 3, 2.0), labels(rng, 6)
        random.append(call("train_neuron", X, y, np.round(rng.normal(size=(3, 1)), 4), 0.8, 25, cost))
    worked_show = "train_neuron(X, y, w0, 0.5, 2000{}) on " + WORKED
    descent = "Trains the neuron by full-batch gradient descent for epochs updates."
    return [
        Check("train_neuron", "costs has epochs + 1 entries, the cost at w0 first", 1, small,
              verify=_costs_shape(small),
              states=("a list of epochs + 1 costs, the cost at w0 first and then the cost after each update",)),
        Check("train_neuron", "the worked example with MSE (2000 epochs)", 2, [mse_worked],
              expects=[_w_and_costs(run_reference(tn, mse_worked))], shows=[worked_show.format("")],
              states=(descent, '"mse" (with mse_gradient)')),
        Check("train_neuron", "the worked example with cross-entropy", 1.5, [ce_worked],
              expects=[_w_and_costs(run_reference(tn, ce_worked))],
              shows=[worked_show.format(", cost='cross_entropy'")],
              states=(descent, '"cross_entropy" (with cross_entropy_gradient)')),
        Check("train_neuron", "random data with a bias column, both costs", 1, random,
              expects=[_w_and_costs(run_reference(tn, c)) for c in random], states=(descent,)),
        InputsCheck("train_neuron", "leaves w0 unchanged", 0.5,
                    advice="w = w - learning_rate * gradient makes a new array; w -= ... changes w0 itself.",
                    states=("w0 must be left unchanged.",)),
    ]


def _w_and_costs(result):
    w, costs = result
    # Thousands of updates accumulate rounding differently in different correct codes.
    return Tuple([Array(w, TRAINING.rtol, TRAINING.atol), Seq([like(c, COST.rtol, COST.atol) for c in costs], "costs")],
                 ("w", "costs"))


def _costs_shape(calls):
    def verify(values) -> Problem | None:
        for i, (c, got) in enumerate(zip(calls, values)):
            n = c.args[4] + 1
            expected = f"(w, costs) with {n} costs, the first {run_reference(ref.train_neuron, c)[1][0]!r}"
            if not isinstance(got, (tuple, list)) or len(got) != 2:
                return Problem(i, f"it returned {describe_type(got)}, expected a pair (w, costs)", expected)
            costs = got[1]
            if not isinstance(costs, (list, tuple, np.ndarray)) or np.ndim(costs) == 0:
                return Problem(i, f"costs is {describe_type(costs)}, expected a list of numbers", expected)
            if len(costs) != n:
                return Problem(i, f"costs has {len(costs)} entries, expected epochs + 1 = {n} (the cost at w0, "
                                  "then one after each update)", expected)
            first = like(run_reference(ref.train_neuron, c)[1][0], COST.rtol, COST.atol).problem(costs[0])
            if first:
                return Problem(i, f"costs[0] should be the cost at w0, before any update: {first}", expected)
        return None
    return verify


def _cost_surface() -> list[Check]:
    X_nb, y_nb = np.array([[0.0, 1.0], [1.0, 1.0]]), np.array([[1.0], [0.0]])
    # Non-square grids, so that swapped axes change the shape.  |w1| + |w2|
    # stays within 6 for cross-entropy: a guard of 1e-10 inside the logs,
    # which the docstring allows, then moves no cost by more than about 4e-8
    # (tolerances.COST).
    w1, w2 = np.linspace(-9, 9, 7), np.linspace(-8, 8, 5)
    w1_ce, w2_ce = np.linspace(-3.5, 3.5, 7), np.linspace(-2.5, 2.5, 5)
    rng = rng_for("cost_surface")
    X_r, y_r = with_bias(rng, 4, 2, 1.0), labels(rng, 4)
    w1_r, w2_r = np.round(np.sort(rng.uniform(-3, 3, 4)), 3), np.round(np.sort(rng.uniform(-3, 3, 6)), 3)
    shape_calls = [call("cost_surface", X_nb, y_nb, w1, w2), call("cost_surface", X_r, y_r, w1_r, w2_r)]
    mse_calls = [call("cost_surface", X_nb, y_nb, w1, w2), call("cost_surface", X_r, y_r, w1_r, w2_r, "mse")]
    ce_calls = [call("cost_surface", X_nb, y_nb, w1_ce, w2_ce, cost="cross_entropy"),
                call("cost_surface", X_r, y_r, w1_r, w2_r, "cross_entropy")]
    entry = "Z[i, j] is the cost at w = [[w1_values[i]], [w2_values[j]]]"
    return [
        Check("cost_surface", "Z has shape (len(w1_values), len(w2_values)) on a non-square grid", 1,
              shape_calls, verify=_surface_shape(shape_calls),
              states=("Returns an ndarray Z of shape (len(w1_values), len(w2_values))",)),
        against_reference("cost_surface", "MSE: Z[i, j] is the cost at w = [[w1_values[i]], [w2_values[j]]]",
                          1.5, mse_calls, ref.cost_surface, tol=COST, states=[entry, 'cost is "mse" (the default)']),
        against_reference("cost_surface", "cross-entropy surface", 1.5, ce_calls, ref.cost_surface, tol=COST,
                          states=[entry, 'or "cross_entropy"']),
    ]


def _surface_shape(calls):
    def verify(values) -> Problem | None:
        for i, (c, got) in enumerate(zip(calls, values)):
            want = (len(c.args[2]), len(c.args[3]))
            if not isinstance(got, np.ndarray):
                return Problem(i, f"it returned {describe_type(got)}, expected a 2-D array", f"shape {want}")
            if got.shape == want[::-1]:
                return Problem(i, f"shape {got.shape} is transposed: Z[i, j] belongs to w1_values[i] and "
                                  "w2_values[j] (np.meshgrid needs indexing='ij' for that)", f"shape {want}")
            if got.shape != want:
                return Problem(i, f"shape {got.shape}, expected {want}", f"shape {want}")
        return None
    return verify
