"""Every correct implementation earns full marks (hypothesis draws them).

Each exercise below has several correct ways to be written: loops or
vectorised code, ``np.matrix``, ``math`` scalars, a guard against
``log(0)`` of the size the cross-entropy docstring allows (an epsilon up
to 1e-10 inside the logs, or clipping at 1e-12 or finer).  Hypothesis
picks one way per function, and its parameters, builds the module and
grades it with the real hidden tests (a pytest session in this process,
every answer sent through the sandbox's codec).  A tolerance too tight for
any of them fails here; the mutation report shows the same tolerances
still reject wrong formulas.
"""

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from hidden_kit import judge, variant

# Grading a whole module takes a second or two: a few examples, no shrinking
# (the failing module is printed whole, which is what a reader needs).
SETTINGS = settings(max_examples=10, deadline=None, derandomize=True, phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.too_slow])

# ---------------------------------------------------------------- ps1

SIGMOID = [
    "def sigmoid(z):\n    return 0.5 * (1 + np.tanh(np.asarray(z, dtype=float) / 2))\n",
    "def sigmoid(z):\n    z = np.asarray(z, dtype=float)\n    return np.exp(-np.logaddexp(0, -z))\n",
    ("def sigmoid(z):\n    z = np.asarray(z, dtype=float)\n    e = np.exp(-np.abs(z))\n"
     "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n"),
]
DERIVATIVE_OF_F = [
    "def df(x):\n    return x * x * (4 * x - 9)\n",
    "def df(x):\n    return 4 * x ** 3 - 9 * x ** 2\n",
    "def df(x):\n    return x**2 * (4*x - 9)\n",
]
SLOPE = [
    "def sigmoid_derivative(s):\n    return s - s * s\n",
    "def sigmoid_derivative(s):\n    return np.multiply(s, np.subtract(1, s))\n",
]
NUMERICAL = [
    "def numerical_derivative(func, x, h=1e-5):\n    return (func(x + h) - func(x - h)) / h / 2\n",
    "def numerical_derivative(func, x, h=1e-5):\n    return 0.5 * (func(x + h) - func(x - h)) / h\n",
    ("def numerical_derivative(func, x, h=1e-5):\n    forward, backward = func(x + h), func(x - h)\n"
     "    return (forward - backward) / (2 * h)\n"),
]
CRITICAL = [
    ("def critical_points():\n    x = sympy.Symbol('x', real=True)\n"
     "    return sorted(sympy.solveset(sympy.diff(x**4 - 3*x**3 + 2, x), x, sympy.S.Reals))\n"),
    ("def critical_points():\n    x = sympy.symbols('x')\n"
     "    roots = sympy.roots(sympy.Poly(4*x**3 - 9*x**2, x))\n    return sorted(roots)\n"),
]


@SETTINGS
@given(st.tuples(st.sampled_from(SIGMOID), st.sampled_from(DERIVATIVE_OF_F), st.sampled_from(SLOPE),
                 st.sampled_from(NUMERICAL), st.sampled_from(CRITICAL)))
def test_correct_derivatives_in_any_style_pass(parts):
    assert _not_passed("ps1_derivatives", "\n".join(parts)) == []


# ---------------------------------------------------------------- ps2

GRADIENT_DESCENT = [
    ("def gradient_descent(grad, x0, learning_rate, max_iters):\n    xs = [x0]\n"
     "    for _ in range(max_iters):\n        xs.append(xs[-1] - learning_rate * grad(xs[-1]))\n    return xs\n"),
    ("def gradient_descent(grad, x0, learning_rate, max_iters):\n    x, xs, k = x0, [x0], 0\n"
     "    while k < max_iters:\n        x = x - learning_rate * grad(x)\n        xs.append(x)\n        k += 1\n"
     "    return xs\n"),
]
MINIMIZE = [
    # A while loop on the size of the move, with math's scalar functions.
    ("def minimize(grad, x0, learning_rate, precision, max_iters=10_000):\n    x, steps = x0, 0\n"
     "    while steps < max_iters:\n        new = x - learning_rate * grad(x)\n        steps += 1\n"
     "        moved = abs(new - x)\n        x = new\n        if not math.isfinite(x) or moved <= precision:\n"
     "            break\n    return x, steps\n"),
    ("def minimize(grad, x0, learning_rate, precision, max_iters=10_000):\n    x = x0\n"
     "    for steps in range(1, max_iters + 1):\n        step = learning_rate * grad(x)\n        x -= step\n"
     "        if np.isnan(x) or np.isinf(x) or abs(step) <= precision:\n            return x, steps\n"
     "    return x, max_iters\n"),
]


