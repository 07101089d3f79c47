"""Inside the per-function process: run one function's calls in plan order.

Each call gets freshly decoded arguments (so one call cannot spoil the next
one's inputs), runs with warnings recorded rather than raised, and its
outcome is sent at once, so a later timeout or crash keeps what came before.
"""

from __future__ import annotations

import json
import mmap
import os
import time
import types
import warnings

import numpy as np

from . import capture, codec, frames, landlock, leash, limits, loader, messages, pristine, probes

MAX_VALUE_BYTES = 8 * 1024 * 1024
MAX_WARNINGS = 20
# Released when a call runs out of memory, so that reporting it can still
# allocate.  An untouched anonymous mapping costs address space, not memory.
_RESERVE = mmap.mmap(-1, 16 * 1024 * 1024)

_exit = os._exit
_setpgid = os.setpgid
_perf_counter = time.perf_counter
_ndarray = np.ndarray
_dumps = json.dumps
_catch_warnings = warnings.catch_warnings
_simplefilter = warnings.simplefilter
_function = types.FunctionType


def run_function(fn, name: str, calls: list, fd: int, output_file: str, settings: dict, files,
                 confinement=None, student_state=None, spent=(), namespace=None) -> None:
    """Run the calls and exit the process; never returns.

    Runs with the original modules (see ``pristine``) except during each
    call, which sees ``student_state``, the modules as the program left them.
    ``confinement`` is (ruleset fd, read, write) when Landlock is in force: a nested
    domain then keeps this process from signalling or tracing the process
    that loaded the program (and so from stopping it to escape a deadline).
    ``spent`` names the functions that already ran out of time: calls to them
    through ``namespace`` (the main module's) are put on a leash (``leash``).
    """
    state = [student_state or pristine.snapshot()]
    try:
        _setpgid(0, 0)
        if confinement is not None:
            ruleset, read, write = confinement
            try:
                landlock.enforce(ruleset)
            except OSError:  # the program closed or replaced the ruleset's descriptor
                landlock.restrict(read, write)
        limits.set_cpu(settings["seconds_per_function"] + 1)
        leash.install([namespace, fn.__globals__ if type(fn) is _function else None], spent,
                      settings["seconds_after_timeout"])
        capture.redirect_fds(output_file)
        buffer = capture.install(settings["output_bytes"])
        status, detail = "ok", ""
        for index, call in enumerate(calls):
            outcome, stop = run_call(fn, call, files, state)
            frames.send(fd, {"t": messages.CALL, "function": name, "index": index, "outcome": outcome})
            if stop:
                status, detail = stop
                break
        output = capture.collect(buffer, output_file, settings["output_bytes"])
        frames.send(fd, {"t": messages.FINISHED, "function": name, "status": status, "detail": detail, "output": output})
    except BaseException as exc:
        # Only a sabotaged harness gets here; say so rather than just dying.
        try:
            detail = f"the sandbox could not run this function ({loader.describe(exc, 300)})"
            frames.send(fd, {"t": messages.FINISHED, "function": name, "status": "crashed", "detail": detail,
                             "output": ""})
        finally:
            _exit(71)
    _exit(0)


