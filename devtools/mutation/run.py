"""Grade every mutant of the reference through the real pipeline and count the kills.

A mutant is *killed* when at least one hidden test fails on it.  Each is
handed in as a student would hand it in (a folder with the mutated module
and its reference siblings, imports rewritten) and graded by a warm
``Grader``, sandbox and all; ``jobs`` graders work side by side, each on
its share of the mutants.  Survivors that are known to be equivalent to
the reference (``equivalent.EQUIVALENT``) are left out of the figure.
"""

from __future__ import annotations

import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import ASSIGNMENTS
from devtools.mutation import submission
from devtools.mutation.equivalent import EQUIVALENT
from devtools.mutation.mutants import Mutant, mutants

MODULES = tuple(ASSIGNMENTS.values())


@dataclass
class Graded:
    mutant: Mutant
    failed: list[str]          # names of the hidden tests that failed

    @property
    def killed(self) -> bool:
        return bool(self.failed)


@dataclass
class Report:
    graded: list[Graded]
    seconds: float
    equivalent: dict[str, str] = field(default_factory=lambda: dict(EQUIVALENT))

    @property
    def counted(self) -> list[Graded]:
        return [g for g in self.graded if g.mutant.key not in self.equivalent]

    @property
    def killed(self) -> int:
        return sum(g.killed for g in self.counted)

    @property
    def survivors(self) -> list[Graded]:
        return [g for g in self.counted if not g.killed]

    @property
    def stale(self) -> list[str]:
        """Listed as equivalent, yet killed, or no longer made at all (for modules that were run)."""
        by_key = {g.mutant.key: g for g in self.graded}
        modules = {g.mutant.module for g in self.graded}
        return sorted(k for k in self.equivalent if k.split(".", 1)[0] in modules
                      and (k not in by_key or by_key[k].killed))

    def figure(self) -> str:
        n = len(self.counted)
        share = 100.0 * self.killed / n if n else 100.0
        return f"{self.killed} / {n} non-equivalent mutants killed ({share:.1f} %)"


def all_mutants(modules=MODULES, functions=()) -> list[Mutant]:
    found = [m for module in modules for m in mutants(module, submission.reference_source(module))]
    return [m for m in found if not functions or m.function in functions]


def grade_all(found: list[Mutant], jobs: int = 2, progress=None) -> Report:
    start = time.monotonic()
    _check_reference({m.module for m in found})
    jobs = max(1, min(jobs, len(found)))
    shares = [found[i::jobs] for i in range(jobs)]
    if jobs == 1:
        graded = _grade_share(found, progress)
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            parts = list(pool.map(_grade_share, shares, [progress] * jobs))
        by_key = {g.mutant.key: g for part in parts for g in part}
        graded = [by_key[m.key] for m in found]
    return Report(graded, time.monotonic() - start)


def _check_reference(modules) -> None:
    """The figure means nothing unless the reference itself earns full marks."""
    from autograder.grade.pipeline import Grader

    with Grader() as grader, tempfile.TemporaryDirectory() as tmp:
        for module in sorted(modules):
            folder = submission.write(Path(tmp) / module, module, submission.reference_source(module))
            result = grader.grade_path(folder, submission.assignment_of(module))
            failed = [t.name for t in result.tests if t.status == "failed"]
            if failed:
                raise RuntimeError(f"the reference {module}.py fails its own hidden tests: {failed[:3]}")


def _grade_share(share: list[Mutant], progress=None) -> list[Graded]:
    from autograder.grade.pipeline import Grader

    out = []
    with Grader() as grader, tempfile.TemporaryDirectory() as tmp:
        for i, mutant in enumerate(share):
            folder = submission.write(Path(tmp) / f"mutant{i}", mutant.module, mutant.source)
            result = grader.grade_path(folder, submission.assignment_of(mutant.module))
            out.append(Graded(mutant, [t.name for t in result.tests if t.status == "failed"]))
            if progress:
                print(f"  {mutant.key}: {'killed' if out[-1].killed else 'SURVIVED'}", file=sys.stderr, flush=True)
    return out


def render(report: Report) -> str:
    lines = ["Mutation report: small edits of solutions/*.py graded by the hidden tests", ""]
    for module in MODULES:
        mine = [g for g in report.counted if g.mutant.module == module]
        if mine:
            killed = sum(g.killed for g in mine)
            lines.append(f"  {module:<17} {killed:>4} / {len(mine):<4} killed")
    listed = len(report.graded) - len(report.counted)
    lines += ["", f"{report.figure()}; {listed} equivalent mutants not counted; "
                  f"{len(report.graded)} graded in {report.seconds:.0f} s"]
    if report.survivors:
        lines += ["", f"Survivors ({len(report.survivors)}): no hidden test fails on these edits"]
        for g in report.survivors:
            lines.append(g.mutant.diff(submission.reference_source(g.mutant.module)))
            lines.append(f"    key: {g.mutant.key}")
    if report.stale:
        lines += ["", "Listed as equivalent but killed or no longer made (update equivalent.py):"]
        lines += [f"  {key}" for key in report.stale]
    return "\n".join(lines)
