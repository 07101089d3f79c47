"""Student stubs: the reference module with every body replaced by a ``raise``.

Imports stay (sibling imports point at the student's own modules, as in
``from derivatives import sigmoid``), module-level givens stay, and blank
lines and comments between statements are kept as written.
"""

from __future__ import annotations

from autograder.build.docstrings import signature_block
from autograder.build.reference import Module

STUB_NOTE = (
    "Replace each `raise NotImplementedError(...)` with your code; run\n"
    "`python selfcheck.py` in this folder to check your work so far."
)


def stub_body(fn_name: str, indent: str) -> str:
    return f'{indent}raise NotImplementedError("{fn_name} is not written yet")'


def render_stub(module: Module, docstrings: dict[str, str]) -> str:
    missing = set(module.functions) - set(docstrings)
    if missing:
        raise ValueError(f"course/docstrings.toml has no entry for {module.name}: {sorted(missing)}")
    parts = [f'"""{module.docstring}\n\n{STUB_NOTE}\n"""\n']
    for st in module.statements:
        parts.append(st.gap)
        if st.kind == "function":
            fn = module.functions[st.name]
            parts.append(signature_block(fn, docstrings[st.name]) + "\n" + stub_body(fn.name, fn.indent) + "\n")
        else:
            parts.append(st.source + "\n")
    return "".join(parts)
