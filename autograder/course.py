"""The course catalogue: which assignment holds which module and functions.

Derived from the reference solutions themselves (their public functions, in
file order), so adding an exercise to ``solutions/`` is all it takes.
"""

from __future__ import annotations

import ast
import os
from functools import cache
from pathlib import Path

ASSIGNMENTS = {
    "ps1_derivatives": "derivatives",
    "ps2_gradient_descent": "gradient_descent",
    "ps3_cost_functions": "cost_functions",
    "ps4_backprop": "backprop",
}
MODULES = {module: assignment for assignment, module in ASSIGNMENTS.items()}
SOLUTIONS_DIR = Path(__file__).resolve().parent.parent / "solutions"


@cache
def exercise_functions(assignment: str) -> tuple[str, ...]:
    """Public functions of the assignment's reference module, in file order."""
    path = SOLUTIONS_DIR / f"{ASSIGNMENTS[assignment]}.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return tuple(
        node.name for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    )


def unknown_assignment(names) -> str:
    """Why a list of assignment names given on a command line is not usable
    ("" when every name is one of the course's)."""
    unknown = [name for name in names if name not in ASSIGNMENTS]
    if not unknown:
        return ""
    listed = ", ".join(repr(name) for name in unknown)
    return (f"unknown assignment{'s' if len(unknown) > 1 else ''} {listed}; "
            f"the course's assignments are {', '.join(ASSIGNMENTS)}")


CACHE_VARIABLE = "AUTOGRADER_CACHE"


def cache_base() -> Path | None:
    """The folder of the grader's disk cache (``checks/disk_cache.py`` keeps a subfolder per
    version of the hidden tests there): ``$AUTOGRADER_CACHE``, else ``$XDG_CACHE_HOME/gd-autograder``,
    else ``~/.cache/gd-autograder``; None when ``AUTOGRADER_CACHE=off``.

    Named here, below both, because the sandbox seals it from student code as well."""
    chosen = os.environ.get(CACHE_VARIABLE, "")
    if chosen.lower() == "off":
        return None
    if chosen:
        return Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "gd-autograder"
