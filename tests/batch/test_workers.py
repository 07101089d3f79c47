"""The pool: every task comes back once, a dying worker costs one task."""

import os

import pytest

from autograder.batch.workers import Pool


class Squares:
    """A job: picklable, set up once per worker, then called per task."""

    def __init__(self, fail_start=False):
        self.fail_start = fail_start

    def __enter__(self):
        if self.fail_start:
            raise RuntimeError("no sandbox here")
        self.pid = os.getpid()
        return self.run

    def __exit__(self, *exc):
        pass

    def run(self, task):
        if task == "die":
            os._exit(3)
        if task == "raise":
            raise ValueError("a bad task")
        return task * task, self.pid


def test_each_task_is_done_once_by_long_lived_workers():
    with Pool(2, Squares()) as pool:
        done = list(pool.run((n, n) for n in range(9)))
    assert sorted((d.key, d.value[0]) for d in done) == [(n, n * n) for n in range(9)]
    assert len({d.value[1] for d in done}) <= 2 and not any(d.error for d in done)


def test_a_worker_that_dies_loses_only_its_task_and_is_replaced():
    tasks = [(0, 1), (1, "die"), (2, 3), (3, "raise"), (4, 5)]
    with Pool(2, Squares()) as pool:
        done = {d.key: d for d in pool.run(iter(tasks))}
    assert sorted(done) == [0, 1, 2, 3, 4]
    assert "died (exit code 3)" in done[1].error and done[1].value is None
    assert "ValueError: a bad task" in done[3].error
    assert [done[k].value[0] for k in (0, 2, 4)] == [1, 9, 25]


def test_a_job_that_cannot_start_stops_the_run():
    with Pool(1, Squares(fail_start=True)) as pool:
        with pytest.raises(RuntimeError, match="no sandbox here"):
            list(pool.run(iter([(0, 1)])))


def test_more_workers_than_tasks_is_fine_and_no_tasks_starts_nothing_lasting():
    with Pool(4, Squares()) as pool:
        assert [d.value[0] for d in pool.run(iter([(0, 7)]))] == [49]
    with Pool(2, Squares()) as pool:
        assert list(pool.run(iter([]))) == []
