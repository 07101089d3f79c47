"""Run a command and measure it: wall time and the peak RSS of its whole process tree."""

from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass

import psutil

SAMPLE_SECONDS = 0.05


@dataclass
class Measured:
    seconds: float
    peak_rss: int          # bytes, summed over the process tree at the worst sample
    returncode: int
    stderr: str


class _TreeSampler(threading.Thread):
    """Sums RSS over a process and all its descendants, every few milliseconds.

    A sum of RSS counts pages that forked processes share once per process,
    so it overstates what a tree of forks really uses; it is still the figure
    a machine's memory limit would be compared with by most monitors.
    """

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root = psutil.Process(pid)
        self.peak = 0
        self.stop = threading.Event()

    def run(self):
        while not self.stop.is_set():
            try:
                tree = [self.root, *self.root.children(recursive=True)]
            except psutil.Error:
                break
            total = 0
            for process in tree:
                try:
                    total += process.memory_info().rss
                except psutil.Error:
                    pass  # it ended between the listing and the reading
            self.peak = max(self.peak, total)
            self.stop.wait(SAMPLE_SECONDS)


def measure(command: list[str], cwd=None, env=None, preexec_fn=None) -> Measured:
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               text=True, preexec_fn=preexec_fn)
    sampler = _TreeSampler(process.pid)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    return Measured(seconds, sampler.peak, process.returncode, stderr)
