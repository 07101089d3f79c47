"""A small, made-up class of students, built from the released notebooks.

Each student is a persona: what they did to each answer cell.  The solved
cells come from the source notebook (the reference, solution markers
removed); the untouched cells stay as released.  Everything is
deterministic, so the demo prints the same grades every time.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

TIMESTAMP = "2026-11-20 17:00:00.000000 UTC"

# Wrong answers a real class produces, written as students would.
BUGGY = {
    "mse_gradient": (
        "def mse_gradient(X, y, w):\n"
        "    # straight from the tutorial: error times the sigmoid's slope\n"
        "    h = neuron(X, w)\n"
        "    return np.sum((h - y) * h * (1 - h), axis=0, keepdims=True)\n"
    ),
    "gradient_descent": (
        "def gradient_descent(grad, x0, learning_rate, max_iters):\n"
        "    xs = [x0]\n"
        "    for _ in range(max_iters):\n"
        "        xs.append(xs[-1] + learning_rate * grad(xs[-1]))\n"
        "    return xs\n"
    ),
    "sigmoid_derivative": (
        "def sigmoid_derivative(s):\n"
        "    return sigmoid(s) * (1 - sigmoid(s))\n"
    ),
    "add_bias": (
        "def add_bias(A):\n"
        "    return np.hstack([np.ones((A.shape[0], 1)), A])\n"
    ),
}

HOSTILE = {
    "df": "def df(x):\n    while True:\n        pass\n",
    "dparabola": "def dparabola(x):\n    return open('../../solutions/derivatives.py').read()\n",
    "minimize": "def minimize(grad, x0, learning_rate, precision, max_iters=10_000):\n    import os\n    os._exit(0)\n",
    "mse": "def mse(y_hat, y):\n    print('x' * 10_000_000)\n    return 0.0\n",
    "forward": "def forward(X, theta1, theta2):\n    return [0] * 10**10\n",
}

# What each persona types into a written answer; the others leave it as
# released, which nbgrader scores 0 at once instead of asking a grader.
WRITTEN = {
    "ada": "The plots show the effect I describe: small rates crawl, large ones overshoot or diverge.",
    "cy": "I think a bigger learning rate is always better because it goes faster.",
    "dee": "<script>alert('graded')</script>",
}

# Slips the catalogue does not know, made by fay; gus hands in fay's work
# with the names and comments changed (the report's similarity section).
SLIPS = {
    "df": "def df(x):\n    # power rule, plus the constant\n    slope = 4 * x**3 - 9 * x**2 + 1\n    return slope\n",
    "mse_gradient": (
        "def mse_gradient(X, y, w):\n"
        "    X = np.asarray(X, dtype=float)\n"
        "    m = X.shape[0]\n"
        "    out = neuron(X, w)\n"
        "    err = out - y\n"
        "    g = (2 / m) * X.T @ (err * out * (1 - out))\n"
        "    return g + 0.01 * w\n"
    ),
}
COPY_NAMES = {"slope": "d", "out": "pred", "err": "resid", "g": "grad", "m": "n"}


def renamed_copy(text: str) -> str:
    """The same code with other identifiers and comments, as a copier disguises it."""
    text = re.sub(r"#.*", "# my derivation", text)
    for old, new in COPY_NAMES.items():
        text = re.sub(rf"\b{old}\b", new, text)
    return text


PERSONAS = {
    "ada": "solves everything",
    "ben": "hands in the released notebooks untouched",
    "cy": "makes the mistakes a beginner makes",
    "dee": "tries to break the grader",
    "eve": "solves the first half of each notebook",
    "fay": "makes slips the catalogue does not know",
    "gus": "hands in fay's work with the names changed",
}


def answer_cells(nb) -> dict[str, int]:
    """Function name -> index of the code cell that defines it in a solution cell."""
    found = {}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and cell.metadata.get("nbgrader", {}).get("solution"):
            for name in re.findall(r"^def (\w+)\(", cell.source, flags=re.M):
                found.setdefault(name, i)
    return found


def solved(source_cell: str) -> str:
    """The reference cell as a student who solved it would have it."""
    lines = [line for line in source_cell.splitlines()
             if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION")]
    return "\n".join(lines)


def student_notebook(persona: str, source_nb, release_nb):
    nb = nbformat.from_dict(release_nb)
    source_cells = answer_cells(source_nb)
    release_cells = answer_cells(nb)
    names = list(release_cells)
    for k, name in enumerate(names):
        i = release_cells[name]
        reference = solved(source_nb.cells[source_cells[name]].source) if name in source_cells else None
        if persona == "ben" or reference is None:
            continue
        if persona == "eve" and k >= len(names) / 2:
            continue
        text = reference
        if persona == "cy" and name in BUGGY:
            text = _replace_function(reference, name, BUGGY[name])
        if persona in ("fay", "gus") and name in SLIPS:
            slip = SLIPS[name] if persona == "fay" else renamed_copy(SLIPS[name])
            text = _replace_function(reference, name, slip)
        if persona == "dee" and name in HOSTILE:
            text = _replace_function(reference, name, HOSTILE[name])
        nb.cells[i].source = text
    if persona in WRITTEN:
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader", {})
            if cell.cell_type == "markdown" and meta.get("grade") and meta.get("solution"):
                cell.source = WRITTEN[persona]
    return nb


def _replace_function(cell: str, name: str, new: str) -> str:
    """Swap one function definition in a cell for another text."""
    pattern = re.compile(rf"^def {name}\(.*?(?=^\S|\Z)", flags=re.M | re.S)
    return pattern.sub(lambda _: new + "\n", cell, count=1)


def write_class(course: Path, assignments: list[str]) -> list[str]:
    """Write submitted/<student>/<assignment>/ for every persona; return the students."""
    for assignment in assignments:
        source_nb = nbformat.read(course / "source" / assignment / f"{assignment}.ipynb", as_version=4)
        release_dir = course / "release" / assignment
        release_nb = nbformat.read(release_dir / f"{assignment}.ipynb", as_version=4)
        for persona in PERSONAS:
            folder = course / "submitted" / persona / assignment
            folder.mkdir(parents=True, exist_ok=True)
            for extra in release_dir.iterdir():
                if extra.suffix != ".ipynb" and extra.is_file():
                    (folder / extra.name).write_bytes(extra.read_bytes())
            nbformat.write(student_notebook(persona, source_nb, release_nb), folder / f"{assignment}.ipynb")
            (folder / "timestamp.txt").write_text(TIMESTAMP, encoding="utf-8")
    return list(PERSONAS)
