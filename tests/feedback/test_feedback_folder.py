"""What a student's feedback folder carries: nbgrader's ``generate_feedback``
copies every file of ``autograded/<student>/<assignment>/`` that the course's
``ignore`` does not name; the batch command's record must not be among them."""

import json
import shutil
from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from nbgrader.utils import find_all_files
from traitlets.config.loader import PyFileConfigLoader

REPO = Path(__file__).resolve().parents[2]


def _course_directory() -> CourseDirectory:
    config = PyFileConfigLoader("nbgrader_config.py", path=str(REPO)).load_config()
    return CourseDirectory(config=config)


def test_the_record_stays_out_of_what_generate_feedback_copies(tmp_path):
    folder = tmp_path / "autograded" / "alice" / "ps1_derivatives"
    folder.mkdir(parents=True)
    (folder / "autograder.json").write_text(json.dumps({"isolation": "audit-hook", "fingerprint": "x"}))
    (folder / "ps1_derivatives.ipynb").write_text("{}")
    (folder / "timestamp.txt").write_text("2029-12-31 12:00:00 UTC")
    shutil.copy(REPO / "source" / "ps1_derivatives" / "selfcheck.py", folder / "selfcheck.py")
    coursedir = _course_directory()
    # As nbgrader's converters do (converters/base.py, init_assignment).
    copied = {Path(f).name for f in find_all_files(str(folder), coursedir.ignore + ["*.ipynb"])}
    assert "autograder.json" not in copied
    assert {"timestamp.txt", "selfcheck.py"} <= copied     # the rest of nbgrader's behaviour is kept


def test_a_graded_record_holds_nothing_the_page_does_not_except_for_instructors():
    # What is in a record beyond the tests' feedback: instructor-only fields.
    from autograder.results import GradeResult, TestResult

    record = GradeResult("ps1_derivatives", [TestResult("derivatives", "df", "value", 0, 1, output="expected 2")],
                         isolation="audit-hook").to_gradescope()
    assert record["extra_data"] == {"isolation": "audit-hook"}
    assert all("isolation" not in json.dumps(t) for t in record["tests"])
