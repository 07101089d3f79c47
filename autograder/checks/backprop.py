"""Hidden tests of problem set 4 (module ``backprop``)."""

from __future__ import annotations

import numpy as np

from autograder.checks import sympy_gradients as sg
from autograder.checks.callables import smooth_cost
from autograder.checks.check import (Check, InputsCheck, Problem, against_reference, against_values, call,
                                     run_reference)
from autograder.checks.compare import Array, RelativeError, Seq, Tuple, like
from autograder.checks.inputs import drawn_for, labels, rng_for
from autograder.checks.show import describe_type
from autograder.checks.tolerances import COST, GRADIENT, PUBLISHED, TRAINING, Tolerance
from solutions import backprop as ref
from solutions.cost_functions import cross_entropy

# Deriving backward is worth most; transcribing trask_errors' recipe least.
POINTS = {"add_bias": 2, "forward": 4, "backward": 9, "numerical_gradient": 4, "train": 5, "predict": 3,
          "trask_errors": 3}
USES = {"forward": ("add_bias",), "backward": ("add_bias", "forward"), "train": ("forward", "backward"),
        "predict": ("forward",)}

X_XOR = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
Y_XOR = np.array([[0.0], [1.0], [1.0], [0.0]])
PUBLISHED_TRASK = [0.4964100319027254, 0.49516402549338606, 0.4935960431880486, 0.4916063585594306,
                   0.48910016654420474, 0.48597785784615843]


def build() -> list[Check]:
    return [*_add_bias(), *_forward(), *_backward(), *_numerical_gradient(), *_train(), *_predict(),
            *_trask_errors()]


def network(name: str, n_in=2, n_hidden=3, m=5, scale=1.0):
    """(X, y, theta1, theta2) of a random bias-last network."""
    rng = rng_for(name)
    X = np.round(rng.uniform(-2, 2, (m, n_in)), 4)
    theta1 = np.round(rng.normal(0, scale, (n_in + 1, n_hidden)), 4)
    theta2 = np.round(rng.normal(0, scale, (n_hidden + 1, 1)), 4)
    return X, labels(rng, m), theta1, theta2


def _m(c) -> int:
    return int(np.shape(c.args[0])[0])


def _add_bias() -> list[Check]:
    rng = rng_for("add_bias")
    calls = [call("add_bias", np.round(rng.normal(size=shape), 4)) for shape in ((4, 2), (3, 3), (5, 1))]
    small = [call("add_bias", np.array([[0.5, -1.0, 2.0]])), call("add_bias", X_XOR.copy())]
    appends = ["Appends a column of ones to A, as its last column.",
               "returns a new float array of shape (m, k + 1)"]
    return [
        against_reference("add_bias", "appends a column of ones last", 1.5, calls, ref.add_bias, states=appends),
        against_reference("add_bias", "a single row, and the XOR inputs", 0.5, small, ref.add_bias, states=appends),
    ]


def _forward() -> list[Check]:
    shape_calls = [call("forward", *_fwd_args("forward/shapes", m=4)), call("forward", *_fwd_args("forward/3-2", 3, 2, 2))]
    values = [call("forward", *_fwd_args(f"forward/{i}", m=m)) for i, m in enumerate((4, 6, 1))]
    sizes = [call("forward", *_fwd_args("forward/3-4-1", 3, 4, 5)), call("forward", *_fwd_args("forward/2-5-1", 2, 5, 3))]
    layers = ("a1 is X with a bias column of ones appended last; a2 holds the hidden units' sigmoid activations, "
              "again with a bias column last; a3 is the sigmoid output.")
    return [
        Check("forward", "returns (a1, a2, a3) of shapes (m, n_in + 1), (m, n_hidden + 1), (m, 1)", 1,
              shape_calls, verify=_forward_shapes(shape_calls),
              states=("the activations have shapes (m, n_in + 1), (m, n_hidden + 1) and (m, 1)",)),
        against_reference("forward", "values on random 2-3-1 networks", 2, values, ref.forward, states=[layers]),
        against_reference("forward", "other layer sizes (3-4-1, 2-5-1)", 1, sizes, ref.forward,
                          states=[layers, "The layer sizes may be anything"]),
    ]


def _fwd_args(name, n_in=2, n_hidden=3, m=5):
    X, _, theta1, theta2 = network(name, n_in, n_hidden, m)
    return X, theta1, theta2


