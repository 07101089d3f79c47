"""Hidden tests of problem set 2 (module ``gradient_descent``).

The gradients handed to the student's loops are probes (a polynomial, or
``a * (x - b)``), never the student's own ``df``/``dparabola``, so these
exercises are graded independently of problem set 1.  ``dparabola`` is
``affine_grad(2, 3)`` and ``df`` is ``poly(0, 0, -9, 4)``.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder.checks.callables import affine_grad, poly
from autograder.checks.compare import NonFinite, Number, Tuple, like
from autograder.checks.expect import Wrong, answer, expect, fail, inputs_unchanged, note, planning, reference
from autograder.checks.inputs import rng_for
from autograder.checks.show import describe_type
from autograder.checks.tolerances import FORMULA, PUBLISHED
from solutions import gradient_descent as ref

points, states = pytest.mark.points, pytest.mark.states

# Neither exercise function calls the other.
USES: dict[str, tuple[str, ...]] = {}

DPARABOLA = affine_grad(2, 3)
DF = poly(0, 0, -9, 4)
STEP = "Each step moves x against the gradient: x_new = x - learning_rate * grad(x)."
IN_PLACE = ("Write x = x - learning_rate * grad(x), which makes a new array; x -= ... changes the "
            "caller's x0 itself (and, in a list, every entry that is that same array).")


def random_parabolas(name: str, n: int):
    """(gradient, x0, learning_rate) triples on parabolas that a small enough rate descends."""
    rng = rng_for(name)
    for _ in range(n):
        a, b = np.round(rng.uniform(0.5, 4), 3), np.round(rng.uniform(-5, 5), 3)
        x0, lr = float(np.round(rng.uniform(-5, 5), 3)), float(np.round(rng.uniform(0.01, 0.4), 3))
        yield affine_grad(a, b), x0, lr


# ---------------------------------------------------------------- gradient_descent

@points(1)
@states(STEP)
def test_gradient_descent_published_figure(student):
    """published figure: gradient_descent(dparabola, 1, 0.05, 25)"""
    expect(student.gradient_descent(DPARABOLA, 1, 0.05, 25), reference(ref.gradient_descent), tol=PUBLISHED,
           what="iterates", shown="gradient_descent(dparabola, 1, 0.05, 25)")


@points(0.5)
@states("Returns a Python list of max_iters + 1 values: x0 first, then x after each step.")
def test_gradient_descent_returns_a_list(student):
    """returns a Python list [x0, x1, ..., x_max_iters]"""
    for x0, max_iters in ((2.0, 3), (1.5, 0)):
        got = student.gradient_descent(affine_grad(1, 0), x0, 0.1, max_iters)
        if planning():
            continue
        n = max_iters + 1
        if not isinstance(got, list):
            advice = "; start with xs = [x0] and append each new x" if isinstance(got, (tuple, np.ndarray)) else ""
            fail(got, f"it returned {describe_type(got)}, expected a Python list{advice}", f"a list of {n} iterates")
        if len(got) != n:
            fail(got, f"the list has {len(got)} entries, expected max_iters + 1 = {n} "
                      "(x0 and one per iteration)", f"a list of {n} iterates")


@points(1)
@states(STEP)
def test_gradient_descent_random_parabolas(student):
    """random parabolas, scalar x0"""
    for (grad, x0, lr), max_iters in zip(random_parabolas("gradient_descent", 4), (5, 12, 30, 1)):
        expect(student.gradient_descent(grad, x0, lr, max_iters), reference(ref.gradient_descent),
               what="iterates")


@points(1)
@states("with an ndarray every entry moves at once and each iterate is an array of that shape")
def test_gradient_descent_ndarray_x0(student):
    """ndarray x0 (1-D and a column)"""
    for grad, x0, lr, max_iters in ((affine_grad(1.5, 2), np.array([0.0, 1.0, -3.0]), 0.1, 6),
                                    (affine_grad(0.8, -1), np.array([[2.0], [4.5]]), 0.3, 4)):
        expect(student.gradient_descent(grad, x0, lr, max_iters), reference(ref.gradient_descent),
               what="iterates")


@points(0.5)
@states("An ndarray x0 must be left unchanged by the call.")
def test_gradient_descent_leaves_x0_unchanged(student):
    """leaves x0 unchanged"""
    inputs_unchanged(student, "gradient_descent", advice=IN_PLACE)


# ---------------------------------------------------------------- minimize
# minimize takes a number (its docstring says so): no call passes an array.

def x_and_steps(result):
    x, steps = result
    return Tuple([like(x, FORMULA.rtol, FORMULA.atol), Number(steps, rtol=0, atol=0)], ("x", "steps"))


def diverged(result):
    _, steps = result
    return Tuple([NonFinite(), Number(steps, rtol=0, atol=0)], ("x", "steps"))


def ran_to_the_default_cap(returned) -> bool:
    """Whether a diverging run went on for all of the default max_iters; an odd value says nothing."""
    try:
        return any(isinstance(value, (tuple, list)) and len(value) == 2 and value[1] in (10_000,)
                   for value in returned)
    except Exception:
        return False


@points(1.5)
@states("Runs gradient descent from x0 until it settles; returns the pair (x, steps).")
def test_minimize_published_figure(student):
    """published figure: minimize(df, 4, 0.01, 1e-5)"""
    expect(student.minimize(DF, 4, 0.01, 1e-5), x_and_steps(answer(ref.minimize, DF, 4, 0.01, 1e-5)),
           shown="minimize(df, 4, 0.01, 1e-5)")


@points(1.5)
@states("The loop stops after the first update that moves x by at most precision: that update is applied, "
        "and counted in steps.")
def test_minimize_stops_at_precision(student):
    """stops after the first update no larger than precision, and counts it"""
    runs = [(grad, x0, lr, 1e-6) for grad, x0, lr in random_parabolas("minimize", 4)]
    # The first step is exactly 0.5 = precision: "at most precision" stops there (< would not).
    runs.append((affine_grad(1, 0), 1.0, 0.5, 0.5))
    for args in runs:
        expect(student.minimize(*args), x_and_steps(answer(ref.minimize, *args)))


@points(1.5)
@states("It also stops once steps reaches max_iters")
def test_minimize_stops_after_max_iters(student):
    """stops after max_iters steps"""
    # Never within precision: only max_iters ends these runs (the default, 10_000, in the last).
    for args, kwargs in (((affine_grad(1, 0), 5.0, 1e-3, 1e-12, 25), {}),
                         ((affine_grad(1, 0), 5.0, 1e-3, 1e-12), {"max_iters": 1}),
                         ((affine_grad(1, 0), 5.0, 1e-3, 1e-12), {})):
        expect(student.minimize(*args, **kwargs), x_and_steps(answer(ref.minimize, *args, **kwargs)))


@points(1.5)
@states("as soon as x is no longer finite (inf or nan), counting the update that made it so")
def test_minimize_diverging_learning_rate(student):
    """a diverging learning rate stops at the first non-finite x, counting that update"""
    # The advice below looks at every run, so a wrong run must not end the test before the others returned.
    returned, wrong = [], []
    for args in ((DF, np.float64(4.0), 0.1, 1e-5), (affine_grad(2, 0), 1.0, 1.5, 1e-5)):
        got = student.minimize(*args)
        returned.append(got)
        try:
            expect(got, diverged(answer(ref.minimize, *args)))
        except Wrong as error:
            wrong.append(error)
    if wrong:
        if ran_to_the_default_cap(returned):
            note("Note: it ran all max_iters steps on a diverging run: once x is inf or nan, "
                 "stop (np.isfinite(x) tells), counting the update that got there.")
        raise wrong[0]
