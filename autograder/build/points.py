"""Points per exercise function, as the hidden tests award them.

The autograded test cell of a function is worth what the checks suite
gives that function, so nbgrader's totals agree with the grader's.
"""

from __future__ import annotations

# Used until the checks suite exists; remove once it does.
PLACEHOLDER = {
    "ps1_derivatives": {
        "f": 1, "df": 1, "parabola": 1, "dparabola": 1, "sigmoid": 2, "sigmoid_derivative": 1,
        "numerical_derivative": 2, "f_prime_expr": 1, "sigmoid_prime_expr": 1, "critical_points": 2,
    },
    "ps2_gradient_descent": {"gradient_descent": 4, "minimize": 4},
    "ps3_cost_functions": {
        "mse": 1, "cross_entropy": 2, "neuron": 1, "mse_gradient": 3, "cross_entropy_gradient": 2,
        "train_neuron": 3, "cost_surface": 2,
    },
    "ps4_backprop": {
        "add_bias": 1, "forward": 2, "backward": 4, "numerical_gradient": 2, "train": 3, "predict": 1,
        "trask_errors": 2,
    },
}


def points(assignment: str) -> dict[str, float]:
    try:
        from autograder.checks import suite
    except ImportError:
        return dict(PLACEHOLDER[assignment])
    return dict(suite(assignment).points)
