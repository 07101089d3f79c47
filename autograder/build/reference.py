"""Read a reference module as source text: functions, imports and givens.

Everything is taken from the file's text (``ast`` plus line ranges), never
by importing it, so what students receive is the reference as written.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SIBLING_PACKAGE = "solutions"


@dataclass(frozen=True)
class Function:
    name: str
    header: str          # the ``def`` line(s), verbatim
    docstring: str       # cleaned, as ``ast.get_docstring`` gives it
    body: str            # statements after the docstring, verbatim with indentation
    indent: str          # indentation of the body
    trivial: bool        # a pure formula: see ``is_trivial_formula``
    source: str          # the whole definition, verbatim
    body_node: tuple     # the statements after the docstring


@dataclass(frozen=True)
class Statement:
    kind: str            # "import", "sibling", "function" or "given"
    source: str          # verbatim text, or for "sibling" the rewritten import
    gap: str             # raw lines (each ending in a newline) since the previous statement
    name: str = ""       # function or assigned name


@dataclass(frozen=True)
class Module:
    name: str
    docstring: str
    statements: tuple[Statement, ...]
    functions: dict      # name -> Function, file order

    def given(self, name: str) -> str:
        for st in self.statements:
            if st.kind == "given" and st.name == name:
                return st.source
        raise KeyError(f"{self.name}.{name} is not a module-level assignment")


def is_trivial_formula(node: ast.FunctionDef) -> bool:
    """True when the body is one ``return`` of arithmetic on the parameters.

    Such a function (``x**4 - 3*x**3 + 2``, ``s * (1 - s)``) is its own
    problem statement: the formula is what the student is told, so showing
    it gives nothing away.  Any call, attribute or other name disqualifies.
    """
    body = _after_docstring(node)
    if len(body) != 1 or not isinstance(body[0], ast.Return) or body[0].value is None:
        return False
    params = {a.arg for a in node.args.args}
    allowed = (ast.BinOp, ast.UnaryOp, ast.Constant, ast.operator, ast.unaryop, ast.Load)
    for sub in ast.walk(body[0].value):
        if isinstance(sub, ast.Name):
            if sub.id not in params:
                return False
        elif not isinstance(sub, allowed):
            return False
    return True


def _after_docstring(node) -> list:
    body = list(node.body)
    if ast.get_docstring(node, clean=False) is not None:
        body = body[1:]
    return body


def _lines(text: str, first: int, last: int) -> str:
    """Lines first..last (1-based, inclusive) of text."""
    return "\n".join(text.splitlines()[first - 1:last])


def _function(text: str, node: ast.FunctionDef) -> Function:
    body = _after_docstring(node)
    if not body:
        raise ValueError(f"{node.name} has no body after its docstring")
    doc_node = node.body[0] if len(body) < len(node.body) else None
    header_end = (doc_node or body[0]).lineno - 1
    body_src = _lines(text, body[0].lineno, node.end_lineno)
    return Function(
        name=node.name,
        header=_lines(text, node.lineno, header_end),
        docstring=ast.get_docstring(node) or "",
        body=body_src,
        indent=" " * body[0].col_offset,
        trivial=is_trivial_formula(node),
        source=_lines(text, node.lineno, node.end_lineno),
        body_node=tuple(body),
    )


def _statement(text: str, node: ast.stmt, gap: str) -> Statement:
    source = _lines(text, node.lineno, node.end_lineno)
    if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(SIBLING_PACKAGE + "."):
        sibling = node.module.split(".", 1)[1]
        names = ", ".join(a.name if a.asname is None else f"{a.name} as {a.asname}" for a in node.names)
        return Statement("sibling", f"from {sibling} import {names}", gap, sibling)
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return Statement("import", source, gap)
    if isinstance(node, ast.FunctionDef):
        return Statement("function", source, gap, node.name)
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        target = node.targets[0] if isinstance(node, ast.Assign) else node.target
        return Statement("given", source, gap, getattr(target, "id", ""))
    raise ValueError(f"line {node.lineno}: unexpected top-level {type(node).__name__} in a reference module")


@cache
def load(path: Path) -> Module:
    text = Path(path).read_text(encoding="utf-8")
    tree = ast.parse(text)
    docstring = ast.get_docstring(tree) or ""
    nodes = tree.body[1:] if docstring else tree.body
    statements, functions = [], {}
    previous_end = tree.body[0].end_lineno if docstring else 0
    for node in nodes:
        gap = "".join(line + "\n" for line in text.splitlines()[previous_end:node.lineno - 1])
        statements.append(_statement(text, node, gap))
        if isinstance(node, ast.FunctionDef):
            functions[node.name] = _function(text, node)
        previous_end = node.end_lineno
    return Module(Path(path).stem, docstring, tuple(statements), functions)
