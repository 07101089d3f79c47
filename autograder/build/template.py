"""Parse a notebook template (course/notebooks/<assignment>.md).

A template is a sequence of blocks, each opened by a directive line:

    %% md                      a markdown cell (the text below)
    %% code                    an ordinary code cell (plots, worked examples)
    %% exercise NAME           answer cell + self-check cell + autograded test cell
    %% carry MODULE.NAME       answer cell + self-check cell for a function from an
                               earlier problem set (not graded here)
    %% given MODULE.NAME ...   a read-only cell with reference code that gives
                               nothing away: pure formulas or module-level constants
    %% written GRADE_ID POINTS a manually graded markdown answer; the text below
                               is for the grader: "**Model answer.**", then
                               "**Rubric (POINTS points).**" and how the points are
                               earned. nbgrader replaces the whole cell on release

Blank lines around a block's text are dropped.  Only ``md``, ``code`` and
``written`` blocks take text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DIRECTIVE = re.compile(r"^%% (\w+)((?: \S+)*)\s*$")
ARITY = {"md": (0, 0), "code": (0, 0), "exercise": (1, 1), "carry": (1, 1), "given": (1, 99), "written": (2, 2)}
TAKES_TEXT = {"md", "code", "written"}


class TemplateError(ValueError):
    pass


@dataclass(frozen=True)
class Block:
    kind: str
    args: tuple[str, ...]
    text: str
    line: int


def parse(text: str, name: str = "template") -> list[Block]:
    blocks: list[Block] = []
    current: tuple[str, tuple[str, ...], int] | None = None
    lines: list[str] = []

    def close():
        if current is None:
            if "".join(lines).strip():
                raise TemplateError(f"{name}: text before the first %% directive")
            return
        kind, args, line = current
        body = "\n".join(lines).strip("\n")
        if body.strip() and kind not in TAKES_TEXT:
            raise TemplateError(f"{name}:{line}: '%% {kind}' takes no text")
        if not body.strip() and kind in TAKES_TEXT:
            raise TemplateError(f"{name}:{line}: '%% {kind}' block is empty")
        blocks.append(Block(kind, args, body, line))

    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.startswith("%%"):
            match = DIRECTIVE.match(raw)
            if not match or match.group(1) not in ARITY:
                raise TemplateError(f"{name}:{number}: unknown directive {raw!r}")
            kind, args = match.group(1), tuple(match.group(2).split())
            low, high = ARITY[kind]
            if not low <= len(args) <= high:
                raise TemplateError(f"{name}:{number}: '%% {kind}' takes {low}..{high} arguments")
            close()
            current, lines = (kind, args, number), []
        else:
            lines.append(raw)
    close()
    return blocks
