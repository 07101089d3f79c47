"""``mistakes suggest``: a draft entry per unexplained group that, once a name and a hint
are written in, passes the catalogue's own tests (tests/checks/mistakes)."""

import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import classwise_kit as kit
from autograder.checks import mistakes as catalogue_module
from autograder.grade.pipeline import Grader
from autograder.mistakes.suggest import drafts_for, render
from autograder.report.learnt import learn
from autograder.results.record import write_record

TESTS = Path(__file__).resolve().parents[1] / "checks" / "mistakes"
ENTRY = re.compile(r"Mistake\('(\w+)', \.\.\., \.\.\., (\w+)\)")


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CATALOGUE_TESTS = _module(TESTS / "test_mistakes_catalogue.py", "catalogue_tests")
GRADED_TESTS = _module(TESTS / "test_mistakes_graded.py", "graded_tests")


@pytest.fixture(scope="module")
def draft_text():
    records, sources = kit.graded()
    return render(drafts_for(learn(records).groups, sources, kit.MODULE), kit.ASSIGNMENT)


def fill(text: str) -> str:
    """What the instructor does: a name and a hint for each draft (names kept unique by the function's text)."""
    def named(match):
        function, wrong = match.groups()
        tag = hashlib.sha256(text.encode()).hexdigest()[:6]
        return (f"Mistake({function!r}, 'a mistake learnt from the class ({wrong[-1]}, {tag})', "
                f"'Compare each factor of your formula with the chain rule, one step at a time, on a small example.', "
                f"{wrong})")
    return ENTRY.sub(named, text)


def _drafts(tmp_path: Path, text: str):
    path = tmp_path / "drafts.py"
    path.write_text(text, encoding="utf-8")
    return _module(path, f"drafts_{hashlib.sha256(text.encode()).hexdigest()[:8]}").DRAFTS


def test_one_draft_per_group_with_the_blanks_left_for_the_instructor(draft_text):
    assert ENTRY.findall(draft_text) == [("mse_gradient", "_learnt_mse_gradient_1"),
                                        ("mse_gradient", "_learnt_mse_gradient_2"),
                                        ("mse_gradient", "_learnt_mse_gradient_3")]
    assert "from solutions.cost_functions import neuron" in draft_text
    assert "return g + 0.01 * w" in draft_text          # derived from a member's own function
    assert "#" not in draft_text.split("def _learnt_mse_gradient_1")[1].split("\n\n")[0]


def test_an_unfilled_draft_fails_the_catalogues_hint_test(tmp_path, draft_text):
    for mistake in _drafts(tmp_path, draft_text):
        with pytest.raises((AssertionError, TypeError)):
            CATALOGUE_TESTS.test_hints_are_sentences_for_a_beginner_without_reference_code(
                kit.ASSIGNMENT, kit.MODULE, mistake)


def test_filled_in_the_drafts_pass_the_catalogues_tests(tmp_path, draft_text, monkeypatch):
    drafts = _drafts(tmp_path, fill(draft_text))
    assert len(drafts) == 3
    for mistake in drafts:
        CATALOGUE_TESTS.test_each_entry_is_a_mistake_of_an_exercise_function(kit.ASSIGNMENT, kit.MODULE, mistake)
        CATALOGUE_TESTS.test_each_wrong_version_uses_only_names_the_exercise_module_has(kit.ASSIGNMENT, kit.MODULE, mistake)
        CATALOGUE_TESTS.test_each_wrong_version_differs_from_the_reference_on_the_grading_inputs(
            kit.ASSIGNMENT, kit.MODULE, mistake)
        CATALOGUE_TESTS.test_hints_are_sentences_for_a_beginner_without_reference_code(kit.ASSIGNMENT, kit.MODULE, mistake)
    known = {(m.function, m.name) for _, _, m in CATALOGUE_TESTS.ENTRIES}
    assert not known & {(m.function, m.name) for m in drafts}
    # Added to the catalogue, each is caught and named when handed in through the real pipeline.
    added = dict(catalogue_module.catalogue(kit.MODULE))
    added["mse_gradient"] = added["mse_gradient"] + tuple(drafts)
    original = catalogue_module.catalogue
    monkeypatch.setattr(catalogue_module, "catalogue", lambda module: added if module == kit.MODULE else original(module))
    with Grader() as grader:
        for n, mistake in enumerate(drafts):
            GRADED_TESTS.test_each_known_mistake_loses_points_and_is_named(grader, tmp_path / str(n), kit.ASSIGNMENT, mistake)


def test_the_command_writes_the_drafts_from_a_course_folder(tmp_path):
    records, _ = kit.graded()
    for student, record in records.by_student.items():
        submitted = tmp_path / "submitted" / student / kit.ASSIGNMENT
        submitted.mkdir(parents=True)
        for f in Path(record.path).iterdir():
            (submitted / f.name).write_bytes(f.read_bytes())
        write_record(tmp_path / "autograded" / student / kit.ASSIGNMENT, record.result, fingerprint="x")
    out = tmp_path / "drafts.py"
    done = subprocess.run([sys.executable, "-m", "autograder", "mistakes", "suggest", kit.ASSIGNMENT,
                           "--course-dir", str(tmp_path), "--out", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "3 draft entries" in done.stdout and "every answer is 2 times the right one" in done.stdout
    assert len(ENTRY.findall(out.read_text())) == 3
    record = json.loads((tmp_path / "autograded" / "orig" / kit.ASSIGNMENT / "autograder.json").read_text())
    assert record["answers"]["mse_gradient"]["named"] is False
    bad = subprocess.run([sys.executable, "-m", "autograder", "mistakes", "suggest", "ps9",
                          "--course-dir", str(tmp_path)], capture_output=True, text=True)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
