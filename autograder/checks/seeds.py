"""Whose hidden inputs: a student's id turned into the key their random inputs are drawn with.

The feedback of a failing test shows its input and the expected value, so
hidden inputs shared by a class would make one student's feedback another's
answer sheet.  Each student's randomized inputs are therefore drawn with a
key of their own (``inputs.rng_for`` mixes it into every seed); the inputs
the curriculum publishes (worked examples, published figures) are written
out in the checks and never drawn, so they stay the same for everyone.

The key is an HMAC of the student's id under a per-course secret, the salt,
rather than a plain hash of the id.  Ids are no secret (usernames, Gradescope
user ids), and the grader's source may well be public (this package can be
shared between courses): with a plain hash anyone holding the source could
compute any student's hidden inputs ahead of time.  With the salt they
cannot, and the inputs are as hidden as the reference that answers them.
The salt is 32 random bytes in ``.hidden-inputs-salt`` at the root of the
grader's folder (the course directory; ``/autograder/source`` in the
Gradescope zip), made on first use and never released.  Student code cannot
read it for the same reasons it cannot read the reference solutions beside
it (``sandbox.Sandbox``'s protected paths).  Keep it with the course:
grading on another machine with another salt draws other inputs, which can
change the grade of a submission that is not fully right.

``None`` (or an empty id) means no student: the course's default inputs,
those every run drew before inputs were per student, the same everywhere.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import os
import secrets
import tempfile
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
SALT_NAME = ".hidden-inputs-salt"
SALT_FILE = REPOSITORY / SALT_NAME


@functools.cache
def salt(path: Path | None = None) -> bytes:
    """The course's secret, made on first use.  Two processes making it at
    once agree: the first file linked into place wins and both read it."""
    path = Path(path or SALT_FILE)
    try:
        return _read(path)
    except FileNotFoundError:
        pass
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=".salt-")
    try:
        with os.fdopen(handle, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32) + "\n")
        os.chmod(partial, 0o600)
        try:
            os.link(partial, path)
        except FileExistsError:
            pass
    finally:
        os.unlink(partial)
    return _read(path)


def salt_text() -> bytes:
    """The salt file's bytes (made first if need be), to ship with the grader."""
    salt()
    return SALT_FILE.read_bytes()


def _read(path: Path) -> bytes:
    text = path.read_text(encoding="ascii").strip()
    value = bytes.fromhex(text)
    if len(value) < 16:
        raise ValueError(f"{path}: the salt is too short ({len(value)} bytes); delete the file to make a new one")
    return value


def student_key(student: str | None, secret: bytes | None = None) -> bytes | None:
    """16 bytes drawn from the student's id and the salt; None for no student."""
    if student is None or not str(student).strip():
        return None
    secret = salt() if secret is None else secret
    return hmac.new(secret, str(student).strip().encode("utf-8"), hashlib.sha256).digest()[:16]
