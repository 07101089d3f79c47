"""The per-submission process, forked from the zygote.

It confines itself (session, rlimits, capabilities, Landlock or the audit
fallback, import blocker), writes the student's modules into its scratch
directory, loads the main module statement by statement, then forks one
process per exercise function (copy-on-write: the loaded program is shared)
and waits for each under the per-function limit.  Everything it learns goes
to the zygote as messages on one pipe.  The zygote does not trust these
messages to arrive: it keeps its own deadlines and kills from outside.
"""

from __future__ import annotations

import difflib
import gc
import os
import re
import select
import signal
import sys
import time
import types

from . import account, calls, capture, cleanup, frames, guard, landlock, limits, loader, messages, pristine, standins

# Taken before any student code runs: a submission may replace the os functions.
_fork, _exit, _waitpid, _kill, _killpg = os.fork, os._exit, os.waitpid, os.kill, os.killpg
_pidfd_open = getattr(os, "pidfd_open", None)
_monotonic, _sleep = time.monotonic, time.sleep
_getpid = os.getpid
_poll = select.poll
_close = os.close
_freeze = gc.freeze
_WNOHANG, _POLLIN, _SIGXCPU = os.WNOHANG, select.POLLIN, signal.SIGXCPU
_WIFSIGNALED, _WTERMSIG, _WEXITSTATUS = os.WIFSIGNALED, os.WTERMSIG, os.WEXITSTATUS

MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
ENVIRONMENT = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "MPLBACKEND": "Agg",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def main(request: dict, fd: int, scratch: str, config: dict) -> None:
    """Run one submission; never returns."""
    try:
        _run(request, fd, scratch, config)
    except BaseException:
        _exit(70)
    _exit(0)


def _run(request, fd, scratch, config):
    settings = request["limits"]
    os.setsid()
    capture.redirect_fds(os.path.join(scratch, ".output-load"))
    relay = config.get("relay")
    asks = relay.theirs if relay is not None else None
    for low, high in _ranges_between(3, 1 << 16, {fd, asks} - {None}):
        os.closerange(low, high)
    os.chdir(scratch)
    os.environ.clear()
    os.environ.update(ENVIRONMENT, HOME=scratch, TMPDIR=scratch, MPLCONFIGDIR=scratch)
    cleanup.become_subreaper()
    limits.apply(settings["memory_mb"],
                 max(settings["seconds_to_load"], settings["seconds_per_function"]) + 2,
                 settings["recursion"])
    guard.block_imports()
    sys.path[:] = [scratch] + [p for p in sys.path if p and os.path.isabs(p)]
    sys.path_importer_cache.clear()
    isolation, confinement = _confine(scratch, config)
    frames.send(fd, {"t": messages.CONFINED, "isolation": isolation})

    program = request["program"]
    main_name = program["main"]
    files = _write_modules(program["modules"], scratch, main_name)
    load_output = os.path.join(scratch, ".output-load")
    buffer = capture.install(settings["output_bytes"])
    spec = request.get("standins")
    standins.install(spec, asks, sys.modules)
    global _credit
    _credit = standins.child_credit(relay)
    namespace, load_errors, stopped = _load(program, main_name, files, settings)
    # From here on the harness works with the original modules; each
    # function's calls get the program's versions back (see ``pristine``).
    # Whatever else the program replaced, the harness uses references
    # taken before it ran.
    student_state = pristine.snapshot()
    pristine.restore(pristine.ORIGINAL)
    # What exists now is shared by every function's process; the collector
    # must not touch it there, or copy-on-write would copy it all.
    _freeze()
    defined = [k for k in list(namespace) if type(k) is str and not k.startswith("__")]
    standins.fill(spec, namespace)
    output = capture.collect(buffer, load_output, settings["output_bytes"])
    frames.send(fd, {"t": messages.LOADED, "errors": load_errors, "defined": defined, "stopped": stopped,
                     "output": output})
    if stopped:
        return
    spent = []   # functions that ran past their limit: later ones get a leash on them
    for number, (name, plan) in enumerate(request["plan"]):
        if _run_function(namespace, name, plan, defined, fd, scratch, number, settings, files,
                         (confinement, student_state, tuple(spent)), spec):
            spent.append(name)
    frames.send(fd, {"t": messages.DONE})


