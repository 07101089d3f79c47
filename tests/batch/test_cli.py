"""The command line: what an instructor types, and what it answers."""

import argparse
import os
import re
from pathlib import Path

import autograder.batch as batch
import course_kit as kit
from autograder.batch import cli


def parse(*argv):
    parser = argparse.ArgumentParser()
    cli.configure(parser)
    return parser.parse_args(list(argv))


def test_defaults_suit_the_machine_and_the_course_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = parse("ps1_derivatives", "--student", "a", "--student", "b", "-j", "3")
    assert (args.assignments, args.student, args.jobs, args.force) == (["ps1_derivatives"], ["a", "b"], 3, False)
    defaults = parse()
    assert defaults.jobs == len(os.sched_getaffinity(0)) and defaults.course_dir == tmp_path
    assert (defaults.assignments, defaults.db, defaults.student) == ([], None, None)


def test_a_missing_course_folder_is_a_one_line_error(tmp_path, capsys):
    assert cli.run(parse("--course-dir", str(tmp_path / "nope"))) == 2
    assert capsys.readouterr().err == f"autograder batch: {tmp_path / 'nope'}: no such folder\n"


def test_a_new_gradebook_needs_no_activated_environment(template_course, tmp_path, monkeypatch, capsys):
    """nbgrader shells out to ``alembic`` to create a database; the command
    finds it beside its own Python."""
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if p != str(kit.VENV_BIN))
    monkeypatch.setenv("PATH", path)
    args = parse("--no-progress", "--course-dir", str(template_course), "--db", f"sqlite:///{tmp_path / 'new.db'}")
    assert cli.run(args) == 0
    assert (tmp_path / "new.db").exists()
    err = capsys.readouterr().err
    assert "graded 0, already done 0, failed 0" in err
    assert f"no submissions in {template_course / 'submitted' / '*' / '*'}" in err


def test_an_unknown_assignment_is_a_one_line_error(tmp_path, capsys):
    assert cli.run(parse("ps1_derivatives", "ps9", "--course-dir", str(tmp_path))) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and err.startswith("autograder batch: unknown assignment 'ps9'")


def test_the_packages_map_names_each_of_its_modules_once():
    listed = re.findall(r"^    (\w+) ", batch.__doc__, flags=re.MULTILINE)
    modules = sorted(p.stem for p in Path(batch.__file__).parent.glob("*.py") if p.stem != "__init__")
    assert sorted(listed) == modules and len(listed) == len(set(listed))
