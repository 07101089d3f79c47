"""Grades as data: one ``TestResult`` per test, a ``GradeResult`` per submission.

``GradeResult.to_gradescope()`` is the JSON the outside world reads (see
``shared/grading-interface.md``): Gradescope's ``results.json`` schema, with
each test named ``module.function: what it checks``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

PASSED, FAILED = "passed", "failed"


@dataclass
class TestResult:
    module: str            # "backprop"
    function: str          # "backward"
    title: str             # "matches SymPy gradient"
    score: float
    max_score: float
    output: str = ""       # the feedback a student reads
    visibility: str = "visible"
    outcome: str = ""      # "passed", "incorrect", "not_attempted", "error", "timeout", ...
    mistake: str = ""      # name of the known mistake the submission matched, if any

    @property
    def name(self) -> str:
        return f"{self.module}.{self.function}: {self.title}"

    @property
    def status(self) -> str:
        return PASSED if self.score >= self.max_score else FAILED

    def to_gradescope(self) -> dict:
        return {
            "name": self.name,
            "score": round(self.score, 6),
            "max_score": self.max_score,
            "status": self.status,
            "output": self.output,
            "visibility": self.visibility,
        }


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
        tests = [TestResult(**t) for t in data.get("tests", [])]
        return cls(assignment=data["assignment"], tests=tests, output=data.get("output", ""),
                   execution_time=data.get("execution_time", 0.0), warnings=list(data.get("warnings", [])),
                   isolation=data.get("isolation", ""), answers=dict(data.get("answers") or {}))
