"""Every generated file, as {path relative to the repo root: text}.

Generated trees (``exercises/`` and ``source/``) belong to the build
entirely: ``write`` removes files there that it did not produce, and
``differences`` reports them, so a deleted exercise cannot linger.
"""

from __future__ import annotations

from pathlib import Path

from autograder.build.docstrings import DOCSTRINGS, student_docstrings
from autograder.build.notebook import NotebookBuilder
from autograder.build.points import points
from autograder.build.reference import load
from autograder.build.selfcheck_files import imported_names, keep_only
from autograder.build.stated import contract_problems
from autograder.build.stubs import render_stub
from autograder.build.template import parse
from autograder.grade import described
from autograder.course import ASSIGNMENTS

GENERATED_DIRS = ("exercises", "source")
STUDENT_FILES = ("selfcheck.py", "selfcheck_cases.py", "selfcheck_hints.py")  # copied from course/ beside notebooks and stubs
FILTERED = ("selfcheck_cases.py", "selfcheck_hints.py")   # a notebook's copy keeps its own functions' entries
IGNORED_PARTS = {"__pycache__", ".ipynb_checkpoints"}


def render(root: Path) -> dict[str, str]:
    root = Path(root)
    modules = {module: load(root / "solutions" / f"{module}.py") for module in ASSIGNMENTS.values()}
    notes = student_docstrings(root / DOCSTRINGS)
    problems = contract_problems([described.tests_of(a) for a in ASSIGNMENTS], notes)
    if problems:
        raise ValueError("the hidden tests and the docstrings disagree:\n  " + "\n  ".join(problems))
    helpers = {name: (root / "course" / name).read_text(encoding="utf-8") for name in STUDENT_FILES}
    roots = imported_names(helpers["selfcheck.py"])
    files: dict[str, str] = {}
    for assignment, module in ASSIGNMENTS.items():
        files[f"exercises/{module}.py"] = render_stub(modules[module], notes.get(module, {}))
        template_path = root / "course" / "notebooks" / f"{assignment}.md"
        blocks = parse(template_path.read_text(encoding="utf-8"), template_path.name)
        builder = NotebookBuilder(assignment, modules, notes, points(assignment))
        files[f"source/{assignment}/{assignment}.ipynb"] = builder.build(blocks, module)
        used = {b.args[0].rpartition(".")[2] for b in blocks if b.kind in ("exercise", "carry")}
        for name, text in helpers.items():
            own = keep_only(text, used, {module}, roots) if name in FILTERED else text
            files[f"source/{assignment}/{name}"] = own
    for name, text in helpers.items():
        files[f"exercises/{name}"] = text
    return dict(sorted(files.items()))


def existing(root: Path) -> set[str]:
    found = set()
    for top in GENERATED_DIRS:
        for path in (Path(root) / top).rglob("*"):
            if path.is_file() and not IGNORED_PARTS & set(path.parts):
                found.add(path.relative_to(root).as_posix())
    return found


def differences(root: Path, files: dict[str, str]) -> list[str]:
    """Paths whose committed text differs from a fresh build, or that should not exist."""
    root = Path(root)
    changed = [rel for rel, text in files.items()
               if not (root / rel).is_file() or (root / rel).read_text(encoding="utf-8") != text]
    return sorted(changed + sorted(existing(root) - set(files)))


def write(root: Path, files: dict[str, str]) -> list[str]:
    """Write the build into root; return the paths that changed."""
    root = Path(root)
    changed = differences(root, files)
    for rel in existing(root) - set(files):
        (root / rel).unlink()
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return changed
