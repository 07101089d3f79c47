"""What a student handed in, read without running any of it.

``load(path, assignment)`` accepts a folder, a notebook or ``.py`` files and
returns one ``Part`` per assignment to grade.  A part holds either a
``Program`` for the sandbox, or the reason there is nothing to run (a
notebook that is not JSON, a file that is not UTF-8, an empty file), in
words a student can act on.  Only an unreadable or missing path is an error
of the grader's (``SubmissionError``); everything else is graded.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from autograder.course import ASSIGNMENTS, MODULES, exercise_functions
from autograder.grade.notebook_code import CellSource, ModuleText, module_from_cells
from autograder.sandbox.protocol import Program

MAX_FILE_BYTES = 20 * 1024 * 1024


class SubmissionError(Exception):
    """The path cannot be read at all (the grader cannot run)."""


@dataclass
class Part:
    assignment: str
    program: Program | None = None
    problem: str = ""                      # why there is no program
    notes: list[str] = field(default_factory=list)
    notebook: ModuleText | None = None     # for naming cells in messages
    warnings: list[str] = field(default_factory=list)  # doubts worth a word on stderr too
    nothing_handed_in: bool = False        # no notebook or .py at all: ``problem`` says what was found


def load(path: Path, assignment: str | None = None) -> list[Part]:
    path = Path(path)
    if not path.exists():
        raise SubmissionError(f"{path}: no such file or directory")
    if assignment is not None and assignment not in ASSIGNMENTS:
        raise SubmissionError(f"unknown assignment {assignment!r}; expected one of {', '.join(ASSIGNMENTS)}")
    files = _candidate_files(path)
    notebooks = [f for f in files if f.suffix == ".ipynb"]
    modules = [f for f in files if f.suffix == ".py"]
    if not notebooks and not modules:
        problem = _nothing_gradable(path)
        return [Part(a, problem=problem, nothing_handed_in=True) for a in ([assignment] if assignment else ASSIGNMENTS)]
    if notebooks:
        parts = _from_notebooks(notebooks, assignment)
        if parts:
            return parts
    return _from_modules(modules, assignment)


def _candidate_files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    try:
        found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in (".py", ".ipynb")
                       and ".ipynb_checkpoints" not in p.parts and "__pycache__" not in p.parts)
    except OSError as exc:
        raise SubmissionError(f"{path}: cannot be read ({exc.strerror})") from exc
    return found


def _nothing_gradable(path: Path) -> str:
    """What was handed in instead of a notebook or module, in one line."""
    if path.is_file():
        return f"{path.name} is not a notebook (.ipynb) or an exercise module (.py); nothing could be graded"
    try:
        found = sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file())
    except OSError:
        found = []
    listed = ", ".join(found[:8]) + (f" and {len(found) - 8} more" if len(found) > 8 else "")
    return (f"No notebook (.ipynb) or exercise module (.py) was found in {path}; "
            f"found: {listed or 'nothing, the folder is empty'}")


def read_text(path: Path) -> tuple[str | None, str]:
    """(text, problem): the file as text, or why it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(data) > MAX_FILE_BYTES:
        return None, f"{path.name} is {len(data) // 1_000_000} MB; submissions are limited to {MAX_FILE_BYTES // 1_000_000} MB"
    if not data.strip():
        return None, f"{path.name} is empty"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        return None, (f"{path.name} is not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x}); "
                      "save it as UTF-8 and submit again")


# ------------------------------------------------------------------ notebooks


def _from_notebooks(notebooks: list[Path], assignment: str | None) -> list[Part]:
    read = [(nb, *_notebook_cells(nb)) for nb in notebooks]
    if assignment is None:
        guesses = {}
        for nb, cells, problem in read:
            guess = _guess_assignment(nb.stem, "\n".join(cells or []))
            if guess:
                guesses.setdefault(guess, (nb, cells, problem))
        if not guesses:
            if len(read) == 1 and read[0][2]:
                # One unreadable notebook: grade it against every assignment it may be.
                nb, _, problem = read[0]
                return [Part(a, problem=problem) for a in ASSIGNMENTS]
            return []
        chosen = guesses
    else:
        best = max(read, key=lambda r: _score(assignment, r[0].stem, "\n".join(r[1] or [])))
        chosen = {assignment: best}
    parts = []
    for name, (nb, cells, problem) in chosen.items():
        if problem:
            parts.append(Part(name, problem=problem))
            continue
        text = module_from_cells(cells, frozenset(exercise_functions(name)))
        program = Program(modules={ASSIGNMENTS[name]: text.source}, main=ASSIGNMENTS[name],
                          origin={ASSIGNMENTS[name]: nb.name})
        warning = looks_like_another(name, nb.name, "\n".join(cells)) if assignment else ""
        parts.append(Part(name, program=program, notes=list(text.problems), notebook=text,
                          warnings=[warning] if warning else []))
    return parts


def looks_like_another(assignment: str, file_name: str, text: str) -> str:
    """A warning when the functions a file defines are another assignment's
    rather than the one it is graded as ("" when they fit)."""
    defined = set(re.findall(r"^\s*def\s+(\w+)", text, flags=re.M))
    share = {a: len(defined & set(exercise_functions(a))) / len(exercise_functions(a)) for a in ASSIGNMENTS}
    likely = max(share, key=share.get)
    if likely == assignment or share[likely] <= share[assignment]:
        return ""
    theirs = [f for f in exercise_functions(likely) if f in defined]
    return (f"Warning: {file_name} looks like {likely}, not {assignment}: it defines "
            f"{_some(theirs)} ({likely}'s) and {_count_of(defined, assignment)} of the "
            f"{len(exercise_functions(assignment))} functions of {assignment}. It was graded as "
            f"{assignment}; was the right file submitted?")


