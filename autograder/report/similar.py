"""Similarity by behaviour and normalised code: pairs of submissions worth a human look.

Two submissions make a pair only when both returned the same *rare* wrong
answer to a hidden call (shared by at most ``rare_limit`` submissions; a
wrong answer a known mistake explains does not count, since students make
those independently).  Then their code is compared after normalisation.

Scale: nothing is quadratic in the class.  The records are read once and
bucketed by rare answer (input digest + answer digest); code is parsed once
per submission that is in some bucket, and compared only within buckets, so
the cost grows with the class times the (small, bounded) bucket size.  A
class of thousands, Gradescope-sized, stays a few seconds.

Normalisation (``ast``): each statement becomes one line of its *shape*,
its nesting depth plus ``ast.unparse`` of the statement (a compound
statement by its header only) with every local identifier renamed by order
of first appearance within that statement (``v0``, ``v1``, ...); names from
outside (``np``, builtins, the exercise functions) and attributes are kept.
Comments, docstrings and whitespace vanish with the parse, and a submission
becomes a multiset of shapes, so renaming variables or reordering
independent statements changes nothing.  The starter code (every shape in
the released notebook and stub) is removed first, so what everyone received
does not count.  The score is a weighted Jaccard index of the two multisets
(0 to 1), each shape weighted by how rare it is among the compared
submissions (log of N / how many have it), so that a line every correct
solution has counts for little.

A score is evidence for a human to read next to the code, never a verdict.
"""

from __future__ import annotations

import ast
import builtins
import copy
import json
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from autograder.course import ASSIGNMENTS, exercise_functions
from autograder.report.code import parse, submission_source
from autograder.results.record import Records

FLAG = 0.75          # a pair scoring this or more is listed as "look at this pair"
SHOW_FROM = 0.4      # pairs below this are not listed at all
TOP_PAIRS = 20
KEPT = frozenset(dir(builtins)) | {"np", "numpy", "sympy", "sp", "math", "plt", "self"}


@dataclass
class Line:
    shape: str         # the normalised statement
    text: str          # the line as written
    lineno: int


@dataclass
class Pair:
    a: str
    b: str
    score: float
    shared: list[tuple[str, str, int]] = field(default_factory=list)   # (function, answer shown, sharers)
    matching: list[tuple[str, str]] = field(default_factory=list)      # (line of a, line of b)

    @property
    def flagged(self) -> bool:
        return self.score >= FLAG


def rare_limit(graded: int) -> int:
    """How many submissions may share a wrong answer for it to count as rare."""
    return max(3, graded // 100)


def similar_pairs(records: Records, course_dir: Path, starter: list[str] | None = None,
                  sources: dict[str, str] | None = None, show_from: float = SHOW_FROM,
                  top: int = TOP_PAIRS) -> list[Pair]:
    """Candidate pairs, best first (those scoring at least ``show_from``).

    ``sources``: student -> module source, instead of reading ``course_dir``.
    """
    buckets = _buckets(records)
    candidates: dict[tuple[str, str], list[tuple[str, str, int]]] = defaultdict(list)
    for (function, _, answer, shown), members in buckets.items():
        for a, b in combinations(sorted(members), 2):
            candidates[(a, b)].append((function, shown or f"answer {answer}", len(members)))
    if not candidates:
        return []
    students = sorted({s for pair in candidates for s in pair})
    functions = set(exercise_functions(records.assignment)) if records.assignment in ASSIGNMENTS else set()
    removed = Counter(s for text in (starter if starter is not None else starter_code(course_dir, records.assignment))
                      for s in (line.shape for line in shapes(text, functions)))
    code: dict[str, list[Line]] = {}
    for student in students:
        text = sources.get(student) if sources is not None else submission_source(course_dir, student, records.assignment)
        code[student] = _minus(shapes(text, functions), removed)
    having = Counter(s for lines in code.values() for s in {line.shape for line in lines})
    weight = {s: math.log((1 + len(code)) / n) for s, n in having.items()}
    pairs = []
    for (a, b), shared in candidates.items():
        score, matching = compare(code[a], code[b], weight)
        if score >= show_from:
            pairs.append(Pair(a, b, score, _dedupe(shared), matching))
    pairs.sort(key=lambda p: (-p.score, -len(p.shared), p.a, p.b))
    return pairs[:top]


def _buckets(records: Records) -> dict[tuple, set[str]]:
    """Rare wrong answers -> the submissions that gave them."""
    sharers: dict[tuple, set[str]] = defaultdict(set)
    shown: dict[tuple, str] = {}
    for student, record in records.by_student.items():
        for function, fingerprint in record.result.answers.items():
            if fingerprint.get("named"):
                continue
            # A factor or a constant off holds whatever the inputs (they may differ between students).
            for kind in ("factor", "offset"):
                if fingerprint.get(kind):
                    key = (function, kind, fingerprint[kind])
                    sharers[key].add(student)
                    shown.setdefault(key, f"every answer {'times' if kind == 'factor' else 'plus'} {fingerprint[kind]}")
            for call in fingerprint.get("calls", []):
                parts = call.split(":")
                if len(parts) == 3 and parts[2] == "w" and parts[1] in fingerprint.get("shown", {}):
                    key = (function, parts[0], parts[1])
                    sharers[key].add(student)
                    shown.setdefault(key, fingerprint["shown"][parts[1]])
    limit = rare_limit(len(records.by_student))
    return {(*key, shown.get(key, "")): who for key, who in sharers.items() if 2 <= len(who) <= limit}


def _dedupe(shared):
    seen, out = set(), []
    for item in shared:
        if item[:2] not in seen:
            seen.add(item[:2])
            out.append(item)
    return out


def compare(a: list[Line], b: list[Line], weight: dict[str, float]) -> tuple[float, list[tuple[str, str]]]:
    """Weighted Jaccard of two multisets of shapes, and the matching lines,
    the rarest first (a's order among equals): what tells the pair apart leads."""
    ca, cb = Counter(x.shape for x in a), Counter(x.shape for x in b)
    both = ca & cb
    union = ca | cb
    total = sum(weight.get(s, 0.0) * n for s, n in union.items())
    score = sum(weight.get(s, 0.0) * n for s, n in both.items()) / total if total else 0.0
    left: dict[str, list[Line]] = defaultdict(list)
    for line in b:
        left[line.shape].append(line)
    matching = []
    for line in a:
        if left.get(line.shape):
            matching.append((-weight.get(line.shape, 0.0), len(matching), line.text, left[line.shape].pop(0).text))
    return score, [(x, y) for _, _, x, y in sorted(matching)]


def _minus(lines: list[Line], removed: Counter) -> list[Line]:
    budget = Counter(removed)
    kept = []
    for line in lines:
        if budget[line.shape] > 0:
            budget[line.shape] -= 1
        else:
            kept.append(line)
    return kept


# ------------------------------------------------------------------ normalisation

def shapes(source: str | None, keep: set[str] = frozenset()) -> list[Line]:
    """Every statement of a module as a normalised line (see the module's docstring)."""
    tree = parse(source)
    if tree is None:
        return []
    outside = set(KEPT) | set(keep)
    raw = source.splitlines()
    out: list[Line] = []
    _walk(tree.body, 0, outside, raw, out)
    return out


HEADERS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.For, ast.AsyncFor, ast.While, ast.If, ast.With,
           ast.AsyncWith, ast.Try, ast.ClassDef)


