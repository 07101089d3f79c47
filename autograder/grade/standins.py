"""A mistake is charged once: helpers answered by the grader (trusted stand-ins).

Some exercise functions call others: ``train_neuron`` calls ``mse_gradient``,
``neuron`` calls problem set 1's ``sigmoid``.  A wrong or missing helper must
cost its own points, not its callers'.  So grading runs in two rounds.

1. **Carried functions.**  The functions a problem set takes from earlier
   ones (the imports of its reference module: ``sigmoid`` in problem set 3;
   ``sigmoid`` and ``cross_entropy`` in problem set 4) are supplied when the
   student did not hand them in: a ``.py`` file handed in alone imports them
   from a stand-in module, and a notebook that leaves the carried cell empty
   finds them bound.  They are not graded in that problem set, so their
   stand-ins answer every function of the run.
2. **Doubtful helpers.**  A function that lost points while one of its
   helpers (``checks.<module>.USES``) failed its own tests, or while it used
   carried functions of the student's own, is graded again with stand-ins
   for those helpers, bound in its own process only.  The better of the two
   verdicts is kept, and its feedback says which helper was replaced, or why
   the function could not be graded that way.

A stand-in holds no reference code: each call asks the grader, which runs
the reference here, in the grader's process (``sandbox/inside/standins.py`` carries
the asks).  A helper is never graded in a run where its stand-in answers, so
nothing its stand-in says (kept in the scratch folder, or obtained by a
process that pretends to be another function) can reach its own checks: the
second round runs in layers, a function never in the same run as a function
that gets a stand-in for it.
"""

from __future__ import annotations

import ast
import importlib
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from autograder.course import ASSIGNMENTS, MODULES, SOLUTIONS_DIR, exercise_functions
from autograder.results import Outcome, TestResult


@cache
def carried(assignment: str) -> dict[str, tuple[str, ...]]:
    """{module: functions} that the assignment's module imports from earlier problem sets."""
    tree = ast.parse((SOLUTIONS_DIR / f"{ASSIGNMENTS[assignment]}.py").read_text(encoding="utf-8"))
    found: dict[str, tuple[str, ...]] = {}
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("solutions."):
            module = node.module.split(".", 1)[1]
            if module in MODULES:
                found[module] = found.get(module, ()) + tuple(alias.name for alias in node.names)
    return found


@cache
def calls_to_carried(assignment: str) -> dict[str, tuple[str, ...]]:
    """{exercise function: the carried helpers ("module.function") its reference calls}."""
    names = {function: f"{module}.{function}" for module, fs in carried(assignment).items() for function in fs}
    tree = ast.parse((SOLUTIONS_DIR / f"{ASSIGNMENTS[assignment]}.py").read_text(encoding="utf-8"))
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in exercise_functions(assignment):
            used = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
            out[node.name] = tuple(names[n] for n in sorted(used) if n in names)
    return out


@dataclass
class Plan:
    """The stand-ins of one run, and what the grader answered."""

    modules: dict[str, list[str]] = field(default_factory=dict)    # not handed in: answered for everyone
    missing: dict[str, str] = field(default_factory=dict)          # name -> helper, bound where undefined
    functions: dict[str, list[str]] = field(default_factory=dict)  # function -> helpers, its process only
    used: Counter = field(default_factory=Counter)                 # (function, helper) -> asks answered

    def request(self) -> dict:
        return {"modules": self.modules, "missing": self.missing, "functions": self.functions}

    def __bool__(self) -> bool:
        return bool(self.modules or self.missing or self.functions)

    def for_functions(self, functions: dict[str, list[str]]) -> "Plan":
        return Plan(dict(self.modules), dict(self.missing), functions)

    def answer(self, function: str, helper: str, args: tuple, kwargs: dict):
        """The reference's answer, computed here; only for what this run allows."""
        everywhere = {f"{m}.{f}" for m, fs in self.modules.items() for f in fs} | set(self.missing.values())
        if helper not in everywhere and helper not in self.functions.get(function, ()):
            raise PermissionError(f"{helper} is not answered for {function}")
        module, _, name = helper.rpartition(".")
        reference = getattr(importlib.import_module(f"solutions.{module}"), name)
        self.used[(function, helper)] += 1
        with np.errstate(all="ignore"):
            return reference(*args, **kwargs)

    def asked(self, function: str, helpers=None) -> list[str]:
        return sorted({h for (f, h), n in self.used.items() if f == function and n and (helpers is None or h in helpers)})


def first_round(assignment: str, modules_handed_in: set[str] | None) -> Plan:
    """Stand-ins for the carried functions the student did not hand in
    (``modules_handed_in`` is None for a notebook, whose cells may define them)."""
    plan = Plan()
    for module, functions in carried(assignment).items():
        if modules_handed_in is not None and module in modules_handed_in:
            continue
        plan.modules[module] = list(functions)
        for function in functions:
            plan.missing[function] = f"{module}.{function}"
    return plan


def supplied_note(assignment: str, plan: Plan, defined: list[str], notebook: bool) -> str:
    """One line saying what the grader supplied, when something was."""
    used = sorted({h for (_, h) in plan.used})
    if not used:
        return ""
    if notebook:
        names = [h for h in used if h.rpartition(".")[2] not in defined]
        if not names:
            return ""
        return (f"Your notebook does not define {_names(names)} (from an earlier problem set): the grader "
                f"supplied {'it' if len(names) == 1 else 'them'}, so the functions that call "
                f"{'it' if len(names) == 1 else 'them'} are graded on their own.")
    files = sorted({h.rpartition(".")[0] + ".py" for h in used})
    return (f"{_names(files)} {'was' if len(files) == 1 else 'were'} not handed in: {_names(used)}, which "
            f"{ASSIGNMENTS[assignment]}.py imports, came from the grader, so {ASSIGNMENTS[assignment]}.py "
            "is graded on its own.")