def _forward_shapes(calls):
    def verify(values) -> Problem | None:
        for i, (c, got) in enumerate(zip(calls, values)):
            X, theta1, _ = c.args
            want = [(X.shape[0], X.shape[1] + 1), (X.shape[0], theta1.shape[1] + 1), (X.shape[0], 1)]
            text = f"a tuple of arrays with shapes {want[0]}, {want[1]}, {want[2]}"
            if not isinstance(got, (tuple, list)) or len(got) != 3:
                return Problem(i, f"it returned {describe_type(got)}, expected (a1, a2, a3)", text)
            for name, a, shape in zip(("a1", "a2", "a3"), got, want):
                if np.shape(a) != shape:
                    extra = " (did you append the bias unit?)" if name != "a3" and np.shape(a)[-1:] == (shape[1] - 1,) else ""
                    return Problem(i, f"{name} has shape {np.shape(a)}, expected {shape}{extra}", text)
        return None
    return verify


def _gradient_pair(grads, m):
    return Tuple([Array(g, GRADIENT.rtol, GRADIENT.atol, m=m) for g in grads], ("grad1", "grad2"))


def _central_differences(X, y, theta1, theta2, eps=1e-5):
    """The gradient check's numbers: centred differences of the reference cost."""
    g1 = ref.numerical_gradient(lambda t: cross_entropy(ref.forward(X, t, theta2)[2], y), theta1, eps)
    g2 = ref.numerical_gradient(lambda t: cross_entropy(ref.forward(X, theta1, t)[2], y), theta2, eps)
    return g1, g2


def _backward() -> list[Check]:
    bw = ref.backward
    random = [call("backward", *network(f"backward/{i}", m=m)) for i, m in enumerate((4, 6, 3))]
    derived = [call("backward", *network(f"backward/sympy/{i}", m=m)) for i, m in enumerate((5, 4))]
    derived.append(call("backward", X_XOR, Y_XOR, *network("backward/sympy/xor")[2:]))
    sizes = [call("backward", *network("backward/3-4-1", 3, 4, 5)), call("backward", *network("backward/2-5-1", 2, 5, 6)),
             call("backward", *network("backward/4-2-1", 4, 2, 3))]
    # Relative error |a - b| / max(|a|, |b|, 1e-3): below 4e-8 for correct code
    # on these networks, around 1 for a missing factor or a wrong bias row.
    checks = [Tuple([RelativeError(g, bound=1e-6, floor=1e-3) for g in _central_differences(*c.args)],
                    ("grad1", "grad2")) for c in sizes]
    gradients = ("The gradients of the cost with respect to theta1 and theta2.",
                 "The cost is cross_entropy(a3, y), the mean over the m examples.",
                 "shaped like theta1 and theta2")
    return [
        Check("backward", "matches the reference on random networks", 2, random,
              expects=[_gradient_pair(run_reference(bw, c), _m(c)) for c in random], states=gradients),
        Check("backward", "matches SymPy gradient", 3, derived,
              expects=[_gradient_pair(sg.network_gradient(*c.args), _m(c)) for c in derived],
              expected_from="SymPy's gradient of the mean cross-entropy of the 2-3-1 network", states=gradients),
        Check("backward", "agrees with centred differences on networks of other sizes", 3.5, sizes, expects=checks,
              expected_from="centred differences of the cost, eps = 1e-5",
              states=gradients + ("for networks of any layer sizes",)),
        InputsCheck("backward", "leaves X, y, theta1 and theta2 unchanged", 0.5,
                    states=("X, y, theta1 and theta2 must be left unchanged.",)),
    ]


