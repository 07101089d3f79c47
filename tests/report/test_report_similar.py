"""Similarity by behaviour and normalised code, on a synthetic class (see classwise_kit)."""

import builtins
import keyword
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import classwise_kit as kit
from autograder.results import GradeResult
from autograder.results.record import Record, Records
from autograder.report.similar import FLAG, KEPT, _buckets, compare, rare_limit, shapes, similar_pairs

STUB = (Path(__file__).resolve().parents[2] / "exercises" / "cost_functions.py").read_text(encoding="utf-8")
COPIES = {("orig", "ren"), ("orig", "reo"), ("ren", "reo")}


@pytest.fixture(scope="module")
def graded():
    return kit.graded()


def test_the_copies_rank_first_and_no_independent_pair_is_flagged(graded):
    records, sources = graded
    pairs = similar_pairs(records, Path("."), starter=[STUB], sources=sources, show_from=0.0)
    ranked = [(p.a, p.b) for p in pairs]
    assert set(ranked[:3]) == COPIES
    assert all(p.flagged for p in pairs[:3])
    independent = pairs[3:]
    # The two pairs that share a wrong answer but wrote it independently are candidates, and stay below the mark.
    assert {(p.a, p.b) for p in independent} == {("dbl1", "dbl2"), ("slip1", "slip2")}
    assert all(not p.flagged and p.score < FLAG for p in independent)
    # Correct solutions share no wrong answer: never even compared.
    assert not any(a.startswith("ind") or b.startswith("ind") for a, b in ranked)


def test_a_pair_shows_its_shared_rare_answers_and_its_matching_lines(graded):
    records, sources = graded
    pair = next(p for p in similar_pairs(records, Path("."), starter=[STUB], sources=sources) if (p.a, p.b) == ("orig", "ren"))
    assert pair.shared and all(f == "mse_gradient" and n == 3 for f, _, n in pair.shared)
    assert any(shown.startswith("array(") for _, shown, _ in pair.shared)
    assert ("g = (2 / m) * X.T @ (err * local)", "grad_v = (2 / n_rows) * X.T @ (resid * slope_v)") in pair.matching
    assert ("return g + 0.01 * w", "return grad_v + 0.01 * w") in pair.matching


def test_the_starter_code_does_not_count():
    text = "import numpy as np\n\ndef mse(y_hat, y):\n    raise NotImplementedError\n"
    assert [line.shape for line in shapes(text, {"mse"})] == ["0|def mse(v0, v1):", "1|raise NotImplementedError"]


IDENTIFIERS = st.from_regex(r"[a-z]{3,8}", fullmatch=True).filter(
    lambda s: not keyword.iskeyword(s) and not hasattr(builtins, s) and s not in KEPT)


@settings(max_examples=40, deadline=None)
@given(names=st.lists(IDENTIFIERS, min_size=5, max_size=5, unique=True), swap=st.booleans(), comment=st.text(max_size=20))
def test_renaming_commenting_and_reordering_independent_statements_change_no_shape(names, swap, comment):
    a, b, c, d, e = names
    first, second = f"    {c} = {a} * 2", f"    {d} = {b} + 1"
    body = [second, first] if swap else [first, second]
    text = "\n".join([f"def {e}({a}, {b}):", f"    # {comment!r}", *body, f"    return {c} - {d}", ""])
    plain = "def f(x, y):\n    p = x * 2\n    q = y + 1\n    return p - q\n"
    assert Counter(line.shape for line in shapes(text)) == Counter(line.shape for line in shapes(plain))


def test_different_code_scores_below_the_copy():
    one = shapes("def f(x):\n    y = x * 2\n    return y + 1\n")
    other = shapes("def f(x):\n    total = 0\n    for i in range(3):\n        total += x\n    return total\n")
    weights = {line.shape: 1.0 for line in one + other}
    assert compare(one, one, weights)[0] == 1.0
    assert compare(one, other, weights)[0] < 0.5


def test_buckets_stay_small_in_a_large_class():
    """Thousands of students: an answer shared by many is not rare, so no bucket grows with the class."""
    records = Records(kit.ASSIGNMENT)
    for i in range(3000):
        calls = [f"00000001:{i % 5:08x}:w", f"00000002:{i:08x}:w"]
        fingerprint = {"named": False, "factor": "", "calls": calls, "shown": {c.split(":")[1]: "x" for c in calls}}
        records.by_student[f"s{i}"] = Record(f"s{i}", kit.ASSIGNMENT, GradeResult(kit.ASSIGNMENT, answers={"mse": fingerprint}), Path("."))
    assert rare_limit(3000) == 30
    # The answer 600 share is over the limit; every other answer has one sharer: no bucket at all.
    assert _buckets(records) == {}
    assert similar_pairs(records, Path("."), starter=[], sources={}) == []
