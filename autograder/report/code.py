"""A submission's graded code, read back for the class report (nothing runs).

The report's class-wide sections quote and compare what students wrote.
They read it the way the grader did (``grade.submission.load``: the
notebook's definitions joined into one module, or the ``.py`` file), from
``submitted/<student>/<assignment>/``, else from ``autograded/``.
"""

from __future__ import annotations

import ast
from pathlib import Path

from autograder.course import ASSIGNMENTS


def submission_source(course_dir: Path, student: str, assignment: str) -> str | None:
    """The module the grader ran for this student, or None when there is none to read."""
    from autograder.grade.submission import SubmissionError, load

    for top in ("submitted", "autograded"):
        folder = Path(course_dir) / top / student / assignment
        if not folder.is_dir():
            continue
        try:
            parts = load(folder, assignment)
        except (SubmissionError, OSError, ValueError):
            continue
        for part in parts:
            if part.program is not None and part.program.main == ASSIGNMENTS[assignment]:
                return part.program.modules.get(part.program.main)
    return None


def parse(source: str | None) -> ast.Module | None:
    if not source:
        return None
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError):
        return None


def function_node(tree: ast.Module | None, name: str) -> ast.FunctionDef | None:
    """The module-level definition of ``name`` that Python would keep (the last)."""
    found = None
    for node in tree.body if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            found = node
    return found


def without_docstring(node: ast.FunctionDef) -> ast.FunctionDef:
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant) \
            and isinstance(body[0].value.value, str):
        node.body = body[1:] or [ast.Pass()]
    return node


def excerpt(source: str | None, function: str, max_lines: int = 25) -> str:
    """The function as the grader saw it, anonymised: comments and docstring
    dropped (``ast.unparse`` keeps neither), so no name or note of the
    student's travels with it."""
    node = function_node(parse(source), function)
    if node is None:
        return ""
    lines = ast.unparse(without_docstring(node)).splitlines()
    if len(lines) > max_lines:
        lines = lines[:max_lines] + ["    ..."]
    return "\n".join(lines)