def _numerical_gradient() -> list[Check]:
    rng = rng_for("numerical_gradient")
    shapes = ((3,), (2, 3), (4, 1))
    thetas = [np.round(rng.uniform(-1.5, 1.5, s), 4) for s in shapes]
    costs = [smooth_cost(np.round(rng.normal(size=s), 4).tolist()) for s in shapes]
    default = [call("numerical_gradient", c, t) for c, t in zip(costs, thetas)]
    with_eps = [call("numerical_gradient", costs[1], thetas[1], 1e-2), call("numerical_gradient", costs[0], thetas[0], eps=1e-3)]
    ng = ref.numerical_gradient
    # Costs are sums of products: a difference quotient rounds to about 1e-11.
    quotient = Tolerance(1e-7, 1e-8, "central differences of a cost of order 1, in any entry order")
    return [
        against_reference("numerical_gradient", "centred differences of a smooth cost, several shapes", 1.5,
                          default, ng, tol=quotient,
                          states=["Estimates the gradient of cost at theta by central differences.",
                                  "theta may have any shape, 1-D included; returns an array of that shape."]),
        against_reference("numerical_gradient", "uses the given eps", 1, with_eps, ng, tol=quotient,
                          states=["Nudge one entry of theta at a time by eps in each direction."]),
        InputsCheck("numerical_gradient", "leaves theta unchanged", 1.5,
                    advice="Work on a copy (theta.copy()), or save each entry and put the saved value back: "
                           "theta[i] += eps followed by theta[i] -= eps does not always give back the same float.",
                    states=("Afterwards theta must be exactly as it was, bit for bit",)),
    ]


def _train() -> list[Check]:
    tr = ref.train
    short = [call("train", *network("train/0", m=4), 0.5, 0), call("train", *network("train/1", m=4), 0.5, 2)]
    random = [call("train", *network("train/2", m=5), 0.5, 30), call("train", *network("train/3", m=6), 1.0, 20)]
    # One start known to learn XOR, the same for everyone: from some random starts
    # gradient descent settles in a local minimum, whoever wrote it.
    with drawn_for(None):
        xor = call("train", X_XOR, Y_XOR, *network("train/xor")[2:], 3.0, 600)
    descent = "Trains the network by full-batch gradient descent with backward."
    return [
        Check("train", "costs has epochs + 1 entries, the cost at the start first", 1, short,
              verify=_train_costs(short),
              states=("a list of epochs + 1 costs (cross_entropy of the output), the cost before any update first",)),
        Check("train", "thetas and costs match the reference (random starts)", 2, random,
              expects=[_train_result(run_reference(tr, c)) for c in random],
              states=(descent, "the weights after epochs updates")),
        Check("train", "learns XOR: costs decrease, predictions right", 1.5, [xor], verify=_learns_xor(xor),
              shows=["train(X_xor, y_xor, theta1, theta2, 3.0, 600)"],
              states=(descent, "training on the four XOR rows learns XOR")),
        InputsCheck("train", "leaves theta1 and theta2 unchanged", 0.5,
                    advice="theta = theta - learning_rate * grad makes a new array; theta -= ... changes the caller's.",
                    states=("theta1 and theta2 must be left unchanged.",)),
    ]


def _train_result(result):
    theta1, theta2, costs = result
    return Tuple([Array(theta1, TRAINING.rtol, TRAINING.atol), Array(theta2, TRAINING.rtol, TRAINING.atol),
                  Seq([like(c, COST.rtol, COST.atol) for c in costs], "costs")],
                 ("theta1", "theta2", "costs"))


def _train_costs(calls):
    firsts = [run_reference(ref.train, c)[2][0] for c in calls]

    def verify(values) -> Problem | None:
        for i, (c, got, first) in enumerate(zip(calls, values, firsts)):
            n = c.args[5] + 1
            text = f"(theta1, theta2, costs) with {n} costs, the first {first!r}"
            if not isinstance(got, (tuple, list)) or len(got) != 3:
                return Problem(i, f"it returned {describe_type(got)}, expected (theta1, theta2, costs)", text)
            costs = got[2]
            if not isinstance(costs, (list, tuple, np.ndarray)) or np.ndim(costs) == 0:
                return Problem(i, f"costs is {describe_type(costs)}, expected a list of numbers", text)
            if len(costs) != n:
                return Problem(i, f"costs has {len(costs)} entries, expected epochs + 1 = {n}", text)
            why = like(first, COST.rtol, COST.atol).problem(costs[0])
            if why:
                return Problem(i, f"costs[0] should be the cost before any update: {why}", text)
        return None
    return verify


