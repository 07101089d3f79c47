"""Tiered hints: the first is a nudge, later ones are more specific.

They point at the idea and the usual slips, never at finished code.
"""

HINTS = {
    # ps1_derivatives
    "sigmoid": ["Use np.exp so arrays work elementwise; convert the input with np.asarray(z, dtype=float) first.",
                "For z = -1000, e^1000 overflows to inf and 1 / (1 + inf) is exactly 0, which is the right answer. "
                "NumPy still warns; np.errstate lets you silence that one warning around the computation."],
    # ps2_gradient_descent
    # ps3_cost_functions
    "cross_entropy": ["Each example contributes -log(y_hat) when its label is 1 and -log(1 - y_hat) when it is 0.",
                      "A term multiplied by a zero label must count as 0 even where its log is -inf (0 * -inf is "
                      "nan in NumPy). Select the term that applies (np.where) instead of multiplying."],
    # ps4_backprop
    "add_bias": ["np.hstack joins arrays side by side; np.ones makes the column.",
                 "The column of ones goes last and has one row per example."],
    "forward": ["Three lines, one per layer; the docstring gives their shapes.",
                "Only the input and hidden layers get a bias column; the output a3 does not."],
    "backward": ["Start at the output: differentiate one example's cross-entropy with respect to the output's "
                 "pre-activation; the sigmoid's slope cancels, as in problem set 3.",
                 "Send that error back through theta2 without its bias row, then multiply by the hidden "
                 "sigmoid's slope on the non-bias columns.",
                 "Each gradient has its theta's shape: find the product of a layer's activations and the "
                 "error after it that gives that shape, and remember the cost is a mean over m examples. "
                 "Run the numerical_gradient check cell on it before training."],
    "numerical_gradient": ["Change one entry of a copy of theta at a time, by +eps and by -eps.",
                           "Restore the entry after measuring, and never write into the theta you were given."],
    "train": ["Like train_neuron, with backward giving both gradients at once.",
              "Record the cross-entropy of forward's a3 before the first update and after each one."],
    "predict": ["Threshold the network's output at 0.5.",
                "A comparison gives booleans; .astype(int) turns them into 0 and 1. Exactly 0.5 counts as 1."],
    "trask_errors": ["Follow the recipe in the problem statement step by step; the order of operations matters "
                     "for reproducing the published numbers.",
                     "Record the error before that step's update, only on steps that are multiples of "
                     "report_every; seed NumPy's global generator (np.random.seed) before drawing syn0, "
                     "then syn1."],
}
