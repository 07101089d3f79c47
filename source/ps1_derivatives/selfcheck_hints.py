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
    # ps3_cost_functions
    # ps4_backprop
}