def _learns_xor(c):
    theta1, theta2, costs = run_reference(ref.train, c)
    expect = _train_result((theta1, theta2, costs))
    text = "thetas that classify XOR as [[0], [1], [1], [0]], with decreasing costs"

    def verify(values) -> Problem | None:
        got = values[0]
        if not isinstance(got, (tuple, list)) or len(got) != 3:
            return Problem(0, f"it returned {describe_type(got)}, expected (theta1, theta2, costs)", text)
        try:
            got_costs = np.asarray(got[2], dtype=float).reshape(-1)
            predictions = ref.predict(X_XOR, np.asarray(got[0], dtype=float), np.asarray(got[1], dtype=float))
        except Exception:
            predictions, got_costs = None, None
        if got_costs is not None and got_costs.size > 1 and not got_costs[-1] < got_costs[0]:
            return Problem(0, f"the cost went from {got_costs[0]:.4g} to {got_costs[-1]:.4g}: it should decrease "
                              "(a sign error in the update, or gradients of the wrong thetas?)", text)
        if predictions is not None and not np.array_equal(predictions, Y_XOR.astype(int)):
            return Problem(0, f"the trained network predicts {predictions.ravel().tolist()} instead of [0, 1, 1, 0]",
                           text)
        why = expect.problem(got)
        return Problem(0, why, text) if why else None
    return verify


def _predict() -> list[Check]:
    rng = rng_for("predict")
    calls = [call("predict", *_fwd_args(f"predict/{i}", m=m)) for i, m in enumerate((4, 7))]
    X, _, theta1, _ = network("predict/half", m=5)
    half = [call("predict", X, theta1, np.zeros((4, 1))), call("predict", X_XOR, theta1, np.zeros((4, 1)))]
    mixed = np.round(rng.normal(0, 3, (4, 1)), 4)
    calls.append(call("predict", X_XOR, theta1, mixed))
    # Fixed, not drawn: every output is sigmoid(-1) < 0.5, so class 0 on every row whatever the draw
    # (random networks alone may give only outputs above 0.5, where a threshold at 0 looks right).
    calls.append(call("predict", X_XOR, np.zeros((3, 3)), np.array([[0.0], [0.0], [0.0], [-1.0]])))
    return [
        Check("predict", "returns an int array of shape (m, 1)", 1, calls[:2], verify=_int_column,
              states=("Returns an int array of shape (m, 1)",)),
        against_reference("predict", "matches the reference on random networks", 1, calls, ref.predict,
                          states=["1 where the output a3 is at least 0.5"]),
        against_reference("predict", "an output of exactly 0.5 counts as class 1", 1, half, ref.predict,
                          states=["(exactly 0.5 included)"]),
    ]


def _int_column(values) -> Problem | None:
    for i, got in enumerate(values):
        text = "an integer array of shape (m, 1)"
        if not isinstance(got, np.ndarray):
            return Problem(i, f"it returned {describe_type(got)}, expected a NumPy array", text)
        if got.dtype.kind == "b":
            return Problem(i, "it returned booleans (True/False); .astype(int) turns them into 0/1", text)
        if got.dtype.kind not in "iu":
            return Problem(i, f"its dtype is {got.dtype}; .astype(int) turns 0.0/1.0 into the integers 0/1", text)
        if got.ndim != 2 or got.shape[1] != 1:
            return Problem(i, f"its shape is {got.shape}, expected a column (m, 1)", text)
    return None


def _trask_errors() -> list[Check]:
    te = ref.trask_errors
    short = [call("trask_errors", 1.0, 300, 100), call("trask_errors", 0.1, steps=200, report_every=50)]
    custom = [call("trask_errors", 10.0, 50, 7, 3), call("trask_errors", 1.0, steps=40, report_every=40, seed=2)]
    # The published run is 60,000 steps, a second or more of every submission's
    # grading.  Its first figure (before any update) pins the seed, the order of
    # the draws and the forward pass to 1e-12; the updates are held to the
    # reference's on the short runs above, to 1e-9, and the reference reproduces
    # all six published figures (tests/solutions).  The student's self-check
    # shows them the first three.
    published = call("trask_errors", 0.001, steps=1)
    recipe = "The published errors depend on following this recipe exactly."
    published_check = against_values("trask_errors", "published figure: the first error of trask_errors(0.001)",
                                     1, [published], [PUBLISHED_TRASK[:1]], tol=PUBLISHED, states=[recipe])
    published_check.name_mistakes = False    # recognised on the short runs instead
    return [
        against_reference("trask_errors", "a short run (alpha = 1 and 0.1)", 1, short, te, states=[recipe]),
        against_reference("trask_errors", "report_every and seed are used", 1, custom, te,
                          states=["the mean absolute error at steps 0, report_every, 2 * report_every",
                                  "Seed NumPy's global generator with seed"]),
        published_check,
    ]
