"""How close a returned number must be, written down once with the reason.

A tolerance must accept every correct implementation: loops or vectorised
code, ``np.matrix`` or arrays, sums in any order, ``math`` or NumPy
scalars, and the guards against ``log(0)`` that the cross-entropy's
docstring allows.  Each constant says which correct variation sets its
width; tests/checks/test_checks_correct_variants.py generates those
variations and proves that they pass, and the mutation report proves that
the widths still reject every wrong formula.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float
    why: str


PUBLISHED = Tolerance(1e-12, 1e-12, "a published figure: the same arithmetic in any correct order agrees to a "
                                    "few units in the last place, far inside 1e-12")
FORMULA = Tolerance(1e-9, 1e-9, "a closed formula evaluated once: x**3 against x*x*x, or a factored form, "
                                "differ by rounding only (about 1e-15 relative)")
COST = Tolerance(1e-7, 1e-9, "an epsilon of up to 1e-10 inside the logs shifts a term by eps / y_hat, at most "
                             "about 4e-8 on graded inputs (y_hat >= sigmoid(-6)); the 1e-9 absolute part is the "
                             "docstring's promise at saturated, agreeing examples")
GRADIENT = Tolerance(1e-7, 1e-12, "sums over examples in any order, np.matrix products and per-example loops "
                                  "agree to about 1e-14 relative; 1e-7 leaves room for the epsilon a cost may "
                                  "carry, and a dropped or doubled factor is off by 50% or more")
TRAINING = Tolerance(1e-7, 1e-10, "thousands of updates compound each step's rounding: correct codes end within "
                                  "about 1e-10 relative of each other on the graded runs")
DIFFERENCE = Tolerance(1e-8, 1e-9, "a central difference divides a rounding error of about 1e-16 by 2h: "
                                   "(f(x+h) - f(x-h)) / (2h) and f(x+h) / (2h) - f(x-h) / (2h) differ by 1e-11")
