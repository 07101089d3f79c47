"""Small wrong versions of a module, made by editing one node of its syntax tree.

Each mutant changes one expression inside one top-level function (its body
or its defaults) and nothing else: the edit is spliced into the original
text, so comments, docstrings and every other line stay as they were, and
the mutant reads like a one-line diff of the reference.

The operators are the slips a student makes: an operator swapped (+/-, *,/),
a factor or term dropped (a binary operation replaced by one operand), a
constant off by one, a comparison flipped (< vs <=, == vs !=), a minus
dropped, a transpose dropped, and two blocks stacked in the wrong order.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, replace

SWAPS = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.Pow: ast.Mult,
         ast.FloorDiv: ast.Div, ast.Mod: ast.FloorDiv}
FLIPS = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
         ast.NotEq: ast.Eq}
STACKERS = {"hstack", "vstack", "concatenate", "column_stack"}
ATOMS = (ast.Name, ast.Constant, ast.Call, ast.Attribute, ast.Subscript, ast.List, ast.Tuple)


@dataclass(frozen=True)
class Mutant:
    module: str
    function: str
    line: int
    kind: str          # "swap", "drop", "constant", "compare", "minus", "transpose", "order"
    before: str        # the original text of the changed expression
    after: str         # its replacement
    source: str        # the whole mutated module
    occurrence: int = 1  # the same edit made elsewhere in the same function: 2, 3, ...

    @property
    def key(self) -> str:
        """Names the mutant in lists of equivalent mutants; stable while its function's text is."""
        again = f" #{self.occurrence}" if self.occurrence > 1 else ""
        return f"{self.module}.{self.function}: {self.before} -> {self.after}{again}"

    def diff(self, original: str) -> str:
        old = original.splitlines()[self.line - 1]
        new = self.source.splitlines()[self.line - 1]
        return f"{self.module}.py:{self.line} ({self.function}, {self.kind})\n  - {old.strip()}\n  + {new.strip()}"


def mutants(module: str, source: str) -> list[Mutant]:
    tree = ast.parse(source)
    out: list[Mutant] = []
    seen: set[str] = set()
    for fn in tree.body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in _mutable_nodes(fn):
            for kind, replacement in _replacements(node):
                mutant = _splice(module, fn.name, source, node, kind, replacement)
                if mutant is None or mutant.source in seen:
                    continue
                seen.add(mutant.source)
                out.append(mutant)
    return _numbered(out)


def _mutable_nodes(fn: ast.FunctionDef):
    """Expressions of the function's defaults and body; the docstring is text, not code."""
    body = fn.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
            and isinstance(body[0].value.value, str):
        body = body[1:]
    roots = [*fn.args.defaults, *[d for d in fn.args.kw_defaults if d is not None], *body]
    for root in roots:
        for node in ast.walk(root):
            if isinstance(node, (ast.expr, ast.AugAssign)):
                yield node


def _replacements(node: ast.AST):
    if isinstance(node, ast.AugAssign) and type(node.op) in SWAPS:
        yield "swap", ast.AugAssign(node.target, SWAPS[type(node.op)](), node.value)
    elif isinstance(node, ast.BinOp):
        swapped = SWAPS.get(type(node.op))
        if swapped:
            yield "swap", ast.BinOp(node.left, swapped(), node.right)
        yield "drop", node.left
        yield "drop", node.right
    elif isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in FLIPS:
        yield "compare", ast.Compare(node.left, [FLIPS[type(node.ops[0])]()], node.comparators)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        yield "minus", node.operand
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield "compare", node.operand
    elif isinstance(node, ast.Constant) and type(node.value) in (int, float):
        for delta in (1, -1):
            yield "constant", ast.Constant(node.value + delta)
    elif isinstance(node, ast.Attribute) and node.attr == "T":
        yield "transpose", node.value
    elif isinstance(node, ast.Call) and _attr_name(node.func) in STACKERS and node.args \
            and isinstance(node.args[0], (ast.List, ast.Tuple)) and len(node.args[0].elts) == 2:
        reordered = copy.copy(node.args[0])
        reordered.elts = list(reversed(node.args[0].elts))
        yield "order", ast.Call(node.func, [reordered, *node.args[1:]], node.keywords)


def _attr_name(func: ast.expr) -> str | None:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)


def _splice(module, function, source, node, kind, replacement) -> Mutant | None:
    before = ast.get_source_segment(source, node)
    if before is None or node.lineno != node.end_lineno:
        return None   # multi-line expressions are left alone: a diff line must show the change
    after = ast.unparse(replacement)
    if _needs_parentheses(replacement):
        after = f"({after})"   # keep the replacement one operand, whatever surrounds it
    lines = source.splitlines(keepends=True)
    line = lines[node.lineno - 1]
    lines[node.lineno - 1] = _replace_at(line, node.col_offset, node.end_col_offset, after)
    mutated = "".join(lines)
    if ast.dump(replacement) == ast.dump(node):
        return None
    try:
        ast.parse(mutated)
    except SyntaxError:
        return None
    return Mutant(module, function, node.lineno, kind, before, after, mutated)


def _needs_parentheses(replacement: ast.AST) -> bool:
    if not isinstance(replacement, ast.expr):
        return False   # a whole statement
    if isinstance(replacement, ast.Constant):
        return replacement.value < 0
    return not isinstance(replacement, ATOMS)


def _replace_at(line: str, start: int, end: int, text: str) -> str:
    """Offsets are in UTF-8 bytes, as the ``ast`` module gives them."""
    raw = line.encode("utf-8")
    return (raw[:start] + text.encode("utf-8") + raw[end:]).decode("utf-8")


def _numbered(found: list[Mutant]) -> list[Mutant]:
    """Make keys unique: a repeated edit in one function gets #2, #3, ... in source order."""
    counts: dict[str, int] = {}
    out = []
    for m in found:
        counts[m.key] = counts.get(m.key, 0) + 1
        out.append(replace(m, occurrence=counts[m.key]))
    return out
