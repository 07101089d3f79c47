import json

import pytest

from autograder.results import GradeResult, Outcome, TestResult, combine


def _result(assignment="ps1_derivatives", **kw) -> GradeResult:
    tests = [TestResult("derivatives", "df", "matches SymPy", 1.0, 2.0, output="off by 2", outcome="incorrect",
                        mistake="sign")]
    return GradeResult(assignment, tests, output="df: 1 / 2", execution_time=0.5, warnings=["w"],
                       isolation="landlock", answers={"df": {"a": 1}}, **kw)


def test_from_dict_reads_back_what_to_dict_wrote_through_json():
    original = _result()
    back = GradeResult.from_dict(json.loads(json.dumps(original.to_dict())))
    assert back == original
    assert back.tests[0].outcome is Outcome.INCORRECT


def test_from_dict_ignores_keys_a_record_adds_and_fills_missing_ones():
    data = {**_result().to_dict(), "fingerprint": "abc", "nbgrader_above": []}
    data["tests"][0]["added_later"] = True
    del data["warnings"], data["isolation"]
    back = GradeResult.from_dict(data)
    assert back.warnings == [] and back.isolation == ""
    assert back.tests[0].title == "matches SymPy"


@pytest.mark.parametrize("data", [[], {"tests": {}}, {"tests": ["x"]}, {"tests": [{"module": "m"}]},
                                  {"tests": [], "execution_time": [1]}])
def test_from_dict_refuses_what_is_not_a_result(data):
    with pytest.raises(ValueError):
        GradeResult.from_dict(data)


def test_combine_joins_tests_and_says_a_shared_message_once():
    a, b = _result("ps1_derivatives"), _result("ps2_cost_functions")
    b.output = a.output
    whole = combine([a, b], seconds=3.0)
    assert whole.assignment == "ps1_derivatives,ps2_cost_functions"
    assert len(whole.tests) == 2 and whole.score == 2.0 and whole.max_score == 4.0
    assert whole.output == "df: 1 / 2"
    assert whole.execution_time == 3.0
    assert whole.warnings == ["w", "w"] and whole.isolation == "landlock"


def test_combine_under_one_name_sums_the_time():
    whole = combine([_result(), _result()], assignment="ps1_derivatives")
    assert whole.assignment == "ps1_derivatives"
    assert whole.execution_time == 1.0
