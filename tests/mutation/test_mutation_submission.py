"""Submissions built from reference source: sibling imports, one function swapped in place."""

import json
import subprocess
import sys

import pytest

from autograder.course import ASSIGNMENTS
from devtools.mutation import submission


def _wrong_predict(X, theta1, theta2):
    return (forward(X, theta1, theta2)[2] >= 0).astype(int)  # noqa: F821 (the exercise module's forward)


def test_solutions_imports_become_sibling_imports():
    text = "import numpy as np\nfrom solutions.derivatives import sigmoid as s, f\nfrom solutions import backprop\n"
    assert submission.as_student(text) == "import numpy as np\nfrom derivatives import sigmoid as s, f\nimport backprop\n"


def test_a_plain_import_of_the_package_is_refused():
    with pytest.raises(ValueError):
        submission.as_student("import solutions.derivatives\n")


def test_siblings_come_dependencies_first():
    assert submission.siblings("backprop") == ["derivatives", "cost_functions"]
    assert submission.siblings("cost_functions") == ["derivatives"]
    assert submission.siblings("derivatives") == []


@pytest.mark.parametrize("module", ASSIGNMENTS.values())
def test_no_file_of_a_submission_mentions_the_reference_package(module):
    for name, text in submission.files(module, submission.reference_source(module)).items():
        assert "solutions" not in text.replace('"""Hidden reference solutions', ""), name


def test_a_function_is_replaced_where_it_stands_so_module_tables_pick_it_up():
    source = "def mse(a):\n    return 1\n\n\nCOSTS = {'mse': mse}\n\n\ndef other():\n    return 2\n"
    new = submission.replace_function(source, "mse", "def mse(a):\n    return 3\n")
    namespace = {}
    exec(new, namespace)
    assert namespace["COSTS"]["mse"](0) == 3 and namespace["other"]() == 2
    with pytest.raises(KeyError):
        submission.replace_function(source, "missing", "def missing():\n    pass\n")


def test_the_wrong_source_is_renamed_to_the_exercise():
    text = submission.renamed_source(_wrong_predict, "predict")
    assert text.startswith("def predict(X, theta1, theta2):")
    assert ">= 0" in text


def test_a_built_submission_runs_as_the_students_files_would(tmp_path):
    """Run outside this process, where only the written files can be imported."""
    source = submission.with_function("backprop", "predict", _wrong_predict)
    submission.write(tmp_path, "backprop", source)
    script = ("import json, numpy as np, backprop\n"
              "X = np.array([[0.0, 1.0]]); t1 = np.zeros((3, 3)); t2 = -np.ones((4, 1))\n"
              "print(json.dumps([backprop.predict(X, t1, t2).tolist(), backprop.forward(X, t1, t2)[2].tolist()]))\n")
    out = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path)!r})\n" + script],
                         capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert out.returncode == 0, out.stderr
    predicted, a3 = json.loads(out.stdout)
    assert a3[0][0] < 0.5 and predicted == [[1]], "the wrong predict is the one that ran"
    assert sorted(p.name for p in tmp_path.glob("*.py")) == ["backprop.py", "cost_functions.py", "derivatives.py"]
