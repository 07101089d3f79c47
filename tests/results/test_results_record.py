"""The record is written whole or not at all, and read back by the one reader."""

import json
import os

from autograder.results import GradeResult, TestResult
from autograder.results.record import NAME, assignments_to_read, load_records, read_record, write_atomic, write_record


def test_record_round_trip_and_unreadable_records_count_as_absent(tmp_path):
    assert read_record(tmp_path) is None
    result = GradeResult("ps1_derivatives", [TestResult("derivatives", "df", "t", 1.0, 1.0, outcome="passed")])
    write_record(tmp_path, result, fingerprint="abc")
    data = read_record(tmp_path)
    assert data == {**json.loads(json.dumps(result.to_dict())), "fingerprint": "abc"}
    assert GradeResult.from_dict(data) == result
    (tmp_path / "autograder.json").write_text('{"assignment": "ps1_deri')
    assert read_record(tmp_path) is None


def test_atomic_write_replaces_read_only_files_and_leaves_no_temporaries(tmp_path):
    target = tmp_path / "sub" / "file.ipynb"
    write_atomic(target, b"one", 0o444)
    write_atomic(target, b"two", 0o444)
    assert target.read_bytes() == b"two"
    assert oct(target.stat().st_mode & 0o777) == "0o444"
    assert os.listdir(target.parent) == ["file.ipynb"]


def test_a_course_reads_back_with_extra_keys_aside_and_broken_records_named(tmp_path):
    result = GradeResult("", [TestResult("derivatives", "df", "t", 0.0, 1.0, outcome="timeout")])
    write_record(tmp_path / "autograded" / "amy" / "ps1_derivatives", result, fingerprint="abc")
    broken = tmp_path / "autograded" / "bo" / "ps1_derivatives" / NAME
    broken.parent.mkdir(parents=True)
    broken.write_text('{"tests": [{"module": "derivatives"}]}')
    records = load_records(tmp_path, "ps1_derivatives")
    amy = records.by_student["amy"]
    assert amy.result.assignment == "ps1_derivatives"     # an empty name is the folder's
    assert amy.result.tests == result.tests and amy.extra == {"fingerprint": "abc"}
    assert list(records.unreadable) == ["bo"] and "lacks fields" in records.unreadable["bo"]


def test_asked_for_else_every_one_with_records_else_why_not(tmp_path):
    assert assignments_to_read(tmp_path / "nowhere", None) == ([], f"{tmp_path / 'nowhere'}: not a folder")
    chosen, why = assignments_to_read(tmp_path, None)
    assert chosen == [] and "run `python -m autograder batch` first" in why
    for student, assignment in (("amy", "ps2"), ("bo", "ps1"), ("amy", "ps1")):
        folder = tmp_path / "autograded" / student / assignment
        folder.mkdir(parents=True)
        (folder / NAME).write_text("{}")
    (tmp_path / "autograded" / "cy" / "ps3").mkdir(parents=True)       # a folder without a record
    assert assignments_to_read(tmp_path, None) == (["ps1", "ps2"], "")
    # Asked for without records: the command says what it lacks.
    assert assignments_to_read(tmp_path, ["ps3_cost_functions"]) == (["ps3_cost_functions"], "")


def test_an_assignment_the_course_does_not_have_is_refused_by_name(tmp_path):
    chosen, why = assignments_to_read(tmp_path, ["ps1_derivatives", "ps9"])
    assert chosen == [] and "unknown assignment 'ps9'" in why and "ps4_backprop" in why
