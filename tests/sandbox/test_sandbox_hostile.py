"""Programs that loop, crash, flood, bomb or sabotage: each costs only itself."""

from __future__ import annotations

import time

import numpy as np
import pytest
from sandbox_kit import FAST, alive, descendants_of, plan, program

from autograder.sandbox import Limits, Opaque

QUICK_LOAD = Limits(seconds_to_load=1.0, seconds_per_function=2.0)

FINE = """
def fine(x):
    return x + 1
"""


def _fine_is_fine(report):
    assert report.functions["fine"].status == "ok", report.functions["fine"]
    assert report.functions["fine"].calls[0].value == 2


def test_an_infinite_loop_costs_only_its_own_function(sandbox):
    source = FINE + """
def spin(x):
    while True:
        pass

def after(x):
    return x * 2
"""
    start = time.monotonic()
    report = sandbox.run(program(source), plan(fine=[(1,)], spin=[(1,)], after=[(3,)]))
    assert time.monotonic() - start < FAST.seconds_per_function + 10
    assert report.functions["spin"].status == "timeout"
    assert "longer than 2 s" in report.functions["spin"].detail
    _fine_is_fine(report)
    assert report.functions["after"].calls[0].value == 6


def test_outcomes_before_a_timeout_are_kept(sandbox):
    source = """
def sometimes(n):
    while n > 2:
        pass
    return n
"""
    report = sandbox.run(program(source), plan(sometimes=[(1,), (2,), (3,), (1,)]))
    run = report.functions["sometimes"]
    assert run.status == "timeout"
    assert [c.value for c in run.calls] == [1, 2]


@pytest.mark.parametrize("sabotage", [
    "",
    "import signal\nsignal.signal(signal.SIGALRM, signal.SIG_IGN)\n",
    "import signal\nsignal.setitimer(signal.ITIMER_REAL, 0)\ntry:\n    pass\nfinally:\n    pass\n",
])
def test_an_endless_top_level_stops_loading_in_bounded_time(sandbox, sabotage):
    source = FINE + sabotage + "while True:\n    try:\n        pass\n    except BaseException:\n        pass\n"
    start = time.monotonic()
    report = sandbox.run(program(source), plan(fine=[(1,)]), QUICK_LOAD)
    assert time.monotonic() - start < QUICK_LOAD.seconds_to_load + 10
    assert report.functions["fine"].status == "not_loaded"
    assert any("loading stopped" in e for e in report.load_errors), report.load_errors


@pytest.mark.parametrize("bomb", [
    "x = bytearray(10**11)",
    "import numpy as np\n    x = np.ones((100_000, 100_000))",
    "import numpy as np\n    chunks = []\n    while True:\n        chunks.append(np.empty(10**7))",
])
def test_a_memory_bomb_reports_memory_and_the_sandbox_survives(sandbox, bomb):
    source = FINE + f"\ndef bomb():\n    {bomb}\n"
    report = sandbox.run(program(source), plan(bomb=[()], fine=[(1,)]))
    assert report.functions["bomb"].status == "memory", report.functions["bomb"]
    assert report.functions["bomb"].calls[0].error.startswith("MemoryError")
    _fine_is_fine(report)
    _fine_is_fine(sandbox.run(program(FINE), plan(fine=[(1,)])))


def test_printing_ten_megabytes_is_cut_and_the_call_still_succeeds(sandbox):
    source = """
import os
def chatty():
    for _ in range(10_000):
        print("x" * 1000)
    return "done"

def raw():
    block = b"y" * 1_000_000
    try:
        for _ in range(100):
            os.write(1, block)
    except OSError as exc:
        return type(exc).__name__
    return "all written"
"""
    report = sandbox.run(program(source), plan(chatty=[()], raw=[()]))
    chatty = report.functions["chatty"]
    assert chatty.status == "ok" and chatty.calls[0].value == "done"
    assert len(chatty.output) < FAST.output_bytes + 200
    assert "[output cut:" in chatty.output
    raw = report.functions["raw"]
    assert raw.status == "ok" and raw.calls[0].value in ("OSError", "all written")
    assert len(raw.output) < FAST.output_bytes + 200 and "[output cut:" in raw.output