def _confine(scratch, config) -> tuple[str, tuple | None]:
    """Returns the isolation's name, and what ``calls`` needs to nest it per function.

    The layers are the grader's choice (``autograder/sandbox/isolation.py``),
    sent in the zygote's configuration: network namespace and account switch
    while still root, then capabilities dropped, then Landlock or the audit
    hook."""
    read, write = config["read"], [scratch] + config["write"]
    wanted = config["layers"]
    done = []
    offline = wanted["netns"] and landlock.leave_network()
    user = config.get("user") if wanted["user"] else None
    if user:
        account.become(user["uid"], user["gid"], scratch)
        done.append(f"user {user['name']}")
    try:
        landlock.drop_privileges()
    except OSError:
        pass
    if offline:
        done.append("no network")
    confinement, layer = None, ""
    if wanted["landlock"]:
        try:
            abi = landlock.abi_version()
            if wanted["landlock"] is not True:  # an older kernel's feature set, for testing
                abi = min(abi, int(wanted["landlock"]))
            abi, ruleset = landlock.restrict(read, write, abi)
            if abi < 6:  # no signal scoping in the kernel: keep signals in check from Python at least
                guard.install_audit_guard(read, write, only_signals=True)
                done.append("signals guarded by an audit hook")
            layer, confinement = f"landlock (ABI {abi})", (ruleset, read, write)
        except OSError:
            pass
    if not layer and wanted["audit"]:
        guard.install_audit_guard(read, write)
        layer = "audit-hook"
    return ", ".join([layer] + done if layer else done) or "none", confinement


def _write_modules(modules: dict, scratch: str, main_name: str) -> tuple:
    paths = []
    for name, source in modules.items():
        if not MODULE_NAME.match(name):
            continue
        path = os.path.join(scratch, name + ".py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(source)
        paths.append(path)
    main_path = os.path.join(scratch, main_name + ".py")
    # The main file first: error messages give bare line numbers for it.
    return (main_path,) + tuple(p for p in paths if p != main_path)


def _load(program, main_name, files, settings):
    module = types.ModuleType(main_name)
    module.__file__ = files[0]
    sys.modules[main_name] = module
    source = program["modules"].get(main_name, "")
    statements, errors = loader.parse(source, files[0])
    run_errors, stopped = loader.execute(statements, module.__dict__, files[0],
                                         settings["seconds_to_load"], files)
    return module.__dict__, loader.by_line(errors + run_errors), stopped


def _run_function(namespace, name, plan, defined, fd, scratch, number, settings, files, context,
                  spec=None) -> bool:
    """Run one function's calls in a process of its own; True if it ran out of time."""
    fn = namespace.get(name, _MISSING)
    if fn is _MISSING:
        close = difflib.get_close_matches(name, defined, n=3, cutoff=0.6)
        detail = f"did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        frames.send(fd, {"t": messages.END, "function": name, "status": "missing", "detail": detail})
        return False
    if not callable(fn):
        detail = f"{name!r} is a {type(fn).__name__}, not a function"
        frames.send(fd, {"t": messages.END, "function": name, "status": "not_callable", "detail": detail})
        return False
    output_file = f"{scratch}/.output-{number}"
    frames.send(fd, {"t": messages.START, "function": name})
    pid = _fork()
    if pid == 0:
        standins.bind(spec, name, namespace)
        calls.run_function(fn, name, plan, fd, output_file, settings, files, *context, namespace=namespace)
    frames.send(fd, {"t": messages.PID, "function": name, "pid": pid})
    status, timed_out = _wait(pid, settings["seconds_per_function"])
    cleanup.kill_descendants(_getpid(), groups=(pid,))
    end = {"t": messages.END, "function": name, "timed_out": timed_out,
           "output": capture.collect(capture.CappedText(0), output_file, settings["output_bytes"])}
    if _WIFSIGNALED(status):
        end["signal"] = _WTERMSIG(status)
    else:
        end["exit"] = _WEXITSTATUS(status)
    frames.send(fd, end)
    return timed_out or end.get("signal") == _SIGXCPU


_MISSING = object()
_credit = standins.child_credit(None)


def _ranges_between(low: int, high: int, keep: set) -> list[tuple[int, int]]:
    """[low, high) without the descriptors in ``keep``, as closerange arguments."""
    ranges = []
    for fd in sorted(keep):
        ranges.append((low, fd))
        low = fd + 1
    return ranges + [(low, high)]


def _wait(pid: int, seconds: float) -> tuple[int, bool]:
    """Wait for the function's process; SIGKILL its group at the deadline.

    ``_credit()`` is the time the grader spent answering stand-ins so far
    (``standins``): it moves the deadline, as the supervisor's does."""
    credit = _credit
    credited = credit()
    deadline = _monotonic() + seconds
    pidfd = None
    if _pidfd_open is not None:
        try:
            pidfd = _pidfd_open(pid)
        except OSError:
            pidfd = None
    timed_out = False
    try:
        while True:
            done, status = _waitpid(pid, _WNOHANG)
            if done:
                return status, timed_out
            remaining = deadline + credit() - credited - _monotonic()
            if remaining <= 0 and not timed_out:
                timed_out = True
                for kill, target in ((_killpg, pid), (_kill, pid)):
                    try:
                        kill(target, signal.SIGKILL)
                    except OSError:
                        pass
                continue
            if pidfd is not None:
                poller = _poll()
                poller.register(pidfd, _POLLIN)
                poller.poll(max(0.0, remaining) * 1000 if not timed_out else 100)
            else:
                _sleep(0.001)
    finally:
        if pidfd is not None:
            _close(pidfd)
