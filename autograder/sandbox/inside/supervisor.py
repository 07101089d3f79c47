"""The zygote's side of one submission: fork the child, watch it, report.

The child's messages are advisory; the deadlines here are not.  Whatever the
student's code did to the child (blocked its alarms, replaced its functions,
killed it), the supervisor kills what overstays and turns what it saw into a
plain-data report.  Nothing here runs student code or trusts message content
beyond its shape: every field is checked and capped.
"""

from __future__ import annotations

import os
import select
import signal
import tempfile
import time

from . import child, cleanup, frames, messages, standins

GRACE = 1.0          # seconds allowed beyond a limit before the supervisor acts
MAX_TEXT = 4000      # characters kept of an error or detail message
MAX_BYTES = 256 * 1024 * 1024   # all a submission may send, so the report stays small
_monotonic = time.monotonic


def run(request: dict, config: dict, scratch_root: str) -> dict:
    started = _monotonic()
    scratch = tempfile.mkdtemp(prefix="run-", dir=scratch_root)
    read_fd, write_fd = os.pipe()
    channel = config.get("channel") or (None, None)
    relay = standins.Relay(request, *channel,
                           allowance=standins.ALLOWANCE * float(request["limits"]["seconds_per_function"]))
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        relay.child_side()
        child.main(request, write_fd, scratch, dict(config, relay=relay))
    os.close(write_fd)
    relay.parent_side()
    watch = _Watch(request, pid, started, relay)
    try:
        watch.follow(read_fd)
    finally:
        os.close(read_fd)
        relay.close()
        statuses = {}
        cleanup.kill_descendants(os.getpid(), groups=(pid,), keep=statuses)
        cleanup.remove_tree(scratch)
    if pid in statuses and watch.child_status is None:
        watch.child_status = statuses[pid]
    return watch.report(_monotonic() - started)