def test_deep_recursion_is_a_clear_error(sandbox):
    source = """
def down(n):
    return down(n + 1)
"""
    report = sandbox.run(program(source), plan(down=[(0,)]))
    call = report.functions["down"].calls[0]
    assert call.status == "error"
    assert call.error.startswith("RecursionError: maximum recursion depth exceeded")
    assert "(line 3)" in call.error


@pytest.mark.parametrize("body, reason", [
    ("import sys\n    sys.exit(3)", "exited with status 3"),
    ("import os\n    os._exit(3)", "exited with status 3"),
    ("import os, signal\n    os.kill(os.getpid(), signal.SIGKILL)", "killed by signal SIGKILL"),
    ("import ctypes\n    ctypes.string_at(0)", "killed by signal SIGSEGV"),
    ("import os, signal\n    os.kill(os.getpid(), signal.SIGABRT)", "killed by signal SIGABRT"),
])
def test_a_dying_function_is_crashed_with_its_reason(sandbox, body, reason):
    source = FINE + f"\ndef die():\n    {body}\n"
    report = sandbox.run(program(source), plan(die=[()], fine=[(1,)]))
    if "ctypes" in body and report.isolation.startswith("audit-hook"):
        pytest.skip("ctypes is refused outright without Landlock")
    assert report.functions["die"].status == "crashed"
    assert reason in report.functions["die"].detail
    _fine_is_fine(report)


def test_dying_at_top_level_is_a_load_error(sandbox):
    report = sandbox.run(program(FINE + "import os\nos._exit(4)\n"), plan(fine=[(1,)]))
    assert report.functions["fine"].status == "not_loaded"
    assert any("exited with status 4" in e for e in report.load_errors)


def test_sys_exit_at_top_level_does_not_stop_loading(sandbox):
    report = sandbox.run(program("import sys\nsys.exit(1)\n" + FINE), plan(fine=[(1,)]))
    assert report.load_errors == ["line 2: SystemExit: 1"]
    _fine_is_fine(report)


SPAWN = """
import os, signal, subprocess, sys, time

def spawn():
    pids = []
    stubborn = subprocess.Popen([sys.executable, "-c",
        "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(1000)"])
    pids.append(stubborn.pid)
    loner = subprocess.Popen(["sleep", "1000"], start_new_session=True)
    pids.append(loner.pid)
    read, write = os.pipe()
    if os.fork() == 0:            # double fork into a new session
        os.setsid()
        grandchild = os.fork()
        if grandchild == 0:
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(1000)
        os.write(write, str(grandchild).encode())
        os._exit(0)
    pids.append(int(os.read(read, 100)))
    return pids
"""


def test_no_process_outlives_its_submission(sandbox):
    top_level = "\nbackground = subprocess.Popen(['sleep', '1000'], start_new_session=True)\n"
    source = SPAWN + top_level + "\ndef background_pid():\n    return background.pid\n"
    report = sandbox.run(program(source), plan(spawn=[()], background_pid=[()]))
    assert report.functions["spawn"].status == "ok", report.functions["spawn"]
    pids = report.functions["spawn"].calls[0].value + [report.functions["background_pid"].calls[0].value]
    assert len(pids) == 4 and all(isinstance(p, int) for p in pids)
    assert [p for p in pids if alive(p)] == []
    zygote = sandbox.info["pid"]
    assert descendants_of(zygote) == []


def test_a_fork_storm_is_cleaned_up(sandbox):
    source = """
import os, time
def storm():
    pids = []
    for _ in range(10):
        pid = os.fork()
        if pid == 0:
            os.setsid()
            while True:
                if os.fork() != 0:
                    os._exit(0)   # each generation hands over to a new process
        pids.append(pid)
    time.sleep(0.2)
    return pids
"""
    start = time.monotonic()
    report = sandbox.run(program(source), plan(storm=[()]))
    assert time.monotonic() - start < 30
    assert report.functions["storm"].status in ("ok", "timeout")
    assert descendants_of(sandbox.info["pid"]) == []