def _walk(body, depth: int, outside: set[str], raw: list[str], out: list[Line]) -> None:
    for node in body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            continue                                   # a docstring or a bare string
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            continue                                   # imports say nothing of who wrote the code
        text = raw[node.lineno - 1].strip() if 0 < node.lineno <= len(raw) else ""
        out.append(Line(f"{depth}|{_shape(node, outside)}", text, node.lineno))
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(node, name, None)
            if isinstance(node, HEADERS) and inner:
                _walk(inner, depth + 1, outside, raw, out)
        for handler in getattr(node, "handlers", []) or []:
            out.append(Line(f"{depth}|except", "except", handler.lineno))
            _walk(handler.body, depth + 1, outside, raw, out)


class _Rename(ast.NodeTransformer):
    def __init__(self, outside: set[str]):
        self.outside, self.names = outside, {}

    def _new(self, name: str) -> str:
        if name in self.outside:
            return name
        return self.names.setdefault(name, f"v{len(self.names)}")

    def visit_Name(self, node):
        return ast.copy_location(ast.Name(self._new(node.id), node.ctx), node)

    def visit_arg(self, node):
        node.arg = self._new(node.arg)
        node.annotation = None
        return node


def _shape(node: ast.stmt, outside: set[str]) -> str:
    """One line: a simple statement whole, a compound one by its header."""
    if isinstance(node, ast.Try):
        return "try:"
    clone = copy.deepcopy(node)
    if isinstance(clone, HEADERS):
        for name in ("body", "orelse", "finalbody"):
            if hasattr(clone, name):
                setattr(clone, name, [ast.Pass()] if name == "body" else [])
    if isinstance(clone, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        if clone.name not in outside:
            clone.name = "f"
        clone.decorator_list = []
        if not isinstance(clone, ast.ClassDef):
            clone.returns = None
    text = ast.unparse(_Rename(outside).visit(clone))
    return text.splitlines()[0].strip() if text else ""


def starter_code(course_dir: Path, assignment: str) -> list[str]:
    """What every student received: the released notebooks' code cells and the exercise stub."""
    texts = []
    release = Path(course_dir) / "release" / assignment
    for notebook in sorted(release.glob("*.ipynb")) if release.is_dir() else ():
        try:
            cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
        except (OSError, ValueError):
            continue
        for cell in cells:
            if cell.get("cell_type") == "code":
                source = cell.get("source", "")
                texts.append("".join(source) if isinstance(source, list) else source)
    stub = Path(__file__).resolve().parents[2] / "exercises" / f"{ASSIGNMENTS.get(assignment, '')}.py"
    if stub.is_file():
        texts.append(stub.read_text(encoding="utf-8"))
    # A notebook cell may hold magics or half-written code: parse each line group as best we can.
    return [t for t in texts if parse(t) is not None]
