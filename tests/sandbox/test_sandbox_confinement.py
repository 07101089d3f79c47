"""What a submission cannot reach: the repository, the grader's packages,
files outside its scratch directory, and the processes that watch it."""

from __future__ import annotations

import os

import pytest
from sandbox_kit import FAST, REPOSITORY, plan, program

from autograder.sandbox import Sandbox
from autograder.sandbox.isolation import layers

SECRET = str(REPOSITORY / "solutions" / "derivatives.py")

PROBING = f"""
import os

def read(path):
    with open(path) as f:
        return f.read()[:20]

def listing(path):
    return sorted(os.listdir(path))[:5]

def write(path):
    with open(path, "w") as f:
        f.write("x")
    return os.path.exists(path)

def import_(name):
    __import__(name)
    return "imported"

def signal_(pid, number):
    os.kill(pid, number)
    return "sent"
"""


def _error(report, function, index=0):
    run = report.functions[function]
    assert run.status == "ok", run
    return run.calls[index].error


@pytest.fixture(params=["auto", "landlock-4", "audit-hook"], scope="module")
def any_sandbox(request, sandbox):
    """The default sandbox, one limited to an older kernel's Landlock, and the fallback."""
    if request.param == "auto":
        yield sandbox
        return
    if request.param.startswith("landlock") and sandbox.info["landlock_abi"] < 4:
        pytest.skip("this kernel has no Landlock ABI 4")
    with Sandbox(limits=FAST, isolation=request.param) as sb:
        yield sb


def test_the_reference_solutions_cannot_be_read(any_sandbox):
    report = any_sandbox.run(program(PROBING), plan(read=[
        (SECRET,), ("/proc/self/root" + SECRET,), ("../" * 12 + SECRET.lstrip("/"),)],
        listing=[(str(REPOSITORY),), (str(REPOSITORY / "solutions"),)]))
    for index in range(3):
        assert _error(report, "read", index).startswith("PermissionError"), report.functions["read"]
    for index in range(2):
        assert _error(report, "listing", index).startswith("PermissionError")


def test_the_graders_packages_cannot_be_imported(any_sandbox):
    report = any_sandbox.run(program(PROBING), plan(import_=[
        ("solutions",), ("solutions.derivatives",), ("autograder",), ("autograder.sandbox.codec",)]))
    for call in report.functions["import_"].calls:
        assert call.error.startswith("ImportError: the grader's package"), call


def test_writing_is_confined_to_the_scratch_directory(any_sandbox, tmp_path):
    outside = [str(tmp_path / "escaped.txt"), str(REPOSITORY / "escaped.txt"), "/tmp/escaped-from-sandbox.txt"]
    for path in outside:     # one left by a run with fewer layers (make test-isolation) must not decide this one
        if os.path.exists(path):
            os.remove(path)
    report = any_sandbox.run(program(PROBING), plan(write=[(p,) for p in outside] + [("inside.txt",)]))
    calls = report.functions["write"].calls
    for call in calls[:3]:
        assert call.error.startswith("PermissionError"), call
    assert calls[3].value is True
    assert not any(os.path.exists(p) for p in outside)


def test_the_python_installation_stays_readable(any_sandbox):
    import numpy
    source = PROBING + "\nimport json, fractions\ndef use():\n    return json.loads('[1]') + [str(fractions.Fraction(1, 3))]\n"
    report = any_sandbox.run(program(source), plan(read=[(numpy.__file__,)], use=[()]))
    assert report.functions["read"].calls[0].status == "ok"
    assert report.functions["use"].calls[0].value == [1, "1/3"]


def test_the_report_names_the_isolation_in_force(any_sandbox):
    report = any_sandbox.run(program("def f():\n    return 1\n"), plan(f=[()]))
    assert report.functions["f"].calls[0].value == 1
    abi = any_sandbox.info["landlock_abi"]
    wanted = layers(any_sandbox.isolation)        # the default sandbox follows $AUTOGRADER_ISOLATION
    if wanted["landlock"] is True and abi >= 1:
        assert report.isolation.startswith(f"landlock (ABI {abi})")
    elif wanted["landlock"]:
        assert report.isolation.startswith(f"landlock (ABI {wanted['landlock']})")
        assert "signals guarded by an audit hook" in report.isolation
    elif wanted["audit"]:
        assert report.isolation.startswith("audit-hook")
    else:                                         # the account switch alone
        assert "landlock" not in report.isolation and "audit-hook" not in report.isolation
        assert report.isolation.startswith("user ") or os.geteuid() != 0


def test_the_watching_processes_cannot_be_signalled(any_sandbox):
    if any_sandbox.isolation == "auto" and any_sandbox.info["landlock_abi"] < 6:
        pytest.skip("signal scoping needs Landlock ABI 6")
    source = PROBING + "\ndef parent(number):\n    os.kill(os.getppid(), number)\n    return 'sent'\n"
    import signal
    zygote = any_sandbox.info["pid"]
    report = any_sandbox.run(program(source), plan(
        signal_=[(zygote, int(signal.SIGKILL)), (os.getpid(), int(signal.SIGTERM)), (-os.getpgrp(), int(signal.SIGKILL))],
        parent=[(int(signal.SIGSTOP),), (int(signal.SIGKILL),)]))
    for call in report.functions["signal_"].calls + report.functions["parent"].calls:
        assert call.error.startswith("PermissionError"), call
    # Both still run: the next submission is served.
    after = any_sandbox.run(program("def f():\n    return 1\n"), plan(f=[()]))
    assert after.functions["f"].calls[0].value == 1


def test_the_graders_memory_and_environment_cannot_be_read(any_sandbox):
    paths = [f"/proc/{os.getpid()}/environ", f"/proc/{any_sandbox.info['pid']}/environ",
             f"/proc/{os.getpid()}/cwd/{SECRET}"]
    report = any_sandbox.run(program(PROBING), plan(read=[(p,) for p in paths]))
    for call in report.functions["read"].calls:
        assert call.error.startswith("PermissionError"), call


def test_no_network_at_all_when_the_report_says_so(sandbox):
    source = """
import socket
def udp():
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    return s.sendto(b"x", ("192.0.2.1", 9))
"""
    report = sandbox.run(program(source), plan(udp=[()]))
    if "no network" not in report.isolation:
        pytest.skip("no network namespace without CAP_SYS_ADMIN; only TCP is closed")
    call = report.functions["udp"].calls[0]
    assert call.error.startswith("OSError"), call   # no route: the namespace has no interfaces up


def test_no_tcp_connections(sandbox):
    if sandbox.info["landlock_abi"] < 4:
        pytest.skip("network rules need Landlock ABI 4")
    source = """
import socket
def connect():
    s = socket.socket()
    s.settimeout(1)
    s.connect(("127.0.0.1", 9))
"""
    report = sandbox.run(program(source), plan(connect=[()]))
    assert report.functions["connect"].calls[0].error.startswith("PermissionError")
