"""How a grade is dressed for Gradescope: visibility and formats."""

from __future__ import annotations

from hypothesis import given, strategies as st

from autograder.gradescope.run import VISIBILITY_ORDER, gradescope_results
from autograder.gradescope.scripts import run_autograder

RANK = {v: i for i, v in enumerate(VISIBILITY_ORDER)}
tests = st.lists(st.fixed_dictionaries({
    "name": st.just("derivatives.f: value"), "score": st.floats(0, 5), "max_score": st.just(5.0),
    "status": st.sampled_from(["passed", "failed"]), "output": st.text(max_size=20),
    "visibility": st.sampled_from(VISIBILITY_ORDER)}), max_size=6)


@given(tests, st.sampled_from(["visible", "after_published"]))
def test_a_test_is_shown_no_earlier_than_its_check_or_the_bundle_allows(items, visibility):
    raw = {"score": 1.0, "max_score": 5.0, "execution_time": 0.1, "output": "", "tests": items}
    shown = gradescope_results(raw, visibility)
    assert len(shown["tests"]) == len(items)
    for before, after in zip(items, shown["tests"]):
        assert after["visibility"] == min(before["visibility"], visibility, key=RANK.get)
        assert {k: v for k, v in after.items() if k != "visibility"} == \
               {k: v for k, v in before.items() if k != "visibility"}
    assert shown["visibility"] == visibility
    assert shown["stdout_visibility"] == "hidden"
    # Student text is never rendered as HTML or Markdown.
    assert shown["output_format"] == shown["test_output_format"] == shown["test_name_format"] == "text"


def test_run_autograder_carries_the_bundle_settings():
    script = run_autograder("ps4_backprop", "after_published")
    assert "--assignment ps4_backprop --visibility after_published" in script
    assert 'root="${AUTOGRADER_ROOT:-/autograder}"' in script
