"""Every isolation layer proven alone: the hostile submissions that matter
(reading the reference, forging results, escaping to the grader's processes)
run under each configuration of ``$AUTOGRADER_ISOLATION``, and each test
names the layer that must have stopped them in that configuration.

A configuration the machine cannot give (no Landlock in the kernel, not
root) is skipped with the reason.  ``make test-isolation`` runs the whole
sandbox suite under each configuration as well.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import textwrap

import pytest
from sandbox_kit import FAST, REPOSITORY, plan, program

from autograder.grade.pipeline import Grader
from autograder.sandbox import Sandbox
from autograder.sandbox.boundary import load

landlock = load("landlock")

SOLUTION = REPOSITORY / "solutions" / "cost_functions.py"

# configuration -> the layer that must stop a submission reaching the grader's files
STOPPED_BY = {"landlock": "landlock", "user": "user", "audit": "audit-hook", "no-netns": "landlock"}


def _skip_reason(setting: str) -> str:
    if setting in ("landlock", "no-netns") and landlock.abi_version() < 1:
        return "this kernel has no Landlock"
    if setting == "user" and os.geteuid() != 0:
        return "switching to the sandbox's account needs root (CI and Gradescope run as root)"
    return ""


@pytest.fixture(params=list(STOPPED_BY), scope="module")
def layered(request):
    reason = _skip_reason(request.param)
    if reason:
        pytest.skip(reason)
    with Sandbox(limits=FAST, isolation=request.param) as sb:
        yield sb


def _layer_in_force(sb, report) -> str:
    """The configuration's layer, checked against what the sandbox reports."""
    layer = STOPPED_BY[sb.isolation]
    parts = report.isolation.split(", ")
    assert any(p.startswith(layer) for p in parts), report.isolation
    others = {"landlock", "audit-hook", "user"} - {layer}
    # Proven alone: no other layer that could have stopped it was in force.
    if sb.isolation != "no-netns":
        assert not any(p.startswith(o) for p in parts for o in others), report.isolation
    if sb.isolation == "no-netns":
        assert "no network" not in parts
    return layer


def _reference_only_lines() -> list[str]:
    """Lines of the reference that no student is given (the stub shares signatures and docstrings)."""
    stub = {line.strip() for line in (REPOSITORY / "exercises" / "cost_functions.py").read_text().splitlines()}
    return [line.strip() for line in SOLUTION.read_text().splitlines()
            if len(line.strip()) > 12 and line.strip() not in stub and not line.strip().startswith("#")]


# The submission from the issue: fork_exec raises no audit event; run /bin/cat on the reference.
LEAK = f'''
import os
import _posixsubprocess

def steal():
    r, w = os.pipe()
    _posixsubprocess.fork_exec([b"/bin/cat", b"{SOLUTION}"], [b"/bin/cat"], True, (w,), None, None,
                               -1, -1, -1, w, -1, -1, *os.pipe(), False, False, -1,
                               None, None, None, -1, None, False)
    os.close(w)
    data = b""
    while chunk := os.read(r, 65536):
        data += chunk
    print(data.decode())
    return data.decode()

def mse(y_hat, y):
    return steal()

def cross_entropy(y_hat, y):
    return steal()

print(steal())
'''


def test_the_leak_from_the_issue_earns_nothing_and_shows_no_reference_line(layered, tmp_path):
    submission = tmp_path / "cost_functions.py"
    submission.write_text(LEAK)
    grader = Grader(FAST, sandbox=layered).__enter__()   # not exited: the module's sandbox stays warm
    result = grader.grade_path(submission, "ps3_cost_functions")
    scores = result.function_scores()
    assert scores[("cost_functions", "mse")][0] == 0
    assert scores[("cost_functions", "cross_entropy")][0] == 0
    shown = json.dumps(result.to_gradescope())
    leaked = [line for line in _reference_only_lines() if line in shown]
    assert leaked == []
    assert STOPPED_BY[layered.isolation] in result.isolation


STEAL = f"""
import os, subprocess, sys, runpy

def by_open():
    return open({str(SOLUTION)!r}).read()

def by_subprocess():
    return subprocess.run(["/bin/cat", {str(SOLUTION)!r}], capture_output=True, text=True).stdout

def by_fork_and_exec():
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.dup2(w, 1)
        os.execv("/bin/cat", ["cat", {str(SOLUTION)!r}])
    os.close(w)
    os.waitpid(pid, 0)
    return os.read(r, 1 << 20).decode()

def by_import():
    sys.path.insert(0, {str(SOLUTION.parent)!r})
    import cost_functions
    return open(cost_functions.__file__).read()

def by_runpy():
    return str(sorted(runpy.run_path({str(SOLUTION)!r})))

def by_listing():
    return os.listdir({str(SOLUTION.parent)!r})
"""


def test_the_reference_cannot_be_read_by_any_road(layered):
    ways = ["by_open", "by_subprocess", "by_fork_and_exec", "by_import", "by_runpy", "by_listing"]
    report = layered.run(program(STEAL), plan(**{w: [()] for w in ways}))
    _layer_in_force(layered, report)
    shown = json.dumps([[str(c.value), c.error] for w in ways for c in report.functions[w].calls]
                       + [report.functions[w].output for w in ways])
    assert [line for line in _reference_only_lines() if line in shown] == []
    assert "cost_functions.py" not in str(report.functions["by_listing"].calls[0].value)


def test_results_cannot_be_forged(layered, tmp_path):
    # Where the grader writes results: a root-owned folder like Gradescope's
    # /autograder/results, and the repository (gradebook, autograded/).
    results = tmp_path / "results"
    results.mkdir()
    os.chmod(tmp_path, 0o755)
    os.chmod(results, 0o755)
    targets = [str(results / "results.json"), str(REPOSITORY / "gradebook-forged.db")]
    source = textwrap.dedent("""
        import json
        def forge(path):
            with open(path, "w") as f:
                json.dump({"score": 100}, f)
            return "forged"
    """)
    report = layered.run(program(source), plan(forge=[(t,) for t in targets]))
    _layer_in_force(layered, report)
    for call in report.functions["forge"].calls:
        assert call.error.startswith("PermissionError"), call
    assert not any(os.path.exists(t) for t in targets)


def test_the_graders_processes_cannot_be_signalled(layered):
    source = textwrap.dedent("""
        import os
        def kill(pid, number):
            os.kill(pid, number)
            return "sent"
    """)
    zygote = layered.info["pid"]
    report = layered.run(program(source), plan(kill=[(zygote, int(signal.SIGKILL)),
                                                     (os.getpid(), int(signal.SIGTERM))]))
    for call in report.functions["kill"].calls:
        assert call.error.startswith("PermissionError"), call
    after = layered.run(program("def f():\n    return 1\n"), plan(f=[()]))
    assert after.functions["f"].calls[0].value == 1


def test_the_configuration_is_the_one_asked_for(layered):
    report = layered.run(program("def f():\n    return 1\n"), plan(f=[()]))
    _layer_in_force(layered, report)
    if layered.isolation == "user":
        import pwd
        assert report.isolation.startswith(f"user {pwd.getpwuid(layered.user['uid']).pw_name}")


def test_the_sandbox_account_cannot_enter_the_repository(layered):
    if layered.user is None:
        pytest.skip("no account switch in this configuration")
    mode = stat.S_IMODE(os.stat(REPOSITORY / "solutions").st_mode)
    assert mode & stat.S_IRWXO == 0
