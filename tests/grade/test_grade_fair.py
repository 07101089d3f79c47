"""Correct submissions in styles this project does not contain get full marks.

Each is built here from the reference modules with a function rewritten the
way students write it, then graded through ``python -m autograder grade``
exactly as a script or Gradescope would.
"""

import re
from pathlib import Path

from test_grade_cli import by_function, graded

REPO = Path(__file__).resolve().parents[2]

WHILE_MINIMIZE = '''
import math


def minimize(grad, x0, learning_rate, precision, max_iters=10_000):
    x = x0
    steps = 0
    while True:
        new = x - learning_rate * grad(x)
        steps += 1
        if abs(new - x) <= precision or steps == max_iters or not math.isfinite(new):
            return new, steps
        x = new
'''

GUARDED_CROSS_ENTROPY = '''
def cross_entropy(y_hat, y):
    eps = 1e-10
    return np.mean(-y * np.log(y_hat + eps) - (1 - y) * np.log(1 - y_hat + eps))
'''

HORNER_DF = '''
def df(x):
    return x * x * (4 * x - 9)
'''


def _module(name: str, rewrite: str = "") -> str:
    """The reference module as a student's file (sibling imports), with functions redefined."""
    text = (REPO / "solutions" / f"{name}.py").read_text(encoding="utf-8")
    text = re.sub(r"from solutions\.(\w+) import", r"from \1 import", text)
    return text + "\n" + rewrite


def test_students_own_styles_earn_full_marks(tmp_path):
    rewrites = {"derivatives": HORNER_DF, "gradient_descent": WHILE_MINIMIZE, "cost_functions": GUARDED_CROSS_ENTROPY,
                "backprop": ""}
    for name, rewrite in rewrites.items():
        (tmp_path / f"{name}.py").write_text(_module(name, rewrite), encoding="utf-8")
    result = graded(tmp_path)
    failed = [(t["name"], t["output"]) for t in result["tests"] if t["status"] != "passed"]
    assert failed == []
    assert result["score"] == result["max_score"] == 90
    assert by_function(result)["gradient_descent.minimize"] == (6, 6)
