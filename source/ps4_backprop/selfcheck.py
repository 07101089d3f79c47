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

from selfcheck_cases import CASES, MISSING, MODULES, Yours, constant_factor
from selfcheck_hints import HINTS

NOT_ATTEMPTED, INCORRECT, PASSED = "not attempted", "incorrect", "passed"


def _unchanged(before, after):
    if isinstance(before, np.ndarray):
        return isinstance(after, np.ndarray) and before.shape == after.shape and np.array_equal(
            before, after, equal_nan=True)
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(_unchanged(b, a) for b, a in zip(before, after))
    return True


def evaluate(name, func, namespace=None):
    """(outcome, message) for one function: one of the three outcomes above."""
    if name not in CASES:
        return INCORRECT, f"there is no self-check called {name!r}; try one of: {', '.join(CASES)}"
    if func is None:
        return INCORRECT, f"{name} is missing: define a function called {name}"
    if not callable(func):
        return INCORRECT, f"{name} should be a function, but it is {type(func).__name__}"
    cases = CASES[name]
    yours, why = _your_functions(name, cases, namespace)
    if why:
        return why
    noted = []
    for case in cases:
        args = [yours[id(a)] if isinstance(a, Yours) else copy.deepcopy(a) for a in case.args]
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
        # A changed argument is reported even beside a wrong value: it is often the cause.
        changed = "" if _unchanged(case.args, args) else (
            f"calling {case.shown(name)} changed its arguments; work on a copy instead")
        if problem:
            also = "\n  It also changed its arguments: work on a copy of them." if changed else ""
            return INCORRECT, f"calling {case.shown(name)}\n{problem}{also}{_factor_note(func, cases, yours)}"
        if changed:
            return INCORRECT, changed
    message = f"{name} passed {len(cases)} self-check{'' if len(cases) == 1 else 's'}."
    if noted:
        message += "\n  Note (not an error): " + noted[0]
    return PASSED, message


def _your_functions(name, cases, namespace=None):
    """({id(placeholder): your function}, None), or (None, an outcome) when one is not ready.

    Some self-checks call a function of yours from an earlier problem set
    (minimize's calls your df): in a notebook it is the one defined there
    (``namespace``, the globals of the cell that called ``check``), from a
    terminal the one in that module's .py file beside this one.
    """
    found = {}
    for case in cases:
        for arg in case.args:
            if not isinstance(arg, Yours):
                continue
            func = (namespace or vars(sys.modules["__main__"])).get(arg.name)
            if not callable(func):
                try:
                    func = getattr(importlib.import_module(arg.module), arg.name, None)
                except Exception:  # no such file here, or it does not import
                    func = None
            if not callable(func):
                return None, (NOT_ATTEMPTED, f"the self-checks of {name} call your {arg.name} (from "
                              f"{arg.module}), which is not defined here: write it or run its cell first")
            if arg.name in CASES:
                outcome, _ = evaluate(arg.name, func)
                if outcome != PASSED:
                    return None, (outcome, f"the self-checks of {name} call your {arg.name}, whose own "
                                  f"self-check does not pass yet: check(\"{arg.name}\", {arg.name}) first")
            found[id(arg)] = func
    return found, None


def _factor_note(func, cases, yours):
    """A note when every case's answer is one simple constant times the expected one."""
    got, want = [], []
    for case in cases:
        if case.expect is MISSING or case.pick:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                args = [yours[id(a)] if isinstance(a, Yours) else copy.deepcopy(a) for a in case.args]
                answer = np.ravel(np.asarray(func(*args, **case.kwargs), dtype=float))
            expected = np.ravel(np.asarray(case.expect, dtype=float))
        except Exception:  # a case that cannot be read as numbers says nothing about a factor
            continue
        if answer.shape == expected.shape:
            got.append(answer)
            want.append(expected)
    if not got:
        return ""
    return constant_factor(np.concatenate(got), np.concatenate(want))


def check(name, func):
    """Print how `func` does on the self-checks for exercise `name`."""
    outcome, message = evaluate(name, func, sys._getframe(1).f_globals)
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
