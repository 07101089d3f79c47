"""The second wall: student code runs as an account that owns nothing of the grader's.

Where the grader runs as root (Gradescope, a JupyterHub administrator, CI),
each submission's process switches to a dedicated unprivileged account
before any student code runs (``inside/account.py``), so that the kernel's
ordinary file permissions stand between it and the grader's files even where
Landlock is missing or bypassed.  The account is ``$AUTOGRADER_SANDBOX_USER``
(a name or a uid), by default ``gd-sandbox``, created as a system account
with ``useradd`` the first time it is needed; without ``useradd`` it is
``nobody``.

Before the first submission the trusted side ``seal``s the grader's files:
the repository (reference solutions, hidden tests, grader), the disk cache
and the course's gradebook and results lose every permission for "others",
except the right to pass through the folders on the way to the Python
installation (a virtual environment kept inside the repository stays
readable).  The folders above the Python installation gain that right
if they lack it (``/root`` for an interpreter installed under it): only
traversal, never listing.

Run as an ordinary user, the grader cannot switch accounts; give it an
account of its own instead (README, "Untrusted code").
"""

from __future__ import annotations

import os
import stat

VARIABLE = "AUTOGRADER_SANDBOX_USER"
DEFAULT = "gd-sandbox"
FALLBACK = "nobody"
_OTHERS = stat.S_IRWXO


def resolve(name: str | None = None) -> tuple[str, int, int] | None:
    """(name, uid, gid) of the sandbox's account; None when not root."""
    if os.geteuid() != 0:
        return None
    import pwd

    name = name or os.environ.get(VARIABLE, "").strip() or DEFAULT
    if name.isdigit():
        try:
            entry = pwd.getpwuid(int(name))
            return entry.pw_name, entry.pw_uid, entry.pw_gid
        except KeyError:
            return name, int(name), int(name)
    for attempt in (name, None, name, FALLBACK):
        if attempt is None:
            _create(name)
            continue
        try:
            entry = pwd.getpwnam(attempt)
        except KeyError:
            continue
        if entry.pw_uid == 0:
            raise ValueError(f"${VARIABLE} names {attempt!r}, which is root")
        return entry.pw_name, entry.pw_uid, entry.pw_gid
    raise LookupError(f"no account {name!r} and no {FALLBACK!r}: set ${VARIABLE}")


def _create(name: str) -> None:
    import shutil
    import subprocess

    useradd = shutil.which("useradd") or ("/usr/sbin/useradd" if os.path.exists("/usr/sbin/useradd") else None)
    if useradd is None:
        return
    # Two graders starting at once may race: the loser's lookup finds the winner's account.
    subprocess.run([useradd, "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", name], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)


def python_paths() -> list[str]:
    """Folders the sandbox's Python must read (installation, site-packages)."""
    import site
    import sys
    import sysconfig

    paths = [sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix]
    paths += list(sysconfig.get_paths().values()) + site.getsitepackages()
    return sorted({os.path.realpath(p) for p in paths if os.path.isabs(p) and os.path.exists(p)})


def seal(protected: list[str], needed: list[str] | None = None) -> list[str]:
    """Take "others" off the protected paths, keeping a way through to ``needed``.

    Returns the paths whose mode changed.  Files are left as they are:
    a folder that others cannot enter hides all it holds.
    """
    needed = [os.path.realpath(p) for p in (needed if needed is not None else python_paths())]
    changed = []
    for path in needed:
        for folder in _ancestors(path):
            _set_others(folder, lambda mode: mode | stat.S_IXOTH, changed)
    for path in protected:
        real = os.path.realpath(path)
        if os.path.exists(real):
            _seal(real, needed, changed)
    return changed


def _seal(path: str, needed: list[str], changed: list) -> None:
    inside = [n for n in needed if n.startswith(path.rstrip("/") + "/")]
    if any(n == path for n in needed):
        return
    if not inside or not os.path.isdir(path) or os.path.islink(path):
        _set_others(path, lambda mode: mode & ~_OTHERS, changed)
        return
    # A way through to the interpreter, nothing else.
    _set_others(path, lambda mode: (mode & ~_OTHERS) | stat.S_IXOTH, changed)
    for entry in os.scandir(path):
        if entry.is_symlink():
            continue
        _seal(os.path.join(path, entry.name), needed, changed)


def _ancestors(path: str) -> list[str]:
    out, parent = [], os.path.dirname(path)
    while parent and parent != "/":
        out.append(parent)
        parent = os.path.dirname(parent)
    return out


def _set_others(path: str, change, changed: list) -> None:
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
        new = change(mode)
        if new != mode:
            os.chmod(path, new)
            changed.append(path)
    except OSError:
        pass