class _Watch:
    """Follows the child's messages and enforces the deadlines."""

    def __init__(self, request, pid, started, relay=None):
        self.pid = pid
        self.relay = relay if relay is not None and relay.active else None
        s = request["limits"]
        self.per_function = float(s["seconds_per_function"])
        self.to_load = float(s["seconds_to_load"])
        self.output_bytes = int(s["output_bytes"])
        self.names = [name for name, _ in request["plan"]]
        self.n_calls = {name: len(plan) for name, plan in request["plan"]}
        self.phase = "starting"           # starting -> loading -> functions -> done
        self.deadline = _monotonic() + self.to_load + 2 * GRACE
        self.hard_deadline = started + self.to_load + len(self.names) * (self.per_function + 2 * GRACE) + 5
        self.isolation = "unknown"
        self.load_errors, self.defined, self.output = [], [], ""
        self.loaded = False
        self.runs = {}                    # name -> dict of what was seen
        self.current = None
        self.child_status = None
        self.stopped_reason = ""

    # ------------------------------------------------------------ reading

    def follow(self, fd):
        reader = frames.Reader()
        received = 0
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        if self.relay is not None:
            poller.register(self.relay.ours, select.POLLIN)
        while self.phase != "done":
            now = _monotonic()
            if now >= self.hard_deadline:
                self._give_up("the sandbox ran past its overall time limit")
                return
            if now >= self.deadline:
                if not self._on_deadline():
                    return
                continue
            timeout = min(self.deadline, self.hard_deadline) - now
            ready = {r for r, _ in poller.poll(max(1, int(timeout * 1000) + 1))}
            asks = self.relay is not None and self.relay.ours in ready
            if asks and fd not in ready and _readable(fd):
                ready.add(fd)   # the child names the function before forking it: read that first
            if fd not in ready:
                if asks:
                    self._answer_asks()
                continue
            try:
                data = os.read(fd, 1 << 20)
            except OSError:
                data = b""
            if not data:
                self._on_eof()
                return
            received += len(data)
            if received > MAX_BYTES:
                self._give_up("the program sent more data than the sandbox accepts")
                return
            try:
                messages = reader.feed(data)
            except frames.ProtocolError as exc:
                self._give_up(f"the sandbox received garbled data ({exc})")
                return
            for message in messages:
                if isinstance(message, dict):
                    self._on_message(message)
            if asks and self.phase != "done":
                self._answer_asks()

    def _on_message(self, m):
        kind = m.get("t")
        if kind == messages.CONFINED and self.phase == "starting":
            self.isolation = _text(m.get("isolation"), 200)
            self.phase = "loading"
        elif kind == messages.LOADED and self.phase == "loading":
            self.load_errors += _texts(m.get("errors"))
            self.defined = _texts(m.get("defined"), 1000, 200)
            self.output = _text(m.get("output"), self.output_bytes + 200)
            self.loaded = not m.get("stopped")
            self.phase = "functions" if self.loaded else "done"
            self.deadline = _monotonic() + 2 * GRACE
        elif self.phase != "functions":
            return
        elif kind == messages.DONE:
            self.phase = "done"
        elif m.get("function") in self.n_calls:
            self._on_function_message(kind, m)

    def _on_function_message(self, kind, m):
        name = m["function"]
        if kind in (messages.CALL, messages.FINISHED) and name != self.current:
            return  # only the running function may report outcomes
        run = self.runs.setdefault(name, {"calls": {}})
        if kind == messages.START:
            self.current = name
            self.deadline = _monotonic() + self.per_function + GRACE
        elif kind == messages.PID and isinstance(m.get("pid"), int):
            run["pid"] = m["pid"]
        elif kind == messages.CALL and isinstance(m.get("index"), int) and isinstance(m.get("outcome"), dict):
            if 0 <= m["index"] < self.n_calls[name]:
                run["calls"].setdefault(m["index"], _outcome(m["outcome"], self.output_bytes))
        elif kind == messages.FINISHED:
            run["finished"] = {"status": _text(m.get("status"), 20), "detail": _text(m.get("detail")),
                               "output": _text(m.get("output"), self.output_bytes + 200)}
        elif kind == messages.END and "end" not in run:
            run["end"] = m
            if self.current == name:
                self.current = None
            self.deadline = _monotonic() + 2 * GRACE

    def _answer_asks(self):
        """Stand-ins' asks (``standins``): the time spent answering is the function's again."""
        current = self.current if self.phase == "functions" else None
        given = self.relay.serve(current)
        self.deadline += given
        self.hard_deadline += given

    # ------------------------------------------------------------ deadlines

    def _on_deadline(self) -> bool:
        """Act on a missed deadline; False when the whole child had to go."""
        if self.phase in ("starting", "loading"):
            self.load_errors.append(f"loading stopped: the program ran for more than {self.to_load:g} s")
            self._kill_child()
            return False
        run = self.runs.get(self.current) if self.current else None
        if run is not None and "killed" not in run and "pid" in run:
            # The child should have stopped this function by now; do it from here.
            run["killed"] = True
            target = run["pid"]
            if target > 1 and cleanup.is_descendant(target, self.pid):
                for kill, arg in ((os.killpg, target), (os.kill, target)):
                    try:
                        kill(arg, signal.SIGKILL)
                    except OSError:
                        pass
            self.deadline = _monotonic() + 2 * GRACE
            return True
        if run is not None:
            run["killed"] = True
        self._give_up("the sandbox stopped responding")
        return False

    def _give_up(self, reason):
        self.stopped_reason = reason
        self._kill_child()

    def _kill_child(self):
        for kill, arg in ((os.killpg, self.pid), (os.kill, self.pid)):
            try:
                kill(arg, signal.SIGKILL)
            except OSError:
                pass
        self.phase = "done"

    def _on_eof(self):
        """The pipe closed: the child exited (or was killed) before saying "done"."""
        phase = self.phase
        # A submission can close the pipe and carry on: wait briefly, then kill.
        patience = _monotonic() + 0.5
        while self.child_status is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:
                break
            if pid:
                self.child_status = status
            elif _monotonic() > patience:
                self._kill_child()
                patience = float("inf")
            else:
                time.sleep(0.001)
        if phase in ("starting", "loading"):
            self.load_errors.append(f"the program ended the sandbox while loading ({_death(self.child_status)})")
        elif phase == "functions":
            self.stopped_reason = f"the process running the program ended ({_death(self.child_status)})"
        self.phase = "done"

    # ------------------------------------------------------------ report

    def report(self, seconds) -> dict:
        functions = {name: self._function(name) for name in self.names}
        return {"load_errors": self.load_errors, "defined": self.defined, "functions": functions,
                "output": self.output, "seconds": seconds, "isolation": self.isolation}

    def _function(self, name) -> dict:
        result = {"function": name, "status": "", "calls": [], "detail": "", "output": ""}
        if not self.loaded:
            result.update(status="not_loaded", detail="the program did not load")
            return result
        run = self.runs.get(name)
        if run is None:
            result.update(status="crashed", detail=f"not run: {self.stopped_reason or 'the sandbox stopped early'}")
            return result
        calls = run["calls"]
        i = 0
        while i in calls:
            result["calls"].append(calls[i])
            i += 1
        end, finished = run.get("end"), run.get("finished")
        if finished:
            result["output"] = finished["output"]
        elif isinstance(end, dict):
            result["output"] = _text(end.get("output"), self.output_bytes + 200)
        limit_text = f"took longer than {self.per_function:g} s"
        if end is not None and end.get("status") in ("missing", "not_callable"):
            result.update(status=end["status"], detail=_text(end.get("detail")))
        elif run.get("killed") or (end and end.get("timed_out")):
            result.update(status="timeout", detail=limit_text)
        elif end is None:
            result.update(status="crashed", detail=self.stopped_reason or "the sandbox stopped early")
        elif end.get("signal") == signal.SIGXCPU:
            result.update(status="timeout", detail=f"used more than {self.per_function:g} s of CPU time")
        elif finished and finished["status"] == "crashed":
            result.update(status="crashed", detail=finished["detail"] or _death_from(end))
        elif finished and end.get("exit") == 0 and finished["status"] in ("ok", "memory"):
            result.update(status=finished["status"], detail=finished["detail"])
            if finished["status"] == "ok" and len(result["calls"]) < self.n_calls[name]:
                result.update(status="crashed", detail="some calls did not report back")
        else:
            result.update(status="crashed", detail=_death_from(end))
        return result


