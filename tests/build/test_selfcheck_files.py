"""A notebook's folder carries the self-checks and hints of its own problem set only."""

import ast
import json
from pathlib import Path

import pytest

from autograder.build.selfcheck_files import keep_only
from autograder.course import ASSIGNMENTS

REPO = Path(__file__).resolve().parents[2]


def _keys(path: Path, name: str) -> set[str]:
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return {k.value for k in node.value.keys}
    raise AssertionError(f"{name} not in {path}")


def _used(assignment: str) -> set[str]:
    nb = json.loads((REPO / "source" / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    ids = [c["metadata"].get("nbgrader", {}).get("grade_id", "") for c in nb["cells"]]
    return {i[len("answer_"):] for i in ids if i.startswith("answer_")}


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_each_release_has_its_own_functions_cases_and_hints(assignment):
    folder = REPO / "source" / assignment
    assert _keys(folder / "selfcheck_cases.py", "CASES") == _used(assignment)
    assert _keys(folder / "selfcheck_hints.py", "HINTS") == _used(assignment)
    assert _keys(folder / "selfcheck_cases.py", "MODULES") == {ASSIGNMENTS[assignment]}


def test_later_problem_sets_helpers_do_not_reach_an_earlier_one():
    ps1 = (REPO / "source" / "ps1_derivatives" / "selfcheck_cases.py").read_text(encoding="utf-8")
    assert "XOR_X" not in ps1 and "WORKED_X" not in ps1 and "minimize" not in ps1
    compile(ps1, "selfcheck_cases.py", "exec")


def test_keep_only_drops_entries_and_what_only_they_used():
    source = ('import math\n\nK = 2\nUNUSED_LATER = 3\n\n\ndef _helper(x):\n    return K * x\n\n\n'
              'CASES = {\n    # first\n    "a": [_helper],\n    "b": [\n        UNUSED_LATER,\n    ],\n}\n'
              'MODULES = {"m": ["a"], "n": ["b"]}\n')
    kept = keep_only(source, {"a"}, {"m"})
    assert '"b"' not in kept and "UNUSED_LATER" not in kept and '"n"' not in kept
    assert "_helper" in kept and "K = 2" in kept and "# first" in kept
    assert "_helper" not in keep_only(source, {"b"}, {"n"})


@pytest.mark.parametrize("assignment", list(ASSIGNMENTS))
def test_each_releases_selfcheck_imports_in_its_own_folder(assignment):
    """What the first cell of the notebook does: the pruned copies must still
    hold every name selfcheck.py imports from them."""
    import subprocess
    import sys

    folder = REPO / "source" / assignment
    done = subprocess.run([sys.executable, "-c", "from selfcheck import check, hint, needs"], cwd=folder,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
