"""Every hidden test holds a student only to what their docstring states.

Each check names, in ``states``, the sentences of its function's student
docstring (``course/docstrings.toml``) that state what it checks.  Before
anything is written, the build refuses:

- a check that states nothing, or cites a sentence its function's
  docstring does not contain (white space and line breaks aside);
- a docstring in which two sentences say the same thing (one's words all
  among the other's, small words aside), since a contract said twice
  drifts apart.

The docstring is what the stub and the notebook's answer cell both show,
so checking it once covers both; tests/build/test_docstrings.py also reads
the generated files to prove that.
"""

from __future__ import annotations

import re
from itertools import combinations

# Words that carry no requirement: two sentences differing only in these say the same.
SMALL_WORDS = frozenset(
    "a an the of to in on at by for and or is are be it its it's this that these those as with from "
    "must may each every any all returns return gives give".split())


def normalise(text: str) -> str:
    return " ".join(text.split())


def unstated(checks, docstrings: dict[str, str]) -> list[str]:
    """Why some checks are not backed by their function's docstring ([] when all are).

    ``docstrings`` maps a function name to its student docstring.
    """
    problems = []
    for check in checks:
        where = f"{check.function}: '{check.title}'"
        if not check.states:
            problems.append(f"{where} states nothing: cite the docstring sentence it checks")
            continue
        doc = normalise(docstrings.get(check.function, ""))
        for sentence in check.states:
            if normalise(sentence) not in doc:
                problems.append(f"{where} cites a sentence its docstring does not contain: {sentence!r}")
    return problems


def sentences(docstring: str) -> list[str]:
    """The docstring's sentences (a full stop, colon or semicolon ends one)."""
    text = normalise(docstring)
    parts = re.split(r"(?<=[.;:])\s+(?=[A-Za-z(])", text)
    return [p for p in parts if p.strip()]


def _words(sentence: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z0-9_']+", sentence.lower()) if w not in SMALL_WORDS)


def said_twice(docstring: str) -> list[tuple[str, str]]:
    """Pairs of sentences of which one says nothing the other does not."""
    pairs = []
    for a, b in combinations(sentences(docstring), 2):
        wa, wb = _words(a), _words(b)
        if len(wa) >= 2 and len(wb) >= 2 and (wa <= wb or wb <= wa):
            pairs.append((a, b))
    return pairs


def contract_problems(suites: list[list], docstrings: dict[str, dict[str, str]]) -> list[str]:
    """Everything wrong with the contract of every assignment: ``{module: {function: docstring}}``."""
    problems = []
    for tests in suites:
        if tests:
            problems += unstated(tests, docstrings.get(tests[0].module, {}))
    for module, functions in docstrings.items():
        for function, doc in functions.items():
            for a, b in said_twice(doc):
                problems.append(f"{module}.{function}: two sentences say the same thing: {a!r} and {b!r}")
    return problems