def _readable(fd) -> bool:
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def _outcome(o: dict, output_bytes: int) -> dict:
    status = o.get("status")
    if status not in ("ok", "error", "not_implemented"):
        status = "error"
    seconds = o.get("seconds")
    return {"status": status, "value": o.get("value"), "error": _text(o.get("error")),
            "mutated": _texts(o.get("mutated"), 100, 100), "warnings": _texts(o.get("warnings"), 20, 300),
            "seconds": float(seconds) if type(seconds) in (int, float) else 0.0}


def _text(value, limit=MAX_TEXT) -> str:
    return value[:limit] if type(value) is str else ""


def _texts(value, count=200, limit=MAX_TEXT) -> list:
    if type(value) is not list:
        return []
    return [v[:limit] for v in value[:count] if type(v) is str]


def _death(status) -> str:
    if status is None:
        return "unknown cause"
    if os.WIFSIGNALED(status):
        return _signal_text(os.WTERMSIG(status))
    return f"exited with status {os.WEXITSTATUS(status)}"


def _death_from(end: dict) -> str:
    if type(end.get("signal")) is int:
        return _signal_text(end["signal"])
    if type(end.get("exit")) is int:
        return f"exited with status {end['exit']}"
    return "ended for an unknown reason"


def _signal_text(number: int) -> str:
    try:
        name = signal.Signals(number).name
    except ValueError:
        name = f"signal {number}"
    return f"killed by signal {name}"
