"""The pool: every task comes back once, a dying worker costs one submission."""

import pytest

from autograder.batch.workers import Pool, Task
from autograder.sandbox.protocol import Limits
from fake_grader import CRASH, BrokenGrader, DyingGrader, FakeGrader

STUB = "def df(x):\n    raise NotImplementedError()\n"
RIGHT = "def df(x):\n    return 4 * x**3 - 9 * x**2\n"


def df_score(results):
    (result,) = results.values()
    return sum(t["score"] for t in result["tests"] if t["function"] == "df")


def test_each_task_is_graded_once_by_warm_workers():
    tasks = [Task(n, "ps1_derivatives", {"nb": [RIGHT if n % 2 else STUB]}) for n in range(7)]
    with Pool(2, Limits(), grader_factory=FakeGrader) as pool:
        done = list(pool.run(iter(tasks)))
    assert sorted(d.key for d in done) == list(range(7))
    assert all(not d.error for d in done)
    assert {d.key: df_score(d.results) for d in done} == {n: 1.0 if n % 2 else 0.0 for n in range(7)}


def test_a_worker_that_dies_loses_only_its_task_and_is_replaced():
    tasks = [Task(n, "ps1_derivatives", {"nb": [RIGHT + (CRASH if n == 2 else "")]}) for n in range(5)]
    with Pool(2, Limits(), grader_factory=DyingGrader) as pool:
        done = {d.key: d for d in pool.run(iter(tasks))}
    assert sorted(done) == list(range(5))
    assert "died" in done[2].error and done[2].results is None
    assert all(df_score(done[n].results) == 1.0 for n in (0, 1, 3, 4))


def test_unreadable_notebooks_are_graded_by_path(tmp_path):
    task = Task(0, "ps1_derivatives", unreadable={"nb": tmp_path / "broken.ipynb"})
    with Pool(1, Limits(), grader_factory=FakeGrader) as pool:
        (done,) = pool.run(iter([task]))
    assert done.results["nb"]["output"] == "could not read broken.ipynb"


def test_a_grader_that_cannot_start_stops_the_run():
    with Pool(1, Limits(), grader_factory=BrokenGrader) as pool:
        with pytest.raises(RuntimeError, match="no sandbox here"):
            list(pool.run(iter([Task(0, "ps1_derivatives", {"nb": [STUB]})])))
