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
    "mse": ["Average the squared differences over every entry.",
            "Return a plain number: wrap the NumPy mean in float(...)."],
    "cross_entropy": ["Each example contributes -log(y_hat) when its label is 1 and -log(1 - y_hat) when it is 0.",
                      "A term multiplied by a zero label must count as 0 even where its log is -inf (0 * -inf is "
                      "nan in NumPy). Select the term that applies (np.where) instead of multiplying."],
    "neuron": ["The bias is already a column of X, so the neuron is the sigmoid of one matrix product.",
               "X @ w has shape (m, 1) when X is (m, n) and w is (n, 1)."],
    "mse_gradient": ["Chain rule through three links: the cost's slope in h, the sigmoid's slope in z, and z's "
                     "slope in w.",
                     "Two factors are easy to lose: the input X (the slope of z = Xw) and the 2/m from "
                     "differentiating a mean of squares.",
                     "Check shapes: h - y is (m, 1), X is (m, n) and the answer is (n, 1); which product "
                     "of X with an (m, 1) column has that shape? Then run the gradient-check cell, which holds "
                     "your function against central differences."],
    "cross_entropy_gradient": ["Follow one example and one weight: multiply the cost's slope in h, the "
                               "sigmoid's slope in z and z's slope in w, and see what cancels.",
                               "Assemble every example with one matrix product of the right shape, (n, m) times "
                               "(m, 1), and remember that the cost is a mean over m examples."],
    "train_neuron": ["Record the cost before the first update, then once after every update.",
                     "Pick the cost and gradient functions from the `cost` name, copy w0 as a float array, "
                     "and never update it in place."],
    "cost_surface": ["Loop over both weight lists and evaluate the cost at every pair.",
                     "Row i belongs to w1_values[i] and column j to w2_values[j]; build w as a (2, 1) array "
                     "from the pair."],
    # ps4_backprop
}
