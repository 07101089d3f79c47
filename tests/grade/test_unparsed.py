"""A function kept from being defined by a syntax error is found from the source alone."""

from hypothesis import given, strategies as st

from autograder.grade.unparsed import syntax_errors

GOOD = "def good(x):\n    return x\n"


def test_a_file_that_parses_has_no_broken_functions():
    assert syntax_errors(GOOD + "\n\ndef other(y):\n    return y\n") == {}


def test_the_broken_function_and_its_line_are_named():
    source = "import numpy as np\n\n" + GOOD + "\n\ndef mse(y_hat, y)\n    return 0\n\n\ndef after(z):\n    return z\n"
    assert syntax_errors(source) == {"mse": (7, "expected ':'")}


def test_an_error_deep_in_a_body_is_found_for_that_function():
    source = "def mse(y_hat, y):\n    d = (y_hat - y\n    return d\n" + "\n" + GOOD
    found = syntax_errors(source)
    assert set(found) == {"mse"} and found["mse"][0] in (2, 3)


def test_an_error_outside_any_function_names_no_function():
    assert syntax_errors(GOOD + "\nx = = 1\n") == {}


@given(st.lists(st.sampled_from(["f", "g", "h", "k"]), min_size=1, max_size=4, unique=True), st.data())
def test_only_the_broken_blocks_are_named(names, data):
    broken = set(data.draw(st.lists(st.sampled_from(names), unique=True)))
    blocks = [f"def {n}(x){'' if n in broken else ':'}\n    return x\n" for n in names]
    assert set(syntax_errors("\n\n".join(blocks))) == broken