@SETTINGS
@given(st.tuples(st.sampled_from(GRADIENT_DESCENT), st.sampled_from(MINIMIZE)))
def test_correct_descent_loops_in_any_style_pass(parts):
    assert _not_passed("ps2_gradient_descent", "import math\n" + "\n".join(parts)) == []


# ---------------------------------------------------------------- ps3

def _cross_entropy(style: int, guard: float) -> str:
    if style == 0:   # an epsilon inside both logs
        return ("def cross_entropy(y_hat, y):\n    y_hat, y = np.asarray(y_hat, float), np.asarray(y, float)\n"
                f"    eps = {guard!r}\n"
                "    return float(np.mean(-y * np.log(y_hat + eps) - (1 - y) * np.log(1 - y_hat + eps)))\n")
    if style == 1:   # clipping at 1e-12 or finer
        clip = min(guard, 1e-12)
        return ("def cross_entropy(y_hat, y):\n    y = np.asarray(y, float)\n"
                f"    p = np.clip(np.asarray(y_hat, float), {clip!r}, 1 - {clip!r})\n"
                "    return np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p))\n")
    if style == 2:   # a loop over entries, 0 * log 0 skipped
        return ("def cross_entropy(y_hat, y):\n    total, n = 0.0, 0\n"
                "    for p, t in zip(np.ravel(y_hat), np.ravel(y)):\n"
                "        if t > 0:\n            total -= t * math.log(p)\n"
                "        if t < 1:\n            total -= (1 - t) * math.log(1 - p)\n        n += 1\n"
                "    return total / n\n")
    # np.where masking with logs of the clipped complement
    return ("def cross_entropy(y_hat, y):\n    y_hat, y = np.asarray(y_hat, float), np.asarray(y, float)\n"
            "    with np.errstate(divide='ignore', invalid='ignore'):\n"
            "        a = np.where(y > 0, y * np.log(np.where(y > 0, y_hat, 1.0)), 0.0)\n"
            "        b = np.where(y < 1, (1 - y) * np.log(np.where(y < 1, 1 - y_hat, 1.0)), 0.0)\n"
            "    return -np.mean(a + b)\n")


MSE = [
    "def mse(y_hat, y):\n    d = np.asarray(y_hat, float) - np.asarray(y, float)\n    return np.sum(d * d) / d.size\n",
    ("def mse(y_hat, y):\n    d = np.matrix(np.ravel(np.asarray(y_hat, float) - np.asarray(y, float)))\n"
     "    return (d * d.T).item() / d.size\n"),
    ("def mse(y_hat, y):\n    total = 0.0\n    for a, b in zip(np.ravel(y_hat), np.ravel(y)):\n"
     "        total += (a - b) ** 2\n    return total / np.size(y)\n"),
]
NEURON = [
    "def neuron(X, w):\n    return sigmoid(np.dot(X, w))\n",
    "def neuron(X, w):\n    return np.asarray(1 / (1 + np.exp(-(np.matrix(X) * np.matrix(w)))))\n",
]
MSE_GRADIENT = [
    ("def mse_gradient(X, y, w):\n    h = neuron(X, w)\n    m = len(X)\n"
     "    return np.einsum('ij,ik->jk', X, 2 * (h - y) * h * (1 - h)) / m\n"),
    ("def mse_gradient(X, y, w):\n    g = np.zeros(np.shape(w))\n    m = len(X)\n    for i in range(m):\n"
     "        x = X[i].reshape(-1, 1)\n        h = sigmoid((x.T @ w).item())\n"
     "        g = g + 2 / m * (h - y[i, 0]) * h * (1 - h) * x\n    return g\n"),
]
CE_GRADIENT = [
    "def cross_entropy_gradient(X, y, w):\n    return np.mean((neuron(X, w) - y) * X, axis=0).reshape(-1, 1)\n",
    ("def cross_entropy_gradient(X, y, w):\n    X = np.matrix(X)\n"
     "    return np.asarray(X.T * (np.matrix(neuron(X, w)) - y)) / X.shape[0]\n"),
]
SURFACE = [
    ("def cost_surface(X, y, w1_values, w2_values, cost='mse'):\n    f = mse if cost == 'mse' else cross_entropy\n"
     "    return np.array([[f(neuron(X, np.array([[a], [b]])), y) for b in w2_values] for a in w1_values])\n"),
]


