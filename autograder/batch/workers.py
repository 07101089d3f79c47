"""A pool of grading processes, each with one warm Grader for its whole life.

Workers only grade: they receive code cells, return ``GradeResult.to_dict()``
and never touch the gradebook, which the parent process alone writes.  Each
worker talks to the parent over its own pipe, started with ``spawn`` so that
it inherits nothing else: when the parent dies, even by SIGKILL, the pipe
closes, the worker finishes the submission in hand (bounded by the sandbox's
limits), sees the closed pipe and shuts its Grader down.
"""

from __future__ import annotations

import multiprocessing
import signal
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Iterator

from autograder.sandbox.protocol import Limits

MAX_FAILED_STARTS = 3


@dataclass
class Task:
    """One submission: per notebook, the code cells to grade, or the path of a
    notebook that could not be read (the grader explains why)."""

    key: object
    assignment: str
    cells: dict[str, list[str]] = field(default_factory=dict)
    unreadable: dict[str, Path] = field(default_factory=dict)


@dataclass
class Done:
    key: object
    results: dict[str, dict] | None     # notebook -> GradeResult.to_dict()
    error: str = ""                     # the grader itself failed: nothing to commit


def _grade(grader, task: Task) -> dict[str, dict]:
    out = {name: grader.grade_cells(cells, task.assignment).to_dict() for name, cells in task.cells.items()}
    for name, path in task.unreadable.items():
        out[name] = grader.grade_path(path, task.assignment).to_dict()
    return out


@dataclass
class _StartFailed:
    text: str


def _serve(conn: Connection, limits: Limits, grader_factory) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent decides what Ctrl-C means
    try:
        grader = grader_factory(limits).__enter__()
    except Exception:
        conn.send(_StartFailed(traceback.format_exc(limit=5)))
        return
    try:
        conn.send(None)                            # warm and ready
        while True:
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            try:
                done = Done(task.key, _grade(grader, task))
            except Exception:
                done = Done(task.key, None, traceback.format_exc(limit=5))
            try:
                conn.send(done)
            except OSError:
                return
    finally:
        grader.__exit__(None, None, None)


def _default_factory(limits: Limits):
    from autograder.grade.pipeline import Grader
    return Grader(limits=limits)


class Pool:
    """``with Pool(jobs, limits) as pool: for done in pool.run(tasks): ...``"""

    def __init__(self, jobs: int, limits: Limits, grader_factory=_default_factory):
        self.jobs = max(1, jobs)
        self.limits = limits
        self.factory = grader_factory
        self._context = multiprocessing.get_context("spawn")
        self._workers: dict[Connection, multiprocessing.Process] = {}
        self._leaving: list[tuple[Connection, multiprocessing.Process]] = []

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, tasks: Iterator[Task]) -> Iterator[Done]:
        """Grade ``tasks`` (taken one at a time, as workers free up) and
        yield each result as soon as it arrives.  A worker that dies takes
        only its submission with it (an error ``Done``) and is replaced."""
        tasks = iter(tasks)
        busy: dict[Connection, Task] = {}
        warm: set[Connection] = set()
        failed_starts = 0
        more = True
        for _ in range(self.jobs):
            self._start()
        while busy or (more and self._workers):
            for conn in wait(list(self._workers)):
                try:
                    message = conn.recv()
                except (EOFError, OSError):
                    task = busy.pop(conn, None)
                    code = self._retire(conn)
                    if conn not in warm:
                        failed_starts += 1
                        if failed_starts > MAX_FAILED_STARTS:
                            raise RuntimeError(f"grading processes keep dying as they start (exit code {code})")
                    warm.discard(conn)
                    if task is not None:
                        yield Done(task.key, None, f"the grading process died (exit code {code})")
                    if more:
                        self._start()
                    continue
                if isinstance(message, _StartFailed):
                    raise RuntimeError("a grading process could not start:\n" + message.text)
                warm.add(conn)
                busy.pop(conn, None)
                more = self._give(conn, next(tasks, None) if more else None, busy)
                if message is not None:
                    yield message

    def _give(self, conn: Connection, task: Task | None, busy: dict) -> bool:
        """Send the next task (or, when there is none, the signal to stop)."""
        if task is None:
            conn.send(None)
            self._retire(conn, wait_seconds=0)
            return False
        conn.send(task)
        busy[conn] = task
        return True

    def _start(self) -> None:
        mine, theirs = self._context.Pipe()
        process = self._context.Process(target=_serve, args=(theirs, self.limits, self.factory),
                                        name="autograder-batch-worker")
        process.start()
        theirs.close()
        self._workers[mine] = process

    def _retire(self, conn: Connection, wait_seconds: float = 5) -> int | None:
        process = self._workers.pop(conn)
        self._leaving.append((conn, process))
        process.join(timeout=wait_seconds)
        return process.exitcode

    def close(self) -> None:
        """Ask every worker to stop, wait for it, and end the stubborn ones."""
        for conn in self._workers:
            try:
                conn.send(None)
            except OSError:
                pass
        self._leaving.extend(self._workers.items())
        self._workers.clear()
        for conn, process in self._leaving:
            process.join(timeout=30)
            if process.is_alive():
                process.terminate()
                process.join(timeout=5)
            conn.close()
        self._leaving.clear()
