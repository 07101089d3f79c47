"""How fast is a warm sandbox?  ``python benchmarks/warm_sandbox.py [N]``

Prints the zygote's start time and memory, then the time per submission of
a trivial ten-function program (one call each) through the warm sandbox:
wall-clock time, and the CPU time the zygote and all its processes used
(less sensitive to a busy machine).
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from autograder.sandbox import Call, Limits, Program, Sandbox

TRIVIAL = "\n".join(f"def f{i}(x):\n    return x + {i}\n" for i in range(10))


def measure(submissions: int = 50) -> dict:
    plan = {f"f{i}": [Call(f"f{i}", (1.0,))] for i in range(10)}
    program = Program({"trivial": TRIVIAL}, "trivial")
    started = time.perf_counter()
    with Sandbox(limits=Limits()) as sandbox:
        start_seconds = time.perf_counter() - started
        info = dict(sandbox.info)
        with open(f"/proc/{sandbox.info['pid']}/status") as status:
            rss = next(int(line.split()[1]) / 1024 for line in status if line.startswith("VmRSS:"))
        times, cpu = [], []
        for _ in range(submissions):
            t, c = time.perf_counter(), _cpu_seconds(sandbox.info["pid"])
            report = sandbox.run(program, plan)
            times.append(time.perf_counter() - t)
            cpu.append(_cpu_seconds(sandbox.info["pid"]) - c)
            if not all(run.status == "ok" for run in report.functions.values()):
                raise RuntimeError(f"the trivial program failed: {report}")
    return {"start_seconds": start_seconds, "zygote_vm_mb": info["memory_mb"],
            "zygote_rss_mb": rss, "memory_limit_mb": Limits().memory_mb,
            "median_ms": 1000 * statistics.median(times), "max_ms": 1000 * max(times),
            "cpu_ms": 1000 * statistics.median(cpu),
            "submissions": submissions, "isolation": report.isolation}


def _cpu_seconds(pid: int) -> float:
    """utime + stime of a process and of all the children it has waited for."""
    with open(f"/proc/{pid}/stat", "rb") as f:
        fields = f.read().rsplit(b")", 1)[1].split()
    return sum(int(v) for v in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def main(argv=None) -> int:
    n = int((argv or sys.argv[1:] or ["50"])[0])
    r = measure(n)
    print(f"zygote start: {r['start_seconds']:.2f} s; memory: {r['zygote_vm_mb']:.0f} MB address space "
          f"(limit {r['memory_limit_mb']} MB), {r['zygote_rss_mb']:.0f} MB resident")
    print(f"{r['submissions']} submissions of 10 trivial functions ({r['isolation']}): "
          f"median {r['median_ms']:.1f} ms, max {r['max_ms']:.1f} ms; CPU {r['cpu_ms']:.1f} ms per submission")
    return 0


if __name__ == "__main__":
    sys.exit(main())
