"""Mutants: one spliced edit inside one function, parsed exactly as the tree edit it stands for."""

import ast

from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.course import ASSIGNMENTS
from devtools.mutation.mutants import mutants
from devtools.mutation.submission import reference_source

SAMPLE = '''"""A module docstring with 1 + 2 in it."""

import numpy as np

LIMIT = 3 + 4


def step(x, lr=0.5):
    """Docstring: x - 1."""
    # a comment: y = x * 2
    if not x < 2:
        x -= 1
    return np.hstack([x, -lr * x.T ** 2])
'''


def _changed_lines(a: str, b: str) -> list[int]:
    old, new = a.splitlines(), b.splitlines()
    assert len(old) == len(new)
    return [i + 1 for i, (x, y) in enumerate(zip(old, new)) if x != y]


def test_every_operator_appears_and_each_mutant_changes_one_line_of_code_only():
    found = mutants("sample", SAMPLE)
    assert {m.kind for m in found} == {"swap", "drop", "constant", "compare", "minus", "transpose", "order"}
    for m in found:
        assert _changed_lines(SAMPLE, m.source) == [m.line]
        # The default (line 8) and the body's code; never docstrings, comments or module-level code.
        assert m.line in (8, 11, 12, 13)
        assert ast.dump(ast.parse(m.source)) != ast.dump(ast.parse(SAMPLE))
        assert m.function == "step"


def test_the_expected_edits_are_made():
    keys = {m.key for m in mutants("sample", SAMPLE)}
    for key in ("sample.step: 0.5 -> 1.5", "sample.step: x -= 1 -> x += 1", "sample.step: x < 2 -> (x <= 2)",
                "sample.step: not x < 2 -> (x < 2)", "sample.step: -lr -> lr", "sample.step: x.T -> x",
                "sample.step: np.hstack([x, -lr * x.T ** 2]) -> np.hstack([-lr * x.T ** 2, x])",
                "sample.step: x.T ** 2 -> (x.T * 2)", "sample.step: -lr * x.T ** 2 -> (-lr)"):
        assert key in keys, key


def test_keys_are_unique_and_the_diff_shows_the_line_before_and_after():
    found = mutants("sample", SAMPLE)
    assert len({m.key for m in found}) == len(found)
    swap = next(m for m in found if m.key == "sample.step: x -= 1 -> x += 1")
    assert swap.diff(SAMPLE).splitlines() == ["sample.py:12 (step, swap)", "  - x -= 1", "  + x += 1"]


def test_the_reference_modules_give_hundreds_of_distinct_mutants():
    for module in ASSIGNMENTS.values():
        source = reference_source(module)
        found = mutants(module, source)
        assert len(found) >= 20
        assert len({m.source for m in found}) == len(found)


OPS = st.sampled_from(["+", "-", "*", "/", "**"])
ATOMS = st.sampled_from(["a", "b", "2", "0.5", "f(a)", "a.T", "-b", "c[1]"])


@st.composite
def expressions(draw, depth=3):
    if depth == 0 or draw(st.booleans()):
        return draw(ATOMS)
    left, right = draw(expressions(depth=depth - 1)), draw(expressions(depth=depth - 1))
    wrap = draw(st.booleans())
    text = f"{left} {draw(OPS)} {right}"
    return f"({text})" if wrap else text


@settings(max_examples=60, deadline=None)
@given(expressions())
def test_a_spliced_replacement_stays_one_operand_whatever_its_context(expr):
    """The text splice must parse to the tree edit: the replacement is a whole subtree of the mutant."""
    source = f"def g(a, b, c):\n    return {expr}\n"
    for m in mutants("m", source):
        if m.kind == "constant" or m.after.endswith(tuple(f"#{i}" for i in range(2, 9))):
            continue
        replacement = ast.dump(ast.parse(m.after, mode="eval").body)
        subtrees = {ast.dump(n) for n in ast.walk(ast.parse(m.source))}
        assert replacement in subtrees, (expr, m.key)
