"""The command line: what an instructor types, and what it answers."""

import os
import subprocess
import sys

import course_kit as kit
from autograder.batch import cli


def test_defaults_suit_the_machine_and_the_course_folder(tmp_path, monkeypatch):
    import argparse

    parser = argparse.ArgumentParser()
    cli.configure(parser)
    monkeypatch.chdir(tmp_path)
    args = parser.parse_args(["ps1_derivatives", "--student", "a", "--student", "b", "-j", "3"])
    assert (args.assignments, args.student, args.jobs, args.force) == (["ps1_derivatives"], ["a", "b"], 3, False)
    assert parser.parse_args([]).jobs == len(os.sched_getaffinity(0))


def test_a_missing_course_folder_is_a_one_line_error(tmp_path):
    done = subprocess.run([sys.executable, "-m", "autograder", "batch", "--course-dir", str(tmp_path / "nope")],
                          capture_output=True, text=True, env=kit.nbgrader_env())
    assert done.returncode == 2
    assert done.stderr.strip() == f"autograder batch: {tmp_path / 'nope'}: no such folder"


def test_a_new_gradebook_needs_no_activated_environment(template_course, tmp_path):
    """nbgrader shells out to alembic to create a database; the command finds it."""
    env = kit.nbgrader_env()
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != str(kit.VENV_BIN))
    done = subprocess.run([sys.executable, "-m", "autograder", "batch", "--no-progress", "--course-dir",
                           str(template_course), "--db", f"sqlite:///{tmp_path / 'fresh.db'}"],
                          capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "fresh.db").exists()
    assert "graded 0, already done 0, failed 0" in done.stderr
