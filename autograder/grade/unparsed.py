"""Which functions a syntax error kept from being defined.

When a file does not parse, the sandbox still defines every top-level block
that parses on its own; a function whose own block does not is then simply
absent.  Its tests should say why (a syntax error, and where) rather than
"not attempted", which is kept for a stub left in place or a function never
written.  Read here from the source alone, in the grader's process: nothing
runs.
"""

from __future__ import annotations

import ast
import re

_TOP_LEVEL_DEF = re.compile(r"^(?:async[ \t]+)?def[ \t]+(\w+)", re.M)
# Lines that carry on the statement above at column 0, as the sandbox's loader reads them.
_CONTINUATIONS = ("else", "elif", "except", "finally", ")", "]", "}")


def syntax_errors(source: str) -> dict[str, tuple[int, str]]:
    """function name -> (line, message) of the syntax error in its block, for
    each top-level ``def`` whose block does not parse."""
    try:
        ast.parse(source)
        return {}
    except (SyntaxError, ValueError):
        pass
    lines = source.splitlines()
    found: dict[str, tuple[int, str]] = {}
    for match in _TOP_LEVEL_DEF.finditer(source):
        start = source.count("\n", 0, match.start())
        end = next((n for n in range(start + 1, len(lines)) if _starts_statement(lines[n])), len(lines))
        try:
            # Leading newlines keep the error's line number that of the whole file.
            ast.parse("\n" * start + "\n".join(lines[start:end]))
        except SyntaxError as exc:
            found.setdefault(match[1], (exc.lineno or start + 1, exc.msg))
        except ValueError:  # null bytes: the loader reports those itself
            continue
    return found


def _starts_statement(line: str) -> bool:
    return line[:1] not in ("", " ", "\t", "#", "\f", "\r") and not line.startswith(_CONTINUATIONS)
