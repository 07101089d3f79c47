"""Trusted stand-ins: exercise functions whose answers come from the grader.

A function that calls another exercise function (``train_neuron`` calls
``mse_gradient``) is graded on what it does itself when the helper is
replaced by a stand-in: a function in the student's process that holds no
reference code, only a way to ask.  Each call of a stand-in travels

    function process --(socket)--> supervisor --(stdout)--> grader
                     <-(socket)---            <-(stdin)---

and the grader computes the reference answer in its own process and sends
plain data back (``codec``).  The request names, per run, the stand-ins:

    {"modules":   {"derivatives": ["sigmoid"]},        # importable modules the student did not hand in
     "missing":   {"sigmoid": "derivatives.sigmoid"},   # bound after loading where the name is undefined
     "functions": {"train_neuron": ["cost_functions.mse_gradient"]}}  # bound in that function's process only

Who may ask is decided outside the student's reach: the supervisor answers
only the function it is running, during the functions phase, for the
helpers the request gives that function (module stand-ins: every function),
and the grader checks again.  What a stand-in cannot prevent (a process that
forges the supervisor's idea of which function runs, or that writes answers
into the scratch folder) is prevented by how the grader plans runs: a helper
with a stand-in is never graded in the same run (see ``autograder.grade.standins``).

Time spent waiting for answers is given back to the asking function, up to
``ALLOWANCE`` times ``seconds_per_function`` in all (a training loop on a
busy machine may ask thousands of times; a function that only asks, forever,
still ends): the supervisor moves its deadline, and the child's wait reads
the credit from shared memory (``Relay.credit``).

The grader's end (``reply``, which computes each answer) is in
``autograder/sandbox/sandbox.py``.
"""

from __future__ import annotations

import json
import mmap
import os
import select
import socket
import struct
import time
import types

from . import codec, frames, messages

MAX_PACKET = 128 * 1024       # an ask or an answer; a larger one is refused with a message
ALLOWANCE = 3                 # time given back for asks, in time limits
MAX_KNOWN = 4096              # answers a process keeps for repeated questions
ANSWER_SECONDS = 60.0         # the grader answers in milliseconds; this is only a backstop
_CREDIT = struct.Struct("d")

_read, _write, _getpid = os.read, os.write, os.getpid
_dumps, _loads = json.dumps, json.loads
_monotonic = time.monotonic


class StandInError(Exception):
    """Raised in the student's process when a stand-in cannot answer."""


# ------------------------------------------------------------------ the student's side


class _Asker:
    """Sends asks on the inherited socket and waits for the matching answer."""

    def __init__(self, fd: int):
        self.fd = fd
        self.count = 0
        # A stand-in is a function of its arguments: the answers this process
        # already has are reused (a training loop asks for the same sigmoid
        # in its cost and in its next gradient).
        self.known: dict[str, object] = {}

    def ask(self, helper: str, args: tuple, kwargs: dict):
        # Runs with the program's bindings (swapping in the harness's, as
        # ``calls`` does around each call, would double the cost of an ask): a
        # program that replaces NumPy's or json's functions may break its own
        # stand-ins, never the grader, which decodes the question itself.
        question = _dumps([helper, codec.encode(tuple(args)), codec.encode(dict(kwargs))],
                          allow_nan=False, separators=(",", ":"))
        if question in self.known:
            return codec.decode(self.known[question])
        self.count += 1
        token = f"{_getpid()}-{self.count}"
        body = f'{{"t":"{messages.ASK}","token":"{token}","question":{question}}}'.encode("utf-8")
        if len(body) > MAX_PACKET:
            raise StandInError(f"the arguments are too large for the grader's {helper} "
                               f"({len(body)} bytes encoded)")
        _write(self.fd, body)
        while True:
            data = _read(self.fd, MAX_PACKET + 1024)
            if not data:
                raise StandInError(f"the grader's {helper} is not available")
            answer = _loads(data.decode("utf-8"))
            if type(answer) is dict and answer.get("token") == token:
                break          # an older answer was meant for a process that is gone
        if "error" in answer:
            raise StandInError(str(answer["error"]))
        if len(self.known) >= MAX_KNOWN:
            self.known.clear()
        self.known[question] = answer.get("value")
        return codec.decode(answer.get("value"))


_ASKER: _Asker | None = None


