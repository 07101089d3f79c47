"""Fixtures of the report tests."""

import pytest

from course_records import SUBMISSIONS, write_record


@pytest.fixture
def course(tmp_path):
    """ps2 records and submission folders for five students (see SUBMISSIONS)."""
    for student, make in SUBMISSIONS.items():
        write_record(tmp_path, student, "ps2_gradient_descent", make(), fingerprint="abc123", batch_id=7)
        (tmp_path / "submitted" / student / "ps2_gradient_descent").mkdir(parents=True)
    return tmp_path
