"""The self-check files a release carries: its own problem set's only.

``course/selfcheck_cases.py`` and ``course/selfcheck_hints.py`` hold every
exercise's cases and hints in top-level dicts (``CASES``, ``HINTS``,
``MODULES``).  A notebook's folder gets a copy that keeps the entries of
the functions that notebook uses (its exercises and the functions it
carries from earlier problem sets), then drops the top-level definitions
nothing refers to any more, so a later problem set's helpers (a gradient
written out for its own self-check, say) do not reach an earlier one.
The edit is made on the source text, line by line, so comments and layout
stay as written.
"""

from __future__ import annotations

import ast

DICTS = ("CASES", "HINTS")
ROOTS = frozenset({"CASES", "HINTS", "MODULES"})


def imported_names(selfcheck: str) -> frozenset[str]:
    """The names ``selfcheck.py`` imports from its sibling modules: they must survive the pruning."""
    names = set()
    for node in ast.parse(selfcheck).body:
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("selfcheck_"):
            names.update(alias.name for alias in node.names)
    return frozenset(names)


def keep_only(source: str, functions: set[str], modules: set[str], roots: frozenset[str] = ROOTS) -> str:
    """``source`` with the dict entries of other functions (and modules) removed;
    ``roots`` are kept whatever uses them (what ``selfcheck.py`` imports)."""
    lines = source.splitlines(keepends=True)
    drop: set[int] = set()
    for node in ast.parse(source).body:
        target = _assigned_name(node)
        if target in DICTS or target == "MODULES":
            wanted = modules if target == "MODULES" else functions
            for key, value in zip(node.value.keys, node.value.values):
                if isinstance(key, ast.Constant) and key.value not in wanted:
                    drop.update(range(key.lineno - 1, value.end_lineno))
    text = "".join(line for i, line in enumerate(lines) if i not in drop)
    return _without_unused(text, roots | ROOTS)


def _assigned_name(node) -> str | None:
    if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name) \
            and isinstance(node.value, ast.Dict):
        return node.targets[0].id
    return None


def _without_unused(source: str, roots: frozenset[str]) -> str:
    """Drop top-level defs and assignments whose names nothing uses, until none is left."""
    while True:
        tree = ast.parse(source)
        used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}
        used |= roots
        lines = source.splitlines(keepends=True)
        drop: set[int] = set()
        for node in tree.body:
            names = _defines(node)
            if names and not names & used:
                start = min([node.lineno] + [d.lineno for d in getattr(node, "decorator_list", [])])
                drop.update(range(start - 1, node.end_lineno))
        if not drop:
            return _tidy(source)
        source = "".join(line for i, line in enumerate(lines) if i not in drop)


def _defines(node) -> set[str]:
    if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
        return {node.name}
    if isinstance(node, ast.Assign):
        return {n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)}
    return set()


def _tidy(source: str) -> str:
    """No runs of more than two blank lines where definitions were taken out."""
    out, blank = [], 0
    for line in source.splitlines(keepends=True):
        blank = blank + 1 if not line.strip() else 0
        if blank <= 2:
            out.append(line)
    return "".join(out)
