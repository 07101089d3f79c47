"""What the hidden tests keep on disk: warming up ahead of grading, and reference answers read back.

A grading process started after another (or after ``session.warm``) must
find the right answers and the known mistakes' answers on disk and give
exactly the verdicts the first process gave, without computing them again.
"""

from __future__ import annotations

from collections import OrderedDict

import pytest

from autograder.checks import disk_cache
from autograder.checks import expect as expect_module
from autograder.checks.expect import Lazy
from autograder.checks.mistakes import catalogue
from autograder.grade import session
from autograder.sandbox import codec
from hidden_kit import hidden, judge_with, variant


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv(disk_cache.VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def stored(cache, kind: str) -> list:
    return sorted((next(cache.iterdir()) / kind).glob("*.json"))


def read_only(monkeypatch, kind: str) -> None:
    """From here on, an answer of ``kind`` that is not on disk fails the test instead of being computed."""
    real = disk_cache.remembered

    def remembered(k, key, compute):
        refuse = lambda: pytest.fail(f"recomputed {k} {str(key)[:120]}")  # noqa: E731
        return real(k, key, refuse if k == kind else compute)

    monkeypatch.setattr(disk_cache, "remembered", remembered)


def test_warming_up_computes_every_known_mistake_so_grading_reads_them(cache, monkeypatch):
    assignment = "ps2_gradient_descent"
    known = sum(len(v) for v in catalogue("gradient_descent").values())
    warmed = session.warm.__wrapped__(assignment)      # as in a new process: not the one kept in this one
    assert warmed >= known
    assert len(stored(cache, "mistakes")) >= known

    # A later process finds them all on disk: no known mistake is run again to name one.
    read_only(monkeypatch, "mistakes")
    mistake = next(m for m in catalogue("gradient_descent")["gradient_descent"] if "uphill" in m.name)
    results = judge_with(assignment, {"gradient_descent": mistake.wrong})
    assert any(r.mistake == mistake.name for r in results)


def test_warm_refuses_an_unknown_assignment(cache):
    with pytest.raises(KeyError, match="ps9_nothing"):
        session.warm.__wrapped__("ps9_nothing")


def _expectations(run) -> list:
    """What each test would show as right answers, and the values behind them."""
    out = []
    for test, log in zip(run.tests, run.logs):
        for index in sorted(log.expects):
            expectation = log.expects[index]
            built = expectation.built() if isinstance(expectation, Lazy) else expectation
            out.append((test.title, index, built.shown(), codec.dumps(getattr(built, "value", None))))
    return out


def test_reference_answers_are_read_back_and_give_the_same_verdicts(cache, monkeypatch):
    assignment = "ps3_cost_functions"
    # A wrong first cost: the test that catches it asks the reference again while judging.
    wrong = variant(assignment, "_train = train_neuron\n"
                                "def train_neuron(*a, **k):\n"
                                "    w, costs = _train(*a, **k)\n"
                                "    return w, [costs[0] + 1.0] + list(costs[1:])\n")
    monkeypatch.setattr(expect_module, "_answers", OrderedDict())
    cold = hidden(assignment, wrong)
    cold_expectations = _expectations(cold)
    assert len(stored(cache, "reference")) >= 10

    # As a new process would: nothing in memory, every answer on disk.
    monkeypatch.setattr(expect_module, "_answers", OrderedDict())
    read_only(monkeypatch, "reference")
    warm = hidden(assignment, wrong)
    assert _expectations(warm) == cold_expectations and cold_expectations
    assert [(r.title, r.score, r.output) for r in warm.tests] == [(r.title, r.score, r.output) for r in cold.tests]
    assert any(r.function == "train_neuron" and r.score < r.max_score for r in warm.tests)
