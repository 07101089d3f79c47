"""Results kept on disk come back exactly, and a bad cache costs only a recomputation."""

from __future__ import annotations

import json

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from autograder.checks import disk_cache


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


class Counted:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def entries(cache):
    return sorted(cache.rglob("*.json"))


def test_a_value_is_computed_once_then_read_back_exactly(cache):
    x = sympy.Symbol("x")
    value = (np.arange(6.0).reshape(2, 3) / 7, [0.1, float("inf"), -0.0], sympy.exp(-x) / (1 + sympy.exp(-x)) ** 2)
    compute = Counted(value)
    first = disk_cache.remembered("test", ["k", 1], compute)
    again = disk_cache.remembered("test", ["k", 1], compute)
    assert compute.calls == 1 and len(entries(cache)) == 1
    assert again[0].tobytes() == value[0].tobytes() and again[0].shape == (2, 3)
    assert again[1] == [0.1, float("inf"), -0.0] and str(again[1][2]) == "-0.0"
    assert sympy.simplify(again[2] - value[2]) == 0
    assert first is value                         # the first call returns what was computed


def test_other_keys_and_kinds_are_other_entries(cache):
    compute = Counted(1.5)
    for kind, key in (("a", [1]), ("a", [2]), ("b", [1]), ("a", [np.zeros(2)]), ("a", [np.zeros(3)])):
        disk_cache.remembered(kind, key, compute)
    assert compute.calls == 5 and len(entries(cache)) == 5


def test_a_damaged_or_foreign_entry_is_recomputed_and_replaced(cache):
    disk_cache.remembered("test", ["k"], Counted([1, 2]))
    (path,) = entries(cache)
    for damage in ("{not json", json.dumps({"key": "another key", "value": 5}), json.dumps([1, 2]),
                   json.dumps({"key": ["k"], "value": {"__sympy__": ["os.system", []]}})):
        path.write_text(damage)
        compute = Counted([3, 4])
        assert disk_cache.remembered("test", ["k"], compute) == [3, 4]
        assert compute.calls == 1
    assert disk_cache.remembered("test", ["k"], Counted(None)) == [3, 4]


def test_values_the_codec_cannot_carry_are_not_cached(cache):
    compute = Counted([object()])
    disk_cache.remembered("test", ["k"], compute)
    disk_cache.remembered("test", ["k"], compute)
    assert compute.calls == 2 and entries(cache) == []


def test_off_and_unwritable_folders_mean_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.VARIABLE, "off")
    compute = Counted(2.0)
    disk_cache.remembered("test", ["k"], compute)
    disk_cache.remembered("test", ["k"], compute)
    assert compute.calls == 2
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(disk_cache.VARIABLE, str(blocker / "cache"))
    assert disk_cache.remembered("test", ["k"], compute) == 2.0 and compute.calls == 3


def test_the_version_changes_with_the_source(tmp_path, monkeypatch):
    source = tmp_path / "checks"
    source.mkdir()
    (source / "one.py").write_text("A = 1\n")
    single = tmp_path / "probes.py"
    single.write_text("B = 1\n")
    monkeypatch.setattr(disk_cache, "REPOSITORY", tmp_path)
    monkeypatch.setattr(disk_cache, "SOURCES", (source, single))
    disk_cache.version.cache_clear()
    try:
        versions = [disk_cache.version()]
        for path, text in ((source / "one.py", "A = 2\n"), (single, "B = 2\n")):
            path.write_text(text)
            disk_cache.version.cache_clear()
            versions.append(disk_cache.version())
        assert len(set(versions)) == 3                  # a folder's file and a single file both count
    finally:
        disk_cache.version.cache_clear()


def test_the_real_sources_all_exist():
    assert all(path.exists() for path in disk_cache.SOURCES)


@settings(max_examples=60, deadline=None)
@given(array=hnp.arrays(dtype=st.sampled_from([np.float64, np.float32, np.int64, np.bool_]),
                        shape=hnp.array_shapes(min_dims=0, max_dims=3, max_side=4)))
def test_arrays_come_back_bit_for_bit(tmp_path_factory, array):
    cache = tmp_path_factory.mktemp("cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(disk_cache.VARIABLE, str(cache))
        disk_cache.remembered("test", [array], lambda: array)
        back = disk_cache.remembered("test", [array], lambda: pytest.fail("recomputed"))
    assert back.dtype == array.dtype and back.shape == array.shape and back.tobytes() == array.tobytes()


def test_the_decorator_caches_sympy_gradients_by_their_arguments(cache):
    from autograder.checks import sympy_gradients as sg

    X, y, w = np.array([[0.5, 1.0], [2.0, 1.0]]), np.array([[1.0], [0.0]]), np.array([[0.3], [-0.2]])
    first = sg.neuron_gradient("mse", X, y, w)
    assert len(entries(cache)) == 1
    assert sg.neuron_gradient("mse", X, y, w).tobytes() == first.tobytes()
    assert np.array_equal(first, sg.neuron_gradient.uncached("mse", X, y, w))
    sg.neuron_gradient("cross_entropy", X, y, w)
    assert len(entries(cache)) == 2
