"""Fingerprints decide what a rerun skips; records are never half written."""

import os

from hypothesis import given, settings, strategies as st

from autograder.batch.records import fingerprint, read_record, write_atomic, write_record

IGNORE = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]
names = st.text(alphabet="abcdefgh_", min_size=1, max_size=8)
files = st.dictionaries(names, st.binary(max_size=64), min_size=1, max_size=5)


def fill(folder, content):
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in content.items():
        (folder / name).write_bytes(data)


@settings(max_examples=40, deadline=None)
@given(content=files, extra=st.binary(min_size=1, max_size=8), data=st.data())
def test_any_change_of_a_file_changes_the_fingerprint(tmp_path_factory, content, extra, data):
    a, b = tmp_path_factory.mktemp("a"), tmp_path_factory.mktemp("b")
    fill(a, content)
    fill(b, dict(reversed(list(content.items()))))          # creation order does not matter
    assert fingerprint(a, IGNORE) == fingerprint(b, IGNORE)
    name = data.draw(st.sampled_from(sorted(content)))
    (b / name).write_bytes(content[name] + extra)
    assert fingerprint(a, IGNORE) != fingerprint(b, IGNORE)


def test_renaming_or_adding_a_file_changes_it_and_checkpoints_do_not(tmp_path):
    fill(tmp_path, {"nb.ipynb": b"{}", "timestamp.txt": b"2030-01-01 00:00:00 UTC"})
    before = fingerprint(tmp_path, IGNORE)
    fill(tmp_path / ".ipynb_checkpoints", {"nb-checkpoint.ipynb": b"old"})
    assert fingerprint(tmp_path, IGNORE) == before
    (tmp_path / "timestamp.txt").write_text("2030-01-02 00:00:00 UTC")
    assert fingerprint(tmp_path, IGNORE) != before
    (tmp_path / "timestamp.txt").write_text("2030-01-01 00:00:00 UTC")
    os.rename(tmp_path / "nb.ipynb", tmp_path / "other.ipynb")
    assert fingerprint(tmp_path, IGNORE) != before


def test_record_round_trip_and_unreadable_records_count_as_absent(tmp_path):
    assert read_record(tmp_path) is None
    write_record(tmp_path, {"assignment": "ps1_derivatives", "tests": []}, "abc")
    assert read_record(tmp_path) == {"assignment": "ps1_derivatives", "tests": [], "fingerprint": "abc"}
    (tmp_path / "autograder.json").write_text('{"assignment": "ps1_deri')
    assert read_record(tmp_path) is None


def test_atomic_write_replaces_read_only_files_and_leaves_no_temporaries(tmp_path):
    target = tmp_path / "sub" / "file.ipynb"
    write_atomic(target, b"one", 0o444)
    write_atomic(target, b"two", 0o444)
    assert target.read_bytes() == b"two"
    assert oct(target.stat().st_mode & 0o777) == "0o444"
    assert os.listdir(target.parent) == ["file.ipynb"]
