"""A function that ran out of time gets a short leash when others call it.

Without this, one endless loop costs the time limit many times over: when
``neuron`` never returns, so do ``mse_gradient``, ``train_neuron`` and every
other function that calls it, and each is stopped only at its own limit.

So, in the process of every function run after a timeout, the module-level
names of the functions that timed out are bound to wrappers.  Calls through
them may spend ``seconds`` in all (an interval timer raises ``OutOfTime``
inside the callee when it runs out); after that, calling one raises
``OutOfTime`` at once.  A function that loops only on some inputs still
answers quickly on others, so its callers keep what they earn.

This runs inside the untrusted process and only saves time: a submission
that defeats it (by catching ``BaseException``, or taking SIGALRM) meets the
ordinary per-function limit, which the supervisor enforces from outside.
"""

from __future__ import annotations

import signal
import time

_setitimer, _signal, _perf_counter = signal.setitimer, signal.signal, time.perf_counter
_ITIMER_REAL, _SIGALRM = signal.ITIMER_REAL, signal.SIGALRM


class OutOfTime(BaseException):
    """Raised in a caller of a function that already ran past its limit.

    A ``BaseException``, so that the student's ``except Exception`` does not
    swallow it and carry on looping."""


class Leash:
    def __init__(self, seconds: float):
        self.left = seconds
        self.seconds = seconds
        self.depth = 0
        self.running = ""

    def message(self, name: str) -> str:
        return (f"{name} ran past the time limit in its own tests, so calls to it from here may take "
                f"{self.seconds:g} s in all, and they took longer")

    def _alarm(self, signum, frame):
        raise OutOfTime(self.message(self.running))

    def wrap(self, name: str, fn):
        # No functools.wraps: the submission may have replaced it.
        def leashed(*args, **kwargs):
            if self.left <= 0:
                raise OutOfTime(self.message(name))
            if self.depth:          # already inside a leashed call: its timer covers this one
                return fn(*args, **kwargs)
            self.depth, self.running = 1, name
            previous = _signal(_SIGALRM, self._alarm)
            start = _perf_counter()
            _setitimer(_ITIMER_REAL, self.left)
            try:
                return fn(*args, **kwargs)
            finally:
                _setitimer(_ITIMER_REAL, 0)
                _signal(_SIGALRM, previous)
                self.left -= _perf_counter() - start
                self.depth = 0
        return leashed


def install(namespaces: list[dict], spent: tuple[str, ...], seconds: float) -> None:
    """Rebind each spent function, in each namespace that holds it, to its leashed wrapper."""
    if not spent:
        return
    leash = Leash(seconds)
    wrapped = {}
    for namespace in namespaces:
        if type(namespace) is not dict:
            continue
        for name in spent:
            fn = namespace.get(name)
            if fn is None or not callable(fn):
                continue
            if id(fn) not in wrapped:
                wrapped[id(fn)] = leash.wrap(name, fn)
            namespace[name] = wrapped[id(fn)]
