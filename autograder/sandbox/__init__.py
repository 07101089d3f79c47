"""Run untrusted student code, get plain data back.

Two sides, two folders
----------------------
This folder is the grader's side: ``Sandbox`` (``sandbox.py``) starts the
zygote (``launcher.py``), sends it work and rebuilds its reports; it
chooses the isolation layers (``isolation.py``) and the account student
code runs as (``account.py``).  Everything that runs in the sandbox's own
processes, next to student code, is in ``inside/``; the grader loads what
it shares of it (codec, framing, message kinds, probes) by path
(``boundary.py``), never as a package.

How it works
------------
``Sandbox()`` starts a *zygote*: a separate Python process
(``inside/zygote.py``, run with ``-I`` and a clean environment) that imports
NumPy, SymPy and Matplotlib once and then waits.  It never imports this
package or the reference solutions, and never runs student code itself.
A sandbox's life is ``start`` (``start(wait=False)`` lets the zygote warm up
while the caller goes on), ``run`` as often as needed, ``close``.

For each submission (``Sandbox.run(program, plan)``) the zygote forks a
*child* (``inside/child.py``) that, before any student code runs, starts a
new session, sets rlimits (address space, CPU, file size, no core files,
open files), leaves the network (an empty network namespace, where the
kernel allows it), drops all capabilities, and applies Landlock
(``inside/landlock.py``): it may read only the Python installation and
system directories, write only its own scratch directory, open no TCP
connections and signal no process outside its sandbox (signal scoping
needs ABI 6; before that an audit hook refuses signals from Python).
Without Landlock an audit-hook guard (``inside/guard.py``) stands in for all
of it, weaker since native code can go around it, and
``SandboxReport.isolation`` says which was used.  Importing ``solutions`` or
``autograder`` fails in any case.

The child writes the student's modules into its scratch directory and runs
the main module one top-level statement at a time (``inside/loader.py``), so
one failing cell does not hide the functions after it.  Then, for each
exercise function, it forks a *grandchild* (``inside/calls.py``) that runs
that function's calls with freshly decoded arguments, capped output
(``inside/capture.py``) and recorded warnings, streaming each outcome back
as it completes.  An infinite loop, a crash or a memory bomb costs only that
one function.

The zygote (``inside/supervisor.py``) enforces every deadline itself,
whatever the student did to the child, and afterwards kills every process
the submission left behind, including ones that escaped with ``setsid`` (it
is a child subreaper; ``inside/cleanup.py``), and deletes the scratch
directory.  Values cross every boundary as JSON through ``codec`` (never
pickle); callable arguments are named ``codec.Probe`` values built inside
the sandbox by ``probes``.  The kinds of message are declared once, in
``inside/messages.py``.

Usage::

    with Sandbox(limits=Limits()) as sb:
        report = sb.run(program, plan)       # plan: {function: [Call, ...]}
    report = run(program, plan, limits)      # one-shot
"""

from .codec import Opaque, Probe
from .protocol import Call, CallOutcome, FunctionRun, Limits, Program, SandboxReport
from .sandbox import Sandbox, SandboxError, run

__all__ = ["Sandbox", "SandboxError", "run", "Program", "Call", "Limits", "CallOutcome", "FunctionRun",
           "SandboxReport", "Probe", "Opaque"]
