"""Reference source, rewritten into what a student would hand in.

The reference modules import each other as ``from solutions.derivatives
import sigmoid``; a student's files import their siblings by module name,
and the sandbox refuses ``solutions`` altogether.  So a submission built
from reference source has those imports rewritten, and carries every
sibling module the main one needs, as the student's own files would.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from pathlib import Path

from autograder.course import ASSIGNMENTS, SOLUTIONS_DIR

PACKAGE = "solutions"


def reference_source(module: str) -> str:
    return (SOLUTIONS_DIR / f"{module}.py").read_text(encoding="utf-8")


def as_student(source: str) -> str:
    """The same module with ``solutions.X`` imports turned into imports of the sibling ``X``."""
    lines = source.splitlines(keepends=True)
    for node in reversed(ast.parse(source).body):
        if isinstance(node, ast.ImportFrom) and _from_package(node.module):
            sibling = node.module.split(".", 1)[1] if "." in node.module else None
            names = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in node.names)
            text = f"from {sibling} import {names}\n" if sibling else f"import {names}\n"
            lines[node.lineno - 1:node.end_lineno] = [text]
        elif isinstance(node, ast.Import) and any(_from_package(a.name) for a in node.names):
            raise ValueError(f"line {node.lineno}: write reference imports as 'from solutions.X import name'")
    return "".join(lines)


def _from_package(name: str | None) -> bool:
    return name == PACKAGE or (name or "").startswith(PACKAGE + ".")


def siblings(module: str) -> list[str]:
    """Reference modules that ``module`` needs, directly or through another, dependencies first."""
    order: list[str] = []

    def visit(name: str) -> None:
        for node in ast.parse(reference_source(name)).body:
            if isinstance(node, ast.ImportFrom) and _from_package(node.module) and "." in node.module:
                needed = node.module.split(".", 1)[1]
                if needed not in order:
                    visit(needed)
                    order.append(needed)

    visit(module)
    return [m for m in order if m != module]


def files(module: str, source: str) -> dict[str, str]:
    """{file name: text} of a submission whose ``module`` is ``source`` (reference siblings beside it)."""
    out = {f"{m}.py": as_student(reference_source(m)) for m in siblings(module)}
    out[f"{module}.py"] = as_student(source)
    return out


def write(folder: Path, module: str, source: str) -> Path:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files(module, source).items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def renamed_source(fn, name: str) -> str:
    """The source of ``fn`` as a top-level function called ``name``."""
    source = textwrap.dedent(inspect.getsource(fn))
    node = ast.parse(source).body[0]
    if not isinstance(node, ast.FunctionDef) or node.decorator_list:
        raise ValueError(f"{fn.__qualname__} is not a plain function definition")
    return re.sub(rf"^def\s+{re.escape(node.name)}\b", f"def {name}", source, count=1, flags=re.M)


def replace_function(source: str, name: str, new_source: str) -> str:
    """``source`` with the top-level function ``name`` swapped for ``new_source``, in place.

    In place, not appended: module-level tables built from the function
    (``COSTS`` in cost_functions) must pick up the replacement.
    """
    for node in ast.parse(source).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            lines = source.splitlines(keepends=True)
            start = min([node.lineno] + [d.lineno for d in node.decorator_list]) - 1
            lines[start:node.end_lineno] = [new_source.rstrip("\n") + "\n"]
            return "".join(lines)
    raise KeyError(f"no top-level function {name!r}")


def with_function(module: str, name: str, fn) -> str:
    """The reference module's source with ``name`` implemented by ``fn``."""
    return replace_function(reference_source(module), name, renamed_source(fn, name))


def assignment_of(module: str) -> str:
    return {m: a for a, m in ASSIGNMENTS.items()}[module]
