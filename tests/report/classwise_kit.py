"""A synthetic problem-set-3 class for the class-wide sections, graded through the real pipeline.

Everyone hands in the reference module with ``mse`` and ``mse_gradient`` in
their own words:

* ``ind1``..``ind4`` solve both, each in a style of their own;
* ``orig`` adds a stray ``0.01 * w`` to the gradient (a bug nobody else makes);
  ``ren`` is ``orig``'s file with every identifier and comment changed;
  ``reo`` is ``orig``'s file with independent statements swapped;
* ``slip1`` and ``slip2`` make the same uncatalogued slip (``1 + h`` for the
  sigmoid's slope), each written their own way;
* ``dbl1`` and ``dbl2`` each return twice the gradient, written differently;
* ``known`` makes a catalogued mistake (a sum instead of a mean).
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

from autograder.grade.pipeline import Grader
from devtools.mutation import submission
from autograder.results.record import Record, Records

ASSIGNMENT = "ps3_cost_functions"
MODULE = "cost_functions"

MSE = {
    "ind1": "def mse(y_hat, y):\n    err = np.asarray(y_hat) - np.asarray(y)\n    return float(np.mean(err * err))\n",
    "ind2": ("def mse(y_hat, y):\n    total = 0.0\n    flat_p = np.ravel(y_hat)\n    flat_t = np.ravel(y)\n"
             "    for p, t in zip(flat_p, flat_t):\n        total += (p - t) ** 2\n    return float(total / len(flat_p))\n"),
    "ind3": "def mse(y_hat, y):\n    return float(((np.array(y_hat, dtype=float) - y) ** 2).sum() / np.size(y))\n",
    "ind4": "def mse(y_hat, y):\n    d = np.subtract(y_hat, y)\n    return float(np.average(np.square(d)))\n",
    "orig": ("def mse(y_hat, y):\n    # mean of squared errors\n    diff = np.asarray(y_hat, dtype=float) - np.asarray(y, dtype=float)\n"
             "    sq = diff ** 2\n    count = sq.size\n    return float(sq.sum() / count)\n"),
}

GRADIENT = {
    "ind1": ("def mse_gradient(X, y, w):\n    X = np.asarray(X)\n    h = neuron(X, w)\n"
             "    return 2 * X.T @ ((h - y) * h * (1 - h)) / X.shape[0]\n"),
    "ind2": ("def mse_gradient(X, y, w):\n    X = np.asarray(X, dtype=float)\n    out = np.zeros((X.shape[1], 1))\n"
             "    for i in range(X.shape[0]):\n        h = neuron(X[i:i + 1], w)[0, 0]\n"
             "        out[:, 0] += 2 * (h - y[i, 0]) * h * (1 - h) * X[i]\n    return out / X.shape[0]\n"),
    "ind3": ("def mse_gradient(X, y, w):\n    z = np.asarray(X) @ w\n    s = sigmoid(z)\n    delta = (s - y) * s * (1.0 - s)\n"
             "    return (2.0 / len(z)) * (np.asarray(X).T @ delta)\n"),
    "ind4": ("def mse_gradient(X, y, w):\n    m = len(X)\n    yh = neuron(X, w)\n    slope = yh - yh ** 2\n"
             "    return np.dot(np.transpose(X), 2 * (yh - y) * slope) / m\n"),
    "orig": ("def mse_gradient(X, y, w):\n    # chain rule, then a little extra\n    X = np.asarray(X, dtype=float)\n"
             "    m = X.shape[0]\n    out = neuron(X, w)\n    err = out - y\n    local = out * (1 - out)\n"
             "    g = (2 / m) * X.T @ (err * local)\n    return g + 0.01 * w\n"),
    "slip1": ("def mse_gradient(X, y, w):\n    h = neuron(X, w)\n"
              "    return 2 * np.asarray(X).T @ ((h - y) * h * (1 + h)) / len(X)\n"),
    "slip2": ("def mse_gradient(X, y, w):\n    X = np.asarray(X, dtype=float)\n    g = np.zeros_like(np.asarray(w, dtype=float))\n"
              "    for row, target in zip(X, np.asarray(y, dtype=float)):\n        a = sigmoid(row @ w)\n"
              "        g += 2 * ((a - target) * a * (1 + a)).item() * row.reshape(-1, 1)\n    return g / len(X)\n"),
    "dbl1": ("def mse_gradient(X, y, w):\n    h = neuron(X, w)\n"
             "    return 4 * np.asarray(X).T @ ((h - y) * h * (1 - h)) / len(X)\n"),
    "dbl2": ("def mse_gradient(X, y, w):\n    X = np.asarray(X)\n    a = neuron(X, w)\n    r = (a - y) * a * (1 - a)\n"
             "    return (X.T @ r) * (4.0 / X.shape[0])\n"),
    "known": ("def mse_gradient(X, y, w):\n    h = neuron(X, w)\n"
              "    return 2 * np.asarray(X).T @ ((h - y) * h * (1 - h))\n"),
}

RENAMES = {"diff": "delta_v", "sq": "squares", "count": "n_items", "m": "n_rows", "out": "pred", "err": "resid",
           "local": "slope_v", "g": "grad_v"}


def renamed(text: str) -> str:
    import re
    text = re.sub(r"#.*", "# my own words", text)
    for old, new in RENAMES.items():
        text = re.sub(rf"\b{old}\b", new, text)
    return text


def reordered(text: str) -> str:
    """Swap two pairs of statements that do not depend on each other."""
    lines = text.splitlines()
    for first in ("    m = X.shape[0]", "    err = out - y"):
        i = lines.index(first)
        lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return "\n".join(lines) + "\n"


def sources() -> dict[str, str]:
    base = submission.reference_source(MODULE)
    out = {}
    for student in ["ind1", "ind2", "ind3", "ind4", "orig", "slip1", "slip2", "dbl1", "dbl2", "known"]:
        text = submission.replace_function(base, "mse_gradient", GRADIENT[student])
        text = submission.replace_function(text, "mse", MSE.get(student, MSE["ind1"]))
        out[student] = text
    out["ren"] = out["orig"].replace(MSE["orig"], renamed(MSE["orig"])).replace(
        GRADIENT["orig"], renamed(GRADIENT["orig"]))
    out["reo"] = out["orig"].replace(GRADIENT["orig"], reordered(GRADIENT["orig"]))
    return out


@cache
def graded() -> tuple[Records, dict[str, str]]:
    """The class graded once per process (about half a minute), in a folder of its own."""
    return grade_class(Path(tempfile.mkdtemp(prefix="classwise-")))


def grade_class(folder: Path) -> tuple[Records, dict[str, str]]:
    """Every student's record, graded by one warm grader, and their sources."""
    texts = sources()
    records = Records(ASSIGNMENT)
    with Grader() as grader:
        for student, text in texts.items():
            path = submission.write(folder / student, MODULE, submission.as_student(text))
            result = grader.grade_path(path, ASSIGNMENT)
            records.by_student[student] = Record(student, ASSIGNMENT, result, path)
    return records, {s: submission.as_student(t) for s, t in texts.items()}