def doubtful_helpers(assignment: str, uses: dict, tests: list[TestResult], first: Plan) -> dict[str, list[str]]:
    """For each function that lost points: the helpers that may be to blame."""
    module = ASSIGNMENTS[assignment]
    by_function: dict[str, list[TestResult]] = {}
    for test in tests:
        by_function.setdefault(test.function, []).append(test)
    failed = {f for f, ts in by_function.items() if any(t.outcome != Outcome.PASSED for t in ts)}
    doubtful = {}
    for function, ts in by_function.items():
        if function not in failed or all(t.outcome == Outcome.NOT_ATTEMPTED for t in ts):
            continue
        helpers = [f"{module}.{h}" for h in uses.get(function, ()) if h in failed]
        # The student's own carried functions (defined in the file or the
        # notebook, or handed in) are not graded here; only a better verdict
        # with the grader's can show that they are to blame.  Where the
        # function already asked the grader for one, it had the grader's.
        supplied = set(first.asked(function))
        helpers += [h for h in calls_to_carried(assignment).get(function, ()) if h not in supplied]
        if helpers:
            doubtful[function] = helpers
    return doubtful


def layers(doubtful: dict[str, list[str]], order: tuple[str, ...]) -> list[dict[str, list[str]]]:
    """Runs for the second round: no run grades a function that gets a stand-in in it."""
    remaining = {f: doubtful[f] for f in order if f in doubtful}
    runs = []
    while remaining:
        targets = {h.rpartition(".")[2] for helpers in remaining.values() for h in helpers}
        layer = {f: h for f, h in remaining.items() if f not in targets}
        if not layer:  # a cycle: the rest keep their first verdict
            break
        runs.append(layer)
        remaining = {f: h for f, h in remaining.items() if f not in layer}
    return runs


def keep_better(first: list[TestResult], again: list[TestResult], helpers: dict[str, list[str]],
                plan: Plan, own_failed: set[str], summary: list[str] | None = None) -> list[TestResult]:
    """``first`` with each regraded function's tests replaced by ``again``'s
    when they earn more, and a note either way (and a line in ``summary``
    for each function whose verdict changed)."""
    module_of = {t.function: t.module for t in first}
    out = []
    for function in dict.fromkeys(t.function for t in first):
        before = [t for t in first if t.function == function]
        if function not in helpers:
            out += before
            continue
        after = [t for t in again if t.function == function]
        asked = plan.asked(function, helpers[function])
        graded = _names([_shown(h, module_of[function]) for h in asked])
        doubted = [h for h in helpers[function] if h.rpartition(".")[2] in own_failed]
        if after and sum(t.score for t in after) > sum(t.score for t in before) + 1e-9:
            note = (f"Graded as if your {graded} were right: "
                    f"{function} was run with the grader's own {graded} in place of yours, and this "
                    f"verdict is the better one. " + _blame(asked, own_failed, function))
            for t in after:     # passed ones too: they passed with the grader's helper
                t.output = f"{t.output}\n{note}"
            if summary is not None:
                summary.append(f"{function} was graded as if your {graded} were right, so a mistake "
                               "there is not charged twice.")
            out += after
            continue
        for t in before:
            if t.outcome == Outcome.PASSED or not doubted:
                continue
            shown = _names([_shown(h, module_of[function]) for h in doubted])
            if asked:
                t.output += (f"\nNote: your {shown} also fails its own tests, so {function} was graded again "
                             f"with the grader's own {graded} in place of yours. It still loses these points, "
                             f"so the mistake is in {function} itself.")
            else:
                t.output += (f"\nNote: your {shown} fails its own tests. {function} could not be graded as if "
                             f"{'it were' if len(doubted) == 1 else 'they were'} right: the grader can stand in "
                             f"for a helper only where {function} finds it in your module (by its name, or in "
                             f"a dict, list or default value at the top level), and {function} did not call it "
                             f"that way, so this result still depends on your {shown}. Fix "
                             f"{'it' if len(doubted) == 1 else 'them'} first.")
        out += before
    return out


def _blame(asked: list[str], own_failed: set[str], function: str) -> str:
    failing = [h for h in asked if h.rpartition(".")[2] in own_failed]
    carried_ones = [h for h in asked if h.rpartition(".")[2] not in own_failed]
    parts = []
    if failing:
        names = _names([h.rpartition(".")[2] for h in failing])
        one = len(failing) == 1
        parts.append(f"Your own {names} {'gives' if one else 'give'} wrong answers here, which "
                     f"{'its' if one else 'their'} own tests (or {'its' if one else 'their'} helpers') already "
                     "charge; that is not charged again here.")
    if carried_ones:
        names = _names(carried_ones)
        parts.append(f"Your {names} (from an earlier problem set, not graded here) gives answers that "
                     f"differ from the grader's: check {'it' if len(carried_ones) == 1 else 'them'}.")
    return " ".join(parts)


def _shown(helper: str, module: str) -> str:
    owner, _, name = helper.rpartition(".")
    return name if owner == module else helper


def _names(items: list[str]) -> str:
    items = list(items)
    if not items:
        return "helpers"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
