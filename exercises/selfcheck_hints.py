"""Tiered hints: the first is a nudge, later ones are more specific.

They point at the idea and the usual slips, never at finished code.
"""

HINTS = {
    # ps1_derivatives
    "f": ["Python writes powers with **, not ^ (which is bitwise XOR).",
          "Write the polynomial exactly as the docstring gives it; NumPy arrays then work elementwise for free."],
    "df": ["Apply the power rule to each term of f: the derivative of x^n is n x^(n-1); constants vanish.",
           "The two terms become 4x^3 and -9x^2. Check with df(2): 32 - 36 = -4."],
    "parabola": ["Shift first, then square.",
                 "At x = 3 the value must be 0, and at x = 1 it is (1 - 3)^2 = 4."],
    "dparabola": ["Chain rule: the outer square contributes a factor 2 times the inside; the inside's slope is 1.",
                  "The slope is zero at the minimum x = 3 and negative to its left."],
    "sigmoid": ["Use np.exp so arrays work elementwise; convert the input with np.asarray(z, dtype=float) first.",
                "For z = -1000, e^1000 overflows to inf and 1 / (1 + inf) is exactly 0, which is the right answer. "
                "NumPy still warns; np.errstate lets you silence that one warning around the computation."],
    "sigmoid_derivative": ["The argument is already the sigmoid's output s. Do not apply the sigmoid again.",
                           "If s = sigmoid(z), the slope at z is s times (1 - s); at s = 0.5 that is 0.25."],
    "numerical_derivative": ["A central difference looks at both sides of x: one step of h forward, one back.",
                             "The two points are 2h apart, so divide their difference in height by 2h "
                             "(not h). A forward difference would give 3.31 for x**3 at 1 with h = 0.1; "
                             "the central one gives 3.01."],
    "f_prime_expr": ["Make the symbol with sympy.Symbol('x'), build f from it, and let SymPy differentiate.",
                     "sympy.diff(expression, symbol) returns the derivative as a new expression."],
    "sigmoid_prime_expr": ["Build the sigmoid with sympy.exp, not np.exp: NumPy cannot handle symbols.",
                           "Differentiate with respect to the symbol z; any equivalent form is accepted, "
                           "so there is no need to simplify."],
    "critical_points": ["Solve f'(x) = 0 with SymPy rather than by hand, so the answers stay exact.",
                        "sympy.solve gives the roots (0 appears once even though it is a double root); "
                        "keep the real ones and sort them. 9/4 must stay a SymPy Rational, not 2.25."],
    # ps2_gradient_descent
    "gradient_descent": ["Start a list holding x0, then repeat the update max_iters times, appending each new x.",
                         "Write x = x - ... rather than x -= ...: with an ndarray x0 the in-place form would "
                         "change the caller's array (and the x0 already in your list)."],
    "minimize": ["Keep the size of each update: it decides when to stop.",
                 "Apply the update and count it before testing: stop when the update's size is at most "
                 "precision, when x is no longer finite (np.isfinite), or when steps reaches max_iters.",
                 "For an ndarray x, measure the update's size with its largest absolute entry."],
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
                     "Multiply elementwise first, (h - y) * h * (1 - h), then take X.T @ that and scale by 2/m."],
    "cross_entropy_gradient": ["The sigmoid's slope h(1 - h) cancels against the cross-entropy's 1/(h(1 - h)).",
                               "What is left is X.T @ (h - y), averaged over the m examples."],
    "train_neuron": ["Record the cost before the first update, then once after every update.",
                     "Pick the cost and gradient functions from the `cost` name, copy w0 as a float array, "
                     "and never update it in place."],
    "cost_surface": ["Loop over both weight lists and evaluate the cost at every pair.",
                     "Row i belongs to w1_values[i] and column j to w2_values[j]; build w as a (2, 1) array "
                     "from the pair."],
    # ps4_backprop
    "add_bias": ["np.hstack joins arrays side by side; np.ones makes the column.",
                 "The column of ones goes last and has one row per example."],
    "forward": ["Three lines, one per layer; the docstring gives their shapes.",
                "Only the input and hidden layers get a bias column; the output a3 does not."],
    "backward": ["With cross-entropy and a sigmoid output, the output error is simply a3 - y.",
                 "Send the error back through theta2 without its bias row, then multiply by the hidden "
                 "sigmoid's slope a2(1 - a2) on the non-bias columns.",
                 "Each gradient is (the layer's input).T @ (the error after it), divided by m."],
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
