"""Grades as data: one ``TestResult`` per test, a ``GradeResult`` per submission.

``GradeResult.to_gradescope()`` is the JSON the outside world reads (see
``shared/grading-interface.md``): Gradescope's ``results.json`` schema, with
each test named ``module.function: what it checks``.  ``to_dict()`` is what
a record keeps, and ``from_dict()`` the one way back from it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Iterable

from autograder.results.outcome import Outcome, as_outcome


# Gradescope's words for when students see a test, least to most visible.
VISIBILITIES = ("hidden", "after_due_date", "after_published", "visible")


@dataclass
class TestResult:
    __test__ = False   # a name pytest would otherwise try to collect where it is imported
    module: str            # "backprop"
    function: str          # "backward"
    title: str             # "matches SymPy gradient"
    score: float
    max_score: float
    output: str = ""       # the feedback a student reads
    visibility: str = "visible"   # one of VISIBILITIES
    outcome: Outcome | str = ""   # "" when the grader that made it gave none
    mistake: str = ""      # name of the known mistake the submission matched, if any

    def __post_init__(self) -> None:
        self.outcome = as_outcome(str(self.outcome or ""))

    @property
    def name(self) -> str:
        return f"{self.module}.{self.function}: {self.title}"

    @property
    def status(self) -> Outcome:
        """Gradescope's word: passed only with every point."""
        return Outcome.PASSED if self.score >= self.max_score else Outcome.FAILED

    def to_gradescope(self) -> dict:
        return {
            "name": self.name,
            "score": round(self.score, 6),
            "max_score": self.max_score,
            "status": str(self.status),
            "output": self.output,
            "visibility": self.visibility,
        }

    @classmethod
    def from_dict(cls, data: dict) -> "TestResult":
        """Raises ``ValueError`` when ``data`` is not a test's entry; keys it does not know are dropped."""
        if not isinstance(data, dict):
            raise ValueError("a test entry is not an object")
        known = {k: v for k, v in data.items() if k in _TEST_FIELDS}
        try:
            test = cls(**known)
        except TypeError as exc:
            raise ValueError(f"a test entry lacks fields: {exc}") from exc
        return test


_TEST_FIELDS = frozenset(f.name for f in fields(TestResult))


@dataclass
class GradeResult:
    assignment: str                       # "ps1_derivatives" (or several, comma-joined)
    tests: list[TestResult] = field(default_factory=list)
    output: str = ""                      # submission-level messages (load errors, ...)
    execution_time: float = 0.0
    # Doubts about the submission itself (graded anyway), also in ``output``;
    # a command line shows them on stderr too.
    warnings: list[str] = field(default_factory=list)
    # The sandbox's isolation in force (``SandboxReport.isolation``): for
    # instructors only, in ``extra_data``, which Gradescope does not show students.
    isolation: str = ""
    # Instructor-only: what each wrongly answered function returned on the
    # hidden inputs, as digests (``checks/fingerprint.py``); never sent to Gradescope.
    answers: dict[str, dict] = field(default_factory=dict)

    @property
    def score(self) -> float:
        return sum(t.score for t in self.tests)

    @property
    def max_score(self) -> float:
        return sum(t.max_score for t in self.tests)

    def function_scores(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(module, function) -> (score, max_score), summed over its tests."""
        out: dict[tuple[str, str], tuple[float, float]] = {}
        for t in self.tests:
            s, m = out.get((t.module, t.function), (0.0, 0.0))
            out[(t.module, t.function)] = (s + t.score, m + t.max_score)
        return out

    def to_gradescope(self) -> dict:
        return {
            "score": round(self.score, 6),
            "max_score": self.max_score,
            "execution_time": round(self.execution_time, 3),
            "output": self.output,
            "tests": [t.to_gradescope() for t in self.tests],
            "extra_data": {"isolation": self.isolation},
        }

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "GradeResult":
        """The result a ``to_dict()`` was made from.

        Records outlive the grader that wrote them, so reading forgives:
        keys it does not know are ignored (a record keeps its own beside the
        result), missing ones take their defaults.  Raises ``ValueError``
        when ``data`` is not a result at all.
        """
        if not isinstance(data, dict) or not isinstance(data.get("tests", []), list):
            raise ValueError("not a grade record")
        warnings = data.get("warnings")
        try:
            seconds = float(data.get("execution_time") or 0.0)
        except TypeError as exc:
            raise ValueError(f"execution_time is not a number: {exc}") from exc
        return cls(
            assignment=str(data.get("assignment") or ""),
            tests=[TestResult.from_dict(t) for t in data.get("tests", [])],
            output=str(data.get("output") or ""),
            execution_time=seconds,
            warnings=[str(w) for w in warnings] if isinstance(warnings, list) else [],
            isolation=str(data.get("isolation") or ""),
            answers=data["answers"] if isinstance(data.get("answers"), dict) else {},
        )


RESULT_FIELDS = frozenset(f.name for f in fields(GradeResult))


def combine(results: Iterable[GradeResult], seconds: float | None = None,
            assignment: str | None = None) -> GradeResult:
    """One result from several parts' (a submission's notebooks or problem sets).

    ``seconds``: the time the whole took (default: the parts' sum);
    ``assignment``: the whole's name (default: the parts', comma-joined).
    A message every part repeats is said once.
    """
    results = list(results)
    return GradeResult(
        assignment=assignment if assignment is not None else ",".join(r.assignment for r in results),
        tests=[t for r in results for t in r.tests],
        output="\n".join(dict.fromkeys(r.output for r in results)),
        execution_time=seconds if seconds is not None else sum(r.execution_time for r in results),
        warnings=[w for r in results for w in r.warnings],
        isolation="; ".join(dict.fromkeys(r.isolation for r in results if r.isolation)),
        answers={f: a for r in results for f, a in r.answers.items()},
    )