def test_monkeypatching_cannot_change_other_outcomes(sandbox):
    source = """
import builtins, json, signal, sys
import numpy
numpy.allclose = lambda *a, **k: True
numpy.asarray = lambda *a, **k: "fake"
numpy.frombuffer = None
json.dumps = lambda *a, **k: "garbage"
builtins.len = lambda x: 0
builtins.isinstance = lambda *a: False
sys.exit = lambda *a: None
signal.signal(signal.SIGALRM, signal.SIG_IGN)
signal.signal(signal.SIGTERM, signal.SIG_IGN)

def sabotage():
    numpy.sum = lambda *a, **k: 42
    import os
    os._exit = lambda *a: None
    os.write = lambda *a: 0
    return "sabotaged"

def honest(a):
    return a * 2 + 1
"""
    report = sandbox.run(program(source), plan(
        sabotage=[()], honest=[(np.array([1.0, 2.0]),), (np.arange(3),)]))
    assert report.functions["sabotage"].calls[0].value == "sabotaged"
    honest = report.functions["honest"]
    assert honest.status == "ok", honest
    assert np.array_equal(honest.calls[0].value, [3.0, 5.0])
    assert np.array_equal(honest.calls[1].value, [1, 3, 5])


def test_lying_objects_arrive_as_plain_data_only(sandbox):
    source = """
import numpy as np

class Liar:
    def __eq__(self, other):
        return True
    def __array__(self, *a, **k):
        return np.array([1.0, 2.0])
    def __float__(self):
        return 1.0
    def __repr__(self):
        return "array([1., 2.])"

class LyingArray(np.ndarray):
    def __eq__(self, other):
        return True

class LyingFloat(float):
    def __eq__(self, other):
        return True

def liar():
    return Liar()

def lying_array():
    return np.zeros(2).view(LyingArray)

def lying_float():
    return LyingFloat(0.5)
"""
    report = sandbox.run(program(source), plan(liar=[()], lying_array=[()], lying_float=[()]))
    liar = report.functions["liar"].calls[0].value
    assert isinstance(liar, Opaque) and liar != [1.0, 2.0]
    array = report.functions["lying_array"].calls[0].value
    assert type(array) is np.ndarray and np.array_equal(array, [0.0, 0.0])
    assert not np.array_equal(array, [1.0, 2.0])
    assert isinstance(report.functions["lying_float"].calls[0].value, Opaque)


def test_garbage_on_the_result_pipe_only_hurts_the_sender(sandbox):
    source = FINE + """
import os
def scribble():
    for fd in range(3, 64):
        try:
            os.write(fd, b"\\xff\\xff\\xff\\x00garbage")
        except OSError:
            pass
    return 1
"""
    start = time.monotonic()
    report = sandbox.run(program(source), plan(fine=[(1,)], scribble=[()]))
    assert time.monotonic() - start < 30
    _fine_is_fine(report)
    assert report.functions["scribble"].status != "ok"
    _fine_is_fine(sandbox.run(program(FINE), plan(fine=[(1,)])))


def test_closing_every_descriptor_at_top_level_ends_in_bounded_time(sandbox):
    source = FINE + "import os\nos.closerange(0, 1024)\n"
    start = time.monotonic()
    report = sandbox.run(program(source), plan(fine=[(1,)]), QUICK_LOAD)
    assert time.monotonic() - start < QUICK_LOAD.seconds_to_load + 10
    assert report.functions["fine"].status == "not_loaded"


def test_deadlines_hold_even_when_the_loaders_own_timer_is_sabotaged(sandbox):
    # The program replaces the loading process's wait-with-deadline by an
    # endless wait: the zygote must still stop the looping function itself.
    source = FINE + """
import os, sys
for name, module in list(sys.modules.items()):
    if name.endswith(".child") and hasattr(module, "_wait"):
        module._wait = lambda pid, seconds: (os.waitpid(pid, 0)[1], False)

def spin():
    while True:
        pass
"""
    start = time.monotonic()
    report = sandbox.run(program(source), plan(spin=[()], fine=[(1,)]))
    assert time.monotonic() - start < FAST.seconds_per_function + 15
    assert report.functions["spin"].status == "timeout"
    _fine_is_fine(report)
