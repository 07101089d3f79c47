"""Which assignments a command over the records works on, and why none."""

from autograder.report.records import RECORD_NAME, assignments_to_read


def test_asked_for_else_every_one_with_records_else_why_not(tmp_path):
    assert assignments_to_read(tmp_path / "nowhere", None) == ([], f"{tmp_path / 'nowhere'}: not a folder")
    chosen, why = assignments_to_read(tmp_path, None)
    assert chosen == [] and "run `python -m autograder batch` first" in why
    for student, assignment in (("amy", "ps2"), ("bo", "ps1"), ("amy", "ps1")):
        folder = tmp_path / "autograded" / student / assignment
        folder.mkdir(parents=True)
        (folder / RECORD_NAME).write_text("{}")
    (tmp_path / "autograded" / "cy" / "ps3").mkdir(parents=True)       # a folder without a record
    assert assignments_to_read(tmp_path, None) == (["ps1", "ps2"], "")
    # Asked for without records: the command says what it lacks.
    assert assignments_to_read(tmp_path, ["ps3_cost_functions"]) == (["ps3_cost_functions"], "")


def test_an_assignment_the_course_does_not_have_is_refused_by_name(tmp_path):
    chosen, why = assignments_to_read(tmp_path, ["ps1_derivatives", "ps9"])
    assert chosen == [] and "unknown assignment 'ps9'" in why and "ps4_backprop" in why
