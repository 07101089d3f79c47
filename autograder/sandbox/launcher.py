"""The grader's side of starting zygotes: one on its own, or a group from one warm-up.

A zygote (``inside/zygote.py``, run as a script) takes a second or two to import and warm up.  A
batch with several workers needs one per worker, all at the same moment;
``Sandbox.launch_group`` has one process (the host) warm up once and fork a
zygote per sandbox.  The launcher owns only the host: the host waits for
its zygotes and ends when they all have; each zygote dies with it (so
killing the host ends the group).  A sandbox of the group sees its zygote
through ``Member``, which offers what the sandbox uses of a ``Popen``.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

ZYGOTE = Path(__file__).resolve().with_name("inside") / "zygote.py"
ENVIRONMENT = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "MPLBACKEND": "Agg", "LANG": "C.UTF-8", "PATH": "/usr/local/bin:/usr/bin:/bin"}


def spawn(python: str, channels: list[tuple[int, int]]):
    """Start a zygote (or, given further channels, a group's host) in a private
    folder; returns the process, the folder and the log its errors go to."""
    root = tempfile.mkdtemp(prefix="sandbox-")
    os.chmod(root, 0o700)
    env = dict(ENVIRONMENT, HOME=root, MPLCONFIGDIR=os.path.join(root, ".matplotlib"), TMPDIR=root)
    log = open(os.path.join(root, "zygote.log"), "wb")
    os.chmod(log.name, 0o600)
    extra = ["--channels", *(f"{a},{b}" for a, b in channels)] if channels else []
    try:
        process = subprocess.Popen(
            [python, "-I", str(ZYGOTE), *extra], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=log, cwd=root, env=env, close_fds=True, pass_fds=[fd for c in channels for fd in c])
    except BaseException:
        log.close()
        shutil.rmtree(root, ignore_errors=True)
        raise
    return process, root, log


class Host:
    """The process behind a group of sandboxes, owned by their launcher."""

    def __init__(self, process: subprocess.Popen, root: str, log, members: int):
        self.process, self.root, self.log, self.members = process, root, log, members
        self.owner = os.getpid()

    def release(self, seconds: float) -> None:
        """One member is done; after the last, wait for the host to end
        (it does once all its zygotes have), else kill it and so them."""
        self.members -= 1
        if self.members > 0 or self.process is None or self.owner != os.getpid():
            return
        process, self.process = self.process, None
        try:
            process.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self.log.close()
        shutil.rmtree(self.root, ignore_errors=True)


class Member:
    """A group member's zygote as the sandbox sees it: what it uses of a
    ``Popen``, for a process it did not start (the host did, and waits for
    it), known by the pid it reports when ready."""

    def __init__(self, host: Host, stdin, stdout):
        self.host, self.stdin, self.stdout = host, stdin, stdout
        self.pid = None
        self._pidfd = None

    def started(self, pid) -> None:
        if type(pid) is int and pid > 1:
            self.pid = pid
            try:
                self._pidfd = os.pidfd_open(pid)
            except (OSError, AttributeError):
                self._pidfd = None

    def poll(self):
        if self._pidfd is not None:
            return 0 if select.select([self._pidfd], [], [], 0)[0] else None
        return self.host.process.poll() if self.host.process is not None else 0

    def wait(self, timeout=None):
        if self._pidfd is not None and not select.select([self._pidfd], [], [], timeout)[0]:
            raise subprocess.TimeoutExpired("zygote", timeout)
        return 0

    def kill(self) -> None:
        if self._pidfd is not None:
            try:
                signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)
            except OSError:
                pass

    def forget(self) -> None:
        if self._pidfd is not None:
            os.close(self._pidfd)
            self._pidfd = None
