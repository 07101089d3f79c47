"""What the trusted grader asks of the sandbox, and what comes back.

The grader builds a ``Program`` (the student's source text) and a plan: for
each exercise function, a list of ``Call``s.  The sandbox runs them somewhere
student code cannot reach the grader and returns a ``SandboxReport`` made only
of plain data (see ``codec``).  Judging happens afterwards, in the grader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Program:
    """Student source code, ready to run.

    ``modules`` maps a module name (``"derivatives"``) to its source text;
    ``main`` names the one whose functions are graded.  The other modules are
    importable from it, as the student's own files would be.  ``origin`` maps
    a module to a description of where its lines came from (for messages).
    """

    modules: dict[str, str]
    main: str
    origin: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Call:
    """One call of a student function: ``function(*args, **kwargs)``.

    Arguments are plain data: numbers, arrays, lists, strings, and
    ``codec.Probe`` for callables.
    """

    function: str
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)


SECONDS_VARIABLE = "AUTOGRADER_SECONDS_PER_FUNCTION"


@dataclass(frozen=True)
class Limits:
    """Resource limits; defaults fit Gradescope's 768 MB container.

    ``seconds_after_timeout``: once a function has run past its limit, the
    functions graded after it may spend this long in all inside their calls
    to it (see ``sandbox/inside/leash.py``), so one endless loop is paid for once.
    """

    seconds_per_function: float = 10.0
    seconds_after_timeout: float = 0.25
    seconds_to_load: float = 20.0
    memory_mb: int = 640
    output_bytes: int = 64 * 1024
    recursion: int = 2000

    @classmethod
    def from_environment(cls) -> "Limits":
        """Defaults, with the time per function from ``$AUTOGRADER_SECONDS_PER_FUNCTION`` if set.

        Gradescope's ``run_autograder`` and nbgrader's kernel hook take no
        command-line options, so both read the limit from there.
        """
        import os

        seconds = os.environ.get(SECONDS_VARIABLE)
        return cls(seconds_per_function=float(seconds)) if seconds else cls()


@dataclass
class CallOutcome:
    """What one call did.

    ``status``: ``"ok"`` (``value`` holds the decoded result), ``"error"``
    (``error`` is ``"TypeError: message"``), or ``"not_implemented"`` (it
    raised ``NotImplementedError``, the mark of an untouched stub).
    ``mutated`` lists the positions/names of array arguments the call changed.
    """

    status: str
    value: Any = None
    error: str = ""
    mutated: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


@dataclass
class FunctionRun:
    """All the calls of one exercise function, run together under one limit.

    ``status``: ``"ok"`` (every call has an outcome), ``"missing"`` (no such
    function; ``detail`` may suggest a close name), ``"not_callable"``,
    ``"timeout"``, ``"memory"``, ``"crashed"`` (the process died: exit,
    segfault, killed), or ``"not_loaded"`` (the program itself did not load).
    ``calls`` holds the outcomes that arrived, in plan order.
    """

    function: str
    status: str
    calls: list[CallOutcome] = field(default_factory=list)
    detail: str = ""
    output: str = ""


@dataclass
class SandboxReport:
    """Everything one run produced.

    ``isolation`` names the confinement that was in force, e.g.
    ``"landlock (ABI 7)"``, or ``"audit-hook"`` for the weaker in-process
    fallback used when the kernel has no Landlock.
    """

    load_errors: list[str] = field(default_factory=list)
    defined: list[str] = field(default_factory=list)
    functions: dict[str, FunctionRun] = field(default_factory=dict)
    output: str = ""
    seconds: float = 0.0
    isolation: str = ""
