"""Slow, pure results kept on disk between runs.

Three things cost most of the time it takes a grading process to get
ready, and none depends on any submission: the reference's answers on the
hidden tests' inputs (training runs among them), the gradients SymPy derives
and evaluates there, and what each known wrong implementation returns on
them (for naming a student's mistake).  Each worker process of every run
would compute them again; here they are computed once and read back after
that.

Entries live under a folder named by a hash of the grader's own source
(``autograder/checks``, the hidden tests, ``solutions``, the sandbox's probes and codec), so
any change to the tests, the reference or how values are built and stored
starts afresh.  Each entry is one JSON file written atomically,
encoded with the sandbox's codec (arrays bit for bit, numbers, tuples, SymPy
expressions): never pickled, so a damaged or foreign file costs a
recomputation and cannot run code.  A value the codec cannot represent is
simply not cached.

Values computed on one student's hidden inputs (``seeds``) are read from
here when they happen to be kept but never written (``kept_only``): a class
of a thousand would otherwise leave a thousand sets of files behind, and
those inputs are small and quick to answer again.  What is kept is bounded
by the course's fixed inputs.

The folder is ``$AUTOGRADER_CACHE``, else ``$XDG_CACHE_HOME/gd-autograder``,
else ``~/.cache/gd-autograder``; ``AUTOGRADER_CACHE=off`` turns caching off,
and a folder that cannot be written means no cache, not an error.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import json
from pathlib import Path

from autograder.course import CACHE_VARIABLE, cache_base
from autograder.results.record import write_atomic
from autograder.sandbox import codec

VARIABLE = CACHE_VARIABLE
REPOSITORY = Path(__file__).resolve().parents[2]
# The callables a plan passes (probes) are built by the same code on both
# sides, and every value is stored through the codec: both count as sources.
SOURCES = (REPOSITORY / "autograder" / "checks", REPOSITORY / "autograder" / "hidden_tests", REPOSITORY / "solutions",
           REPOSITORY / "autograder" / "sandbox" / "inside" / "probes.py",
           REPOSITORY / "autograder" / "sandbox" / "inside" / "codec.py")


@functools.cache
def version() -> str:
    """A hash of every source file the cached values are derived from."""
    digest = hashlib.sha256()
    for root in SOURCES:
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root] if root.exists() else []:
            digest.update(str(path.relative_to(REPOSITORY)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def folder() -> Path | None:
    base = cache_base()
    return base / version() if base is not None else None


_storing = contextvars.ContextVar("storing", default=True)


@contextlib.contextmanager
def kept_only(on: bool = True):
    """Inside this block (when ``on``), values are read back but new ones are not stored."""
    token = _storing.set(_storing.get() and not on)   # nested blocks only ever narrow it
    try:
        yield
    finally:
        _storing.reset(token)


def remembered(kind: str, key, compute):
    """``compute()``, or its value from an earlier run with the same ``kind`` and ``key``."""
    where = folder()
    text = key_text(key)
    if where is None or text is None:
        return compute()
    name = hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()
    path = where / kind / f"{name}.json"
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if json.dumps(stored.get("key"), allow_nan=False) == text:
            return codec.decode(stored["value"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    value = compute()
    if _storing.get():
        _store(path, text, value)
    return value


def key_text(key) -> str | None:
    """The key as JSON text, or None when the codec cannot carry it exactly
    (two different keys might then read the same)."""
    encoded = codec.encode(key)
    if _has_opaque(encoded):
        return None
    try:
        return json.dumps(encoded, allow_nan=False)
    except (TypeError, ValueError):
        return None


def _store(path: Path, key_text: str, value) -> None:
    encoded = codec.encode(value)
    if _has_opaque(encoded):
        return                   # the codec cannot carry it exactly: recompute next time
    try:
        text = f'{{"key": {key_text}, "value": {json.dumps(encoded, allow_nan=False)}}}'
        # A cache entry lost to a power cut is only computed again: no fsync.
        write_atomic(path, text.encode("utf-8"), mode=0o600, durable=False)
    except (OSError, ValueError):
        pass


def _has_opaque(data) -> bool:
    if isinstance(data, dict):
        return "__opaque__" in data or any(_has_opaque(v) for v in data.values())
    if isinstance(data, list):
        return any(_has_opaque(v) for v in data)
    return False


def cached(kind: str):
    """Decorator: remember a pure function of plain data (arrays, numbers, strings) on disk."""
    def decorate(fn):
        @functools.wraps(fn)
        def wrapper(*args):
            return remembered(f"{kind}.{fn.__name__}", list(args), lambda: fn(*args))
        wrapper.uncached = fn
        return wrapper
    return decorate