def _some(names: list[str]) -> str:
    if len(names) > 4:
        return ", ".join(names[:4]) + f" and {len(names) - 4} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def _count_of(defined: set[str], assignment: str) -> str:
    count = len(defined & set(exercise_functions(assignment)))
    return "none" if count == 0 else str(count)


def _notebook_cells(path: Path) -> tuple[list[str] | None, str]:
    """Code cells of a notebook, or the reason it cannot be read."""
    text, problem = read_text(path)
    if problem:
        return None, problem
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, (f"{path.name} is not a valid notebook: its JSON is broken at line {exc.lineno}, "
                      f"column {exc.colno} ({exc.msg}). Open it in Jupyter or restore it from a checkpoint.")
    if not isinstance(raw, dict) or "cells" not in raw and "worksheets" not in raw:
        return None, f"{path.name} is JSON but not a Jupyter notebook (no cells)"
    major = raw.get("nbformat")
    if major != 4:
        # Old formats are rare; nbformat converts them (it is slow to import, so only here).
        import nbformat
        try:
            raw = nbformat.reads(text, as_version=4)
        except Exception as exc:  # nbformat raises several kinds for malformed files
            return None, f"{path.name} could not be read as a notebook (nbformat {major}): {exc}"[:400]
    cells = [cell_source(cell) for cell in raw.get("cells") or []
             if isinstance(cell, dict) and cell.get("cell_type") == "code"]
    return cells, ""


def cell_source(cell: dict) -> CellSource:
    """A notebook cell's source as one string (files store it as a list of lines
    or a string), with the execution count that messages name it by."""
    source = cell.get("source", "")
    text = CellSource("".join(map(str, source)) if isinstance(source, list) else str(source))
    text.execution_count = cell.get("execution_count")
    return text


# ------------------------------------------------------------------ modules


def _from_modules(modules: list[Path], assignment: str | None) -> list[Part]:
    texts: dict[str, str] = {}
    problems: dict[str, str] = {}
    file_names: dict[str, str] = {}
    for path in modules:
        name = _module_name(path.stem)
        file_names[name] = path.name
        text, problem = read_text(path)
        if problem:
            problems[name] = problem
        else:
            texts[name] = text
    texts = {name: _resolve_sibling_imports(text, set(texts)) for name, text in texts.items()}
    wanted = [assignment] if assignment else [MODULES[m] for m in MODULES if m in texts or m in problems]
    if not wanted:
        # Nothing named like an exercise module: use content, else grade every assignment.
        guesses = {a for name, text in texts.items() if (a := _guess_assignment(name, text))}
        wanted = sorted(guesses) or list(ASSIGNMENTS)
    parts = []
    for name in wanted:
        module = ASSIGNMENTS[name]
        if module not in texts and module not in problems and len(texts) + len(problems) == 1:
            # A single file under another name (``ps1.py``): it is the module.
            (only, text), = (texts | {k: None for k in problems}).items()
            file_names[module] = file_names.get(only, f"{module}.py")
            texts = {module: text} if text is not None else {}
            problems = {module: problems[only]} if only in problems else {}
        if module in problems:
            parts.append(Part(name, problem=problems[module]))
        elif module in texts:
            file_name = file_names.get(module, f"{module}.py")
            warning = looks_like_another(name, file_name, texts[module]) if assignment else ""
            parts.append(Part(name, program=Program(modules=dict(texts), main=module, origin={module: file_name}),
                              warnings=[warning] if warning else []))
        else:
            found = ", ".join(sorted(file_names.values())) or "no .py file"
            parts.append(Part(name, problem=f"no notebook or {module}.py was found in the submission (found: {found})"))
    return parts


def _resolve_sibling_imports(text: str, siblings: set[str]) -> str:
    """``from .derivatives import`` or ``from mypkg.derivatives import`` -> ``from derivatives import``.

    Students who keep their modules in a package (the reference does too)
    import siblings through it; in the sandbox the modules stand side by side.
    """
    def local(match: re.Match) -> str:
        return f"{match[1]}from {match[2]} import" if match[2] in siblings else match[0]
    return re.sub(r"^(\s*)from\s+(?:\.+|[\w.]+\.)(\w+)\s+import", local, text, flags=re.M)


def _module_name(stem: str) -> str:
    """'Derivatives (1)' -> 'derivatives': the names students' downloads get."""
    name = re.sub(r"[^a-z0-9_]+", "_", stem.strip().lower()).strip("_")
    for module in MODULES:
        if name.startswith(module):
            return module
    return name if name.isidentifier() else f"m_{name}"


def _score(assignment: str, stem: str, text: str) -> float:
    functions = exercise_functions(assignment)
    defined = set(re.findall(r"^\s*def\s+(\w+)", text, flags=re.M))
    named = assignment in stem.lower() or ASSIGNMENTS[assignment] in stem.lower()
    return len(defined & set(functions)) / len(functions) + (1.0 if named else 0.0)


def _guess_assignment(stem: str, text: str) -> str | None:
    scores = {a: _score(a, stem, text) for a in ASSIGNMENTS}
    best = max(scores, key=scores.get)
    return best if scores[best] > 0 else None
