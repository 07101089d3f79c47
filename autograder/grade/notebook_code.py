"""Turn a student's notebook into one Python module of definitions.

A notebook mixes definitions (imports, functions, constants) with
experiments (plots, training runs, self-checks).  The grader runs only the
definitions: bare expressions, loops, and statements that call the
exercise functions are left out, so a slow plot or a 60,000-step sweep in
the notebook cannot use up the time the hidden tests need, and the result
does not depend on the order in which cells were last run.

Cells keep their order in the file; each is preceded by a marker comment so
that an error message can name the cell instead of a line of the join, the
way Jupyter shows it: ``In [7]`` when the notebook kept its execution
counts, else the cell's first line (a count of code cells is a number
Jupyter never shows).
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from dataclasses import dataclass, field

MAGIC = re.compile(r"^\s*([%!]|\?\w|\w+\?\s*$)")
DROPPED = (ast.Expr, ast.For, ast.AsyncFor, ast.While, ast.Assert, ast.Delete)
# The notebook's own helpers: the self-check sits beside the released notebook,
# and the hidden-test hook exists only when nbgrader grades; neither is the student's code.
SKIPPED_MODULES = ("selfcheck", "autograder")
HIDDEN_TESTS = "### BEGIN HIDDEN TESTS"


class CellSource(str):
    """A code cell's source that remembers the execution count Jupyter shows
    beside it (``In [7]``); a plain ``str`` works wherever this does."""

    execution_count: int | None = None


@dataclass
class ModuleText:
    source: str
    # (first line in source, how Jupyter shows the cell) for each cell kept, for messages.
    cells: list[tuple[int, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def where(self, line: int) -> str:
        """'cell In [7], line 2' for a line of the joined source."""
        current = None
        for start, label in self.cells:
            if start <= line:
                current = (start, label)
        if current is None:
            return f"line {line}"
        return f"{current[1]}, line {line - current[0] + 1}"


def cell_labels(cells: list[str]) -> list[str]:
    """How a student finds each cell in Jupyter: ``cell In [7]``, or, when the
    count is missing or shared with another cell (counts restart with the
    kernel), the cell's first line."""
    counts = [getattr(cell, "execution_count", None) for cell in cells]
    seen = Counter(counts)
    labels = []
    for cell, count in zip(cells, counts):
        first = next((line.strip() for line in cell.splitlines() if line.strip()), "")
        first = first if len(first) <= 60 else first[:56] + " ..."
        if isinstance(count, int) and not isinstance(count, bool) and seen[count] == 1:
            labels.append(f"cell In [{count}]")
        else:
            labels.append(f'the cell starting "{first}"' if first else "an empty cell")
    return labels


def strip_magics(source: str) -> str:
    """Blank IPython magics and shell escapes, keeping the line count."""
    return "\n".join("pass  # IPython magic" if MAGIC.match(line) and not line.strip().startswith("#")
                     else line for line in source.splitlines())


def definitions_only(source: str, exercise_names: frozenset[str]) -> tuple[str, str]:
    """Keep the definitions of one cell; return (code, problem or '')."""
    try:
        tree = ast.parse(source)
    except SyntaxError as exc:
        return source, f"line {exc.lineno}: SyntaxError: {exc.msg}"
    lines = source.splitlines()
    keep = [False] * len(lines)
    for node in tree.body:
        if isinstance(node, DROPPED) or _calls_any(node, exercise_names) or _imports_skipped(node):
            continue
        start = node.lineno - 1 - len(getattr(node, "decorator_list", []) or [])
        for i in range(max(start, 0), node.end_lineno):
            keep[i] = True
    code = "\n".join(line if k else "" for line, k in zip(lines, keep))
    return code, ""


def _imports_skipped(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    elif isinstance(node, ast.ImportFrom):
        names = [node.module or ""]
    else:
        return False
    return any(name.split(".")[0].startswith(SKIPPED_MODULES) for name in names)


def _calls_any(node: ast.AST, names: frozenset[str]) -> bool:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return False
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in names or (isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
                                 and func.value.id in ("plt", "display")):
                return True
    return False


def module_from_cells(cells: list[str], exercise_names: frozenset[str]) -> ModuleText:
    out: list[str] = []
    result = ModuleText(source="")
    for number, (cell, label) in enumerate(zip(cells, cell_labels(cells)), start=1):
        if HIDDEN_TESTS in cell:
            continue
        code, problem = definitions_only(strip_magics(cell), exercise_names)
        if problem:
            # Keep the broken cell: the sandbox recovers what it can and reports the line.
            # Worded as the sandbox words load errors, so the same error is shown once.
            result.problems.append(f"While loading your code: {label}, {problem}")
        if not code.strip():
            continue
        out.append(f"# --- cell {number} ---")
        result.cells.append((len(out) + 1, label))
        out.extend(code.splitlines())
    result.source = "\n".join(out) + "\n"
    return result
