"""Length-prefixed JSON messages over pipes.

Every message is a 4-byte big-endian length followed by that many bytes of
UTF-8 JSON.  Both sides of the sandbox use it; it imports nothing from the
``autograder`` package because the zygote loads it by path.
"""

from __future__ import annotations

import json
import os
import struct

# Bigger than any honest message (arrays are capped well below this by the
# codec); a reader refuses anything larger instead of allocating it.
MAX_MESSAGE = 256 * 1024 * 1024

_HEADER = struct.Struct(">I")
_write = os.write
_read = os.read
_dumps = json.dumps
_loads = json.loads


class ProtocolError(Exception):
    """The other side sent something that is not a well-formed message."""


def send(fd: int, message) -> None:
    """Write one message; blocks until all of it is in the pipe."""
    body = _dumps(message, allow_nan=False, separators=(",", ":")).encode("utf-8")
    data = memoryview(_HEADER.pack(len(body)) + body)
    while data:
        written = _write(fd, data)
        data = data[written:]


def read_exactly(fd: int, n: int) -> bytes:
    """Read n bytes; raises EOFError if the pipe closes first."""
    chunks = []
    while n:
        chunk = _read(fd, min(n, 1 << 20))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def receive(fd: int):
    """Read one message (blocking).  EOFError at a clean end of stream."""
    (length,) = _HEADER.unpack(read_exactly(fd, _HEADER.size))
    return parse(read_exactly(fd, length), length)


def parse(body: bytes, length: int):
    if length > MAX_MESSAGE:
        raise ProtocolError(f"message of {length} bytes is too large")
    try:
        return _loads(body.decode("utf-8"))
    except (ValueError, RecursionError) as exc:
        raise ProtocolError(f"malformed message: {type(exc).__name__}") from None


class Reader:
    """Incremental reader for a non-blocking pipe: feed bytes, get messages."""

    def __init__(self):
        self._buffer = bytearray()
        self._broken: ProtocolError | None = None

    def feed(self, data: bytes) -> list:
        """The whole messages received so far.  Garbage raises ProtocolError,
        but only once the messages that came before it are handed out: they
        may have arrived in the same read as the garbage."""
        if self._broken is not None:
            raise self._broken
        self._buffer += data
        messages = []
        while len(self._buffer) >= _HEADER.size:
            (length,) = _HEADER.unpack_from(self._buffer)
            end = _HEADER.size + length
            try:
                if length > MAX_MESSAGE:
                    raise ProtocolError(f"message of {length} bytes is too large")
                if len(self._buffer) < end:
                    break
                message = parse(bytes(self._buffer[_HEADER.size:end]), length)
            except ProtocolError as exc:
                if not messages:
                    raise
                self._broken = exc
                break
            del self._buffer[:end]
            messages.append(message)
        return messages

    @property
    def pending(self) -> int:
        return len(self._buffer)
