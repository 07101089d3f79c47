"""The process reaper, tested on its own in a throwaway subreaper."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from sandbox_kit import alive

SCRIPT = textwrap.dedent("""
    import os, sys, time, signal, json
    sys.path.insert(0, sys.argv[1])
    import cleanup
    cleanup.become_subreaper()
    pids = []
    for _ in range(3):
        pid = os.fork()
        if pid == 0:
            os.setsid()
            if os.fork():          # the middle process exits: its child is orphaned to us
                os._exit(0)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            time.sleep(1000)
        pids.append(pid)
    time.sleep(0.2)
    def running(pid):
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    found = [p for p in cleanup.descendants(os.getpid()) if running(p)]
    rounds = cleanup.kill_descendants(os.getpid())
    print(json.dumps({"found": found, "pids": pids, "left": cleanup.descendants(os.getpid())}))
""")


def test_kill_descendants_reaches_orphans_in_new_sessions():
    here = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(__file__))), "autograder", "sandbox", "inside")
    out = subprocess.run([sys.executable, "-c", SCRIPT, here], capture_output=True, text=True, timeout=60)
    import json
    result = json.loads(out.stdout)
    assert len(result["found"]) == 3           # the three orphaned sleepers, re-parented to the subreaper
    assert not set(result["found"]) & set(result["pids"])  # not our own children: escaped grandchildren
    assert result["left"] == []
    assert not any(alive(p) for p in result["found"])
