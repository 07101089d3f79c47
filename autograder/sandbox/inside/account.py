"""The child's half of the account switch (the grader's half, which picks the
account and seals the grader's files, is ``autograder/sandbox/account.py``).
"""

from __future__ import annotations

import os
import stat


def become(uid: int, gid: int, scratch: str) -> None:
    """Give the scratch folder to the account and switch to it, for good
    (called as root, before any student code runs)."""
    for root, dirs, files in os.walk(scratch):
        for name in [root] + [os.path.join(root, n) for n in dirs + files]:
            os.lchown(name, uid, gid)
    parent = os.path.dirname(scratch)
    mode = stat.S_IMODE(os.stat(parent).st_mode)
    if not mode & stat.S_IXOTH:
        os.chmod(parent, mode | stat.S_IXOTH)   # through to the scratch folder; no listing
    os.setgroups([])
    os.setgid(gid)
    os.setuid(uid)
    if os.getuid() != uid or os.geteuid() != uid or os.getegid() != gid:
        raise OSError("the sandbox could not switch accounts")
