"""Where a gradient is wrong, said in the graded feedback, through
``python -m autograder grade`` in a subprocess (the real sandbox): the
probes run after both grading rounds, with the grader's stand-ins for
helpers that fail, so a helper's mistake does not blur where the
gradient's own mistake is."""

import re
from pathlib import Path

from test_grade_cli import graded

REPO = Path(__file__).resolve().parents[2]
BIAS_ROW_ZERO = '''

_right_backward = backward


def backward(X, y, theta1, theta2):
    grad1, grad2 = _right_backward(X, y, theta1, theta2)
    grad1 = grad1.copy()
    grad1[-1] = 0.0
    return grad1, grad2
'''
BIAS_FIRST = '''

def add_bias(A):
    A = np.asarray(A, dtype=float)
    return np.hstack([np.ones((A.shape[0], 1)), A])
'''
WHERE = "- grad1: only its last row (the bias row"


def _hand_in(folder: Path, rewrite: str) -> Path:
    folder.mkdir(exist_ok=True)
    text = (REPO / "solutions" / "backprop.py").read_text(encoding="utf-8")
    text = re.sub(r"from solutions\.(\w+) import", r"from \1 import", text) + rewrite
    (folder / "backprop.py").write_text(text, encoding="utf-8")
    return folder


def _outputs(result: dict, function: str) -> list[str]:
    return [t["output"] for t in result["tests"] if t["name"].split(":")[0] == f"backprop.{function}"]


def test_a_wrong_backward_is_located_even_when_its_helper_is_wrong_too(tmp_path):
    result = graded(_hand_in(tmp_path, BIAS_ROW_ZERO + BIAS_FIRST))
    backward = _outputs(result, "backward")
    failed = [o for o in backward if "Where it goes wrong" in o]
    assert len(failed) == 3, backward
    assert all(WHERE in o and "- grad2: every entry matches" in o for o in failed)
    assert any("mistake is in backward itself" in o for o in backward)
    # Only the failing gradient is probed; the rest reads as before.
    assert not any("Where it goes wrong" in o for f in ("add_bias", "forward", "train", "numerical_gradient")
                   for o in _outputs(result, f))