@SETTINGS
@given(st.integers(0, 3), st.floats(1e-16, 1e-10),
       st.tuples(st.sampled_from(MSE), st.sampled_from(NEURON), st.sampled_from(MSE_GRADIENT),
                 st.sampled_from(CE_GRADIENT), st.sampled_from(SURFACE)))
def test_correct_costs_and_gradients_in_any_style_pass(style, guard, parts):
    source = "import math\n" + _cross_entropy(style, guard) + "\n".join(parts)
    assert _not_passed("ps3_cost_functions", source) == []


# ---------------------------------------------------------------- ps4

BACKWARD = [
    # Per example, accumulated.
    ("def backward(X, y, theta1, theta2):\n    m = X.shape[0]\n"
     "    g1, g2 = np.zeros(np.shape(theta1)), np.zeros(np.shape(theta2))\n    for i in range(m):\n"
     "        a1, a2, a3 = forward(X[i:i + 1], theta1, theta2)\n        d3 = a3 - y[i:i + 1]\n"
     "        d2 = (d3 @ theta2.T)[:, :-1] * a2[:, :-1] * (1 - a2[:, :-1])\n"
     "        g2 += a2.T @ d3\n        g1 += a1.T @ d2\n    return g1 / m, g2 / m\n"),
    # np.matrix, the bias row removed with np.delete.
    ("def backward(X, y, theta1, theta2):\n    a1, a2, a3 = (np.matrix(a) for a in forward(X, theta1, theta2))\n"
     "    d3 = a3 - y\n    t2 = np.matrix(np.delete(theta2, -1, axis=0))\n    h = a2[:, :-1]\n"
     "    d2 = np.multiply(d3 * t2.T, np.multiply(h, 1 - h))\n    m = X.shape[0]\n"
     "    return np.asarray(a1.T * d2 / m), np.asarray(a2.T * d3 / m)\n"),
]
NUMERICAL_GRADIENT = [
    ("def numerical_gradient(cost, theta, eps=1e-5):\n    g = np.zeros(np.shape(theta))\n"
     "    for i in range(np.size(theta)):\n        step = np.zeros(np.size(theta))\n        step[i] = eps\n"
     "        step = step.reshape(np.shape(theta))\n"
     "        g.flat[i] = (cost(theta + step) - cost(theta - step)) / (2 * eps)\n    return g\n"),
    ("def numerical_gradient(cost, theta, eps=1e-5):\n    g = np.zeros_like(theta, dtype=float)\n"
     "    it = np.nditer(theta, flags=['multi_index'])\n    for _ in it:\n        i = it.multi_index\n"
     "        saved = theta[i]\n        theta[i] = saved + eps\n        up = cost(theta)\n"
     "        theta[i] = saved - eps\n        down = cost(theta)\n        theta[i] = saved\n"
     "        g[i] = (up - down) / (2 * eps)\n    return g\n"),
]


@SETTINGS
@given(st.integers(0, 3), st.floats(1e-16, 1e-10),
       st.tuples(st.sampled_from(BACKWARD), st.sampled_from(NUMERICAL_GRADIENT)))
def test_correct_backprop_in_any_style_pass(style, guard, parts):
    # ps4 carries the student's own cross_entropy, guards and all.
    source = "import math\n" + _cross_entropy(style, guard) + "\n".join(parts)
    assert _not_passed("ps4_backprop", source, reuse=("trask_errors",)) == []


def _not_passed(assignment: str, extra: str, reuse=()) -> list:
    results = judge(assignment, variant(assignment, extra), reuse=reuse)
    assert results, f"no hidden tests ran for {assignment}"
    return [(r.name, r.output) for r in results if r.outcome != "passed"]


def test_clipping_at_1e_7_is_too_coarse_as_the_docstring_says():
    source = ("def cross_entropy(y_hat, y):\n    y = np.asarray(y, float)\n"
              "    p = np.clip(np.asarray(y_hat, float), 1e-7, 1 - 1e-7)\n"
              "    return np.mean(-y * np.log(p) - (1 - y) * np.log(1 - p))\n")
    failed = [name for name, _ in _not_passed("ps3_cost_functions", source) if "cross_entropy:" in name]
    assert failed == ["cost_functions.cross_entropy: finite when y_hat is exactly 0 or 1 and the label agrees"]
