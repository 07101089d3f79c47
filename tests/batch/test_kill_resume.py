"""SIGKILL the batch command mid-run: the rerun finishes the class, and the
gradebook ends up exactly as after an uninterrupted run."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import course_kit as kit

STUDENTS = 10


def children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def class_of(course, points):
    reference = kit.all_reference(points)
    functions = sorted(points)
    for n in range(STUDENTS):
        answers = {f: reference[f] for f in functions[: n + 1]}           # a little more each
        if n % 3 == 0:
            answers["df"] = kit.BUGGY_DF
        kit.submit(course, f"s{n:02d}", answers, timestamp=f"2029-12-{n + 1:02d} 12:00:00.000000 UTC")


def test_kill_at_first_commit_then_rerun_matches_an_uninterrupted_run(tmp_path):
    course = kit.repo_course(tmp_path / "killed")
    class_of(course, kit.points())
    twin = tmp_path / "whole" / "course"
    shutil.copytree(course, twin)
    whole = kit.batch(twin, "--jobs", "2")
    assert whole.returncode == 0, whole.stderr

    proc = subprocess.Popen([sys.executable, "-m", "autograder", "batch", "--no-progress", "--jobs", "2"],
                            cwd=course, env=kit.nbgrader_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    records = course / "autograded"
    deadline = time.monotonic() + 300
    while not list(records.glob("*/*/autograder.json")):
        assert proc.poll() is None and time.monotonic() < deadline, "no submission was committed"
        time.sleep(0.02)
    workers = children(proc.pid)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    graded_before = len(list(records.glob("*/*/autograder.json")))
    assert 1 <= graded_before < STUDENTS, "the kill should land mid-run"

    deadline = time.monotonic() + 60                       # orphaned workers notice and leave
    while any(alive(p) for p in workers):
        assert time.monotonic() < deadline, "grading processes outlived the killed batch"
        time.sleep(0.1)

    rerun = kit.batch(course, "--jobs", "2")
    assert rerun.returncode == 0, rerun.stderr
    graded, skipped = map(int, re.search(r"graded (\d+), already done (\d+)", rerun.stderr).groups())
    assert graded + skipped == STUDENTS and skipped == graded_before
    assert kit.cell_scores(course) == kit.cell_scores(twin)
    assert submissions(course) == submissions(twin)


def submissions(course):
    import sqlite3

    with sqlite3.connect(course / "gradebook.db") as db:
        return sorted(db.execute(
            "SELECT sa.student_id, sa.timestamp, sn.late_submission_penalty FROM submitted_assignment sa "
            "JOIN submitted_notebook sn ON sn.assignment_id = sa.id").fetchall())
