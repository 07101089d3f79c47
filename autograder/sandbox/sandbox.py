"""The trusted side: start the zygote, send it work, rebuild its reports.

Only plain data crosses: requests are encoded with ``codec``, reports are
JSON whose values are decoded with ``codec`` (never unpickled, never
evaluated), and every field is type-checked again here.
"""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from pathlib import Path

from . import account, codec
from . import isolation as _isolation
from .boundary import load
from .launcher import Host, Member, spawn
from .protocol import Call, CallOutcome, FunctionRun, Limits, Program, SandboxReport

frames, messages = load("frames"), load("messages")

REPOSITORY = Path(__file__).resolve().parents[2]
START_SECONDS = 120.0
MIN_ROOM_MB = 64   # address space a submission needs beyond what the zygote already maps


class SandboxError(RuntimeError):
    """The sandbox itself (not the submission) failed."""


class Sandbox:
    """A warm zygote process that runs submissions one at a time.

    ``isolation`` chooses the layers (``isolation.py``): by default
    ``$AUTOGRADER_ISOLATION`` or ``"auto"`` (every layer the machine allows).
    ``protected`` lists paths no submission may read; by default the
    repository holding this package (and so the reference solutions) and
    the disk cache.  Where the account switch applies (root), they are
    sealed against the sandbox's account before the zygote starts
    (``account.py``).
    """

    def __init__(self, limits: Limits | None = None, isolation: str | None = None,
                 protected: list[str] | None = None, python: str | None = None):
        self.limits = limits or Limits()
        self.isolation = _isolation.check(isolation) if isolation else _isolation.from_environment()
        self.protected = [str(p) for p in (protected if protected is not None else _default_protected())]
        self.user = _account_for(self.isolation, self.protected)
        self.python = python or sys.executable
        self.info: dict = {}
        self._process: subprocess.Popen | None = None
        self._root: str | None = None
        self._owner = os.getpid()
        self._lock = threading.Lock()
        self._host: Host | None = None        # set for the members of a group (``launch_group``)
        self._log = None

    # ------------------------------------------------------------ lifecycle

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self) -> None:
        """Launch the zygote if need be and wait until it is ready."""
        self.launch()
        if self.info:
            return
        hello = self._receive(START_SECONDS)
        if not isinstance(hello, dict) or hello.get("t") != messages.READY:
            self.close()
            raise SandboxError("the sandbox did not start")
        self.info = hello
        if isinstance(self._process, Member):
            self._process.started(hello.get("pid"))

    def launch(self) -> None:
        """Start the zygote process without waiting for it: its imports (a
        second or so) overlap with whatever the caller does next, and the
        first ``run`` (or ``start``) waits for them."""
        if self._running():
            return
        if self._process is not None:
            self.close()                 # it died: tidy up before starting afresh
        self.info = {}
        self._owner = os.getpid()
        self._process, self._root, self._log = spawn(self.python, [])
        self._greet()

    @classmethod
    def launch_group(cls, count: int, **options) -> list["Sandbox"]:
        """Launch ``count`` sandboxes that share one start: a single process
        imports and warms up once, then forks one zygote per sandbox.  Each
        is then used, handed over and closed like any launched sandbox; the
        last one closed (or reaped) in the launcher ends the group."""
        sandboxes = [cls(**options) for _ in range(count)]
        if count == 1:
            sandboxes[0].launch()
            return sandboxes
        theirs, ours = [], []
        for _ in range(count - 1):
            (request_in, request_out), (report_in, report_out) = os.pipe(), os.pipe()
            theirs.append((request_in, report_out))
            ours.append((os.fdopen(request_out, "wb", buffering=0), os.fdopen(report_in, "rb", buffering=0)))
        try:
            process, root, log = spawn(sandboxes[0].python, theirs)
        except BaseException:
            for streams in ours:
                for stream in streams:
                    stream.close()
            raise
        finally:
            for fd in (fd for channel in theirs for fd in channel):
                os.close(fd)
        host = Host(process, root, log, count)
        for sandbox, (stdin, stdout) in zip(sandboxes, [(process.stdin, process.stdout), *ours]):
            sandbox.info, sandbox._owner, sandbox._host = {}, os.getpid(), host
            sandbox._process = Member(host, stdin, stdout)
            sandbox._greet()
        return sandboxes

    def _greet(self) -> None:
        frames.send(self._process.stdin.fileno(), {"protected": self.protected, "user": self.user,
                                                   "layers": _isolation.layers(self.isolation)})

    def close(self) -> None:
        self._close(patience=5.0)

    def discard(self) -> None:
        """Close at once, without waiting for a zygote that was launched but not needed."""
        if self._process is not None and self._owner == os.getpid():
            self._process.kill()
        self._close(patience=0.0)

    def _close(self, patience: float) -> None:
        process, self._process = self._process, None
        host, self._host = self._host, None
        self.info = {}
        if process is not None and self._owner != os.getpid():
            # Launched by the process this one was forked from (see ``let_go``):
            # ending its input ends it, and its launcher reaps it.
            for stream in (process.stdin, process.stdout):
                stream.close()
        elif process is not None:
            try:
                process.stdin.close()
                process.wait(timeout=patience)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
            process.stdout.close()
        if isinstance(process, Member):
            process.forget()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._root:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None
        if host is not None and self._owner == os.getpid():
            host.release(patience)

    # ------------------------------------------------------------ handing over to a fork

    # A process may launch zygotes early (so that their imports overlap its
    # own), fork workers, and have each worker use one: the worker talks to
    # it over the inherited pipes and closes it as usual.  Every other
    # process holding copies of those pipes calls ``let_go``, so that the
    # zygote sees its input end when its worker closes it; the launcher
    # finally ``reap``s it.

    def let_go(self) -> None:
        """Close this process's copies of the zygote's pipes, leaving it running."""
        if self._process is not None:
            for stream in (self._process.stdin, self._process.stdout):
                stream.close()
        if self._log is not None:
            self._log.close()
            self._log = None

    def reap(self, seconds: float = 5.0) -> None:
        """In the launcher, after ``let_go``: wait for the zygote to end (kill it if it does not)."""
        process, self._process = self._process, None
        host, self._host = self._host, None
        if host is not None:
            host.release(seconds)      # a member's zygote is its host's child: the host waits for it
        elif process is not None:
            try:
                process.wait(timeout=seconds)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._root:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

    def _running(self) -> bool:
        if self._process is None:
            return False
        if self._owner != os.getpid():
            return True      # not ours to poll; a zygote that died shows as an ended pipe
        return self._process.poll() is None

    # ------------------------------------------------------------ running

    def run(self, program: Program, plan: dict[str, list[Call]], limits: Limits | None = None,
            standins: dict | None = None, answer=None) -> SandboxReport:
        """Run every planned call of ``program``; never raises for anything the program does.

        ``standins`` (see ``inside/standins.py``) names the helpers answered from here:
        ``answer(function, helper, args, kwargs)`` computes each answer in this process."""
        limits = limits or self.limits
        self.start()
        room = limits.memory_mb - float(self.info.get("memory_mb", 0))
        if room < MIN_ROOM_MB:
            raise ValueError(f"memory_mb={limits.memory_mb} leaves {room:.0f} MB for the submission: the "
                             f"sandbox's Python with NumPy and SymPy already takes "
                             f"{self.info.get('memory_mb', 0):.0f} MB of address space")
        request = {
            "program": {"modules": dict(program.modules), "main": program.main},
            "plan": [[name, [{"args": codec.encode(tuple(c.args)), "kwargs": codec.encode(dict(c.kwargs))}
                             for c in calls]] for name, calls in plan.items()],
            "limits": asdict(limits),
        }
        if standins and answer is not None:
            request["standins"] = standins
        budget = limits.seconds_to_load + len(plan) * (limits.seconds_per_function + 3) + 30
        with self._lock:
            for attempt in (1, 2):
                self.start()
                try:
                    frames.send(self._process.stdin.fileno(), request)
                    reply = self._receive(budget)
                    while isinstance(reply, dict) and reply.get("t") == messages.ASK and answer is not None:
                        frames.send(self._process.stdin.fileno(), reply_to(reply, answer))
                        reply = self._receive(budget)
                except (OSError, EOFError, frames.ProtocolError, SandboxError) as exc:
                    failure = f"{type(exc).__name__}: {exc}"
                    self.close()
                    continue
                if isinstance(reply, dict) and reply.get("t") == messages.REPORT and isinstance(reply.get("report"), dict):
                    return _report(reply["report"], plan)
                failure = str(reply.get("error")) if isinstance(reply, dict) else "no report"
                self.close()
        raise SandboxError(f"the sandbox failed twice: {failure}")

    def _receive(self, seconds: float):
        """One message from the zygote, or SandboxError after ``seconds``."""
        fd = self._process.stdout.fileno()
        reader, deadline = frames.Reader(), time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise SandboxError(f"no answer from the sandbox within {seconds:.0f} s")
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                continue
            data = os.read(fd, 1 << 20)
            if not data:
                raise SandboxError(f"the sandbox process ended{self._log_tail()}")
            messages = reader.feed(data)
            if messages:
                return messages[0]

    def _log_tail(self) -> str:
        log = self._host.log if self._host is not None else self._log
        try:
            log.flush()
            with open(log.name, "rb") as f:
                text = f.read()[-2000:].decode("utf-8", "replace").strip()
            return f": {text}" if text else ""
        except (OSError, AttributeError):
            return ""


