"""``autograded/<student>/<assignment>/autograder.json``: what was graded, and from what.

The record is written after the gradebook commit, atomically, and holds a
fingerprint of the submitted files.  A rerun skips a submission only when
the fingerprint still matches and the gradebook still has its rows, so a run
killed at any moment redoes at most the submissions it had not finished.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from nbgrader.utils import find_all_files

RECORD = "autograder.json"


def fingerprint(folder: Path, ignore: list[str]) -> str:
    """SHA-256 over every submitted file's relative path and bytes."""
    digest = hashlib.sha256()
    for name in sorted(os.path.relpath(f, folder) for f in find_all_files(str(folder), ignore)):
        digest.update(name.encode() + b"\0")
        digest.update(hashlib.sha256((folder / name).read_bytes()).digest())
    return digest.hexdigest()


def read_record(folder: Path) -> dict | None:
    try:
        return json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_record(folder: Path, result: dict, print_: str) -> None:
    write_atomic(folder / RECORD, json.dumps({**result, "fingerprint": print_}, indent=1).encode())


def write_atomic(path: Path, data: bytes, mode: int = 0o644, durable: bool = True) -> None:
    """Readers see the old file or the new one, never a part; ``durable``
    also survives a power cut (a killed process needs only the rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
