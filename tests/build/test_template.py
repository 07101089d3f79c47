"""The template format: directives, their arguments, and what they refuse."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autograder.build.template import TemplateError, parse

TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"),
               min_size=1, max_size=80).filter(lambda t: t.strip() and not t.startswith("%"))


def test_blocks_in_order_with_arguments_and_text():
    blocks = parse("%% md\n# Title\n\ntext\n\n%% exercise df\n\n%% given derivatives.f derivatives.df\n"
                   "%% written written_x 3\nmodel answer\n%% code\nprint(1)\n")
    assert [(b.kind, b.args) for b in blocks] == [
        ("md", ()), ("exercise", ("df",)), ("given", ("derivatives.f", "derivatives.df")),
        ("written", ("written_x", "3")), ("code", ())]
    assert blocks[0].text == "# Title\n\ntext" and blocks[3].text == "model answer"
    assert blocks[1].line == 6


@given(lines=st.lists(TEXT, min_size=1, max_size=6))
def test_markdown_text_survives_verbatim(lines):
    body = "\n".join(lines)
    (block,) = parse(f"%% md\n\n{body}\n\n")
    assert block.text == body.strip("\n")


@pytest.mark.parametrize("text, message", [
    ("intro\n%% md\nx", "before the first"),
    ("%% mdx\nx", "unknown directive"),
    ("%%md\nx", "unknown directive"),
    ("%% exercise\n", "takes 1..1 arguments"),
    ("%% written only_id\nanswer", "takes 2..2 arguments"),
    ("%% exercise df\nstray text", "takes no text"),
    ("%% code\n\n", "is empty"),
])
def test_malformed_templates_are_refused_with_a_line(text, message):
    with pytest.raises(TemplateError, match=message):
        parse(text, "t.md")
