"""Mistakes learnt from the class: the wrong answers no catalogue entry explains, grouped.

Each record carries, for every wrongly answered function, a fingerprint of
its answers on the hidden inputs (``checks/fingerprint.py``).  After a
batch, the fingerprints whose failure no known mistake named are grouped:

* the same simple factor off on every input (2, -1, 1/m, ...), or the same
  constant added to every answer, is one group, whatever the inputs were;
* otherwise the same answers on the inputs most of the function's
  fingerprints have in common (all of them while every student gets the same
  hidden inputs) are one group.

The largest groups are the catalogue's next entries: the report shows each
with its size, one member's input, expected and returned values (from that
member's feedback) and an anonymised excerpt of one member's function;
``python -m autograder mistakes suggest`` turns a group into a draft entry.
Coverage is the share of failing submissions whose every wrong function
the catalogue named.  One pass over the records: linear in the class.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from autograder.report.code import excerpt, submission_source
from autograder.results.record import Records
from autograder.results import Outcome

TOP_GROUPS = 10
SHOWN_LINES = re.compile(r"^(Called|Expected|Got)\b[^:]*:\s*(.*)$")


@dataclass
class Coverage:
    failing: int = 0            # submissions with at least one wrongly answered function
    explained: int = 0          # ... whose every wrong function the catalogue named
    wrong_functions: int = 0    # (submission, function) pairs answered wrongly
    named_functions: int = 0    # ... that a known mistake named

    @property
    def share(self) -> float | None:
        return self.explained / self.failing if self.failing else None

    def sentence(self) -> str:
        if not self.failing:
            return "no submission answered a hidden test wrongly"
        return (f"the catalogue explains {self.explained} of {self.failing} failing submissions "
                f"({100 * self.share:.0f}%); {self.named_functions} of {self.wrong_functions} "
                f"wrong functions named")


@dataclass
class Group:
    exercise: str                 # "cost_functions.mse_gradient"
    function: str
    how: str                      # what the members share, in words
    factor: str                   # "2", "-1", "1/4" or "" (same answers)
    members: list[str]            # students, sorted
    called: str = ""
    expected: str = ""
    got: str = ""
    excerpt: str = ""

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class Learnt:
    coverage: Coverage
    groups: list[Group] = field(default_factory=list)     # largest first, two members or more
    alone: int = 0                                         # unexplained failures in no group


def learn(records: Records, course_dir: Path | None = None, top: int = TOP_GROUPS) -> Learnt:
    """Coverage and the largest groups; excerpts are read from ``course_dir`` when given."""
    coverage = Coverage()
    unexplained: dict[str, dict[str, dict]] = defaultdict(dict)    # function -> student -> fingerprint
    every: dict[str, list[dict]] = defaultdict(list)               # function -> all its fingerprints
    module = ""
    for student, record in sorted(records.by_student.items()):
        answers = record.result.answers
        module = module or next((t.module for t in record.result.tests), "")
        if not answers:
            continue
        coverage.failing += 1
        coverage.wrong_functions += len(answers)
        named = sum(1 for a in answers.values() if a.get("named"))
        coverage.named_functions += named
        coverage.explained += named == len(answers)
        for function, fingerprint in answers.items():
            every[function].append(fingerprint)
            if not fingerprint.get("named"):
                unexplained[function][student] = fingerprint

    groups, alone = [], 0
    for function, by_student in unexplained.items():
        common = _common_inputs(every[function])
        keyed: dict[tuple, list[str]] = defaultdict(list)
        for student, fingerprint in by_student.items():
            keyed[_key(fingerprint, common, student)].append(student)
        for key, members in keyed.items():
            if len(members) < 2:
                alone += 1
                continue
            factor = key[1] if key[0] == "factor" else ""
            how = (f"every answer is {factor} times the right one" if factor
                   else f"every answer is the right one {'plus' if not key[1].startswith('-') else 'minus'} "
                        f"{key[1].lstrip('-')}" if key[0] == "offset"
                   else f"the same answers on all {len(common)} hidden inputs")
            groups.append(Group(f"{module}.{function}", function, how, factor, sorted(members)))
    groups.sort(key=lambda g: (-g.size, g.exercise, g.members))
    groups = groups[:top]
    for g in groups:
        _describe(g, records, course_dir)
    return Learnt(coverage, groups, alone)


def _common_inputs(fingerprints: list[dict]) -> list[str]:
    """Input digests at least half of the function's fingerprints have."""
    seen = Counter(d for f in fingerprints for d in {c.split(":")[0] for c in f.get("calls", [])})
    return sorted(d for d, n in seen.items() if 2 * n >= len(fingerprints))


def _key(fingerprint: dict, common: list[str], student: str) -> tuple:
    if fingerprint.get("factor"):
        return ("factor", fingerprint["factor"])
    if fingerprint.get("offset"):
        return ("offset", fingerprint["offset"])
    answers = {}
    for c in fingerprint.get("calls", []):
        parts = c.split(":")
        if len(parts) >= 2:
            answers[parts[0]] = parts[1]
    if not common:
        return ("alone", student)
    return ("answers", tuple(answers.get(d, "-") for d in common))


def _describe(group: Group, records: Records, course_dir: Path | None) -> None:
    """One member's input, expected and returned value, and one member's code."""
    for student in group.members:
        for t in records.by_student[student].result.tests:
            if t.function == group.function and t.outcome == Outcome.INCORRECT:
                found = dict(m.groups() for m in map(SHOWN_LINES.match, t.output.splitlines()) if m)
                if "Called" in found:
                    group.called, group.expected, group.got = (found.get(k, "") for k in ("Called", "Expected", "Got"))
                    break
        if group.called:
            break
    if course_dir is None:
        return
    for student in group.members:
        text = excerpt(submission_source(course_dir, student, records.assignment), group.function)
        if text:
            group.excerpt = text
            return
