"""Seeded random inputs for the hidden tests.

Seeds come from the test's own name (CRC-32, not Python's salted ``hash``)
and, while a student's tests are being built (``drawn_for``), from that
student's key (``seeds.student_key``): every grader process builds exactly
the same calls and expected values for the same student, and each student
gets calls of their own.
"""

from __future__ import annotations

import contextlib
import contextvars
import zlib

import numpy as np

SHAPES = ((5,), (4, 1), (3, 4))   # 1-D, a column (m, 1), a matrix (m, n)


_student_key: contextvars.ContextVar[bytes | None] = contextvars.ContextVar("student_key", default=None)


@contextlib.contextmanager
def drawn_for(key: bytes | None):
    """Inputs drawn inside this block are the student's with this key (None: the default ones)."""
    token = _student_key.set(key)
    try:
        yield
    finally:
        _student_key.reset(token)


def rng_for(name: str) -> np.random.Generator:
    seed = zlib.crc32(name.encode("utf-8"))
    key = _student_key.get()
    if key is None:
        return np.random.default_rng(seed)
    return np.random.default_rng([seed, *np.frombuffer(key, dtype="<u4").tolist()])


def arrays(name: str, low: float, high: float, shapes=SHAPES) -> list[np.ndarray]:
    rng = rng_for(name)
    return [np.round(rng.uniform(low, high, shape), 4) for shape in shapes]


def scalars(name: str, low: float, high: float, n: int = 4) -> list[float]:
    rng = rng_for(name)
    return [float(v) for v in np.round(rng.uniform(low, high, n), 4)]


def labels(rng: np.random.Generator, m: int) -> np.ndarray:
    """A (m, 1) column of 0/1 labels with both classes present."""
    y = (rng.random((m, 1)) < 0.5).astype(float)
    y[0, 0], y[-1, 0] = 0.0, 1.0
    return y


def with_bias(rng: np.random.Generator, m: int, n: int, scale: float = 1.0) -> np.ndarray:
    """(m, n) inputs whose last column is the bias column of ones."""
    X = np.round(rng.uniform(-scale, scale, (m, n)), 4)
    X[:, -1] = 1.0
    return X
