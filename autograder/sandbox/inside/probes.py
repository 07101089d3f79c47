"""Callable arguments for student functions, built inside the sandbox.

A ``codec.Probe(name, params)`` in a call's arguments becomes
``FACTORIES[name](**params)`` in the child: trusted code that the student's
function calls (``gradient_descent(grad, ...)`` needs a ``grad``).  Add a
probe with ``@probe("name")``; a factory takes plain data and returns a
callable.  This module is loaded by path in the sandbox, so it imports
nothing from the ``autograder`` package.
"""

from __future__ import annotations

import numpy as np

FACTORIES = {}

# Bound now, while numpy is still pristine: a submission may replace
# numpy's functions, and a probe must keep computing the trusted values.
_asarray, _sum, _sin = np.asarray, np.sum, np.sin


def probe(name):
    def register(factory):
        FACTORIES[name] = factory
        return factory
    return register


def build(name: str, params: dict):
    try:
        factory = FACTORIES[name]
    except KeyError:
        raise ValueError(f"unknown probe {name!r}") from None
    return factory(**params)


@probe("poly")
def poly(coeffs):
    """x -> c0 + c1 x + c2 x^2 + ..., elementwise on arrays (Horner's rule)."""
    coeffs = [float(c) for c in coeffs]

    def p(x):
        x = _asarray(x, dtype=float) if isinstance(x, (list, tuple)) else x
        total = 0.0 * x
        for c in reversed(coeffs):
            total = total * x + c
        return total
    return p


@probe("affine_grad")
def affine_grad(a, b):
    """x -> a * (x - b): the gradient of a quadratic bowl centred on b."""
    a = _asarray(a, dtype=float) if isinstance(a, (list, tuple)) else float(a)
    b = _asarray(b, dtype=float) if isinstance(b, (list, tuple)) else float(b)

    def grad(x):
        return a * (x - b)
    return grad


@probe("smooth_cost")
def smooth_cost(weights):
    """theta -> sum(weights * sin(theta)) + 0.25 * sum(theta**4), a float."""
    weights = _asarray(weights, dtype=float)

    def cost(theta):
        theta = _asarray(theta, dtype=float)
        return float(_sum(weights * _sin(theta)) + 0.25 * _sum(theta ** 4))
    return cost