def stand_in(helper: str):
    """A function named like ``helper`` ("module.function") that asks the grader."""
    name = helper.rpartition(".")[2]
    asker = _ASKER

    def function(*args, **kwargs):
        if asker is None:
            raise StandInError(f"the grader's {helper} is not available")
        return asker.ask(helper, args, kwargs)
    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"{helper}, answered by the grader."
    return function


def install(spec: dict | None, fd: int | None, modules: dict) -> None:
    """Before loading: remember the socket, and put the stand-in modules in ``modules`` (``sys.modules``)."""
    global _ASKER
    if not spec or fd is None:
        return
    _ASKER = _Asker(fd)
    for module, functions in (spec.get("modules") or {}).items():
        if type(module) is not str or module in modules:
            continue
        made = types.ModuleType(module, f"{module}: stand-ins answered by the grader.")
        for function in functions:
            if type(function) is str:
                setattr(made, function, stand_in(f"{module}.{function}"))
        modules[module] = made


def fill(spec: dict | None, namespace: dict) -> list[str]:
    """After loading: bind each missing name the program did not define; returns those bound."""
    bound = []
    for name, helper in ((spec or {}).get("missing") or {}).items():
        if type(name) is str and type(helper) is str and name not in namespace:
            namespace[name] = stand_in(helper)
            bound.append(name)
    return bound


def bind(spec: dict | None, function: str, namespace: dict) -> None:
    """In ``function``'s own process: its helpers become stand-ins, wherever
    the module holds them: under their names, inside the dicts, lists and
    tuples at its top level (``COSTS = {"mse": (mse, mse_gradient)}``), and
    as default values of the module's functions."""
    replace = {}
    for helper in ((spec or {}).get("functions") or {}).get(function, ()):
        if type(helper) is str:
            name = helper.rpartition(".")[2]
            made = stand_in(helper)
            old = namespace.get(name)
            if old is not None:
                replace[id(old)] = made
            namespace[name] = made
    if not replace:
        return
    for key, value in list(namespace.items()):
        if type(key) is str and not key.startswith("__"):
            if type(value) is types.FunctionType:
                _swap_defaults(value, replace)
            else:
                swapped = _swapped(value, replace, 0)
                if swapped is not value:
                    namespace[key] = swapped


def _swapped(value, replace: dict, depth: int):
    """``value`` with the objects in ``replace`` swapped, containers rebuilt only where needed."""
    if id(value) in replace:
        return replace[id(value)]
    t = type(value)
    if depth > 3 or t not in (dict, list, tuple):
        return value
    if t is dict:
        items = {k: _swapped(v, replace, depth + 1) for k, v in value.items()}
        return items if any(items[k] is not v for k, v in value.items()) else value
    items = [_swapped(v, replace, depth + 1) for v in value]
    if all(a is b for a, b in zip(items, value)):
        return value
    return items if t is list else tuple(items)


def _swap_defaults(fn, replace: dict) -> None:
    try:
        if fn.__defaults__ and any(id(d) in replace for d in fn.__defaults__):
            fn.__defaults__ = tuple(replace.get(id(d), d) for d in fn.__defaults__)
        if fn.__kwdefaults__ and any(id(d) in replace for d in fn.__kwdefaults__.values()):
            fn.__kwdefaults__ = {k: replace.get(id(d), d) for k, d in fn.__kwdefaults__.items()}
    except (AttributeError, TypeError):
        pass


# ------------------------------------------------------------------ the supervisor's side


