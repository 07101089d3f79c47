"""The floor: what one submission costs with no grading around it.

Run as a bare subprocess per submission: it reads ``{"modules": {name: source},
"main": name, "functions": [...], "seconds": s, "memory_mb": m}`` on stdin,
imports NumPy, SymPy and Matplotlib (a warm grader has them already), then starts the
clock, executes the student's code and calls each exercise function once on a
small input, and prints ``{"seconds": ...}``.  Statements run one at a time,
errors skipped, as the sandbox loads a notebook.  Hostile code is held to the
same limits the sandbox uses: a loop costs the time limit, a memory bomb
meets the memory limit, ``sys.exit`` is caught.
"""

from __future__ import annotations

import ast
import io
import json
import os
import resource
import signal
import sys
import time
import types

os.environ.setdefault("MPLBACKEND", "Agg")

import matplotlib.pyplot  # noqa: E402,F401  (imported before the clock starts, as in a warm grader)
import numpy as np  # noqa: E402
import sympy  # noqa: E402,F401

XOR = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_Y = np.array([[0], [1], [1], [0]], dtype=float)
THETA1 = np.array([[0.5, -0.4, 0.3], [-0.2, 0.6, -0.7], [0.1, 0.1, -0.1]])
THETA2 = np.array([[0.7], [-0.5], [0.4], [0.05]])
X1 = np.array([[0.1], [0.25], [0.5], [0.75], [1.0]])
Y1 = np.zeros((5, 1))
W1 = np.array([[5.0]])
GRID = np.linspace(-1.0, 1.0, 3)

# One small call per exercise function (arguments built fresh for every call).
INPUTS = {
    "f": lambda: (1.5,),
    "df": lambda: (1.5,),
    "parabola": lambda: (1.5,),
    "dparabola": lambda: (1.5,),
    "sigmoid": lambda: (np.array([-2.0, 0.0, 2.0]),),
    "sigmoid_derivative": lambda: (np.array([0.2, 0.5, 0.8]),),
    "numerical_derivative": lambda: (lambda x: x**3, 2.0),
    "f_prime_expr": lambda: (),
    "sigmoid_prime_expr": lambda: (),
    "critical_points": lambda: (),
    "gradient_descent": lambda: (lambda x: 2 * (x - 3), 1.0, 0.05, 25),
    "minimize": lambda: (lambda x: 4 * x**3 - 9 * x**2, 4.0, 0.01, 1e-5),
    "mse": lambda: (np.full((5, 1), 0.3), Y1.copy()),
    "cross_entropy": lambda: (np.full((5, 1), 0.3), Y1.copy()),
    "neuron": lambda: (X1.copy(), W1.copy()),
    "mse_gradient": lambda: (X1.copy(), Y1.copy(), W1.copy()),
    "cross_entropy_gradient": lambda: (X1.copy(), Y1.copy(), W1.copy()),
    "train_neuron": lambda: (X1.copy(), Y1.copy(), W1.copy(), 0.5, 10),
    "cost_surface": lambda: (np.array([[0.0, 1.0], [1.0, 1.0]]), np.array([[1.0], [0.0]]), GRID, GRID),
    "add_bias": lambda: (XOR.copy(),),
    "forward": lambda: (XOR.copy(), THETA1.copy(), THETA2.copy()),
    "backward": lambda: (XOR.copy(), XOR_Y.copy(), THETA1.copy(), THETA2.copy()),
    "numerical_gradient": lambda: (lambda t: float(np.sum(t**2)), THETA2.copy()),
    "train": lambda: (XOR.copy(), XOR_Y.copy(), THETA1.copy(), THETA2.copy(), 0.5, 10),
    "predict": lambda: (XOR.copy(), THETA1.copy(), THETA2.copy()),
    "trask_errors": lambda: (0.001, 100, 10),
}


def _statements(source: str, name: str) -> list:
    try:
        return ast.parse(source, f"<{name}>").body
    except SyntaxError:
        return []


class _OutOfTime(BaseException):
    pass


def _alarm(signum, frame):
    raise _OutOfTime


def run(job: dict) -> dict:
    resource.setrlimit(resource.RLIMIT_AS, (job["memory_mb"] * 2**20,) * 2)
    signal.signal(signal.SIGALRM, _alarm)
    start = time.perf_counter()
    for name, source in sorted(job["modules"].items(), key=lambda item: item[0] == job["main"]):
        module = types.ModuleType(name)
        sys.modules[name] = module
        signal.setitimer(signal.ITIMER_REAL, job["seconds_to_load"])
        try:
            # One statement at a time, as a notebook runs cell after cell: a
            # failing import does not stop the functions below it being defined.
            for statement in _statements(source, name):
                try:
                    exec(compile(ast.Module([statement], []), f"<{name}>", "exec"), module.__dict__)
                except Exception:
                    pass
        except BaseException:
            pass
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    main = sys.modules[job["main"]]
    untested = []
    for function in job["functions"]:
        if function not in INPUTS:
            untested.append(function)
            continue
        signal.setitimer(signal.ITIMER_REAL, job["seconds"])
        try:
            getattr(main, function)(*INPUTS[function]())
        except BaseException:
            pass  # a missing function, a stub, an error, a loop cut short, an exit: all cost what they cost
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    return {"seconds": time.perf_counter() - start, "untested": untested}


if __name__ == "__main__":
    job = json.load(sys.stdin)
    sys.stdout = io.StringIO()  # what the student prints is not our answer
    result = run(job)
    sys.__stdout__.write(json.dumps(result) + "\n")
