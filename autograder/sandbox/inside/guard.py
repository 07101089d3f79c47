"""In-process guards for the process that runs student code.

``block_imports`` makes ``import solutions`` / ``import autograder`` fail with
a clear message whatever the filesystem allows.  ``install_audit_guard`` is
the fallback when Landlock is unavailable: a ``sys.addaudithook`` hook that
refuses to open files outside the allowed directories, to start programs,
and to use ctypes.  It is weaker than Landlock (native code can go around
it), which is why the report names the isolation that was in force.

Some ways to start a program raise no audit event: ``_posixsubprocess.fork_exec``
(behind ``subprocess``) forks and executes in C.  ``close_native_doors``
replaces it wherever a loaded module holds it, refuses importing it (or
``_ctypes``, cffi) again, and refuses creating an extension module from a
file outside the installation or under another module's name, the ways
back to a fresh copy that Python code can see.
"""

from __future__ import annotations

import os
import sys
import threading

from . import cleanup

BLOCKED_PACKAGES = ("solutions", "autograder")


class ImportBlocker:
    """A meta path finder that refuses the grader's own packages."""

    def __init__(self, names=BLOCKED_PACKAGES):
        self.names = tuple(names)

    def find_spec(self, name, path=None, target=None):
        top = name.partition(".")[0]
        if top in self.names:
            raise ImportError(f"the grader's package {top!r} cannot be imported from a submission", name=name)
        return None

    def invalidate_caches(self):
        pass


def block_imports(names=BLOCKED_PACKAGES) -> None:
    for name in list(sys.modules):
        if name.partition(".")[0] in names:
            del sys.modules[name]
    sys.meta_path.insert(0, ImportBlocker(names))
    # The editable install of the project adds a finder that maps these
    # package names to the repository; it has no business here.
    sys.meta_path[:] = [f for f in sys.meta_path if "__editable__" not in getattr(f, "__module__", "")
                        and "__editable__" not in type(f).__module__]


# Forking stays allowed (a forked process keeps the hook); starting another
# program does not, since the hook would not follow it.
_FORBIDDEN_EVENTS = ("ctypes.", "os.exec", "os.posix_spawn", "os.spawn", "os.system", "subprocess.Popen",
                     # reaching this hook's own state through the collector
                     "gc.get_objects", "gc.get_referrers", "gc.get_referents")


# Native modules that start programs or call arbitrary C, without an audit event of their own.
NATIVE_DOORS = ("_posixsubprocess", "_ctypes", "ctypes", "_cffi_backend", "cffi")


def _refused(*args, **kwargs):
    raise PermissionError("the sandbox does not allow starting programs")


def close_native_doors(read: list[str], write: list[str]) -> None:
    """Take away what starts programs or loads native code below the audit hook's sight."""
    import _imp

    realpath = os.path.realpath
    posix = sys.modules.get("_posixsubprocess")
    if posix is not None:
        original = posix.fork_exec
        for module in list(sys.modules.values()):
            namespace = getattr(module, "__dict__", None)
            if type(namespace) is not dict:
                continue
            for key, value in list(namespace.items()):
                if value is original:
                    namespace[key] = _refused
        posix.__dict__["fork_exec"] = _refused
    for name in list(sys.modules):
        if name.partition(".")[0] == "_posixsubprocess":
            del sys.modules[name]
    sys.meta_path.insert(0, ImportBlocker(("_posixsubprocess", "_cffi_backend", "cffi")))
    installation = tuple(realpath(p).rstrip(os.sep) + os.sep for p in read)
    scratch = tuple(realpath(p).rstrip(os.sep) + os.sep for p in write)
    create_dynamic, create_builtin = _imp.create_dynamic, _imp.create_builtin

    def guarded_dynamic(spec, *args):
        origin = realpath(str(getattr(spec, "origin", "") or ""))
        base = os.path.basename(origin).partition(".")[0]
        if (spec.name.partition(".")[0] in NATIVE_DOORS or base in NATIVE_DOORS or base != spec.name.rpartition(".")[2]
                or not origin.startswith(installation) or origin.startswith(scratch)):
            raise ImportError(f"the sandbox does not allow loading native code from {origin}", name=spec.name)
        return create_dynamic(spec, *args)

    def guarded_builtin(spec):
        if spec.name in NATIVE_DOORS or spec.name in ("_imp",):
            raise ImportError(f"the sandbox does not allow loading {spec.name!r} again", name=spec.name)
        return create_builtin(spec)

    _imp.create_dynamic, _imp.create_builtin = guarded_dynamic, guarded_builtin


