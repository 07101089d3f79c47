"""Run the hidden tests of one assignment with pytest, in this process.

``run(assignment, runner, whose)`` starts a pytest session on the module's
hidden tests (``autograder/hidden_tests/test_<module>.py``) with the
grader's plugin (``grade/plugin.py``) and returns what it found: the
sandbox's report, one ``TestResult`` per test, and each test's log of calls
(for localising a wrong gradient and for the class report's fingerprints).

pytest prints nothing here (its terminal reporter is off): ``grade
--format json`` owns standard output.  Plugins installed in the environment
are not loaded, so a grading depends on this course's code only.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from autograder.checks import seeds
from autograder.checks.expect import TestLog
from autograder.course import ASSIGNMENTS, exercise_functions
from autograder.grade import plugin
from autograder.results import TestResult
from autograder.sandbox.protocol import SandboxReport

# The hidden tests' own pytest.ini and rootdir, whatever the current folder; the plugin is loaded
# here (-p), as the hidden tests' conftest.py loads it on the command line; the terminal stays quiet.
ARGUMENTS = ["-c", str(plugin.HIDDEN_TESTS / "pytest.ini"), "--rootdir", str(plugin.HIDDEN_TESTS),
             "-p", "autograder.grade.plugin", "-p", "no:terminal", "-p", "no:stepwise", "-p", "no:warnings",
             # Each of these costs a grading time and does nothing here: student code prints, warns
             # and fails only in the sandbox, whose output the grader reads itself.
             "-p", "no:unraisableexception", "-p", "no:threadexception", "-p", "no:faulthandler",
             "-p", "no:logging", "--capture=no"]
EXTRA_VARIABLE = "AUTOGRADER_HIDDEN_TESTS"


@dataclass
class HiddenRun:
    report: SandboxReport
    tests: list[TestResult]
    logs: list[TestLog] = field(default_factory=list)
    uses: dict = field(default_factory=dict)
    plan: dict = field(default_factory=dict)


def test_files(assignment: str) -> list[Path]:
    """The assignment's hidden tests: ``test_<module>.py`` and any ``test_<module>_*.py`` beside it
    (an instructor's own), here and in the folders of ``$AUTOGRADER_HIDDEN_TESTS``."""
    module = ASSIGNMENTS[assignment]
    folders = [plugin.HIDDEN_TESTS, *(Path(p) for p in os.environ.get(EXTRA_VARIABLE, "").split(os.pathsep) if p)]
    found = []
    for folder in folders:
        found += sorted(folder.glob(f"test_{module}.py")) + sorted(folder.glob(f"test_{module}_*.py"))
    return found


@functools.cache
def warm(assignment: str) -> int:
    """Compute, and keep on disk, the right answers of the default inputs and what each
    known mistake returns on them, ahead of any submission; returns how many mistakes' answers.

    Students' own inputs are answered anew (and not kept); the worked
    examples and published figures are the same for everyone and are read
    back from here.
    """
    module_run = plugin.ModuleRun(ASSIGNMENTS[assignment], lambda plan: SandboxReport(), warm_only=True)
    _pytest(assignment, module_run, [])
    return module_run.warmed


def run(assignment: str, runner: Callable[[dict], SandboxReport], whose: str | None = None,
        functions=None, extra: list[str] | None = None) -> HiddenRun:
    """The hidden tests of ``assignment`` on ``whose`` inputs, the student's code run by ``runner(plan)``.

    ``functions``: only the tests of these exercise functions.  ``extra``:
    more test files (an instructor's own), run after the module's.
    """
    key = seeds.student_key(whose)
    module_run = plugin.ModuleRun(ASSIGNMENTS[assignment], runner,
                                  frozenset(functions) if functions is not None else None, key)
    code = _pytest(assignment, module_run, extra or [])
    if module_run.report is None and code != pytest.ExitCode.NO_TESTS_COLLECTED:
        raise RuntimeError(f"the hidden tests of {assignment} could not run (pytest exit {int(code)})")
    order = {f: i for i, f in enumerate(exercise_functions(assignment))}
    paired = sorted(zip(module_run.results, module_run.logs), key=lambda p: order.get(p[0].function, len(order)))
    return HiddenRun(module_run.report or SandboxReport(), [r for r, _ in paired], [log for _, log in paired],
                     module_run.uses, module_run.plan)


def _pytest(assignment: str, module_run: plugin.ModuleRun, extra: list[str]) -> int:
    paths = [str(p) for p in test_files(assignment)] + list(extra)
    plugin.IN_PROCESS = True
    previous = dict(plugin._active)
    plugin._active.clear()
    plugin._active[module_run.module] = module_run
    environment = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            code = pytest.main([*paths, *ARGUMENTS])
    finally:
        plugin._active.clear()
        plugin._active.update(previous)
        if environment is None:
            os.environ.pop("PYTEST_DISABLE_PLUGIN_AUTOLOAD", None)
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = environment
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED, pytest.ExitCode.NO_TESTS_COLLECTED):
        why = f": {module_run.problem}" if module_run.problem else ""
        raise RuntimeError(f"the hidden tests of {assignment} could not run (pytest exit {int(code)}){why}")
    return code


# ---------------------------------------------------------------- pytest on the command line

def command_line_runs(config, items) -> dict[str, plugin.ModuleRun]:
    """``pytest autograder/hidden_tests --submission PATH``: a run for each module of the submission.

    The submission is read as ``grade`` reads it; its code runs in a
    sandbox started here (closed when pytest ends), with the stand-ins a
    module handed in alone needs.  This is the first grading round only:
    ``python -m autograder grade`` also grades again a function whose
    helper failed, and adds where a wrong gradient is wrong.
    """
    from autograder.grade import pipeline, standins
    from autograder.grade.submission import load

    path = Path(config.getoption("--submission"))
    student = config.getoption("--student")
    grader = pipeline.Grader()
    grader.__enter__()
    config.add_cleanup(lambda: grader.__exit__(None, None, None))
    runs = {}
    for part in load(path, config.getoption("--assignment")):
        module = ASSIGNMENTS[part.assignment]
        key = seeds.student_key(pipeline.whose_inputs(student, part))
        # As ``grade`` does: a module handed in alone gets the grader's stand-ins for
        # the other problem sets' functions it imports.
        first = None
        if part.program is not None:
            first = standins.first_round(part.assignment,
                                         None if part.notebook is not None else set(part.program.modules))
        runs[module] = plugin.ModuleRun(module, grader.runner(part, first), key=key)
    return runs
