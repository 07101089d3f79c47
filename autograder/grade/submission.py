"""What a student handed in, read without running any of it.

``load(path, assignment)`` accepts a folder, a notebook, ``.py`` files or a
``.zip`` of them and returns one ``Part`` per assignment to grade.  A part
holds either a ``Program`` for the sandbox, or the reason there is nothing
to run (a notebook that is not JSON, a file that is not UTF-8, an empty
file, too much code), in words a student can act on.  Only an unreadable or
missing path is an error of the grader's (``SubmissionError``); everything
else is graded.

Every way of grading reads files through this module, so that one file gets
one verdict whichever command reads it: ``read_notebook`` (the batch command
and the nbgrader hook read notebooks with it too), ``code_problem`` (the size
limit, measured on the code that would run, never on stored outputs, so a
notebook full of figures is graded like the same notebook without them) and
``unpacked`` (zip files, opened safely).
"""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from autograder.course import ASSIGNMENTS, MODULES, exercise_functions
from autograder.grade.notebook_code import CellSource, ModuleText, module_from_cells
from autograder.sandbox.protocol import Program

# The code that would run: a .py file, or a notebook's code cells.  Far above
# anything written by hand; a notebook's stored outputs do not count.
MAX_CODE_BYTES = 5 * 1024 * 1024
# What is read into memory at all, per file and per zip (unpacked): well above
# the code limit, so that outputs and figures never decide a grade, and below
# what a grading container's memory (768 MB on Gradescope) can parse.
MAX_READ_BYTES = 128 * 1024 * 1024
MAX_ZIP_ENTRIES = 1000
_MB = 1024 * 1024


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
    with unpacked(path) as (folder, zip_notes):
        parts = _load(folder, assignment, shown=path)
    for part in parts:
        part.notes[:0] = zip_notes
        if zip_notes and part.nothing_handed_in:
            part.problem = " ".join([*zip_notes, part.problem])
    return parts


def _load(path: Path, assignment: str | None, shown: Path) -> list[Part]:
    files = _candidate_files(path)
    notebooks = [f for f in files if f.suffix == ".ipynb"]
    modules = [f for f in files if f.suffix == ".py"]
    if not notebooks and not modules:
        problem = _nothing_gradable(path, shown)
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


def _nothing_gradable(path: Path, shown: Path) -> str:
    """What was handed in instead of a notebook or module, in one line."""
    if shown.is_file() and shown.suffix.lower() != ".zip":
        return f"{shown.name} is not a notebook (.ipynb) or an exercise module (.py); nothing could be graded"
    try:
        found = sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file())
    except OSError:
        found = []
    listed = ", ".join(found[:8]) + (f" and {len(found) - 8} more" if len(found) > 8 else "")
    return (f"No notebook (.ipynb) or exercise module (.py) was found in {shown}; "
            f"found: {listed or 'nothing, the folder is empty'}")


def read_text(path: Path) -> tuple[str | None, str]:
    """(text, problem): the file as text, or why it cannot be used.

    Only the read cap applies here; the code limit is ``code_problem``'s,
    applied to what would run."""
    try:
        size = path.stat().st_size
        if size > MAX_READ_BYTES:
            return None, (f"{path.name} is {size / _MB:.0f} MB; files larger than "
                          f"{MAX_READ_BYTES // _MB} MB are not read (clear the notebook's outputs and submit again)")
        data = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not data.strip():
        return None, f"{path.name} is empty"
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        return None, (f"{path.name} is not UTF-8 text (byte {exc.start} is 0x{data[exc.start]:02x}); "
                      "save it as UTF-8 and submit again")


def code_problem(name: str, sources: list[str]) -> str:
    """Why this code is too large to grade ("" when it is not): the one limit
    every path applies, on the code only."""
    size = sum(len(s.encode("utf-8", "surrogatepass")) for s in sources)
    if size <= MAX_CODE_BYTES:
        return ""
    return (f"{name} holds {size / _MB:.1f} MB of code; submissions are limited to "
            f"{MAX_CODE_BYTES // _MB} MB of code (outputs do not count)")


@dataclass
class NotebookFile:
    """A notebook read from disk: its text (for nbformat), JSON and code cells."""

    text: str
    raw: dict
    cells: list[CellSource]


def read_notebook(path: Path) -> tuple[NotebookFile | None, str]:
    """The notebook at ``path``, or the reason it cannot be graded (read cap,
    encoding, JSON, too much code).  ``SubmissionError`` if it cannot be read."""
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
    too_big = code_problem(path.name, cells)
    if too_big:
        return None, too_big
    return NotebookFile(text, raw, cells), ""


# ------------------------------------------------------------------ zip files


@contextlib.contextmanager
def unpacked(path: Path):
    """Yield (folder to read, notes): ``path`` itself, or, when it is a zip or
    a folder holding zips, a temporary copy with each zip unpacked beside it
    (``work.zip`` into ``work.zip.d/``).  A zip that is unsafe or too large is
    left packed and a note says why."""
    zips = [path] if path.is_file() and path.suffix.lower() == ".zip" else (
        sorted(p for p in path.rglob("*") if p.suffix.lower() == ".zip" and p.is_file()) if path.is_dir() else [])
    if not zips:
        yield path, []
        return
    notes = []
    with tempfile.TemporaryDirectory(prefix="submission-") as tmp:
        root = Path(tmp) / "submission"
        if path.is_dir():
            shutil.copytree(path, root, symlinks=True, ignore_dangling_symlinks=True)
            targets = [root / z.relative_to(path) for z in zips]
        else:
            root.mkdir()
            targets = [root / path.name]
            shutil.copyfile(path, targets[0])
        for archive in targets:
            problem = unzip_safely(archive, archive.with_name(archive.name + ".d"))
            if problem:
                notes.append(problem)
            archive.unlink()
        yield root, notes


def unzip_safely(archive: Path, folder: Path) -> str:
    """Unpack ``archive`` into ``folder``; return why not ("" when done).

    Nothing lands outside ``folder`` (no absolute paths, no ``..``, no
    links), and the number of entries and the bytes written are capped while
    writing, whatever the archive's headers claim."""
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                return f"{archive.name} was not unpacked: it holds {len(infos)} files (at most {MAX_ZIP_ENTRIES})"
            for info in infos:
                name = PurePosixPath(info.filename.replace("\\", "/"))
                if name.is_absolute() or ".." in name.parts or re.match(r"^[A-Za-z]:", info.filename):
                    return f"{archive.name} was not unpacked: {info.filename!r} points outside the folder"
                if stat.S_ISLNK(info.external_attr >> 16):
                    return f"{archive.name} was not unpacked: {info.filename!r} is a link"
            budget = MAX_READ_BYTES
            folder.mkdir()
            for info in infos:
                if info.is_dir() or "__MACOSX" in info.filename:
                    continue
                target = folder.joinpath(*PurePosixPath(info.filename.replace("\\", "/")).parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                with zf.open(info) as source, open(target, "wb") as out:
                    while chunk := source.read(1 << 20):
                        budget -= len(chunk)
                        if budget < 0:
                            shutil.rmtree(folder)
                            return (f"{archive.name} was not unpacked: it unpacks to more than "
                                    f"{MAX_READ_BYTES // _MB} MB")
                        out.write(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, RuntimeError, EOFError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return f"{archive.name} is not a zip file that can be opened ({exc})"
    return ""


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
    """Code cells of a notebook, or the reason it cannot be graded."""
    notebook, problem = read_notebook(path)
    return (notebook.cells, "") if notebook else (None, problem)


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
        problem = problem or code_problem(path.name, [text])
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
