"""A synthetic class: an nbgrader course whose students handed in every assignment.

Submissions start from the notebooks nbgrader released (``source/`` ->
``nbgrader generate_assignment``) and fill each answer cell the way a student
would: with the reference answer (the source notebook's solution region), or
with a seeded mistake in one exercise function:

- buggy: ``wrong_sign`` (one + and - swapped), ``dropped_factor`` (one factor
  of a product left out), ``not_attempted`` (an answer cell left as released);
- hostile: ``infinite_loop``, ``memory_bomb``, ``sys_exit`` (the function's
  body replaced by one).

``make_class`` releases the assignments with nbgrader and enrolls the
students; ``hand_in`` then lays the submissions out as nbgrader expects
(``submitted/<student>/<assignment>/<notebook>.ipynb`` with ``timestamp.txt``)
and returns the manifest saying which submission is which.
"""

from __future__ import annotations

import ast
import csv
import json
import os
import random
import shutil
import subprocess
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import nbformat

REPO = Path(__file__).resolve().parent.parent
BUGGY = ("wrong_sign", "dropped_factor", "not_attempted")
HOSTILE = ("infinite_loop", "memory_bomb", "sys_exit")
KINDS = ("correct", *BUGGY, *HOSTILE)
BUGGY_SHARE, HOSTILE_SHARE = 0.25, 0.05
HOSTILE_BODIES = {
    "infinite_loop": "while True:\n    pass",
    "memory_bomb": "hog = []\nwhile True:\n    hog.append(b'x' * (64 * 2**20))",
    "sys_exit": "import sys\nsys.exit(1)",
}
TIMESTAMP = "2026-11-20 17:59:00.000000 UTC"


@dataclass(frozen=True)
class Submission:
    student: str
    assignment: str
    kind: str
    function: str = ""     # the exercise function the mistake is in ("" when correct)
    path: str = ""         # the notebook, relative to the course folder


def mix(count: int, rng: random.Random) -> list[str]:
    """Kinds for ``count`` submissions: mostly correct, some buggy, a few hostile.

    Shares are rounded, with at least one buggy and one hostile submission
    once there are three or more, so even a small class exercises each path.
    """
    hostile = max(round(count * HOSTILE_SHARE), 1 if count >= 3 else 0)
    buggy = max(round(count * BUGGY_SHARE), 1 if count >= 2 else 0)
    buggy = min(buggy, count - hostile)
    kinds = ([HOSTILE[i % len(HOSTILE)] for i in range(hostile)]
             + [BUGGY[i % len(BUGGY)] for i in range(buggy)]
             + ["correct"] * (count - hostile - buggy))
    rng.shuffle(kinds)
    return kinds


# ------------------------------------------------------------------ notebooks


def _grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def _is_answer(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and bool(meta.get("solution")) and not meta.get("grade")


def answer_text(source_cell) -> str:
    """The reference answer: the source cell without nbgrader's solution markers."""
    lines = source_cell["source"].splitlines()
    return "\n".join(line for line in lines if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))


def defined_functions(code: str) -> list[str]:
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    return [n.name for n in tree.body if isinstance(n, ast.FunctionDef)]


class _FlipSign(ast.NodeTransformer):
    """Turns the first subtraction into an addition (or, failing that, the reverse)."""

    def __init__(self, swap: tuple[type, type]):
        self.swap, self.done = swap, False

    def visit_BinOp(self, node):
        if not self.done and isinstance(node.op, self.swap[0]):
            self.done = True
            node.op = self.swap[1]()
        return self.generic_visit(node)


class _DropFactor(ast.NodeTransformer):
    """Replaces the first product ``a * b`` by ``b``: the factor ``a`` is forgotten."""

    done = False

    def visit_BinOp(self, node):
        if not self.done and isinstance(node.op, ast.Mult):
            self.done = True
            return self.generic_visit(node.right)
        return self.generic_visit(node)


def _body(function: ast.FunctionDef) -> list[ast.stmt]:
    has_doc = ast.get_docstring(function) is not None
    return function.body[1:] if has_doc else function.body


