"""Find hidden material in what students receive.

Three kinds of leak are reported:

1. **Reference code.**  A line of student material that contains a line of
   a reference function's body.  Lines are compared with all whitespace
   removed, so re-indenting or re-spacing a copied line does not hide it.
   Two kinds of reference line are not looked for:
   - lines under ``MIN_CHARS`` characters once whitespace is removed
     (``x = x0``, ``steps += 1``, ``return xs``): any program has them, and
     they identify no solution;
   - the bodies of *pure formula* functions (``reference.is_trivial_formula``:
     one ``return`` of arithmetic on the parameters, such as
     ``x**4 - 3*x**3 + 2`` or ``s * (1 - s)``).  Such a body restates the
     problem, and later problem sets hand these functions out as given code.
   Docstrings and comments of the reference are never scanned for.
2. **Hidden-test markers**: ``BEGIN HIDDEN TESTS``, the nbgrader hook, the
   checks package, and unreplaced solution markers.
3. **Imports** of ``solutions`` or ``autograder``.

Notebooks are scanned as every string in their JSON (sources, outputs,
metadata), split into lines; other files line by line as text.
"""

from __future__ import annotations

import io
import json
import re
import textwrap
import tokenize
from dataclasses import dataclass
from pathlib import Path

from autograder.build.reference import load

MIN_CHARS = 16
MARKERS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS", "BEGIN SOLUTION", "END SOLUTION",
           "nbgrader_hook", "score_cell", "autograder.checks", "hidden_tests")
IMPORT = re.compile(r"\b(?:from|import)\s+(?:solutions|autograder)\b|import_module\(\s*['\"](?:solutions|autograder)")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    kind: str       # "reference", "marker" or "import"
    detail: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.kind}: {self.detail}"


def squash(text: str) -> str:
    return "".join(text.split())


def reference_lines(solutions_dir: Path) -> dict[str, str]:
    """{whitespace-free body line: 'module.function'} for the lines worth looking for."""
    found: dict[str, str] = {}
    for path in sorted(Path(solutions_dir).glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = load(path)
        for fn in module.functions.values():
            if fn.trivial:
                continue
            for raw in _without_comments(fn.body):
                line = squash(raw)
                if len(line) >= MIN_CHARS:
                    found.setdefault(line, f"{module.name}.{fn.name}")
    return found


def _without_comments(source: str) -> list[str]:
    """The source's lines with comments cut off (strings containing # survive)."""
    lines = source.splitlines()
    body = textwrap.dedent(source)
    shift = len(lines[0]) - len(body.splitlines()[0]) if lines else 0
    for token in tokenize.generate_tokens(io.StringIO(body).readline):
        if token.type == tokenize.COMMENT:
            row, col = token.start
            lines[row - 1] = lines[row - 1][:col + shift]
    return lines


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key in sorted(value):
            yield from _strings(value[key])
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def text_lines(path: Path) -> list[str]:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    if Path(path).suffix == ".ipynb":
        try:
            # Each cell's source is one string once joined, so lines survive the JSON.
            data = json.loads(text)
            for cell in data.get("cells", []):
                if isinstance(cell.get("source"), list):
                    cell["source"] = "".join(cell["source"])
            return "\n".join(_strings(data)).splitlines()
        except (json.JSONDecodeError, AttributeError):
            pass  # a damaged notebook is still scanned as plain text
    return text.splitlines()


def scan_lines(name: str, lines: list[str], references: dict[str, str]) -> list[Finding]:
    findings = []
    for number, line in enumerate(lines, start=1):
        squashed = squash(line)
        for ref, owner in references.items():
            if ref in squashed:
                findings.append(Finding(name, number, "reference", f"line of {owner}: {line.strip()[:80]}"))
        for marker in MARKERS:
            if marker in line:
                findings.append(Finding(name, number, "marker", marker))
        if IMPORT.search(line):
            findings.append(Finding(name, number, "import", line.strip()[:80]))
    return findings


def scan(paths, references: dict[str, str], base: Path | None = None) -> list[Finding]:
    """Scan files and (recursively) folders; paths in findings are relative to base."""
    findings = []
    for root in paths:
        root = Path(root)
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root]
        for path in files:
            if "__pycache__" in path.parts:
                continue
            name = str(path.relative_to(base)) if base and path.is_relative_to(base) else str(path)
            findings += scan_lines(name, text_lines(path), references)
    return findings
