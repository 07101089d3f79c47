"""Grouping feedback messages that say the same thing about different numbers.

"expected 2.856, got 3.1" and "expected 2.856, got -0.4" are one failure for
an instructor.  ``normalise`` replaces every number (and array of numbers) by
``#`` so such messages share a key; ``group`` counts students per key.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

MAX_KEY = 1000   # long enough to keep the diagnosis after a long "Called: ..." line

# A number standing on its own: not the digit in ``x0``, ``theta1`` or ``ps2``.
# NumPy writes floats in arrays as "0." ("[0. 1.]"): inside an array that dot
# belongs to the number; at the end of a sentence ("expected 42.") it does not.
_NUMBER = re.compile(
    r"(?<![\w.])[-+]?"
    r"(?:\d+(?:_\d+)*\.(?=\s*(?:[-+]?\d|\]|\.\.\.|…))|\d+(?:_\d+)*(?:\.\d+)?|\.\d+)"
    r"(?:[eE][-+]?\d+)?j?(?!\w)"
    r"|(?<![\w.])[-+]?(?:nan|inf(?:inity)?)(?!\w)",
    re.IGNORECASE,
)
# Several numbers in a row (an array's contents, "[0. 1. ... 9.]", or the
# rows of a matrix, "[[0. 1.] [2. 3.]]") say no more than one.
_SEP = r"(?:[\s,;]|\][\s,;]*\[)+"
_RUN = re.compile(rf"#(?:{_SEP}(?:(?:\.\.\.|…){_SEP})?#)+")
# "[ 0.  1.]" and "[0. 1.]" are the same array.
_PADDING = re.compile(r"(?<=[\[(])\s+|\s+(?=[\])])")
_SPACE = re.compile(r"\s+")


def normalise(message: str) -> str:
    """The message with numbers as ``#``, whitespace collapsed, length capped."""
    text = _NUMBER.sub("#", message)
    text = _SPACE.sub(" ", text).strip()
    text = _PADDING.sub("", text)
    text = _RUN.sub("#", text)
    return text[:MAX_KEY]


@dataclass(frozen=True)
class MessageGroup:
    exercise: str
    pattern: str        # the normalised message
    students: int       # how many students' submissions produced it
    example: str        # one original message, as a student read it


def group(items: list[tuple[str, str, str]], top: int | None = None) -> list[MessageGroup]:
    """Group ``(student, exercise, message)`` triples, most students first.

    A student counts once per group however many tests gave them the message.
    Ties keep a stable order (exercise, then pattern) so reports do not shuffle.
    """
    seen: set[tuple[str, str, str]] = set()
    counts: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    for student, exercise, message in items:
        if not message.strip():
            continue
        key = (exercise, normalise(message))
        examples.setdefault(key, message)
        if (student, *key) in seen:
            continue
        seen.add((student, *key))
        counts[key] += 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if top is not None:
        ordered = ordered[:top]
    return [MessageGroup(ex, pattern, n, examples[(ex, pattern)]) for (ex, pattern), n in ordered]
