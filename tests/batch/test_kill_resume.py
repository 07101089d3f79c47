"""SIGKILL the batch command mid-run: the rerun finishes the class, and the
gradebook ends up exactly as after an uninterrupted run (which also shows
that grading the same submission again gives the same grade: the rerun
grades anew every submission the killed run had not committed)."""

import os
import re
import shutil
import signal
import subprocess
import sys
import time

import course_kit as kit


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


def test_kill_at_first_commit_then_rerun_matches_an_uninterrupted_run(graded_class, tmp_path):
    course = tmp_path / "course"
    shutil.copytree(graded_class / "ungraded" / "course", course)
    whole = graded_class / "graded" / "course"
    students = len(list((course / "submitted").iterdir()))
    limit = ("--seconds-per-function", kit.CLASS_LIMIT)

    proc = subprocess.Popen([sys.executable, "-m", "autograder", "batch", "--no-progress", "--jobs", "1", *limit],
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
    assert 1 <= graded_before < students, "the kill should land mid-run"

    deadline = time.monotonic() + 60                       # orphaned workers notice and leave
    while any(alive(p) for p in workers):
        assert time.monotonic() < deadline, "grading processes outlived the killed batch"
        time.sleep(0.1)

    rerun = kit.batch(course, "--jobs", "2", *limit)
    assert rerun.returncode == 0, rerun.stderr
    assert summary(rerun) == (students - graded_before, graded_before)
    assert kit.cell_scores(course) == kit.cell_scores(whole)
    assert submissions(course) == submissions(whole)


def summary(done) -> tuple[int, int]:
    graded, skipped = re.search(r"graded (\d+), already done (\d+)", done.stderr).groups()
    return int(graded), int(skipped)


def submissions(course):
    import sqlite3

    with sqlite3.connect(course / "gradebook.db") as db:
        return sorted(db.execute(
            "SELECT sa.student_id, sa.timestamp, sn.late_submission_penalty FROM submitted_assignment sa "
            "JOIN submitted_notebook sn ON sn.assignment_id = sa.id").fetchall())
