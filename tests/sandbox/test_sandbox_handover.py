"""A zygote launched by one process can be used by a process forked from it, and is left behind by none."""

from __future__ import annotations

import os
import time

from sandbox_kit import FAST, alive, in_fork, plan, program

from autograder.sandbox import Sandbox

SOURCE = "def double(x):\n    return 2 * x\n"


def test_a_fork_runs_the_launched_zygote_then_its_launcher_reaps_it():
    sandbox = Sandbox(limits=FAST)
    sandbox.launch()
    zygote = sandbox._process.pid

    def use():
        report = sandbox.run(program(SOURCE), plan(double=[(21,)]))
        pid = sandbox.info["pid"]
        sandbox.close()
        return {"value": report.functions["double"].calls[0].value, "pid": pid}

    answer = in_fork(use)
    assert answer == {"value": 42, "pid": zygote}     # the same zygote, not a new one
    sandbox.let_go()
    started = time.monotonic()
    sandbox.reap()
    assert time.monotonic() - started < 4               # it ended when the fork closed it
    assert not alive(zygote)


def test_a_zygote_nobody_closes_is_killed_by_reap():
    sandbox = Sandbox(limits=FAST)
    sandbox.launch()
    zygote = sandbox._process.pid
    holder = in_fork(lambda: {"ok": True})            # a fork that neither uses nor closes it
    assert holder == {"ok": True}
    sandbox.start()                                     # still there and answering
    stray = os.dup(sandbox._process.stdin.fileno())     # someone keeps its input open
    try:
        sandbox.let_go()
        sandbox.reap(seconds=0.5)
    finally:
        os.close(stray)
    assert not alive(zygote)


def test_a_launched_zygote_that_is_not_needed_is_discarded_at_once():
    sandbox = Sandbox(limits=FAST)
    sandbox.launch()
    zygote = sandbox._process.pid
    started = time.monotonic()
    sandbox.discard()
    assert time.monotonic() - started < 2
    time.sleep(0.1)
    assert not alive(zygote)