def install_audit_guard(read: list[str], write: list[str], only_signals: bool = False) -> None:
    """Refuse reads outside ``read``, writes outside ``write``, new programs and ctypes.

    With ``only_signals``, refuse only signals to processes outside this
    one's descendants: what Landlock before ABI 6 leaves open.

    The hook cannot be removed and also applies to the harness, which
    therefore uses no ctypes and starts no programs afterwards.
    """
    realpath, fsdecode, getpid, getpgrp = os.path.realpath, os.fsdecode, os.getpid, os.getpgrp
    get_ident = threading.get_ident
    writing_flags = os.O_WRONLY | os.O_RDWR | os.O_CREAT
    sep = os.sep
    read_roots = tuple(realpath(p) for p in read)
    write_roots = tuple(realpath(p) for p in write)
    busy = set()  # threads inside the hook's own /proc look-ups

    def inside(path, roots):
        return any(path == root or path.startswith(root.rstrip(sep) + sep) for root in roots)

    def other_process(path):
        # /proc/PID/mem and friends of the grader (same user) must stay closed.
        parts = path.split(sep)
        return len(parts) > 2 and parts[1] == "proc" and parts[2].isdigit() and int(parts[2]) != getpid()

    def may_signal(target):
        if target in (0, getpid(), getpgrp()):
            return True
        busy.add(get_ident())
        try:
            return abs(target) > 1 and cleanup.is_descendant(abs(target), getpid())
        finally:
            busy.discard(get_ident())

    def hook(event, args):
        if busy and get_ident() in busy:
            return
        if only_signals and event not in ("os.kill", "os.killpg"):
            return
        if event == "open":
            path, mode, flags = args[0], args[1], args[2]
            if isinstance(path, int) or path is None:
                return
            path = realpath(fsdecode(path))
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and bool(flags & writing_flags))
            roots = write_roots if writing else read_roots + write_roots
            if not inside(path, roots) or other_process(path):
                raise PermissionError(f"the sandbox does not allow {'writing' if writing else 'reading'} {path}")
        elif event in ("os.listdir", "os.scandir", "os.remove", "os.rename", "os.mkdir", "os.rmdir",
                       "os.chmod", "os.symlink", "os.link", "shutil.rmtree", "os.truncate"):
            if not args or isinstance(args[0], int) or args[0] is None:
                return
            path = realpath(fsdecode(args[0]))
            roots = read_roots + write_roots if event in ("os.listdir", "os.scandir") else write_roots
            if not inside(path, roots) or other_process(path):
                raise PermissionError(f"the sandbox does not allow access to {path}")
        elif event == "import":
            if args and type(args[0]) is str and args[0].partition(".")[0] in NATIVE_DOORS[:1] + NATIVE_DOORS[3:]:
                raise PermissionError(f"the sandbox does not allow importing {args[0]}")
        elif event in ("os.kill", "os.killpg"):
            # The grader runs as the same user: only this process and its own descendants.
            if args and type(args[0]) is int and not may_signal(args[0]):
                raise PermissionError("the sandbox does not allow signalling other processes")
        elif event.startswith(_FORBIDDEN_EVENTS):
            raise PermissionError(f"the sandbox does not allow {event}")

    sys.addaudithook(hook)
    if not only_signals:
        close_native_doors(read, write)
