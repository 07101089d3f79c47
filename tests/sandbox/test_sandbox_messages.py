"""The sandbox's message kinds are declared once (``inside/messages.py``) and
used by name on both sides, never as bare strings."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from sandbox_kit import REPOSITORY

from autograder.sandbox.boundary import load

messages = load("messages")
SANDBOX = REPOSITORY / "autograder" / "sandbox"
DECLARED = {name: value for name, value in vars(messages).items() if name.isupper() and type(value) is str}
WRITTEN_OUT = re.compile(r'"t"\s*:\s*"\w')


def _is_kind_of_message(node) -> bool:
    """``m.get("t")`` or ``m["t"]``."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
        return bool(node.args) and isinstance(node.args[0], ast.Constant) and node.args[0].value == "t"
    if isinstance(node, ast.Subscript):
        return isinstance(node.slice, ast.Constant) and node.slice.value == "t"
    return False


def _strings(node) -> list[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and type(n.value) is str]


def bare_kinds(source: str) -> list[str]:
    """Places where a message kind is written out instead of named."""
    bad = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and key.value == "t" and isinstance(value, ast.Constant):
                    bad.append(f"line {node.lineno}: {{'t': {value.value!r}}}")
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            # A message's kind, or a variable holding one (``kind``, which
            # may also be a dtype's kind: only kinds' values count there).
            if any(_is_kind_of_message(s) for s in sides):
                bad += [f"line {node.lineno}: compared with {s!r}" for side in sides for s in _strings(side)
                        if s != "t"]
            elif any(isinstance(s, ast.Name) and s.id == "kind" for s in sides):
                bad += [f"line {node.lineno}: compared with {s!r}" for side in sides for s in _strings(side)
                        if s in messages.KINDS]
        elif isinstance(node, ast.Constant) and type(node.value) is str and WRITTEN_OUT.search(node.value):
            bad.append(f"line {node.lineno}: {node.value!r}")
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "messages" \
                and node.attr.isupper() and node.attr not in vars(messages):
            bad.append(f"line {node.lineno}: messages.{node.attr} is not declared")
    return bad


def test_every_kind_is_declared_once_with_a_value_of_its_own():
    assert set(DECLARED.values()) == messages.KINDS
    assert len(set(DECLARED.values())) == len(DECLARED)
    assert {"READY", "REPORT", "ASK", "ANSWER", "CONFINED", "LOADED", "END", "DONE"} <= set(DECLARED)
    table = messages.__doc__
    assert all(re.search(rf"^{name}\s", table, re.M) for name in DECLARED), "each kind has a row in the table"


def test_no_side_of_the_sandbox_writes_a_kind_out():
    files = sorted(SANDBOX.rglob("*.py"))
    assert SANDBOX / "sandbox.py" in files and SANDBOX / "inside" / "supervisor.py" in files
    bad = {str(p.relative_to(SANDBOX)): b for p in files if (b := bare_kinds(p.read_text(encoding="utf-8")))}
    assert bad == {}


def test_both_sides_use_the_table():
    for path in ("sandbox.py", "inside/zygote.py", "inside/supervisor.py", "inside/child.py", "inside/calls.py",
                 "inside/standins.py"):
        assert "messages." in (SANDBOX / path).read_text(encoding="utf-8"), path


def test_the_check_finds_kinds_written_out():
    assert bare_kinds('send({"t": messages.READY, "pid": 1})\nif m.get("t") == messages.ASK: pass\n') == []
    for source in ('send({"t": "ready"})\n', 'if m.get("t") == "ask": pass\n',
                   'if kind in ("call", "finished"): pass\n', 'if m["t"] != "report": pass\n',
                   """body = f'{{"t":"ask","token":{token}}}'\n""", "x = messages.READDY\n"):
        assert bare_kinds(source), source
