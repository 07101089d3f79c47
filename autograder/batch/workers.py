"""A pool of worker processes, each set up once (a warm Grader) and fed one
task at a time.

The pool knows nothing of grading: each worker enters the context manager
``job`` (once), calls what that gives on each task and sends back what it
returns.  Workers are forked, so they start with everything the parent has
imported (nbgrader, nbformat, NumPy, the checks: seconds saved per worker).
Each talks to the parent over its own pipe and first closes every other
pipe end it inherited, so that when the parent dies, even by SIGKILL, its
pipe closes: the worker finishes the task in hand, finds the pipe closed and
leaves its context (shutting its sandbox down).  The parent must not be
holding a lock another thread could need when it forks; the batch command
runs no threads of its own.
"""

from __future__ import annotations

import multiprocessing
import signal
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Iterable, Iterator

MAX_FAILED_STARTS = 3


@dataclass
class Done:
    key: object
    value: object = None
    error: str = ""          # the task failed (a traceback, or how the worker died)


@dataclass
class _StartFailed:
    text: str


def _serve(conn: Connection, context, inherited: list[Connection]) -> None:
    for other in inherited:                        # the parent's ends, this worker's own included
        other.close()
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # the parent decides what Ctrl-C means
    try:
        job = context.__enter__()
    except Exception:
        conn.send(_StartFailed(traceback.format_exc(limit=5)))
        return
    try:
        conn.send(None)                            # warm and ready
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                return
            if message is None:
                return
            key, task = message
            try:
                done = Done(key, job(task))
            except Exception:
                done = Done(key, None, traceback.format_exc(limit=5))
            try:
                conn.send(done)
            except OSError:
                return
    finally:
        context.__exit__(None, None, None)


class Pool:
    """``with Pool(jobs, job) as pool: for done in pool.run(tasks): ...``

    ``job`` is a context manager whose ``__enter__`` returns the callable
    each task is given to; ``tasks`` yields ``(key, task)`` pairs and is
    read lazily, one pair each time a worker is free.  Tasks and results
    must pickle.
    """

    def __init__(self, jobs: int, job):
        self.jobs = max(1, jobs)
        self.job = job
        self._context = multiprocessing.get_context("fork")
        self._workers: dict[Connection, multiprocessing.Process] = {}
        self._leaving: list[tuple[Connection, multiprocessing.Process]] = []

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def run(self, tasks: Iterable[tuple[object, object]]) -> Iterator[Done]:
        """Yield each task's ``Done`` as soon as it arrives.  A worker that
        dies takes only its task with it (an error ``Done``) and is replaced."""
        tasks = iter(tasks)
        busy: dict[Connection, object] = {}
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
                    key = busy.pop(conn, None)
                    code = self._retire(conn)
                    if conn not in warm:
                        failed_starts += 1
                        if failed_starts > MAX_FAILED_STARTS:
                            raise RuntimeError(f"worker processes keep dying as they start (exit code {code})")
                    warm.discard(conn)
                    if key is not None:
                        yield Done(key, None, f"the worker process died (exit code {code})")
                    if more:
                        self._start()
                    continue
                if isinstance(message, _StartFailed):
                    raise RuntimeError("a worker process could not start:\n" + message.text)
                warm.add(conn)
                busy.pop(conn, None)
                more = self._give(conn, next(tasks, None) if more else None, busy)
                if message is not None:
                    yield message

    def _give(self, conn: Connection, item, busy: dict) -> bool:
        """Send the next task (or, when there is none, the signal to stop)."""
        if item is None:
            conn.send(None)
            self._retire(conn, wait_seconds=0)
            return False
        conn.send(item)
        busy[conn] = item[0]
        return True

    def _start(self) -> None:
        mine, theirs = self._context.Pipe()
        inherited = [mine, *self._workers, *(conn for conn, _ in self._leaving)]
        process = self._context.Process(target=_serve, args=(theirs, self.job, inherited),
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