def run_call(fn, call: dict, files, state: list) -> tuple[dict, tuple | None]:
    """One call -> (outcome as plain data, (status, detail) if the function must stop).

    ``state[0]`` holds the program's module state; it is updated with
    whatever the call changed, for the next call.
    """
    outcome = {"status": "ok", "value": None, "error": "", "mutated": [], "warnings": [], "seconds": 0.0}
    try:
        args = _with_probes(codec.decode(call["args"]))
        kwargs = _with_probes(codec.decode(call["kwargs"]))
    except Exception as exc:
        outcome.update(status="error", error=f"the arguments could not be prepared: {loader.describe(exc)}")
        return outcome, None
    watched = _arrays(fn, args, kwargs)
    failure = None
    with _catch_warnings(record=True) as caught:
        _simplefilter("always")
        start = _perf_counter()
        pristine.restore(state[0])
        try:
            value = fn(*args, **kwargs)
        except BaseException as exc:  # everything, SystemExit and KeyboardInterrupt included
            failure = exc
        outcome["seconds"] = _perf_counter() - start
        if isinstance(failure, MemoryError):
            _RESERVE.close()  # headroom for the bookkeeping below
        try:
            state[0] = pristine.snapshot()
        except MemoryError:
            pass  # keep the state from before the call
        pristine.restore(pristine.ORIGINAL)
    stop = None
    if failure is None:
        outcome["value"] = _encode_value(value)
    elif isinstance(failure, NotImplementedError):
        outcome.update(status="not_implemented", error=_error(failure, files))
    elif isinstance(failure, MemoryError):
        outcome.update(status="error", error=_error(failure, files))
        stop = ("memory", "ran out of memory (MemoryError)")
    elif isinstance(failure, SystemExit):
        outcome.update(status="error", error="SystemExit")
        stop = ("crashed", _exit_reason(failure))
    else:
        outcome.update(status="error", error=_error(failure, files))
    failure = None  # frees what the traceback held on to
    outcome["warnings"] = _warnings(caught)
    outcome["mutated"] = [label for label, array, before in watched if _changed(array, before)]
    return outcome, stop


def _with_probes(value):
    """Replace every codec.Probe by the callable it names."""
    t = type(value)
    if t is codec.Probe:
        return probes.build(value.name, value.params)
    if t is list:
        return [_with_probes(v) for v in value]
    if t is tuple:
        return tuple(_with_probes(v) for v in value)
    if t is dict:
        return {k: _with_probes(v) for k, v in value.items()}
    return value


def _arrays(fn, args, kwargs) -> list:
    """(label, array, private copy) for each array argument; label is the parameter name if known."""
    try:
        code = fn.__code__
        names = code.co_varnames[:code.co_argcount]
        if type(names) is not tuple:
            names = ()
    except Exception:  # a builtin, a callable object, a hostile descriptor
        names = ()
    watched = []
    for i, a in enumerate(args):
        if isinstance(a, _ndarray):
            label = names[i] if i < len(names) and type(names[i]) is str else str(i)
            watched.append((label, a, (a.shape, a.dtype.str, a.tobytes())))
    for k, a in kwargs.items():
        if isinstance(a, _ndarray):
            watched.append((str(k), a, (a.shape, a.dtype.str, a.tobytes())))
    return watched


def _changed(array, before) -> bool:
    try:
        return (array.shape, array.dtype.str, array.tobytes()) != before
    except Exception:
        return True


def _encode_value(value):
    encoded = codec.encode(value)
    try:
        size = len(_dumps(encoded, allow_nan=False))
    except Exception as exc:
        return {"__opaque__": codec._safe_type(value), "text": f"could not be sent: {type(exc).__name__}"}
    if size > MAX_VALUE_BYTES:
        return {"__opaque__": codec._safe_type(value), "text": f"too large to send ({size} bytes encoded)"}
    return encoded


def _error(exc, files) -> str:
    text = loader.describe(exc)
    found = loader.student_line(exc, files)
    if found:
        path, line = found
        text += f" (line {line})" if path == files[0] else f" ({path.rsplit('/', 1)[-1]}, line {line})"
    return text


def _exit_reason(exc: SystemExit) -> str:
    code = exc.code
    if code is None:
        code = 0
    if type(code) is int:
        return f"exited with status {code} (sys.exit)"
    return f"exited with status 1 (sys.exit({loader.describe(exc).partition(': ')[2][:200]!r}))"


def _warnings(caught) -> list[str]:
    seen = []
    for w in caught:
        try:
            text = f"{w.category.__name__}: {w.message}"[:300]
        except Exception:
            text = "a warning that could not be read"
        if text not in seen:
            seen.append(text)
        if len(seen) >= MAX_WARNINGS:
            break
    return seen
