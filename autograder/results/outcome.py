"""The words for how a test ended, and the words a reader sees for them.

Records, Gradescope's JSON and the templates hold the plain strings
(``"timeout"``); ``Outcome`` is a ``str`` enumeration so those strings and the
members compare equal and serialise alike, and old records read back as is.
"""

from __future__ import annotations

from enum import Enum


class Outcome(str, Enum):
    # A ``str`` that prints as its value, as ``enum.StrEnum`` (Python 3.11) does; the
    # Gradescope image grades with Python 3.10, which has no StrEnum.
    PASSED = "passed"
    INCORRECT = "incorrect"            # ran and returned a wrong answer
    NOT_ATTEMPTED = "not_attempted"    # the stub is untouched, or nothing was handed in
    ERROR = "error"                    # raised, or could not be loaded or called
    TIMEOUT = "timeout"                # the sandbox stopped it: too long
    MEMORY = "memory"                  # ... too much memory
    CRASHED = "crashed"                # ... the process running it died
    # Gradescope's ``status`` has two words, passed and failed; a test that
    # carries no outcome of its own is shown by that status.
    FAILED = "failed"

    def __str__(self) -> str:
        return self.value

    def __format__(self, spec: str) -> str:
        return format(self.value, spec)


# Outcomes where the sandbox, not the student's answer, ended the test:
# running the function again would only hit the same limit.
STOPPED = (Outcome.TIMEOUT, Outcome.MEMORY, Outcome.CRASHED)

LABELS: dict[Outcome, str] = {
    Outcome.PASSED: "Passed",
    Outcome.INCORRECT: "Incorrect",
    Outcome.NOT_ATTEMPTED: "Not attempted",
    Outcome.ERROR: "Error",
    Outcome.TIMEOUT: "Timed out",
    Outcome.MEMORY: "Out of memory",
    Outcome.CRASHED: "Crashed",
    Outcome.FAILED: "Failed",
}


def as_outcome(word: str) -> Outcome | str:
    """The member for ``word``, or ``word`` itself when it names none (``""``
    for a test that carries no outcome; a word from a newer grader)."""
    return Outcome(word) if word in Outcome._value2member_map_ else word


def label(outcome: str, passed: bool | None = None) -> str:
    """What a reader sees for ``outcome``; with none, ``passed`` decides."""
    if outcome in Outcome._value2member_map_:
        return LABELS[Outcome(outcome)]
    if passed is not None:
        return LABELS[Outcome.PASSED if passed else Outcome.FAILED]
    return outcome.replace("_", " ").capitalize()
