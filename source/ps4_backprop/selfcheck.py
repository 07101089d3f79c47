"""Check your exercise functions while you write them.

In a notebook:
    check("df", df)      try a few inputs with known answers
    hint("df")           a nudge; hint("df", 2) is more specific
    with needs("df"):    run a plot only once df is written

From a terminal, in the folder with your .py files:
    python selfcheck.py                  every module found here
    python selfcheck.py derivatives      just one

Passing a self-check means you are on the right track. The graded tests
try many more inputs, including awkward ones.
"""

import contextlib
import copy
import importlib
import sys
import warnings
from pathlib import Path

import numpy as np

from selfcheck_cases import CASES, MODULES
from selfcheck_hints import HINTS

NOT_ATTEMPTED, INCORRECT, PASSED = "not attempted", "incorrect", "passed"


def _unchanged(before, after):
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and before.shape == after.shape and np.array_equal(
            before, after, equal_nan=True)
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(_unchanged(b, a) for b, a in zip(before, after))
    return True


def evaluate(name, func):
    """(outcome, message) for one function: one of the three outcomes above."""
    if name not in CASES:
        return INCORRECT, f"there is no self-check called {name!r}; try one of: {', '.join(CASES)}"
    if func is None:
        return INCORRECT, f"{name} is missing: define a function called {name}"
    if not callable(func):
        return INCORRECT, f"{name} should be a function, but it is {type(func).__name__}"
    cases = CASES[name]
    noted = []
    for case in cases:
        args = copy.deepcopy(case.args)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                result = func(*args, **case.kwargs)
            except NotImplementedError:
                return NOT_ATTEMPTED, (
                    f"{name} (or a function it calls) still raises NotImplementedError. "
                    "Write your code in place of the `raise` line, run that cell, then check again.")
            except Exception as exc:  # a student's bug: report it, do not crash the check
                return INCORRECT, f"calling {case.shown(name)}\n  raised {type(exc).__name__}: {exc}"
        noted += [f"{case.shown(name)} warned: {w.message}" for w in caught]
        problem = case.judge(result)
        if problem:
            return INCORRECT, f"calling {case.shown(name)}\n{problem}"
        if not _unchanged(case.args, args):
            return INCORRECT, f"calling {case.shown(name)} changed its arguments; work on a copy instead"
    message = f"{name} passed {len(cases)} self-check{'' if len(cases) == 1 else 's'}."
    if noted:
        message += "\n  Note (not an error): " + noted[0]
    return PASSED, message


def check(name, func):
    """Print how `func` does on the self-checks for exercise `name`."""
    outcome, message = evaluate(name, func)
    print(f"[{outcome}] {message}")
    if outcome == INCORRECT and name in HINTS:
        print(f'Stuck? hint("{name}") gives a nudge.')


def hint(name, level=1):
    """Print hint number `level` (1 is a nudge, higher is more specific)."""
    tiers = HINTS.get(name)
    if not tiers:
        print(f"There are no hints for {name!r}; try one of: {', '.join(HINTS)}")
        return
    level = max(1, min(int(level), len(tiers)))
    print(f"Hint {level} of {len(tiers)} for {name}: {tiers[level - 1]}")
    if level < len(tiers):
        print(f'For a more specific hint: hint("{name}", {level + 1})')


@contextlib.contextmanager
def needs(*names):
    """Run a block (a plot, an experiment) once the functions it uses exist."""
    try:
        yield
    except NotImplementedError:
        listed = ", ".join(names) if names else "an exercise function"
        print(f"This cell uses {listed}, which is not written yet (it raises NotImplementedError). "
              "Finish it above, run its cell, then run this cell again.")


def main(argv):
    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here))
    wanted = argv or list(MODULES)
    failed = False
    for module_name in wanted:
        if module_name not in MODULES:
            print(f"unknown module {module_name!r}; expected one of {', '.join(MODULES)}")
            return 2
        if not (here / f"{module_name}.py").exists():
            print(f"-- {module_name}.py: not found here, skipped")
            continue
        print(f"-- {module_name}.py")
        try:
            module = importlib.import_module(module_name)
        except Exception as exc:  # a syntax error in the student's file is worth a message
            print(f"[incorrect] could not import {module_name}.py: {type(exc).__name__}: {exc}")
            failed = True
            continue
        for name in MODULES[module_name]:
            outcome, message = evaluate(name, getattr(module, name, None))
            print(f"[{outcome}] {message}")
            failed |= outcome == INCORRECT
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
