"""``run_autograder``'s Python side leaves a results file whatever happens to grading."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from autograder.gradescope import run

SCHEMA = json.loads((Path(__file__).parent / "results_schema.json").read_text())
ARGS = ["--assignment", "ps1_derivatives"]


def results(root: Path) -> dict:
    data = json.loads((root / "results" / "results.json").read_text())
    jsonschema.validate(data, SCHEMA)
    return data


def test_a_run_stopped_mid_grading_leaves_a_did_not_finish_result(tmp_path, monkeypatch):
    (tmp_path / "submission").mkdir()

    def killed(*_):
        seen = results(tmp_path)          # what Gradescope would read, were the run stopped here
        assert seen["tests"][0]["name"] == run.ERROR_TEST and "did not finish" in seen["output"]
        raise KeyboardInterrupt

    monkeypatch.setattr(run, "grade", killed)
    with pytest.raises(KeyboardInterrupt):
        run.main(["--root", str(tmp_path), *ARGS])
    assert "did not finish" in results(tmp_path)["tests"][0]["output"]


def test_a_grader_failure_becomes_an_autograder_error_test_with_the_reason(tmp_path, monkeypatch, capsys):
    (tmp_path / "submission").mkdir()
    monkeypatch.setattr(run, "grade", lambda *_: 1 / 0)
    assert run.main(["--root", str(tmp_path), *ARGS]) == 0
    data = results(tmp_path)
    assert [t["name"] for t in data["tests"]] == [run.ERROR_TEST]
    assert "ZeroDivisionError: division by zero" in data["tests"][0]["output"]
    assert data["score"] == 0 and data["max_score"] == 20
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["{not json", "[1, 2]"])
def test_unreadable_metadata_is_logged_and_grading_goes_on(tmp_path, monkeypatch, capsys, text):
    (tmp_path / "submission").mkdir()
    (tmp_path / "submission_metadata.json").write_text(text)
    graded = {"score": 1.0, "max_score": 2.0, "execution_time": 0.1, "output": "", "tests": [
        {"name": "derivatives.f: x", "score": 1.0, "max_score": 2.0, "status": "failed", "output": "",
         "visibility": "visible"}]}
    monkeypatch.setattr(run, "grade", lambda *_: dict(graded))
    assert run.main(["--root", str(tmp_path), *ARGS]) == 0
    assert results(tmp_path)["score"] == 1.0 and "extra_data" not in results(tmp_path)
    assert "submission_metadata.json" in capsys.readouterr().out


def test_visibility_rules_read_as_documented():
    rules = run.parse_visibility(["after_published", "critical_points=hidden", "derivatives.df=after_due_date"])
    assert run.visibility_of("derivatives.critical_points: sorted", rules) == "hidden"
    assert run.visibility_of("derivatives.df: matches", rules) == "after_due_date"
    assert run.visibility_of("derivatives.f: scalars", rules) == "after_published"
    with pytest.raises(ValueError):
        run.parse_visibility(["later"])
