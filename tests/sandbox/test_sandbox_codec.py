"""Values survive the trip across the boundary, and nothing else does."""

from __future__ import annotations

import json
import math

import numpy as np
import sympy
from hypothesis import HealthCheck, given, settings, strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from autograder.sandbox import codec
from autograder.sandbox.boundary import load
from autograder.sandbox.protocol import Call, SandboxReport
from autograder.sandbox.sandbox import _report

frames = load("frames")


def _trip(value):
    return codec.decode(json.loads(json.dumps(codec.encode(value), allow_nan=False)))


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()
    if isinstance(a, float):
        return (math.isnan(a) and math.isnan(b)) or a == b
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return a == b


DTYPES = st.sampled_from(["bool", "int8", "int16", "int32", "int64", "uint8", "uint64", "float16",
                          "float32", "float64", ">f8", "<i4", "complex64", "complex128"])


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(DTYPES.flatmap(lambda d: arrays(np.dtype(d), array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5))))
def test_arrays_keep_dtype_shape_and_every_bit(array):
    back = _trip(array)
    assert _same(array, back)


@given(DTYPES.flatmap(lambda d: arrays(np.dtype(d), ())))
def test_numpy_scalars_stay_numpy_scalars(array):
    scalar = array[()]
    back = _trip(scalar)
    assert type(back) is type(scalar)
    assert np.asarray(back).tobytes() == np.asarray(scalar).tobytes()


PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5) | st.integers(), inner, max_size=3),
    max_leaves=20)


@given(PLAIN)
def test_nested_plain_data_round_trips(value):
    assert _same(value, _trip(value))


x, z = sympy.symbols("x z")
ATOMS = st.sampled_from([x, z, sympy.Integer(0), sympy.Integer(-3), sympy.Rational(9, 4), sympy.pi, sympy.E,
                         sympy.Float("2.5"), sympy.Float(-0.513375297917794123), sympy.Integer(10) ** 3])
# Functions only of atoms, and no huge integers: exp(10**30) next to a Float
# makes SymPy evaluate it to full precision while the example is being built.
LEAVES = ATOMS | st.tuples(st.sampled_from([sympy.sin, sympy.exp, sympy.log, sympy.tanh, sympy.sqrt,
                                            lambda e: 1 / (1 + sympy.exp(-e))]), ATOMS).map(lambda p: p[0](p[1]))
EXPRESSIONS = st.recursive(LEAVES, lambda inner: st.one_of(
    st.tuples(inner, inner).map(lambda p: p[0] + p[1]),
    st.tuples(inner, inner).map(lambda p: p[0] * p[1]),
    st.tuples(inner, st.integers(-3, 3)).map(lambda p: p[0] ** p[1]),
), max_leaves=6)


@settings(max_examples=100, deadline=None)
@given(EXPRESSIONS)
def test_sympy_expressions_are_rebuilt_exactly(expr):
    back = _trip(expr)
    assert sympy.srepr(back) == sympy.srepr(expr)


def test_sympy_lists_of_exact_numbers_stay_exact():
    back = _trip([sympy.Integer(0), sympy.Rational(9, 4)])
    assert back == [0, sympy.Rational(9, 4)] and isinstance(back[1], sympy.Rational)


def test_unknown_objects_become_opaque_descriptions():
    class Thing:
        def __repr__(self):
            return "thing"
    back = _trip(Thing())
    assert isinstance(back, codec.Opaque) and back.text == "thing"


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["t", "status", "value", "calls", "functions", "f", "__ndarray__", "__sympy__",
                         "dtype", "shape", "__tuple__", "__opaque__", "error", "seconds"]) | st.text(max_size=4),
        inner, max_size=5),
    max_leaves=25)


@settings(max_examples=200)
@given(JSON)
def test_any_report_shape_decodes_to_a_report_without_raising(data):
    data = data if isinstance(data, dict) else {"functions": data}
    report = _report(data, {"f": [Call("f")]})
    assert isinstance(report, SandboxReport)
    assert set(report.functions) == {"f"}
    assert all(isinstance(e, str) for e in report.load_errors)


@given(st.lists(JSON, max_size=5), st.lists(st.integers(1, 50), max_size=20))
def test_frames_arrive_whole_however_the_bytes_are_split(messages, cuts):
    import os
    read_fd, write_fd = os.pipe()
    try:
        for m in messages:
            frames.send(write_fd, m)
        os.close(write_fd)
        data = b""
        while chunk := os.read(read_fd, 1 << 16):
            data += chunk
    finally:
        os.close(read_fd)
    reader, got, at = frames.Reader(), [], 0
    for cut in cuts + [len(data)]:
        got += reader.feed(data[at:at + cut])
        at += cut
    got += reader.feed(data[at:])
    assert got == messages and reader.pending == 0