class Relay:
    """The supervisor's end: checks each ask, forwards it to the grader, returns the answer."""

    def __init__(self, request: dict, inbox: int | None, outbox: int | None, allowance: float):
        spec = request.get("standins") if type(request.get("standins")) is dict else {}
        self.everywhere = {f"{m}.{f}" for m, fs in _pairs(spec.get("modules")) for f in fs if type(f) is str}
        self.everywhere |= {h for h in _values(spec.get("missing")) if type(h) is str}
        self.per_function = {name: {h for h in helpers if type(h) is str}
                             for name, helpers in _pairs(spec.get("functions"))}
        self.active = bool(self.everywhere or any(self.per_function.values())) and inbox is not None
        self.inbox, self.outbox = inbox, outbox
        self.allowance = allowance
        self.credited: dict[str, float] = {}
        self.credit = mmap.mmap(-1, _CREDIT.size) if self.active else None
        self.ours = self.theirs = None
        if self.active:
            ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
            self.ours, self.theirs = ours.detach(), theirs.detach()
            os.set_blocking(self.ours, False)

    def child_side(self) -> None:
        """In the forked child: keep only the student's end."""
        if self.ours is not None:
            os.close(self.ours)
            self.ours = None

    def parent_side(self) -> None:
        if self.theirs is not None:
            os.close(self.theirs)
            self.theirs = None

    def close(self) -> None:
        self.parent_side()
        if self.ours is not None:
            os.close(self.ours)
            self.ours = None

    def serve(self, current: str | None) -> float:
        """Answer the asks waiting on the socket; returns the seconds to give back to ``current``."""
        given = 0.0
        for _ in range(64):          # a flood of asks must not starve the supervisor's other work
            try:
                data = _read(self.ours, MAX_PACKET + 1024)
            except (BlockingIOError, InterruptedError):
                break
            except OSError:
                break
            if not data:
                break
            started = _monotonic()
            self._reply(self._answer(data, current))
            if current is not None:
                # Twice what was measured here: the ask's two trips through the
                # socket, and the asker's own encoding, are not (on a busy
                # machine they take as long).  CPU time stays capped by the
                # function's own limit whatever is given back.
                spent = 2 * (_monotonic() - started)
                room = max(0.0, self.allowance - self.credited.get(current, 0.0))
                spent = min(spent, room)
                self.credited[current] = self.credited.get(current, 0.0) + spent
                given += spent
        if given:
            (total,) = _CREDIT.unpack_from(self.credit)
            _CREDIT.pack_into(self.credit, 0, total + given)
        return given

    def _answer(self, data: bytes, current: str | None) -> dict:
        try:
            ask = _loads(data.decode("utf-8"))
        except (ValueError, UnicodeDecodeError, RecursionError):
            return {"error": "a malformed request"}
        question = ask.get("question") if type(ask) is dict else None
        if type(question) is not list or len(question) != 3 or type(question[0]) is not str:
            return {"error": "a malformed request"}
        token, (helper, args, kwargs) = ask.get("token"), question
        token = token if type(token) is str else ""
        if len(data) > MAX_PACKET:
            return {"token": token, "error": f"the arguments are too large for the grader's {helper}"}
        if current is None:
            return {"token": token, "error": f"the grader's {helper} answers only while a function is graded, "
                                             "not while the code loads"}
        if helper not in self.everywhere and helper not in self.per_function.get(current, ()):
            return {"token": token, "error": f"the grader's {helper} is not available to {current}"}
        frames.send(self.outbox, {"t": messages.ASK, "function": current, "helper": helper,
                                  "args": args, "kwargs": kwargs})
        deadline = _monotonic() + ANSWER_SECONDS
        while True:
            left = deadline - _monotonic()
            if left <= 0:
                return {"token": token, "error": f"the grader's {helper} did not answer"}
            ready, _, _ = select.select([self.inbox], [], [], left)
            if ready:
                break
        reply = frames.receive(self.inbox)
        if type(reply) is not dict or reply.get("t") != messages.ANSWER:
            return {"token": token, "error": f"the grader's {helper} did not answer"}
        if type(reply.get("error")) is str:
            return {"token": token, "error": reply["error"][:2000]}
        return {"token": token, "value": reply.get("value")}

    def _reply(self, answer: dict) -> None:
        body = _dumps(answer, allow_nan=False, separators=(",", ":")).encode("utf-8")
        if len(body) > MAX_PACKET:
            body = _dumps({"token": answer.get("token", ""),
                           "error": "the answer is too large to send back"}).encode("utf-8")
        try:
            _write(self.ours, body)
        except OSError:
            pass     # nobody is reading (the asker is gone, or floods): it gets no answer


def child_credit(relay: Relay | None):
    """A function returning the seconds credited so far in this run (0 without stand-ins)."""
    if relay is None or relay.credit is None:
        return lambda: 0.0
    credit = relay.credit
    return lambda: _CREDIT.unpack_from(credit)[0]


def _pairs(value):
    return [(k, v) for k, v in value.items() if type(k) is str and type(v) is list] if type(value) is dict else []


def _values(value):
    return list(value.values()) if type(value) is dict else []

