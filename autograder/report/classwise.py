"""The class report's class-wide sections: mistakes learnt from the class
(``learnt``) and similarity by behaviour and normalised code (``similar``),
with their CSV files; the page includes ``_classwise.html.j2``."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from autograder.report.learnt import Learnt, learn
from autograder.results.record import load_records
from autograder.report.similar import FLAG, Pair, rare_limit, similar_pairs
from autograder.report.tables import _write


@dataclass
class Classwise:
    learnt: Learnt
    pairs: list[Pair] = field(default_factory=list)
    flag: float = FLAG
    rare: int = 3
    csv_paths: list[Path] = field(default_factory=list)


def classwise(course_dir: Path, assignment: str, out_dir: Path) -> Classwise:
    records = load_records(course_dir, assignment)
    found = Classwise(learn(records, course_dir), similar_pairs(records, course_dir),
                      rare=rare_limit(len(records.by_student)))
    c = found.learnt.coverage
    found.csv_paths = [
        _write(out_dir / "learnt.csv",
               ["exercise", "students", "what they share", "called", "expected", "got", "members"],
               [[g.exercise, g.size, g.how, g.called, g.expected, g.got, " ".join(g.members)]
                for g in found.learnt.groups]),
        _write(out_dir / "coverage.csv",
               ["failing_submissions", "explained_submissions", "wrong_functions", "named_functions"],
               [[c.failing, c.explained, c.wrong_functions, c.named_functions]]),
        _write(out_dir / "similar.csv",
               ["student_a", "student_b", "score", "flagged", "shared_rare_answers", "matching_lines"],
               [[p.a, p.b, f"{p.score:.3f}", "yes" if p.flagged else "no",
                 " | ".join(f"{f}: {shown}" for f, shown, _ in p.shared), len(p.matching)] for p in found.pairs]),
    ]
    return found


def coverage_line(course_dir: Path, assignment: str) -> str:
    """The coverage figure, for the command line (reads only the records)."""
    return learn(load_records(course_dir, assignment)).coverage.sentence()
