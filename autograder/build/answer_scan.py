"""No exercise's answer is printed in its own problem set's release.

An exercise that asks for an expression (a derivative by hand, a central
difference, a gradient, the deltas of backpropagation) must not find that
expression in the text the student receives with it: narrative, docstrings,
hints, self-check cases.  ``ASKED`` lists, per exercise, the usual ways of
writing its answer in Python and in LaTeX; lines are compared with white
space and LaTeX spacing removed.  A later problem set may restate an
earlier one's answers (ps3 builds on ps1's sigmoid slope), so each list is
looked for only in its own assignment's folder, and in ``exercises/``,
which holds every problem set at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from autograder.build.leak_scan import text_lines
from autograder.course import ASSIGNMENTS

ASKED = {
    "df": ("4*x**3-9*x**2", "4x^3-9x^2", "4*x^3-9*x^2", "4x^{3}-9x^{2}", "x**2*(4*x-9)", "x^2(4x-9)"),
    "dparabola": ("2*(x-3)", "2(x-3)", "2*x-6", "2x-6"),
    "sigmoid_derivative": ("s*(1-s)", "s(1-s)", "s*(1.0-s)", "s-s**2", "s-s^2"),
    "numerical_derivative": ("(func(x+h)-func(x-h))/(2*h)", "(f(x+h)-f(x-h))/(2*h)", "(f(x+h)-f(x-h))/(2h)",
                             "\\frac{f(x+h)-f(x-h)}{2h}"),
    "mse_gradient": ("(2/m)*X.T@", "2/m*X.T@", "\\frac{2}{m}X^T", "\\frac{2}{m}\\sum_i(h_i-y_i)h_i(1-h_i)x_{ij}",
                     "X.T@((h-y)*h*(1-h))"),
    "cross_entropy_gradient": ("X.T@(h-y)", "X^T(h-y)", "\\frac{1}{m}X^T(h-y)", "\\frac{1}{m}\\sum_i(h_i-y_i)x_{ij}"),
    # grad2's product may be derived in the narrative by matching shapes; the deltas and grad1 may not.
    "backward": ("delta3=a3-y", "\\delta_3=a_3-y", "a1.T@delta2", "a_1^T\\delta_2", "delta2=(delta3@",
                 "\\delta_2=(\\delta_3"),
}
_NOISE = ("\\left", "\\right", "\\,", "\\;", "\\!", "$", "`")


@dataclass(frozen=True)
class Given:
    path: str
    line: int
    function: str
    form: str

    def __str__(self):
        return f"{self.path}:{self.line}: the answer of {self.function} ({self.form})"


def normal(text: str) -> str:
    for noise in _NOISE:
        text = text.replace(noise, "")
    return "".join(text.split())


def scan_folder(folder: Path, functions, base: Path | None = None) -> list[Given]:
    forms = [(f, form, normal(form)) for f in functions for form in ASKED.get(f, ())]
    found = []
    for path in sorted(p for p in Path(folder).rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        name = str(path.relative_to(base)) if base else str(path)
        for number, line in enumerate(text_lines(path), start=1):
            flat = normal(line)
            found += [Given(name, number, f, form) for f, form, n in forms if n in flat]
    return found


def scan_release(release: Path, exercises: Path | None = None, functions_of=None) -> list[Given]:
    """Every answer given away: ``release/<assignment>/`` against that assignment's exercises."""
    from autograder.course import exercise_functions

    functions_of = functions_of or exercise_functions
    found = []
    for assignment in ASSIGNMENTS:
        if (Path(release) / assignment).is_dir():
            found += scan_folder(Path(release) / assignment, functions_of(assignment), base=Path(release))
    if exercises is not None:
        every = [f for a in ASSIGNMENTS for f in functions_of(a)]
        found += scan_folder(exercises, every, base=Path(exercises).parent)
    return found
