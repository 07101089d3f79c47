"""Mutants left out of the kill figure, each with its one-line reason.

Nearly all compute what the reference computes, so no test can kill them.
The exceptions change a default that the student stub's signature already
gives (``trask_errors``'s ``steps`` and ``report_every``): only a run of
10,000 to 60,000 training steps tells them apart, a second or more of every
submission's grading, so the hidden tests pass those arguments explicitly.

Each key is a mutant's ``key`` (``module.function: before -> after``).  A
mutant that survives and is not listed here is a gap in the hidden tests:
add a test, not an entry.
"""

_CONSTANT_TERM = "f's constant term differentiates to 0: SymPy returns the same derivative"
_BINARY_LABELS = ("labels are 0 or 1 throughout the course; where y == 1 the term is masked, and where "
                  "y == 0 the factor is 1 either way")

_STUB_DEFAULT = ("not equivalent: a default the stub's signature gives; only 10,000 or more training steps "
                 "per submission would tell it apart, so the hidden tests pass it explicitly")

EQUIVALENT: dict[str, str] = {
    "derivatives.f_prime_expr: x**4 - 3 * x**3 + 2 -> (x ** 4 - 3 * x ** 3 - 2)": _CONSTANT_TERM,
    "derivatives.f_prime_expr: x**4 - 3 * x**3 + 2 -> (x ** 4 - 3 * x ** 3)": _CONSTANT_TERM,
    "derivatives.f_prime_expr: 2 -> 3": _CONSTANT_TERM,
    "derivatives.f_prime_expr: 2 -> 1": _CONSTANT_TERM,
    "cost_functions.cross_entropy: 1 - y -> (1 + y)": _BINARY_LABELS,
    "cost_functions.cross_entropy: 1 - y -> 1": _BINARY_LABELS,
    "backprop.trask_errors: 60_000 -> 59999":
        "the last report is at step 50,000 either way, so 59,999 steps give the same six errors",
    "backprop.trask_errors: 60_000 -> 60001": _STUB_DEFAULT,
    "backprop.trask_errors: 10_000 -> 10001": _STUB_DEFAULT,
    "backprop.trask_errors: 10_000 -> 9999": _STUB_DEFAULT,
}