def mutate(code: str, function: str, kind: str) -> str:
    """``code`` with ``function`` changed as a student of ``kind`` would have it."""
    tree = ast.parse(code)
    target = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == function)
    docstring = target.body[:1] if ast.get_docstring(target) is not None else []
    if kind in HOSTILE_BODIES:
        target.body = docstring + ast.parse(HOSTILE_BODIES[kind]).body
    elif kind == "dropped_factor" and _apply(_DropFactor(), target):
        pass
    elif not (_apply(_FlipSign((ast.Sub, ast.Add)), target) or _apply(_FlipSign((ast.Add, ast.Sub)), target)):
        # Nothing to flip: negate what the function returns instead.
        for node in ast.walk(target):
            if isinstance(node, ast.Return) and node.value is not None:
                node.value = ast.UnaryOp(ast.USub(), node.value)
                break
    ast.fix_missing_locations(tree)
    lines = code.splitlines()
    first = min([target.lineno] + [d.lineno for d in target.decorator_list]) - 1
    return "\n".join(lines[:first] + ast.unparse(target).splitlines() + lines[target.end_lineno:])


def _apply(transformer, function: ast.FunctionDef) -> bool:
    for statement in _body(function):
        transformer.visit(statement)
    return transformer.done


def derive(release: dict, source: dict, kind: str, rng: random.Random) -> tuple[dict, str]:
    """A submission notebook of ``kind`` from the released one; returns (notebook, function)."""
    notebook = json.loads(json.dumps(release))
    answers = {_grade_id(c): answer_text(c) for c in source["cells"] if _is_answer(c)}
    cells = [c for c in notebook["cells"] if _is_answer(c) and _grade_id(c) in answers]
    for cell in cells:
        cell["source"] = answers[_grade_id(cell)]
    if kind == "correct":
        return notebook, ""
    candidates = [(cell, name) for cell in cells for name in defined_functions(cell["source"])]
    cell, function = rng.choice(candidates)
    if kind == "not_attempted":
        cell["source"] = next(c["source"] for c in release["cells"] if _grade_id(c) == _grade_id(cell))
    else:
        cell["source"] = mutate(cell["source"], function, kind)
    return notebook, function


# ------------------------------------------------------------------ the course


def nbgrader(course: Path, *args: str) -> None:
    """Run nbgrader in the course folder (its bin/ on PATH: it shells out to alembic)."""
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([str(Path(sys.executable).parent / "nbgrader"), *args], cwd=course, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def release_course(course: Path, assignments: list[str], students: list[str], source_dir: Path) -> None:
    """An nbgrader course with the assignments released and the students enrolled."""
    course.mkdir(parents=True, exist_ok=True)
    (course / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        "c.CourseDirectory.course_id = 'gd-backprop-synthetic'\n")
    for assignment in assignments:
        shutil.copytree(source_dir / assignment, course / "source" / assignment, dirs_exist_ok=True)
    roster = course / "students.csv"
    with roster.open("w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["id", "first_name", "last_name", "email"])
        for student in students:
            writer.writerow([student, "Student", student.upper(), f"{student}@example.edu"])
    nbgrader(course, "db", "student", "import", str(roster))
    for assignment in assignments:
        nbgrader(course, "generate_assignment", assignment, "--force")


def make_class(course: Path, students: int, seed: int = 0, assignments: list[str] | None = None,
               source_dir: Path = REPO / "source") -> list[Submission]:
    """Release the assignments into ``course`` and hand in every student's work."""
    from autograder.course import ASSIGNMENTS

    assignments = list(assignments or ASSIGNMENTS)
    ids = [f"s{i:03d}" for i in range(1, students + 1)]
    release_course(course, assignments, ids, source_dir)
    return hand_in(course, ids, assignments, seed)


def hand_in(course: Path, students: list[str], assignments: list[str], seed: int = 0) -> list[Submission]:
    """Every student's submission of every released assignment; writes ``manifest.json``."""
    rng = random.Random(seed)
    pairs = [(s, a) for s in students for a in assignments]
    manifest = []
    for (student, assignment), kind in zip(pairs, mix(len(pairs), rng)):
        for released in sorted((course / "release" / assignment).glob("*.ipynb")):
            source = nbformat.read(course / "source" / assignment / released.name, as_version=4)
            notebook, function = derive(nbformat.read(released, as_version=4), source, kind, rng)
            folder = course / "submitted" / student / assignment
            folder.mkdir(parents=True, exist_ok=True)
            nbformat.write(nbformat.from_dict(notebook), folder / released.name)
            (folder / "timestamp.txt").write_text(TIMESTAMP)
            manifest.append(Submission(student, assignment, kind, function,
                                       str((folder / released.name).relative_to(course))))
    (course / "manifest.json").write_text(json.dumps([asdict(s) for s in manifest], indent=1))
    return manifest
