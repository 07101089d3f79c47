"""No exercise's expected expression is printed in its own problem set's release."""

import json
import shutil
from pathlib import Path

from autograder.build.answer_scan import scan_release

REPO = Path(__file__).resolve().parents[2]


def test_no_release_gives_its_own_exercises_answers(released):
    course, result = released
    assert result["returncode"] == 0, result["log"]
    found = scan_release(course / "release", REPO / "exercises")
    assert not found, "\n".join(map(str, found))


def test_the_scan_finds_an_answer_planted_in_markdown_and_in_a_hint(released, tmp_path):
    course, _ = released
    doctored = tmp_path / "release"
    shutil.copytree(course / "release", doctored)
    notebook = doctored / "ps3_cost_functions" / "ps3_cost_functions.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    data["cells"].append({"cell_type": "markdown", "metadata": {}, "id": "planted",
                          "source": "So the gradient is $\\frac{1}{m} X^T (h - y)$."})
    notebook.write_text(json.dumps(data), encoding="utf-8")
    hints = doctored / "ps1_derivatives" / "selfcheck_hints.py"
    hints.write_text(hints.read_text(encoding="utf-8") + "\n# the slope is s * (1 - s)\n", encoding="utf-8")
    found = {(g.function, Path(g.path).name) for g in scan_release(doctored)}
    assert found == {("cross_entropy_gradient", "ps3_cost_functions.ipynb"),
                     ("sigmoid_derivative", "selfcheck_hints.py")}


def test_a_later_problem_set_may_restate_an_earlier_answer(tmp_path):
    folder = tmp_path / "release" / "ps3_cost_functions"
    folder.mkdir(parents=True)
    (folder / "notes.md").write_text("The sigmoid's slope is s(1 - s), from problem set 1.\n")
    assert scan_release(tmp_path / "release") == []
