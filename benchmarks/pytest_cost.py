"""What pytest itself costs a grading, and how long a cold ``grade`` takes.

    python benchmarks/pytest_cost.py [SUBMISSION ...]   (default: the four solution notebooks in source/)

Two measurements, both also printed by ``grade_class.py`` for its class:

* **Where a submission's time goes in the grader.**  Each submission is
  graded in this process with one warm sandbox, as a batch worker grades
  (``grade.pipeline.Grader``), with clocks around the pytest sessions
  (``grade.session.run``: collection, planning, the replay and every
  comparison with the reference) and around the sandbox runs inside them.
  A session's time minus its sandbox time is what running the hidden tests
  as pytest tests costs on top of running the student's code.  Of that, a
  *bare* pytest session (the same options on a file of one empty test, no
  hidden tests, no plugin) is the part pytest would cost whatever the tests.
* **A cold** ``python -m autograder grade``: a new process per grading, the
  disk cache already filled (as after any earlier grading), the median of a
  few runs per submission.  The target is 2 seconds.

Timings only; nothing here asserts.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from autograder.course import ASSIGNMENTS
from autograder.grade import pipeline, session

ROOT = Path(__file__).resolve().parents[1]
TARGET_COLD = 2.0


@dataclass
class Split:
    """Seconds of one or more gradings, by where they went."""

    graded: int = 0
    total: float = 0.0
    sessions: int = 0
    in_sessions: float = 0.0
    sandbox_in_sessions: float = 0.0
    sandbox_elsewhere: float = 0.0     # the grader's other runs: localising a wrong gradient
    per_submission: list[float] = field(default_factory=list)

    @property
    def pytest_and_checks(self) -> float:
        return self.in_sessions - self.sandbox_in_sessions


@contextlib.contextmanager
def clocked(split: Split):
    """Clocks on ``session.run`` and ``Grader._run`` while the block runs."""
    real_run, real_sandbox = session.run, pipeline.Grader._run
    depth = [0]

    def run(*args, **kwargs):
        start = time.perf_counter()
        depth[0] += 1
        try:
            return real_run(*args, **kwargs)
        finally:
            depth[0] -= 1
            split.sessions += 1
            split.in_sessions += time.perf_counter() - start

    def sandbox(self, *args, **kwargs):
        start = time.perf_counter()
        try:
            return real_sandbox(self, *args, **kwargs)
        finally:
            spent = time.perf_counter() - start
            if depth[0]:
                split.sandbox_in_sessions += spent
            else:
                split.sandbox_elsewhere += spent

    session.run, pipeline.Grader._run = run, sandbox
    try:
        yield split
    finally:
        session.run, pipeline.Grader._run = real_run, real_sandbox


def where_time_goes(submissions: list[tuple[Path, str | None]]) -> Split:
    """Grade ``(path, student)`` pairs one after another in one warm grader, clocked."""
    split = Split()
    with pipeline.Grader() as grader:
        grader.prepare(ASSIGNMENTS)
        with clocked(split):
            for path, student in submissions:
                start = time.perf_counter()
                grader.grade_path(path, student=student)
                split.per_submission.append(time.perf_counter() - start)
                split.graded += 1
    split.total = sum(split.per_submission)
    return split


def bare_session_seconds(repeat: int = 20) -> float:
    """Median seconds of an in-process pytest session around one empty test, with the grader's options."""
    # The grader's options without the hidden tests' ini and the grader's plugin: pytest alone.
    options, given = [], iter(session.ARGUMENTS)
    for option in given:
        if option in ("-c", "--rootdir"):
            next(given)
        elif option == "-p":
            name = next(given)
            if name != "autograder.grade.plugin":
                options += [option, name]
        else:
            options.append(option)
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "pytest.ini").write_text("[pytest]\n")
        test = Path(folder, "test_nothing.py")
        test.write_text("def test_nothing():\n    pass\n")
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            with contextlib.redirect_stdout(io.StringIO()):
                code = pytest.main([str(test), "-c", str(Path(folder, "pytest.ini")), "--rootdir", folder,
                                    *options])
            times.append(time.perf_counter() - start)
            if code != pytest.ExitCode.OK:
                raise RuntimeError(f"the empty pytest session failed (exit {int(code)})")
    return statistics.median(times)


def cold_grade_seconds(path: Path, repeat: int = 3) -> float:
    """Median wall seconds of ``python -m autograder grade PATH`` in a new process."""
    times = []
    environment = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONWARNINGS="ignore")
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "autograder", "grade", str(path), "--format", "json"],
                              capture_output=True, cwd=ROOT, env=environment)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"grade {path} exited {done.returncode}: {done.stderr.decode()[-500:]}")
    return statistics.median(times)


def print_split(split: Split, bare: float) -> None:
    n = max(split.graded, 1)
    print(f"inside the grader, mean per submission over {split.graded} ({split.sessions} pytest sessions):")
    rows = (("whole grading", split.total),
            ("  student code in the sandbox", split.sandbox_in_sessions + split.sandbox_elsewhere),
            ("  pytest and the checks", split.pytest_and_checks),
            ("    of which bare pytest sessions", bare * split.sessions),
            ("  the rest (reading the submission, the result)",
             split.total - split.in_sessions - split.sandbox_elsewhere))
    for label, seconds in rows:
        print(f"  {label:48}{1000 * seconds / n:9.1f} ms{100 * seconds / max(split.total, 1e-9):7.1f} %")
    print(f"  a bare pytest session: {1000 * bare:.1f} ms (median of 20)")


def print_cold(paths: list[Path]) -> float:
    """Print each submission's cold grading; returns the slowest."""
    print(f"a cold python -m autograder grade (median of 3, disk cache filled; target <= {TARGET_COLD:g} s):")
    worst = 0.0
    for path in paths:
        seconds = cold_grade_seconds(path)
        worst = max(worst, seconds)
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"  {str(shown):58}{seconds:6.2f} s")
    return worst


def solution_notebooks() -> list[Path]:
    return sorted(ROOT.glob("source/*/*.ipynb"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submissions", nargs="*", type=Path)
    args = parser.parse_args(argv)
    paths = [p.resolve() for p in args.submissions] or solution_notebooks()
    where_time_goes([(p, None) for p in paths])     # untimed: fills the disk cache, as any grading would
    split = where_time_goes([(p, None) for p in paths])
    print_split(split, bare_session_seconds())
    worst = print_cold(paths)
    print(f"slowest cold grading: {worst:.2f} s  ({'PASS' if worst <= TARGET_COLD else 'FAIL'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
