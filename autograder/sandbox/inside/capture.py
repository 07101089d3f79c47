"""Bounded capture of what student code prints.

``sys.stdout``/``sys.stderr`` become ``CappedText`` buffers that keep the
first ``limit`` characters and count the rest, so printing 10 MB costs
nothing and never fails.  File descriptors 1 and 2 (``os.write``, C code,
programs started by the student) go to a file in the scratch directory whose
size RLIMIT_FSIZE bounds; its head is read back and appended.
"""

from __future__ import annotations

import io
import os

_open = os.open
_dup2 = os.dup2
_close = os.close
_read = os.read
_fstat = os.fstat
_O_RDONLY, _O_WRONLY, _O_CREAT, _O_TRUNC, _O_APPEND = os.O_RDONLY, os.O_WRONLY, os.O_CREAT, os.O_TRUNC, os.O_APPEND
_DEVNULL = os.devnull


class CappedText(io.TextIOBase):
    def __init__(self, limit: int):
        self.limit = limit
        self.parts: list[str] = []
        self.kept = 0
        self.dropped = 0

    def writable(self):
        return True

    def write(self, text):
        if type(text) is not str:
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        room = self.limit - self.kept
        if room > 0:
            piece = text[:room]
            self.parts.append(piece)
            self.kept += len(piece)
        self.dropped += max(0, len(text) - max(room, 0))
        return len(text)

    def flush(self):
        pass

    def isatty(self):
        return False

    @property
    def encoding(self):
        return "utf-8"

    def getvalue(self) -> str:
        return "".join(self.parts)


def redirect_fds(path: str) -> None:
    """Point fds 1 and 2 at a fresh file, and 0 at /dev/null."""
    out = _open(path, _O_WRONLY | _O_CREAT | _O_TRUNC | _O_APPEND, 0o600)
    null = _open(_DEVNULL, _O_RDONLY)
    _dup2(null, 0)
    _dup2(out, 1)
    _dup2(out, 2)
    _close(null)
    _close(out)


def install(limit: int) -> CappedText:
    """Replace sys.stdout and sys.stderr by one shared capped buffer."""
    import sys
    buffer = CappedText(limit)
    sys.stdout = sys.stderr = buffer
    sys.__stdout__ = sys.__stderr__ = buffer
    return buffer


def collect(buffer: CappedText, fd_file: str, limit: int) -> str:
    """The captured text, cut to ``limit`` characters with a note saying so."""
    text = buffer.getvalue()
    dropped = buffer.dropped
    try:
        fd = _open(fd_file, _O_RDONLY)
        try:
            raw = _read(fd, limit + 1)
            size = _fstat(fd).st_size
        finally:
            _close(fd)
        if raw:
            text += raw[:limit].decode("utf-8", "replace")
            dropped += max(0, size - limit)
    except OSError:
        pass
    if len(text) > limit:
        dropped += len(text) - limit
        text = text[:limit]
    if dropped:
        text += f"\n[output cut: {dropped} more characters not shown]\n"
    return text
