"""The queue hands out every submission once, heaviest assignment first once it has learnt which."""

from hypothesis import given, settings
from hypothesis import strategies as st

from autograder.batch.schedule import HeaviestFirst


@settings(max_examples=200, deadline=None)
@given(items=st.lists(st.tuples(st.sampled_from("abcd"), st.integers()), max_size=40),
       costs=st.dictionaries(st.sampled_from("abcd"), st.floats(0, 100), min_size=4))
def test_every_item_comes_out_once_and_each_group_keeps_its_order(items, costs):
    queue = HeaviestFirst([(g, (g, i, n)) for i, (g, n) in enumerate(items)])
    out = []
    for group, index, n in queue:
        out.append((group, index, n))
        queue.took(group, costs[group])
    assert sorted(out) == sorted((g, i, n) for i, (g, n) in enumerate(items))
    for group in "abcd":
        assert [o[1] for o in out if o[0] == group] == sorted(o[1] for o in out if o[0] == group)


def test_one_of_each_first_then_the_slowest_group_until_it_runs_out():
    items = [("ps1", f"ps1-{i}") for i in range(3)] + [("ps4", f"ps4-{i}") for i in range(3)] + [("ps2", "ps2-0")]
    queue = HeaviestFirst(items)
    seconds = {"ps1": 0.2, "ps2": 0.3, "ps4": 1.5}
    out = []
    for item in queue:
        out.append(item)
        queue.took(item[:3], seconds[item[:3]])
    assert out == ["ps1-0", "ps4-0", "ps2-0", "ps4-1", "ps4-2", "ps1-1", "ps1-2"]


def test_a_group_whose_first_result_is_still_out_is_tried_before_measured_ones():
    queue = HeaviestFirst([("a", 1), ("a", 2), ("b", 3), ("b", 4)])
    handed = iter(queue)
    assert [next(handed), next(handed)] == [1, 3]
    queue.took("a", 5.0)                # b's first result has not come back
    assert next(handed) == 4
    queue.took("b", 1.0)
    assert next(handed) == 2
