"""Grade a synthetic class with the batch command and with ``nbgrader autograde``, side by side.

    python benchmarks/grade_class.py [--students N] [--seed S] [--keep DIR]

One run builds the class once, copies it, and grades the copies: one
untimed pass to fill the grader's disk cache, then the batch command with
one worker (as it runs by default, then with ``--no-outputs``: grading alone,
without the autograded notebooks' outputs), ``nbgrader autograde`` (whose test cells call the same grader
through ``autograder.nbgrader_hook``), and the batch command with two
workers (each batch configuration ``--repeat`` times, median kept).  The
machine is shared and noisy, so the targets are judged on ratios taken
within this one run.  Then it times two single-worker runs side by side
(what two busy processes cost each other here), measures the floor
(``floor.py``: the student's code loaded and each function called once, in a
bare process per submission), grades the class once more in this process
with clocks on pytest and the sandbox (``pytest_cost.py``: pytest's own
share of a grading), times a cold ``python -m autograder grade`` of each
solution notebook, and compares the two gradebooks cell by cell.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Measured, measure  # noqa: E402
import pytest_cost  # noqa: E402
from scores import cell_scores, disagreements  # noqa: E402
from synthetic_class import make_class  # noqa: E402

from autograder.course import exercise_functions  # noqa: E402
from autograder.grade.submission import load  # noqa: E402
from autograder.sandbox.protocol import Limits  # noqa: E402

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent
# nbgrader has no memory limit of its own; a memory bomb run at the top level
# of a notebook would take the machine, so its kernels get this much address space.
NBGRADER_ADDRESS_SPACE = 4 * 2**30
TARGET_THROUGHPUT, TARGET_FLOOR, TARGET_SPEEDUP = 20.0, 1.5, 1.7


def environment() -> dict:
    return dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", PYTHONWARNINGS="ignore")


def run_batch(course: Path, jobs: int, *extra: str) -> Measured:
    command = [sys.executable, "-m", "autograder", "batch", "--course-dir", str(course), "--jobs", str(jobs),
               "--force", "--no-progress", *extra]
    return measure(command, cwd=course, env=environment())


def run_nbgrader(course: Path, assignments: list[str]) -> Measured:
    def cap():
        resource.setrlimit(resource.RLIMIT_AS, (NBGRADER_ADDRESS_SPACE,) * 2)

    total = Measured(0.0, 0, 0, "")
    for assignment in assignments:
        one = measure([str(BIN / "nbgrader"), "autograde", assignment, "--force"], cwd=course,
                      env=environment(), preexec_fn=cap)
        print(f"    nbgrader autograde {assignment}: {one.seconds:.1f} s", flush=True)
        total = Measured(total.seconds + one.seconds, max(total.peak_rss, one.peak_rss),
                         total.returncode or one.returncode, total.stderr + one.stderr[-2000:])
    return total


def floor(course: Path, submission, limits: Limits) -> tuple[float, float]:
    """(seconds inside the bare process, seconds of the whole process) for one submission."""
    program = load(course / submission.path, submission.assignment)[0].program
    if program is None:
        return 0.0, 0.0
    job = {"modules": program.modules, "main": program.main,
           "functions": list(exercise_functions(submission.assignment)),
           "seconds": limits.seconds_per_function, "seconds_to_load": limits.seconds_to_load,
           "memory_mb": limits.memory_mb}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, str(HERE / "floor.py")], input=json.dumps(job), capture_output=True,
                          text=True, env=environment())
    whole = time.perf_counter() - start
    try:
        inside = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
    except (IndexError, ValueError, KeyError):
        inside = whole  # the process died (os._exit, a signal): all we know is how long it took
    return inside, whole


def graded_seconds(course: Path, submission) -> float | None:
    """The grader's own time for one submission, from the batch command's record."""
    record = course / "autograded" / submission.student / submission.assignment / "autograder.json"
    try:
        return float(json.loads(record.read_text())["execution_time"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=20)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep", type=Path, help="build the class here and keep it (default: a temporary folder)")
    parser.add_argument("--repeat", type=int, default=5, help="runs of each batch configuration (median is used)")
    args = parser.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="grade-class-"))
    work.mkdir(parents=True, exist_ok=True)
    base = work / "class"
    if base.exists():
        shutil.rmtree(base)
    print(f"building a class of {args.students} students in {base} ...", flush=True)
    manifest = make_class(base, args.students, args.seed)
    assignments = sorted({s.assignment for s in manifest})
    n = len(manifest)
    print("mix:", ", ".join(f"{k} {v}" for k, v in sorted(Counter(s.kind for s in manifest).items())), flush=True)
    courses = {}
    for name in ("batch1", "batch2", "nbgrader", "side", "warm"):
        courses[name] = work / name
        if courses[name].exists():
            shutil.rmtree(courses[name])
        shutil.copytree(base, courses[name])

    # The grader keeps SymPy's gradients and the known mistakes' outputs on
    # disk (autograder/checks/disk_cache.py); one untimed pass fills that
    # cache, as any earlier grading would, so every timed run starts alike.
    print("warm-up: one untimed pass ...", flush=True)
    warm = run_batch(courses["warm"], 1)
    runs: dict[str, list[Measured]] = {"batch1": [], "batch2": [], "plain1": []}
    nbgrader_run = None
    for round_ in range(args.repeat):
        print(f"round {round_ + 1}: batch --jobs 1 ...", flush=True)
        runs["batch1"].append(run_batch(courses["batch1"], 1))
        # Grading alone: the autograded notebooks' outputs (batch/outputs.py) left out.
        runs["plain1"].append(run_batch(courses["batch1"], 1, "--no-outputs"))
        if nbgrader_run is None:
            print("nbgrader autograde ...", flush=True)
            nbgrader_run = run_nbgrader(courses["nbgrader"], assignments)
        print(f"round {round_ + 1}: batch --jobs 2 ...", flush=True)
        runs["batch2"].append(run_batch(courses["batch2"], 2))
    # What the command costs before any grading: its start (imports, course, gradebook).
    startup = run_batch(courses["batch1"], 1, "--student", "nobody-at-all").seconds
    # Two independent single-worker runs at once: how much two busy processes
    # slow each other on this machine, whatever the grader does.
    print("two single-worker runs side by side ...", flush=True)
    with ThreadPoolExecutor(2) as pool:
        side = [f.result() for f in [pool.submit(run_batch, courses[c], 1) for c in ("batch1", "side")]]
    every = [("warm-up", warm), *((k, m) for k, v in runs.items() for m in v), ("nbgrader", nbgrader_run),
             *(("side by side", m) for m in side)]
    failed = list(dict.fromkeys(name for name, measured in every if measured.returncode != 0))
    for name in failed:
        measured = next(m for n, m in every if n == name and m.returncode != 0)
        print(f"warning: {name} exited {measured.returncode}:\n{measured.stderr[-1500:]}", flush=True)
    print("floor: one bare process per submission ...", flush=True)
    limits = Limits()
    floors = [floor(base, s, limits) for s in manifest]
    print("pytest's share: the class graded again in this process, clocked ...", flush=True)
    split = pytest_cost.where_time_goes([(courses["warm"] / s.path, s.student) for s in manifest])
    bare = pytest_cost.bare_session_seconds()

    one = statistics.median(m.seconds for m in runs["batch1"])
    two = statistics.median(m.seconds for m in runs["batch2"])
    plain = statistics.median(m.seconds for m in runs["plain1"])
    theirs = nbgrader_run.seconds
    inside = sum(f[0] for f in floors)
    whole = sum(f[1] for f in floors)
    ours_scores = cell_scores(f"sqlite:///{courses['batch1'] / 'gradebook.db'}", manifest)
    nbgrader_scores = cell_scores(f"sqlite:///{courses['nbgrader'] / 'gradebook.db'}", manifest)
    jobs2_scores = cell_scores(f"sqlite:///{courses['batch2'] / 'gradebook.db'}", manifest)
    differ = disagreements(ours_scores, nbgrader_scores)
    cells = sum(len(set(ours_scores.get(k, {})) | set(nbgrader_scores.get(k, {})))
                for k in set(ours_scores) | set(nbgrader_scores))

    print()
    print(f"submissions: {n} ({args.students} students x {len(assignments)} assignments, seed {args.seed})")
    print(f"{'':28}{'seconds':>10}{'subs/s':>10}{'s/sub':>10}{'peak RSS':>14}")
    for label, seconds, peak in (("batch --jobs 1", one, runs["batch1"][-1].peak_rss),
                                 ("batch --jobs 2", two, runs["batch2"][-1].peak_rss),
                                 ("batch -j1 --no-outputs", plain, runs["plain1"][-1].peak_rss),
                                 ("nbgrader autograde", theirs, nbgrader_run.peak_rss)):
        print(f"{label:28}{seconds:10.2f}{n / seconds:10.2f}{seconds / n:10.3f}{mib(peak):>14}")
    print(f"{'batch start, no submissions':28}{startup:10.2f}")
    pair = max(m.seconds for m in side)
    print(f"{'two -j1 runs side by side':28}{pair:10.2f}   each {pair / one:.2f}x as long as alone: "
          f"two processes can gain at most {2 * one / pair:.2f}x here")
    print(f"{'floor (inside bare process)':28}{inside:10.2f}{n / inside:10.2f}{inside / n:10.3f}")
    print(f"{'floor (whole bare process)':28}{whole:10.2f}{n / whole:10.2f}{whole / n:10.3f}")
    print()
    print("where the time goes, per kind of submission (mean seconds; the grader's own time from its records):")
    print(f"{'':18}{'count':>7}{'floor':>10}{'grader':>10}")
    for kind in sorted({s.kind for s in manifest}):
        members = [i for i, s in enumerate(manifest) if s.kind == kind]
        graded = [t for i in members if (t := graded_seconds(courses["batch1"], manifest[i])) is not None]
        grader = f"{statistics.mean(graded):10.3f}" if graded else f"{'?':>10}"
        print(f"{kind:18}{len(members):7d}{statistics.mean(floors[i][0] for i in members):10.3f}{grader}")
    print()
    pytest_cost.print_split(split, bare)
    print()
    cold = pytest_cost.print_cold(pytest_cost.solution_notebooks())
    print()
    if failed:
        print(f"NOT VALID: {', '.join(dict.fromkeys(failed))} failed (see the warnings above); "
              "the verdicts below are FAIL whatever the figures say")
    def verdict(ok: bool) -> str:
        return "PASS" if ok and not failed else "FAIL"

    # The target is on grading (as when it was set); the outputs for formgrader are the
    # notebooks' own cells run again, whose cost is the student's code, printed beside it.
    throughput = theirs / plain
    agree = not differ
    print(f"throughput, batch -j1 / nbgrader: {throughput:6.1f}x  (target >= {TARGET_THROUGHPUT:g}x, "
          f"identical scores; grading alone)   {verdict(throughput >= TARGET_THROUGHPUT and agree)}")
    print(f"  with the outputs for formgrader: {theirs / one:6.1f}x")
    # The floor runs no notebook cells, so grading alone (--no-outputs) is what compares with it.
    print(f"cost per submission / floor:      {plain / inside:6.2f}x  (target <= {TARGET_FLOOR:g}x, "
          f"grading alone)   {verdict(plain / inside <= TARGET_FLOOR)}")
    print(f"notebook outputs for formgrader:  {(one - plain) / n:6.3f} s per submission "
          f"({one / plain:.2f}x the batch without them)")
    print(f"speed-up, 1 -> 2 workers:         {one / two:6.2f}x  (target >= {TARGET_SPEEDUP:g}x)   "
          f"{verdict(one / two >= TARGET_SPEEDUP)}")
    print(f"a cold grade, slowest notebook:   {cold:6.2f} s  (target <= {pytest_cost.TARGET_COLD:g} s)   "
          f"{verdict(cold <= pytest_cost.TARGET_COLD)}")
    print(f"scores, batch vs nbgrader:        {cells - len(differ)}/{cells} grade cells agree   {verdict(agree)}")
    for line in differ[:40]:
        print("   ", line)
    if jobs2_scores != ours_scores:
        print("note: batch --jobs 2 gave different scores from --jobs 1:",
              disagreements(ours_scores, jobs2_scores, ("jobs 1", "jobs 2"))[:10])
    print(f"\nnbgrader's processes were capped at {NBGRADER_ADDRESS_SPACE // 2**30} GiB of address space.")
    if args.keep:
        print(f"class kept in {work}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
