"""Callable arguments on the trusted side.

A plan passes callables to student code as ``codec.Probe`` (a factory name
and plain parameters); the sandbox builds the callable from
``autograder/sandbox/probes.py``.  To compute expected values (and to run a
known mistake on the same inputs) the grader builds the very same callable
here, from the same factories, so both sides evaluate identical arithmetic.
"""

from __future__ import annotations

import copy

from autograder.sandbox import probes
from autograder.sandbox.codec import Probe


def build(probe: Probe):
    return probes.build(probe.name, probe.params)


def materialize(value):
    """A deep copy of call arguments with every Probe replaced by its callable."""
    if isinstance(value, Probe):
        return build(value)
    if isinstance(value, list):
        return [materialize(v) for v in value]
    if isinstance(value, tuple):
        return tuple(materialize(v) for v in value)
    if isinstance(value, dict):
        return {k: materialize(v) for k, v in value.items()}
    return copy.deepcopy(value)


def poly(*coeffs) -> Probe:
    """x -> sum(c_k x**k)."""
    return Probe("poly", {"coeffs": [float(c) for c in coeffs]})


def affine_grad(a, b) -> Probe:
    """x -> a * (x - b): the gradient of a parabola with its minimum at b."""
    return Probe("affine_grad", {"a": float(a), "b": float(b)})


def smooth_cost(weights) -> Probe:
    """theta -> sum(weights * sin(theta)) + 0.25 * sum(theta**4)."""
    return Probe("smooth_cost", {"weights": weights})
