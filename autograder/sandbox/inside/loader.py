"""Run a module's top-level statements one at a time, surviving errors.

A notebook-turned-module often has one broken cell among good ones; the
grader should still see every function that *can* be defined.  So:

- ``parse`` returns the top-level statements, and when the file as a whole
  has a syntax error, it recovers each column-0 block that parses on its own
  (growing a block until it parses, for constructs spanning several blocks),
  reporting ``line N: SyntaxError: ...`` for the rest.
- ``execute`` runs the statements one by one under an overall deadline,
  recording ``line N: NameError: ...`` and carrying on.
"""

from __future__ import annotations

import __future__
import ast
import signal
import time

MAX_MERGE = 25
_monotonic = time.monotonic
_setitimer = signal.setitimer


class LoadTimeout(BaseException):
    """Raised by the load alarm; a BaseException so ``except Exception`` lets it through."""


def parse(source: str, filename: str) -> tuple[list[ast.stmt], list[str]]:
    errors = []
    if "\x00" in source:
        errors.append("the source contains null bytes; they were removed")
        source = source.replace("\x00", "")
    try:
        return ast.parse(source, filename).body, errors
    except SyntaxError:
        pass
    lines = source.splitlines(keepends=True)
    blocks = _blocks(lines)
    statements = []
    i = 0
    while i < len(blocks):
        first_error = None
        for j in range(i, min(len(blocks), i + MAX_MERGE)):
            start, end = blocks[i][0], blocks[j][1]
            try:
                tree = ast.parse("\n" * start + "".join(lines[start:end]), filename)
            except SyntaxError as exc:
                first_error = first_error or exc
                continue
            statements.extend(tree.body)
            i = j + 1
            break
        else:
            errors.append(f"line {first_error.lineno}: {type(first_error).__name__}: {first_error.msg}")
            i += 1
    return statements, errors


_CONTINUATIONS = ("else", "elif", "except", "finally", ")", "]", "}")


def _blocks(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges, each beginning at a column-0 statement."""
    starts = [0]
    for n, line in enumerate(lines):
        if n and line[:1] not in ("", " ", "\t", "\n", "\r", "#", "\f") and not line.startswith(_CONTINUATIONS):
            starts.append(n)
    ends = starts[1:] + [len(lines)]
    return list(zip(starts, ends))


def execute(statements, namespace: dict, filename: str, seconds: float, files=()) -> tuple[list[str], bool]:
    """Run statements in ``namespace``.  Returns (errors, stopped_by_deadline)."""
    errors = []
    deadline = _monotonic() + seconds
    flags = 0

    def alarm(signum, frame):
        raise LoadTimeout

    previous = signal.signal(signal.SIGALRM, alarm)
    try:
        for stmt in statements:
            line = stmt.lineno
            if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
                for alias in stmt.names:
                    feature = getattr(__future__, alias.name, None)
                    flags |= getattr(feature, "compiler_flag", 0)
            try:
                code = compile(ast.Module([stmt], []), filename, "exec", flags=flags, dont_inherit=True)
            except SyntaxError as exc:
                errors.append(f"line {exc.lineno or line}: {type(exc).__name__}: {exc.msg}")
                continue
            remaining = deadline - _monotonic()
            if remaining <= 0:
                errors.append(f"line {line}: loading stopped: the program ran for more than {seconds:g} s")
                return errors, True
            try:
                try:
                    _setitimer(signal.ITIMER_REAL, remaining)
                    exec(code, namespace)
                finally:
                    _setitimer(signal.ITIMER_REAL, 0)
            except LoadTimeout:
                errors.append(f"line {line}: loading stopped: the program ran for more than {seconds:g} s")
                return errors, True
            except BaseException as exc:  # SystemExit and KeyboardInterrupt included: keep loading
                found = student_line(exc, files or (filename,))
                if found is None or found[0] == filename:
                    where = f"line {found[1] if found else line}"
                else:
                    where = f"line {line} ({_basename(found[0])}, line {found[1]})"
                errors.append(f"{where}: {describe(exc)}")
    finally:
        _setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return errors, False


def by_line(errors: list[str]) -> list[str]:
    """Errors in source order (syntax errors are found before anything runs)."""
    def line(error):
        head = error.split(":", 1)[0]
        number = head[5:].split(" ", 1)[0] if head.startswith("line ") else ""
        return int(number) if number.isdigit() else 0
    return sorted(errors, key=line)


def describe(exc: BaseException, limit: int = 1000) -> str:
    """``"TypeError: message"``, robust to exceptions with hostile ``__str__``."""
    try:
        name = type(exc).__name__
        if type(name) is not str:
            name = "Exception"
    except Exception:
        name = "Exception"
    try:
        message = str(exc)
        if type(message) is not str:
            message = "(no message)"
    except Exception:
        message = "(the error message could not be read)"
    if len(message) > limit:
        message = message[:limit] + "..."
    return f"{name}: {message}" if message else name


def student_line(exc: BaseException, files) -> tuple[str, int] | None:
    """(file, line) of the innermost traceback frame in one of the student's files."""
    found = None
    try:
        tb = exc.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename in files:
                found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
            tb = tb.tb_next
    except Exception:
        return None
    return found


def _basename(path: str) -> str:
    return path.rsplit("/", 1)[-1]
