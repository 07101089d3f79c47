"""Nothing hidden reaches students: reference code, hidden tests, grader imports.

What a student receives: the nbgrader release (every file), the .py stubs in
exercises/, and the self-check module.  The rule for what counts as
reference code is documented in autograder/build/leak_scan.py.
"""

import json
import shutil
from pathlib import Path

from autograder.build.leak_scan import reference_lines, scan
from autograder.build.materials import STUDENT_FILES
from autograder.build.reference import load

REPO = Path(__file__).resolve().parents[2]
REFERENCES = reference_lines(REPO / "solutions")


def test_student_material_is_clean(released):
    course, result = released
    assert result["returncode"] == 0, result["log"]
    received = [course / "release", REPO / "exercises", *(REPO / "course" / name for name in STUDENT_FILES)]
    findings = scan(received, REFERENCES, base=course)
    assert not findings, "\n".join(map(str, findings))


def test_the_scan_catches_leaks_planted_in_a_released_notebook(released, tmp_path):
    course, _ = released
    doctored = tmp_path / "release"
    shutil.copytree(course / "release", doctored)
    notebook = doctored / "ps4_backprop" / "ps4_backprop.ipynb"
    data = json.loads(notebook.read_text(encoding="utf-8"))
    backward = load(REPO / "solutions" / "backprop.py").functions["backward"]
    for cell in data["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == "answer_backward":
            # A student-visible answer cell that kept its reference body, re-indented.
            cell["source"] = "".join(cell["source"]).replace("raise NotImplementedError()", backward.body.strip())
    notebook.write_text(json.dumps(data), encoding="utf-8")
    (doctored / "ps1_derivatives" / "selfcheck.py").write_text(
        "### BEGIN HIDDEN TESTS\nfrom solutions.derivatives import sigmoid\n", encoding="utf-8")

    findings = scan([doctored], REFERENCES, base=tmp_path)
    kinds = {(Path(f.path).name, f.kind) for f in findings}
    assert ("ps4_backprop.ipynb", "reference") in kinds
    assert ("selfcheck.py", "marker") in kinds and ("selfcheck.py", "import") in kinds
    flagged = {f.detail.split(":")[0] for f in findings if f.kind == "reference"}
    assert flagged == {"line of backprop.backward"}
    untouched = scan([course / "release"], REFERENCES, base=course)
    assert untouched == []
