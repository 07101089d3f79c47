"""Each stub has its reference's signature and docstring, and only a raise."""

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.build.docstrings import DOCSTRINGS, student_docstrings
from autograder.course import ASSIGNMENTS

REPO = Path(__file__).resolve().parents[2]
NOTES = student_docstrings(REPO / DOCSTRINGS)


def _functions(path: Path) -> dict[str, ast.FunctionDef]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}


@pytest.mark.parametrize("module", list(ASSIGNMENTS.values()))
def test_stub_matches_reference(module):
    reference = _functions(REPO / "solutions" / f"{module}.py")
    stub = _functions(REPO / "exercises" / f"{module}.py")
    assert list(stub) == list(reference)
    for name, ref in reference.items():
        got = stub[name]
        assert ast.unparse(got.args) == ast.unparse(ref.args), name
        expected_doc = NOTES[module][name]
        assert ast.get_docstring(got) == expected_doc, name
        body = got.body[1:]
        assert len(body) == 1 and isinstance(body[0], ast.Raise), name
        assert ast.unparse(body[0].exc.func) == "NotImplementedError"


def test_sibling_imports_point_at_the_students_own_modules():
    text = (REPO / "exercises" / "backprop.py").read_text()
    assert "from cost_functions import cross_entropy" in text and "from derivatives import sigmoid" in text
    assert "solutions" not in text


def test_stubs_import_and_report_not_attempted(tmp_path):
    shutil.copytree(REPO / "exercises", tmp_path / "exercises", ignore=shutil.ignore_patterns("__pycache__"))
    proc = subprocess.run([sys.executable, "selfcheck.py"], cwd=tmp_path / "exercises",
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    outcomes = [line.split("]")[0] + "]" for line in proc.stdout.splitlines() if line.startswith("[")]
    assert len(outcomes) == sum(len(_functions(REPO / "solutions" / f"{m}.py")) for m in ASSIGNMENTS.values())
    assert set(outcomes) == {"[not attempted]"}