def _default_protected() -> list[str]:
    from autograder.checks import disk_cache

    cache = disk_cache.folder()
    return [str(REPOSITORY)] + ([str(cache.parent)] if cache is not None else [])


_sealed: set[tuple] = set()


def _account_for(setting: str, protected: list[str]) -> dict | None:
    """The account student code runs as, with the grader's files sealed
    against it; None where accounts are not switched (not root, or a
    setting without that layer)."""
    if not _isolation.layers(setting)["user"]:
        return None
    found = account.resolve()
    if found is None:
        return None
    key = tuple(protected)
    if key not in _sealed:
        account.seal(protected)
        _sealed.add(key)
    name, uid, gid = found
    return {"name": name, "uid": uid, "gid": gid}


def reply_to(message: dict, answer) -> dict:
    """The answer to a stand-in's forwarded ask (``inside/standins.py``):
    ``answer(function, helper, args, kwargs)`` computes the value, in this
    process (or raises, and the error goes back as text)."""
    try:
        args = codec.decode(message.get("args"))
        kwargs = codec.decode(message.get("kwargs"))
        if type(args) is not tuple or type(kwargs) is not dict:
            raise ValueError("malformed arguments")
        value = answer(str(message.get("function")), str(message.get("helper")), args, kwargs)
        return {"t": messages.ANSWER, "value": codec.encode(value)}
    except Exception as exc:
        return {"t": messages.ANSWER, "error": f"{type(exc).__name__}: {exc}"[:2000]}


