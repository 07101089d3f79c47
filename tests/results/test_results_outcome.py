import json

from autograder.results import LABELS, STOPPED, Outcome, TestResult, as_outcome, label


def test_members_are_the_strings_records_hold():
    assert Outcome.NOT_ATTEMPTED == "not_attempted"
    assert json.dumps({"o": Outcome.TIMEOUT}) == '{"o": "timeout"}'
    assert f"{Outcome.MEMORY}" == "memory"


def test_every_member_has_a_label():
    assert set(LABELS) == set(Outcome)
    assert label("timeout") == "Timed out"


def test_without_an_outcome_the_score_decides_the_label():
    assert label("", passed=True) == "Passed"
    assert label("", passed=False) == "Failed"


def test_an_unknown_word_is_kept_and_shown_readably():
    assert as_outcome("gave_up") == "gave_up" and not isinstance(as_outcome("gave_up"), Outcome)
    assert label("gave_up") == "Gave up"


def test_only_the_sandbox_limits_count_as_stopped():
    assert set(STOPPED) == {Outcome.TIMEOUT, Outcome.MEMORY, Outcome.CRASHED}


def test_a_test_result_holds_its_outcome_as_a_member():
    t = TestResult("m", "f", "title", 0.0, 1.0, outcome="incorrect")
    assert t.outcome is Outcome.INCORRECT
    assert t.status is Outcome.FAILED
    assert t.to_gradescope()["status"] == "failed"
