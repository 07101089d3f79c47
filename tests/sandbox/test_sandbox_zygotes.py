"""Sandboxes launched as a group share one warm-up, and leave nothing behind."""

from __future__ import annotations

import os
import time

from sandbox_kit import FAST, alive, descendants_of, in_fork, plan, program

from autograder.sandbox import Sandbox

SOURCE = "def double(x):\n    return 2 * x\n"


def _parent(pid: int) -> int:
    with open(f"/proc/{pid}/stat", "rb") as f:
        data = f.read()
    return int(data[data.rfind(b")") + 2:].split()[1])


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return sorted(int(p) for p in f.read().split())
    except OSError:
        return []


def test_a_group_warms_up_once_and_gives_each_sandbox_its_own_zygote():
    group = Sandbox.launch_group(3, limits=FAST)
    host = group[0]._host.process.pid
    try:
        answers = [s.run(program(SOURCE), plan(double=[(n,)])).functions["double"].calls[0].value
                   for n, s in enumerate(group)]
        zygotes = sorted(s.info["pid"] for s in group)
        assert answers == [0, 2, 4]
        assert len(set(zygotes)) == 3 and _children(host) == zygotes      # one host, three zygotes below it
        closed = group[1].info["pid"]
        group[1].close()
        time.sleep(0.2)
        assert alive(host) and _children(host) == sorted(set(zygotes) - {closed})   # the others go on
        assert group[2].run(program(SOURCE), plan(double=[(5,)])).functions["double"].calls[0].value == 10
    finally:
        for sandbox in group:
            sandbox.close()
    assert not alive(host) and not any(alive(z) for z in zygotes)


def test_a_group_handed_to_forks_is_reaped_by_its_launcher():
    group = Sandbox.launch_group(2, limits=FAST)
    host = group[0]._host.process.pid

    def use(mine):
        def work():
            group[1 - mine].let_go()
            report = group[mine].run(program(SOURCE), plan(double=[(mine + 1,)]))
            pid = group[mine].info["pid"]
            group[mine].close()
            return {"value": report.functions["double"].calls[0].value, "pid": pid}
        return work

    answers = [in_fork(use(0)), in_fork(use(1))]
    assert [a["value"] for a in answers] == [2, 4] and answers[0]["pid"] != answers[1]["pid"]
    for sandbox in group:
        sandbox.let_go()
    started = time.monotonic()
    for sandbox in group:
        sandbox.reap()
    assert time.monotonic() - started < 4
    assert not alive(host) and not any(alive(a["pid"]) for a in answers)


def test_a_group_nobody_needs_is_discarded_at_once_and_its_zygotes_die_with_the_host():
    group = Sandbox.launch_group(2, limits=FAST)
    group[0].start()
    zygote, host = group[0].info["pid"], group[0]._host.process.pid
    stray = os.dup(group[0]._process.stdin.fileno())    # someone keeps a zygote's input open
    try:
        started = time.monotonic()
        for sandbox in group:
            sandbox.discard()
        assert time.monotonic() - started < 2
        time.sleep(0.2)
        assert not alive(host) and not alive(zygote)
    finally:
        os.close(stray)


def test_a_group_member_whose_zygote_died_runs_on_a_zygote_of_its_own():
    group = Sandbox.launch_group(2, limits=FAST)
    try:
        group[1].start()
        os.kill(group[1].info["pid"], 9)
        time.sleep(0.1)
        report = group[1].run(program(SOURCE), plan(double=[(4,)]))
        assert report.functions["double"].calls[0].value == 8
        assert group[1]._host is None and group[1]._process.pid != group[0]._host.process.pid
        assert group[0].run(program(SOURCE), plan(double=[(1,)])).functions["double"].calls[0].value == 2
    finally:
        for sandbox in group:
            sandbox.close()


LINGERER = """
import os, time
def f(x):
    if os.fork() == 0:        # a process of its own, which outlives the call
        os.setsid()
        time.sleep(120)
        os._exit(0)
    time.sleep(120)
"""


def test_what_a_killed_zygote_leaves_behind_ends_with_its_group():
    import threading

    group = Sandbox.launch_group(2, limits=FAST)
    group[0].start()
    host, zygote = group[0]._host.process.pid, group[0].info["pid"]
    runner = threading.Thread(target=group[0].run, args=(program(LINGERER), plan(f=[(1,)])))
    runner.start()
    deadline = time.monotonic() + 10
    while len(descendants_of(zygote)) < 3 and time.monotonic() < deadline:   # child, call, its fork
        time.sleep(0.02)
    below = descendants_of(zygote)
    child = [p for p in below if _parent(p) == zygote]
    left = [p for p in below if p not in child]      # the call's process and the one it forked
    assert len(child) == 1 and len(left) >= 2
    for pid in (zygote, *child):                     # nothing left to clean up after the call
        os.kill(pid, 9)
    time.sleep(0.3)
    assert all(alive(p) for p in left) and host in {_parent(p) for p in left}   # orphans, below the host
    runner.join(30)
    for sandbox in group:
        sandbox.close()
    time.sleep(0.3)
    assert not alive(host) and not any(alive(p) for p in left)
