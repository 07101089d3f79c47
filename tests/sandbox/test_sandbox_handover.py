"""A zygote launched by one process can be used by a process forked from it, and is left behind by none."""

from __future__ import annotations

import json
import os
import time

from sandbox_kit import FAST, alive, plan, program

from autograder.sandbox import Sandbox

SOURCE = "def double(x):\n    return 2 * x\n"


def _in_fork(work) -> dict:
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


def test_a_fork_runs_the_launched_zygote_then_its_launcher_reaps_it():
    sandbox = Sandbox(limits=FAST)
    sandbox.launch()
    zygote = sandbox._process.pid

    def use():
        report = sandbox.run(program(SOURCE), plan(double=[(21,)]))
        pid = sandbox.info["pid"]
        sandbox.close()
        return {"value": report.functions["double"].calls[0].value, "pid": pid}

    answer = _in_fork(use)
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
    holder = _in_fork(lambda: {"ok": True})            # a fork that neither uses nor closes it
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

    answers = [_in_fork(use(0)), _in_fork(use(1))]
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
