"""Kernel resource limits for the processes that run student code.

Soft and hard limits are set to the same value: once the process has lost
its capabilities (see ``landlock.drop_privileges``) it cannot raise them.
"""

from __future__ import annotations

import math
import resource
import signal
import sys

_setrlimit, _RLIMIT_CPU, _ceil = resource.setrlimit, resource.RLIMIT_CPU, math.ceil

FILE_BYTES = 32 * 1024 * 1024   # largest file a submission may write
OPEN_FILES = 256


def _set(which, value):
    try:
        resource.setrlimit(which, (value, value))
    except (ValueError, OSError):
        # Lowering never fails for a valid value; raising above a hard limit
        # set by the caller's environment does, and the stricter one stays.
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY and value > hard:
            resource.setrlimit(which, (hard, hard))


def apply(memory_mb: int, cpu_seconds: float, recursion: int) -> None:
    """Limits for the process that loads a submission (inherited by its children)."""
    _set(resource.RLIMIT_AS, int(memory_mb) * 1024 * 1024)
    _set(resource.RLIMIT_FSIZE, FILE_BYTES)
    _set(resource.RLIMIT_CORE, 0)
    _set(resource.RLIMIT_NOFILE, OPEN_FILES)
    set_cpu(cpu_seconds)
    # Writing past FILE_BYTES should fail with an OSError, not kill the process.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    sys.setrecursionlimit(recursion)


def set_cpu(seconds: float) -> None:
    """CPU-time backstop: SIGXCPU at the soft limit, SIGKILL a second later."""
    soft = max(1, _ceil(seconds))
    try:
        _setrlimit(_RLIMIT_CPU, (soft, soft + 1))
    except (ValueError, OSError):
        pass


def virtual_memory_mb(pid: str | int = "self") -> float:
    """Current address-space size of a process (what RLIMIT_AS counts)."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) / 1024
    return 0.0
