"""Helpers for the sandbox tests: build programs and plans, look at processes."""

from __future__ import annotations

import json
import os
import textwrap
from pathlib import Path

from autograder.sandbox import Call, Limits, Program

REPOSITORY = Path(__file__).resolve().parents[2]
FAST = Limits(seconds_per_function=2.0, seconds_to_load=4.0)


def program(source: str, main: str = "submission", **others: str) -> Program:
    modules = {main: textwrap.dedent(source)}
    modules.update({name: textwrap.dedent(text) for name, text in others.items()})
    return Program(modules, main)


def plan(**functions) -> dict[str, list[Call]]:
    """plan(f=[(1,), (2,)], g=[()]) -> one Call per argument tuple."""
    out = {}
    for name, arg_lists in functions.items():
        out[name] = [a if isinstance(a, Call) else Call(name, tuple(a)) for a in arg_lists]
    return out


def alive(pid: int) -> bool:
    """True if the process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            data = f.read()
    except OSError:
        return False
    return data[data.rfind(b")") + 2:].split()[0] != b"Z"


def descendants_of(root: int) -> list[int]:
    parents = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat", "rb") as f:
                    data = f.read()
                parents[int(name)] = int(data[data.rfind(b")") + 2:].split()[1])
            except (OSError, IndexError, ValueError):
                pass
    found = []
    for pid in parents:
        p, hops = parents.get(pid), 0
        while p and p != root and hops < 64:
            p, hops = parents.get(p), hops + 1
        if p == root:
            found.append(pid)
    return found


def in_fork(work) -> dict:
    """Run ``work()`` in a forked process; return what it returned (JSON)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        try:
            answer = work()
        except BaseException as exc:
            answer = {"error": repr(exc)}
        os.write(write, json.dumps(answer).encode())
        os._exit(0)
    os.close(write)
    data = b""
    while chunk := os.read(read, 65536):
        data += chunk
    os.close(read)
    os.waitpid(pid, 0)
    return json.loads(data)
