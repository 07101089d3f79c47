"""Known mistakes, recognised by running them.

Each entry is a wrong implementation of one exercise function, written as a
plain Python function with the student function's signature, plus a name and
a hint for a beginner.  When a hidden test fails, the judge runs that
function's wrong implementations on the test's own inputs (in the trusted
process); if the student's answers match one of them on every call of the
test, the feedback names the mistake.  One module per assignment module,
each defining ``MISTAKES``; adding an entry is all it takes.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import cache
from typing import Callable


@dataclass(frozen=True)
class Mistake:
    function: str          # the exercise function it imitates
    name: str              # shown to the student: "This looks like a known mistake: <name>."
    hint: str              # what to change, for a beginner
    wrong: Callable        # the wrong implementation, same signature as the exercise


@cache
def catalogue(module: str) -> dict[str, tuple[Mistake, ...]]:
    """function name -> its known mistakes, for one assignment module."""
    entries = importlib.import_module(f"{__name__}.{module}").MISTAKES
    out: dict[str, list[Mistake]] = {}
    for entry in entries:
        out.setdefault(entry.function, []).append(entry)
    return {function: tuple(items) for function, items in out.items()}
