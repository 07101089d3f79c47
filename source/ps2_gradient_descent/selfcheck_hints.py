"""Tiered hints: the first is a nudge, later ones are more specific.

They point at the idea and the usual slips, never at finished code.
"""

HINTS = {
    # ps1_derivatives
    "df": ["Apply the power rule to each term of f: the derivative of x^n is n x^(n-1); constants vanish.",
           "Test your answer on one input by hand: df(2) must be -4 and df(1) must be -5. If one is off, "
           "redo that term's power rule: bring the power down in front, lower it by one."],
    "dparabola": ["Expand (x - 3)^2 into a polynomial and differentiate term by term, or use the chain rule.",
                  "The slope is zero at the minimum x = 3 and negative to its left."],
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
    # ps4_backprop
}
