"""An answer cell that rebinds the hook under ``nbgrader autograde``: what the
kernel alone would give, and what is saved once the notebook is graded again
outside it (``autograder/nbgrader_regrade.py``)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "batch"))

import course_kit as kit  # noqa: E402

REBINDING = kit.BUGGY_DF + '''
import sys, types
import autograder.nbgrader_hook as _hook
_hook.score_cell = lambda assignment, function, In: 0.5
_fake = types.ModuleType("autograder.nbgrader_hook")
_fake.score_cell = _hook.score_cell
sys.modules["autograder.nbgrader_hook"] = _fake
'''

# Without the step: the steps nbgrader has by default.
KERNEL_ONLY = """
from nbgrader.converters.autograde import Autograde
c.Autograde.autograde_preprocessors = list(Autograde.class_traits()["autograde_preprocessors"].default())
"""


def _autograde(root: Path, extra_config: str = "") -> dict:
    course = kit.repo_course(root, extra_config)
    kit.submit(course, "mallory", {"df": REBINDING})
    kit.nbgrader(course, "autograde", kit.ASSIGNMENT, "--Execute.timeout=120")
    return {cell: auto for (student, cell), (auto, *_) in kit.cell_scores(course).items() if student == "mallory"}


def test_a_rebinding_answer_cell_fools_the_kernel_but_not_the_saved_grade(tmp_path):
    fooled = _autograde(tmp_path / "kernel", KERNEL_ONLY)
    saved = _autograde(tmp_path / "isolated")
    # Every test cell run after the rebinding says what the answer cell wants...
    reached = [cell for cell, score in fooled.items() if cell.startswith("test_") and score == 0.5]
    assert len(reached) >= 5, fooled
    # ...and the saved grade of each untouched stub among them is nothing.
    assert all(saved[cell] == 0 for cell in reached if cell != "test_df"), saved
