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

from autograder.course import cache_base

from . import account, codec
from . import isolation as _isolation
from .boundary import load
from .launcher import spawn
from .protocol import Call, CallOutcome, FunctionRun, Limits, Program, SandboxReport

frames, messages = load("frames"), load("messages")

REPOSITORY = Path(__file__).resolve().parents[2]
START_SECONDS = 120.0
CLOSE_SECONDS = 5.0
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
        self.info: dict = {}                  # what the zygote said when ready: pid, memory_mb, landlock_abi
        self._process: subprocess.Popen | None = None
        self._root: str | None = None
        self._log = None
        self._lock = threading.Lock()

    # ------------------------------------------------------------ lifecycle

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self, wait: bool = True) -> None:
        """Start the zygote unless it is running, and wait until it is ready.

        With ``wait=False``, return as soon as it is started: its imports (a
        second or so) then overlap with whatever the caller does next, and
        the first ``run`` (or ``start()``) waits for them."""
        if self._process is not None and self._process.poll() is not None:
            self.close()                     # it died: tidy up before starting afresh
        if self._process is None:
            self.info = {}
            self._process, self._root, self._log = spawn(self.python)
            frames.send(self._process.stdin.fileno(), {"protected": self.protected, "user": self.user,
                                                       "layers": _isolation.layers(self.isolation)})
        if wait and not self.info:
            try:
                hello = self._receive(START_SECONDS)
            except SandboxError:
                self.close()
                raise
            if not isinstance(hello, dict) or hello.get("t") != messages.READY:
                self.close()
                raise SandboxError("the sandbox did not start")
            self.info = hello

    def close(self) -> None:
        """End the zygote (its input ends, so it leaves; killed if it has not
        within a few seconds) and remove its folder."""
        process, self._process = self._process, None
        self.info = {}
        if process is not None:
            try:
                process.stdin.close()
                process.wait(timeout=CLOSE_SECONDS)
            except (OSError, subprocess.TimeoutExpired):
                process.kill()
                process.wait()
            process.stdout.close()
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._root:
            shutil.rmtree(self._root, ignore_errors=True)
            self._root = None

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
            received = reader.feed(data)
            if received:
                return received[0]

    def _log_tail(self) -> str:
        log = self._log
        try:
            log.flush()
            with open(log.name, "rb") as f:
                text = f.read()[-2000:].decode("utf-8", "replace").strip()
            return f": {text}" if text else ""
        except (OSError, AttributeError):
            return ""


def _default_protected() -> list[str]:
    cache = cache_base()
    return [str(REPOSITORY)] + ([str(cache)] if cache is not None else [])


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
