"""What locating a gradient's mistake costs a submission, in seconds.

    .venv/bin/python benchmarks/localise.py [--repeat 5]

Grades, with one warm sandbox, a correct ps4 submission and three with a
wrong ``backward`` (the bias row of grad1 zeroed, a sum instead of a mean,
the gradients transposed), each with the probes of ``checks/localise.py``
and with them switched off, and prints the median seconds per submission.
A correct submission makes no probe run, so its two figures differ by noise
only; a wrong one pays one more sandbox run of seven small calls.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

from autograder.checks import localise
from autograder.grade.pipeline import Grader

REPO = Path(__file__).resolve().parent.parent
CORRECT = REPO / "tests" / "grade" / "alt_style" / "backprop.py"
WRONG = {
    "bias row of grad1 zeroed": "grad1 = grad1.copy()\n    grad1[-1] = 0.0",
    "summed over examples": "grad1, grad2 = grad1 * len(X), grad2 * len(X)",
    "transposed": "grad1, grad2 = grad1.T, grad2.T",
}
PATCH = '''

_right_backward = backward


def backward(X, y, theta1, theta2):
    grad1, grad2 = _right_backward(X, y, theta1, theta2)
    {change}
    return grad1, grad2
'''


def submissions(root: Path) -> dict[str, Path]:
    out = {}
    for name, change in {"correct": None, **WRONG}.items():
        folder = root / name.replace(" ", "_")
        folder.mkdir()
        source = CORRECT.read_text() + (PATCH.format(change=change) if change else "")
        (folder / "backprop.py").write_text(source)
        out[name] = folder
    return out


def timed(grader: Grader, folder: Path, repeat: int) -> float:
    seconds = []
    for _ in range(repeat):
        start = time.perf_counter()
        grader.grade_path(folder, "ps4_backprop")
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="localise-bench-"))
    try:
        folders = submissions(root)
        with Grader() as grader:
            for folder in folders.values():        # fill the caches first, untimed
                grader.grade_path(folder, "ps4_backprop")
            print(f"{'submission':<28} {'with probes':>12} {'without':>9} {'extra':>7}")
            for name, folder in folders.items():
                with_probes = timed(grader, folder, args.repeat)
                with mock.patch.object(localise, "explain", lambda *a, **k: None):
                    without = timed(grader, folder, args.repeat)
                print(f"{name:<28} {with_probes:>11.3f}s {without:>8.3f}s {with_probes - without:>+6.3f}s")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