def run(program: Program, plan: dict[str, list[Call]], limits: Limits | None = None, **options) -> SandboxReport:
    """Run one program in a fresh sandbox (starts and stops a zygote)."""
    with Sandbox(limits=limits, **options) as sandbox:
        return sandbox.run(program, plan)


# ---------------------------------------------------------------- decoding


def _report(data: dict, plan) -> SandboxReport:
    functions = {}
    runs = data.get("functions") if isinstance(data.get("functions"), dict) else {}
    for name in plan:
        run = runs.get(name) if isinstance(runs.get(name), dict) else {}
        functions[name] = FunctionRun(
            function=name, status=_str(run.get("status")) or "crashed",
            calls=[_outcome(c) for c in run.get("calls", []) if isinstance(c, dict)]
            if isinstance(run.get("calls"), list) else [],
            detail=_str(run.get("detail")), output=_str(run.get("output")))
    seconds = data.get("seconds")
    return SandboxReport(
        load_errors=_strs(data.get("load_errors")), defined=_strs(data.get("defined")),
        functions=functions, output=_str(data.get("output")),
        seconds=float(seconds) if type(seconds) in (int, float) else 0.0,
        isolation=_str(data.get("isolation")))


def _outcome(o: dict) -> CallOutcome:
    try:
        value = codec.decode(o.get("value"))
    except Exception as exc:
        value = codec.Opaque("undecodable", f"{type(exc).__name__}")
    seconds = o.get("seconds")
    status = o.get("status") if o.get("status") in ("ok", "error", "not_implemented") else "error"
    return CallOutcome(status=status, value=value, error=_str(o.get("error")), mutated=_strs(o.get("mutated")),
                       warnings=_strs(o.get("warnings")),
                       seconds=float(seconds) if type(seconds) in (int, float) else 0.0)


def _str(value) -> str:
    return value if type(value) is str else ""


def _strs(value) -> list[str]:
    return [v for v in value if type(v) is str] if type(value) is list else []
