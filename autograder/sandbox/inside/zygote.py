"""The sandbox's warm parent process (run as a script, never imported).

Started once per ``Sandbox`` as ``python -I zygote.py`` with a clean
environment.  It imports NumPy, SymPy and Matplotlib once, so each
submission starts in milliseconds from a fork, then serves requests from
the trusted grader over its stdin/stdout, one submission at a time (see
``supervisor``).  It never imports the ``autograder`` package or the
reference solutions: its helpers are loaded from this directory by path,
under the private package name ``_sandbox``, each with its own copy of the
builtins so that a submission replacing ``builtins.len`` cannot break them.
It never runs student code itself.
"""

import builtins
import gc
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = "_sandbox"
_BUILTINS = dict(builtins.__dict__)


class _HelperLoader(importlib.machinery.SourceFileLoader):
    def exec_module(self, module):
        module.__dict__["__builtins__"] = _BUILTINS
        super().exec_module(module)


class _HelperFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if not name.startswith(PACKAGE + "."):
            return None
        file = os.path.join(HERE, name.split(".", 1)[1] + ".py")
        return importlib.util.spec_from_file_location(name, file, loader=_HelperLoader(name, file))


def _load_helpers():
    package = types.ModuleType(PACKAGE)
    package.__path__ = []
    sys.modules[PACKAGE] = package
    finder = _HelperFinder()
    sys.meta_path.insert(0, finder)
    try:
        modules = {}
        for name in ("frames", "messages", "supervisor", "limits", "landlock"):
            modules[name] = importlib.import_module(f"{PACKAGE}.{name}")
        return modules
    finally:
        sys.meta_path.remove(finder)


def _warm_up():
    import numpy  # noqa: F401
    import sympy
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401

    # SymPy imports much of itself lazily, on the first diff, simplify or
    # solve.  Done once here, before any fork, so that each function's process
    # does not pay it again (about half of a first derivative's time).  The
    # expressions are unlike the exercises', so no student's answer is cached.
    t = sympy.Symbol("t")
    expression = sympy.sin(t) * t**3 + sympy.exp(-2 * t) / (3 + sympy.exp(-t)) ** 2
    sympy.simplify(sympy.diff(expression, t))
    sympy.solve(sympy.Eq(t**3 - 5 * t, 0), t)
    sympy.solveset(t**2 - 7, t, sympy.S.Reals)
    sympy.factor(t**2 - 5 * t + 6)
    sympy.lambdify(t, expression, "numpy")(0.5)
    sympy.srepr(expression)
    sorted(r for r in sympy.solve(t**2 - 2, t) if r.is_real)


SYSTEM_READ = ("/usr", "/usr/lib", "/usr/lib64", "/usr/local/lib", "/usr/share", "/usr/bin", "/usr/local/bin",
               "/lib", "/lib32", "/lib64", "/bin", "/etc", "/proc", "/sys/devices/system/cpu",
               "/dev/urandom", "/dev/random", "/dev/zero")


def _read_paths(protected):
    """Directories a submission may read: the Python installation and the system's.

    A directory that contains a protected path (the repository with the
    reference solutions) is left out; a directory inside it, such as a
    virtual environment kept in the repository, stays readable.
    """
    import site
    import sysconfig
    candidates = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    candidates += [p for p in sysconfig.get_paths().values()]
    candidates += site.getsitepackages() + [p for p in sys.path if p]
    candidates += SYSTEM_READ
    protected = [os.path.realpath(p) for p in protected]
    chosen = []
    for path in candidates:
        if not os.path.isabs(path) or not os.path.exists(path):
            continue
        real = os.path.realpath(path)
        if any(p == real or p.startswith(real.rstrip("/") + "/") for p in protected):
            continue
        if real not in chosen:
            chosen.append(real)
    return chosen


def main():
    # The script's directory must not be importable by name from student code.
    while HERE in sys.path:
        sys.path.remove(HERE)
    # Talk over private descriptors; 0 and 1 become harmless for anything inherited.
    inbox, outbox = os.dup(0), os.dup(1)
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, 0)
    os.dup2(null, 1)
    os.close(null)
    for fd in (inbox, outbox):
        os.set_inheritable(fd, False)
    _warm_up()
    helpers = _load_helpers()
    # Everything imported so far is shared with every fork; keep the
    # collector from walking (and so copying) it in each of them.
    gc.collect()
    gc.freeze()
    _serve(inbox, outbox, helpers)


def _serve(inbox, outbox, helpers):
    """Answer the grader's requests until its input ends; never returns."""
    frames, messages, supervisor = helpers["frames"], helpers["messages"], helpers["supervisor"]
    cleanup = sys.modules[PACKAGE + ".cleanup"]
    cleanup.become_subreaper()
    config = frames.receive(inbox)
    config["read"] = _read_paths(config.get("protected", []))
    config["write"] = ["/dev/null"]
    config["channel"] = (inbox, outbox)   # stand-ins' asks go to the grader and back (``standins``)
    scratch_root = os.getcwd()
    frames.send(outbox, {"t": messages.READY, "pid": os.getpid(),
                         "memory_mb": helpers["limits"].virtual_memory_mb(),
                         "landlock_abi": helpers["landlock"].abi_version()})
    while True:
        try:
            request = frames.receive(inbox)
        except EOFError:
            os._exit(0)  # nothing left to flush; skip a second of interpreter teardown
        try:
            report = supervisor.run(request, config, scratch_root)
            frames.send(outbox, {"t": messages.REPORT, "report": report})
        except Exception as exc:
            frames.send(outbox, {"t": messages.FAILED, "error": f"{type(exc).__name__}: {exc}"})


if __name__ == "__main__":
    main()
