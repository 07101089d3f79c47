"""Hidden tests of problem set 2 (module ``gradient_descent``).

The gradients handed to the student's loops are probes (a polynomial, or
``a * (x - b)``), never the student's own ``df``/``dparabola``, so these
exercises are graded independently of problem set 1.  ``dparabola`` is
``affine_grad(2, 3)`` and ``df`` is ``poly(0, 0, -9, 4)``.
"""

from __future__ import annotations

import numpy as np

from autograder.checks.callables import affine_grad, poly
from autograder.checks.check import Check, InputsCheck, Problem, against_reference, call, run_reference
from autograder.checks.compare import NonFinite, Number, Tuple, like
from autograder.checks.inputs import rng_for
from autograder.checks.show import describe_type
from autograder.checks.tolerances import FORMULA, PUBLISHED
from solutions import gradient_descent as ref

POINTS = {"gradient_descent": 4, "minimize": 6}
USES: dict[str, tuple[str, ...]] = {}

DPARABOLA = affine_grad(2, 3)
DF = poly(0, 0, -9, 4)
STEP = "Each step moves x against the gradient: x_new = x - learning_rate * grad(x)."
IN_PLACE = ("Write x = x - learning_rate * grad(x), which makes a new array; x -= ... changes the "
            "caller's x0 itself (and, in a list, every entry that is that same array).")


def build() -> list[Check]:
    return [*_gradient_descent(), *_minimize()]


def _random_parabolas(name: str, n: int):
    rng = rng_for(name)
    for _ in range(n):
        a, b = np.round(rng.uniform(0.5, 4), 3), np.round(rng.uniform(-5, 5), 3)
        x0, lr = float(np.round(rng.uniform(-5, 5), 3)), float(np.round(rng.uniform(0.01, 0.4), 3))
        yield affine_grad(a, b), x0, lr


def _gradient_descent() -> list[Check]:
    gd = ref.gradient_descent
    published = call("gradient_descent", DPARABOLA, 1, 0.05, 25)
    scalar_calls = [call("gradient_descent", g, x0, lr, k)
                    for (g, x0, lr), k in zip(_random_parabolas("gradient_descent", 4), (5, 12, 30, 1))]
    array_calls = [call("gradient_descent", affine_grad(1.5, 2), np.array([0.0, 1.0, -3.0]), 0.1, 6),
                   call("gradient_descent", affine_grad(0.8, -1), np.array([[2.0], [4.5]]), 0.3, 4)]
    list_calls = [call("gradient_descent", affine_grad(1, 0), 2.0, 0.1, 3),
                  call("gradient_descent", affine_grad(1, 0), 1.5, 0.1, 0)]
    return [
        against_reference("gradient_descent", "published figure: gradient_descent(dparabola, 1, 0.05, 25)", 1,
                          [published], gd, tol=PUBLISHED, shows=["gradient_descent(dparabola, 1, 0.05, 25)"],
                          what="iterates", states=[STEP]),
        Check("gradient_descent", "returns a Python list [x0, x1, ..., x_max_iters]", 0.5, list_calls,
              verify=_is_iterate_list(list_calls),
              states=("Returns a Python list of max_iters + 1 values: x0 first, then x after each step.",)),
        against_reference("gradient_descent", "random parabolas, scalar x0", 1, scalar_calls, gd,
                          what="iterates", states=[STEP]),
        against_reference("gradient_descent", "ndarray x0 (1-D and a column)", 1, array_calls, gd,
                          what="iterates", states=["with an ndarray every entry moves at once and each iterate "
                                                   "is an array of that shape"]),
        InputsCheck("gradient_descent", "leaves x0 unchanged", 0.5, advice=IN_PLACE,
                    states=("An ndarray x0 must be left unchanged by the call.",)),
    ]


def _is_iterate_list(calls):
    def verify(values) -> Problem | None:
        for i, (c, got) in enumerate(zip(calls, values)):
            n = c.args[3] + 1
            if not isinstance(got, list):
                advice = "; start with xs = [x0] and append each new x" if isinstance(got, (tuple, np.ndarray)) else ""
                return Problem(i, f"it returned {describe_type(got)}, expected a Python list{advice}",
                               f"a list of {n} iterates")
            if len(got) != n:
                return Problem(i, f"the list has {len(got)} entries, expected max_iters + 1 = {n} "
                                  "(x0 and one per iteration)", f"a list of {n} iterates")
        return None
    return verify


def _minimize() -> list[Check]:
    # minimize takes a number (its docstring says so): no call passes an array.
    mn = ref.minimize
    published = call("minimize", DF, 4, 0.01, 1e-5)
    stops = [call("minimize", g, x0, lr, 1e-6) for g, x0, lr in _random_parabolas("minimize", 4)]
    # The first step is exactly 0.5 = precision: "at most precision" stops there (< would not).
    stops.append(call("minimize", affine_grad(1, 0), 1.0, 0.5, 0.5))
    capped = [call("minimize", affine_grad(1, 0), 5.0, 1e-3, 1e-12, 25),
              call("minimize", affine_grad(1, 0), 5.0, 1e-3, 1e-12, max_iters=1),
              # Never within precision: only the default max_iters (10_000) ends it.
              call("minimize", affine_grad(1, 0), 5.0, 1e-3, 1e-12)]
    diverging = [call("minimize", DF, np.float64(4.0), 0.1, 1e-5),
                 call("minimize", affine_grad(2, 0), 1.0, 1.5, 1e-5)]
    return [
        Check("minimize", "published figure: minimize(df, 4, 0.01, 1e-5)", 1.5, [published],
              expects=[_x_and_steps(run_reference(mn, published))], shows=["minimize(df, 4, 0.01, 1e-5)"],
              states=("Runs gradient descent from x0 until it settles; returns the pair (x, steps).",)),
        Check("minimize", "stops after the first update no larger than precision, and counts it", 1.5, stops,
              expects=[_x_and_steps(run_reference(mn, c)) for c in stops],
              states=("The loop stops after the first update that moves x by at most precision: that update is "
                      "applied, and counted in steps.",)),
        Check("minimize", "stops after max_iters steps", 1.5, capped,
              expects=[_x_and_steps(run_reference(mn, c)) for c in capped],
              states=("It also stops once steps reaches max_iters",)),
        Check("minimize", "a diverging learning rate stops at the first non-finite x, counting that update",
              1.5, diverging, expects=[_diverged(run_reference(mn, c)) for c in diverging], note=_never_finite,
              states=("as soon as x is no longer finite (inf or nan), counting the update that made it so",)),
    ]


def _x_and_steps(result):
    x, steps = result
    return Tuple([like(x, FORMULA.rtol, FORMULA.atol), Number(steps, rtol=0, atol=0)], ("x", "steps"))


def _diverged(result):
    _, steps = result
    steps_expect = Number(steps, rtol=0, atol=0)
    return Tuple([NonFinite(), steps_expect], ("x", "steps"))


def _never_finite(outcomes, passed: bool) -> str:
    for o in [] if passed else outcomes:
        value = o.value
        if isinstance(value, (tuple, list)) and len(value) == 2 and value[1] in (10_000,):
            return ("Note: it ran all max_iters steps on a diverging run: once x is inf or nan, "
                    "stop (np.isfinite(x) tells), counting the update that got there.")
    return ""
