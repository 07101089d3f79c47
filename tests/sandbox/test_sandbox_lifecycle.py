"""A sandbox's life: start (at once, or without waiting), run, close, and start again if its zygote died."""

from __future__ import annotations

import os
import time

from sandbox_kit import FAST, alive, plan, program

from autograder.sandbox import Sandbox

SOURCE = "def double(x):\n    return 2 * x\n"


def _double(sandbox, x):
    return sandbox.run(program(SOURCE), plan(double=[(x,)])).functions["double"].calls[0].value


def test_a_sandbox_started_without_waiting_is_ready_at_its_first_run_and_leaves_nothing_behind():
    sandbox = Sandbox(limits=FAST)
    started = time.monotonic()
    sandbox.start(wait=False)
    assert time.monotonic() - started < 0.5 and sandbox.info == {}     # the zygote is still warming up
    folder = sandbox._root
    try:
        assert _double(sandbox, 21) == 42
        zygote = sandbox.info["pid"]
        assert alive(zygote) and os.path.isdir(folder)
        assert _double(sandbox, 2) == 4 and sandbox.info["pid"] == zygote     # the same warm process
    finally:
        sandbox.close()
    assert not alive(zygote) and not os.path.exists(folder) and sandbox.info == {}
    sandbox.close()                                                          # closing twice is harmless


def test_start_waits_for_the_zygote_and_says_what_it_offers():
    with Sandbox(limits=FAST) as sandbox:
        assert {"pid", "memory_mb", "landlock_abi"} <= set(sandbox.info) and alive(sandbox.info["pid"])
        zygote = sandbox.info["pid"]
        sandbox.start()                                                      # running already: nothing to do
        assert sandbox.info["pid"] == zygote
    assert not alive(zygote)


def test_a_sandbox_whose_zygote_died_starts_a_new_one():
    with Sandbox(limits=FAST) as sandbox:
        first = sandbox.info["pid"]
        os.kill(first, 9)
        time.sleep(0.1)
        assert _double(sandbox, 4) == 8
        assert sandbox.info["pid"] != first and not alive(first)


def test_a_closed_sandbox_starts_again_when_used():
    sandbox = Sandbox(limits=FAST)
    try:
        assert _double(sandbox, 1) == 2                                      # run starts it
        first = sandbox.info["pid"]
        sandbox.close()
        assert _double(sandbox, 3) == 6 and sandbox.info["pid"] != first
    finally:
        sandbox.close()
