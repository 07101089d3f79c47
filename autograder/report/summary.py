"""The numbers of a class report, computed from records and the roster.

Everything the HTML page, the CSV files and the charts show is in a
``ClassSummary``; rendering never recomputes anything.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from autograder.sandbox.isolation import weaker_than_landlock

from autograder.course import ASSIGNMENTS, exercise_functions
from autograder.grade.hints import mistake_hint
from autograder.report.messages import MessageGroup, group
from autograder.results.record import Records
from autograder.report.roster import Roster
from autograder.results import STOPPED, Outcome, label

TOP_MESSAGES = 15


@dataclass
class StudentRow:
    student: str
    name: str = ""
    status: str = "missing"          # "graded", "missing" or "unreadable"
    score: float | None = None
    max_score: float | None = None
    exercises: dict[str, float] = field(default_factory=dict)   # exercise -> score
    late: bool | None = None          # None: no gradebook to say
    seconds_late: float = 0.0
    late_penalty: float = 0.0
    gradebook_score: float | None = None
    needs_manual_grade: bool = False
    written_score: float | None = None    # manual points of the written answers, once graded
    written_max: float = 0.0
    total: float | None = None            # nbgrader export's score (late penalty taken off)
    total_max: float | None = None        # nbgrader's maximum: autograded + written
    isolation: str = ""                   # the sandbox's isolation when this record was graded
    # test cells nbgrader autograde had scored above the isolated grade (batch/gradebook.py Above)
    nbgrader_above: list = field(default_factory=list)

    @property
    def percent(self) -> float | None:
        if self.score is None or not self.max_score:
            return None
        return 100.0 * self.score / self.max_score


@dataclass
class ExerciseStats:
    exercise: str                     # "gradient_descent.minimize"
    max_score: float = 0.0
    submissions: int = 0              # graded submissions
    attempted: int = 0                # ... whose function was not an untouched stub
    passed: int = 0                   # ... that earned full marks
    hit_limits: int = 0
    total_score: float = 0.0

    @property
    def pass_rate(self) -> float:
        return self.passed / self.submissions if self.submissions else 0.0

    @property
    def mean_score(self) -> float:
        return self.total_score / self.submissions if self.submissions else 0.0


@dataclass(frozen=True)
class MistakeCount:
    exercise: str
    mistake: str
    students: int
    hint: str


@dataclass(frozen=True)
class LimitHit:
    student: str
    exercise: str
    outcome: str                      # one of results.STOPPED
    message: str

    @property
    def label(self) -> str:
        return label(self.outcome)


@dataclass
class ClassSummary:
    assignment: str
    max_score: float
    students: list[StudentRow]
    exercises: list[ExerciseStats]
    messages: list[MessageGroup]
    mistakes: list[MistakeCount]
    limits: list[LimitHit]
    roster_source: str = ""

    def count(self, status: str) -> int:
        return sum(1 for row in self.students if row.status == status)

    @property
    def isolations(self) -> dict[str, int]:
        """Isolation in force -> how many graded records had it (most first)."""
        counts: dict[str, int] = {}
        for row in self.students:
            if row.status == "graded":
                key = row.isolation or "not recorded"
                counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))

    @property
    def nbgrader_above(self) -> list[tuple[str, dict]]:
        """(student, cell) for each test cell nbgrader autograde had scored above the isolated grade."""
        return [(row.student, above) for row in self.students for above in row.nbgrader_above]

    @property
    def weaker_isolation(self) -> bool:
        """Some record was graded without Landlock (see ``sandbox/isolation.py``)."""
        return any(name != "not recorded" and weaker_than_landlock(name) for name in self.isolations)

    @property
    def awaiting_manual_grading(self) -> int:
        return sum(1 for row in self.students if row.needs_manual_grade)

    @property
    def has_written(self) -> bool:
        return any(row.written_max or row.needs_manual_grade for row in self.students)


def exercise_name(module: str, function: str) -> str:
    return f"{module}.{function}"


def _exercise_order(assignment: str, records: Records) -> list[str]:
    order = []
    if assignment in ASSIGNMENTS:
        module = ASSIGNMENTS[assignment]
        order = [exercise_name(module, f) for f in exercise_functions(assignment)]
    for record in records.by_student.values():
        for t in record.result.tests:
            name = exercise_name(t.module, t.function)
            if name not in order:
                order.append(name)
    return order


def summarise(records: Records, roster: Roster) -> ClassSummary:
    assignment = records.assignment
    order = _exercise_order(assignment, records)
    stats = {name: ExerciseStats(name) for name in order}
    rows: list[StudentRow] = []
    failures: list[tuple[str, str, str]] = []
    mistakes: dict[tuple[str, str], set[str]] = defaultdict(set)
    limits: list[LimitHit] = []
    max_score = 0.0

    for student in roster.students:
        row = StudentRow(student, name=roster.names.get(student, ""))
        entry = roster.entries.get(student)
        if entry is not None:
            row.late = entry.seconds_late > 0
            row.seconds_late = entry.seconds_late
            row.late_penalty = entry.late_penalty
            row.gradebook_score = entry.score
            row.needs_manual_grade = entry.needs_manual_grade
            row.written_score, row.written_max = entry.written_score, entry.written_max
            row.total, row.total_max = entry.total, entry.max_score
        elif roster.source == "gradebook":
            row.late = False
        rows.append(row)
        if student in records.unreadable:
            row.status = "unreadable"
            continue
        record = records.by_student.get(student)
        if record is None:
            continue
        row.status = "graded"
        result = record.result
        row.score, row.max_score = result.score, result.max_score
        row.isolation = result.isolation
        row.nbgrader_above = [a for a in record.extra.get("nbgrader_above") or [] if isinstance(a, dict)]
        max_score = max(max_score, result.max_score)

        by_exercise = defaultdict(list)
        for t in result.tests:
            by_exercise[exercise_name(t.module, t.function)].append(t)
        for name, tests in by_exercise.items():
            earned = sum(t.score for t in tests)
            possible = sum(t.max_score for t in tests)
            row.exercises[name] = earned
            s = stats[name]
            s.max_score = max(s.max_score, possible)
            s.submissions += 1
            s.total_score += earned
            s.attempted += not all(t.outcome == Outcome.NOT_ATTEMPTED for t in tests)
            s.passed += earned >= possible
            hits = {t.outcome for t in tests if t.outcome in STOPPED}
            s.hit_limits += bool(hits)
            for t in tests:
                if t.mistake:
                    mistakes[(name, t.mistake)].add(student)
                if t.score < t.max_score and t.outcome != Outcome.NOT_ATTEMPTED:
                    failures.append((student, name, t.output))
            for outcome in sorted(hits):
                first = next(t for t in tests if t.outcome == outcome)
                limits.append(LimitHit(student, name, outcome, first.output))

    mistake_counts = [
        MistakeCount(ex, m, len(who), mistake_hint(m, ex))
        for (ex, m), who in sorted(mistakes.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    ]
    return ClassSummary(
        assignment=assignment,
        max_score=max_score,
        students=rows,
        exercises=[stats[name] for name in order],
        messages=group(failures, top=TOP_MESSAGES),
        mistakes=mistake_counts,
        limits=limits,
        roster_source=roster.source,
    )
