"""Tiered hints: the first is a nudge, later ones are more specific.

They point at the idea and the usual slips, never at finished code.
"""

HINTS = {
    # ps1_derivatives
    "f": ["Python writes powers with **, not ^ (which is bitwise XOR).",
          "Write the polynomial exactly as the docstring gives it; NumPy arrays then work elementwise for free."],
    "df": ["Apply the power rule to each term of f: the derivative of x^n is n x^(n-1); constants vanish.",
           "Test your answer on one input by hand: df(2) must be -4 and df(1) must be -5. If one is off, "
           "redo that term's power rule: bring the power down in front, lower it by one."],
    "parabola": ["Shift first, then square.",
                 "At x = 3 the value must be 0, and at x = 1 it is (1 - 3)^2 = 4."],
    "dparabola": ["Expand (x - 3)^2 into a polynomial and differentiate term by term, or use the chain rule.",
                  "The slope is zero at the minimum x = 3 and negative to its left."],
    "sigmoid": ["Use np.exp so arrays work elementwise; convert the input with np.asarray(z, dtype=float) first.",
                "For z = -1000, e^1000 overflows to inf and 1 / (1 + inf) is exactly 0, which is the right answer. "
                "NumPy still warns; np.errstate lets you silence that one warning around the computation."],
    "sigmoid_derivative": ["The argument is already the sigmoid's output s. Do not apply the sigmoid again.",
                           "Differentiate 1 / (1 + e^(-z)) in z, then rewrite the result with "
                           "s = 1 / (1 + e^(-z)) and 1 - s = e^(-z) / (1 + e^(-z)). At s = 0.5 the slope is 0.25."],
    "numerical_derivative": ["A central difference looks at both sides of x: one step of h forward, one back.",
                             "The slope of the line through the two points is rise over run; mind how far "
                             "apart they are. For x**3 at 1 with h = 0.1 the answer is 3.01 (a one-sided "
                             "difference would give 3.31)."],
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
                 "If a too-large learning rate makes the loop run to max_iters, test math.isfinite(x) "
                 "(or np.isfinite) after every update."],
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
