"""Tiered hints: the first is a nudge, later ones are more specific.

They point at the idea and the usual slips, never at finished code.
"""

HINTS = {
    # ps1_derivatives
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
