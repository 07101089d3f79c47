"""The student's view of a function: its ``def`` line and its docstring.

Students read the docstrings of ``course/docstrings.toml``, not the
reference's own: those are written for maintainers and may say how.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path

from autograder.build.reference import Function

DOCSTRINGS = Path("course") / "docstrings.toml"


@cache
def student_docstrings(path: Path) -> dict[str, dict[str, str]]:
    """{module: {function: docstring}} from course/docstrings.toml."""
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    return {module: {name: text.strip() for name, text in entries.items()} for module, entries in data.items()}


def render_docstring(text: str, indent: str) -> str:
    """A triple-quoted docstring, one line or PEP 257 multi-line."""
    if '"""' in text or "\\" in text or text.endswith('"'):
        raise ValueError(f"docstring cannot be rendered verbatim: {text[:40]!r}")
    lines = text.splitlines()
    if len(lines) == 1:
        return f'{indent}"""{text}"""'
    rendered = [f'{indent}"""{lines[0]}']
    rendered += [f"{indent}{line}" if line.strip() else "" for line in lines[1:]]
    rendered.append(f'{indent}"""')
    return "\n".join(rendered)


def signature_block(fn: Function, docstring: str) -> str:
    """``def`` line(s) and the student's docstring, ready for a body."""
    return fn.header + "\n" + render_docstring(docstring, fn.indent)
