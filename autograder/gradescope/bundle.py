"""Write one Gradescope autograder zip for an assignment.

The zip's root holds ``setup.sh``, ``run_autograder``, ``requirements.txt``
and the grader's source: the parts of the ``autograder`` package that grade
(not the instructor-side verbs, which need nbgrader and Jupyter), the
reference ``solutions`` and the course's salt (``checks.seeds``: without it
each container would draw other hidden inputs for the same student).  Entries are sorted and dated alike,
so the same tree always gives the same bytes.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
import zipfile
from pathlib import Path

import autograder
import solutions
from autograder.build import points_table
from autograder.checks import seeds
from autograder.gradescope import requirements as requirements_module, scripts
from autograder.gradescope.run import parse_visibility

# The parts of the autograder package that grading a submission uses.  An
# allow-list: instructor-side verbs (nbgrader, Jupyter, reports) stay home,
# and so does anything new until grading needs it.
GRADING_PARTS = {"__init__.py", "course.py", "results", "grade", "checks", "hidden_tests", "sandbox",
                 "gradescope/__init__.py", "gradescope/run.py"}
SKIPPED = {"__pycache__", ".ipynb_checkpoints"}
_EPOCH = (1980, 1, 1, 0, 0, 0)


def source_files() -> dict[str, Path]:
    """Archive name -> file, for every file of the grader's source the bundle ships."""
    files: dict[str, Path] = {}
    for package, wanted in ((Path(autograder.__file__).parent, GRADING_PARTS),
                            (Path(solutions.__file__).parent, None)):
        for path in sorted(package.rglob("*")):
            relative = path.relative_to(package)
            if path.is_dir() or SKIPPED & set(relative.parts) or path.suffix in (".pyc", ".pyo"):
                continue
            if wanted is None or relative.parts[0] in wanted or relative.as_posix() in wanted:
                files[f"{package.name}/{relative.as_posix()}"] = path
    return files


def python_modules(names: list[str]) -> list[str]:
    """Dotted module names of the ``.py`` archive entries."""
    modules = []
    for name in names:
        if not name.endswith(".py"):
            continue
        dotted = name[:-3].replace("/", ".")
        modules.append(dotted.removesuffix(".__init__"))
    return sorted(m for m in modules if not m.endswith("__main__"))


def requirements_txt(files: dict[str, Path]) -> str:
    """Pinned requirements, traced from a copy of exactly the files being shipped."""
    with tempfile.TemporaryDirectory() as staging:
        root = Path(staging)
        for name, path in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(path.read_bytes())
        loaded = requirements_module.imported_top_levels(root, python_modules(list(files)))
    pins = requirements_module.pinned(loaded, exclude=requirements_module.own_distribution())
    return "# Pinned to the versions the course was tested with.\n" + "\n".join(pins) + "\n"


def requirements_files(files: dict[str, Path], log=print) -> dict[str, str]:
    """Archive name -> text: ``requirements.txt`` (this Python's pins) and
    ``requirements/python3.X.txt`` for each supported Python that pip could
    resolve them for; ``setup.sh`` installs the one of the Python it finds."""
    here = requirements_txt(files)
    out = {"requirements.txt": here, f"requirements/python{requirements_module.this_python()}.txt": here}
    pins = [line for line in here.splitlines() if "==" in line]
    others = [p for p in requirements_module.SUPPORTED_PYTHONS if p != requirements_module.this_python()]
    with ThreadPoolExecutor(max_workers=len(others) or 1) as pool:   # pip waits on the index mostly
        answers = dict(zip(others, pool.map(_resolve_or_reason, others, [pins] * len(others))))
    for python, resolved in answers.items():
        if isinstance(resolved, str):
            log(f"autograder gradescope: no requirements for Python {python} (setup.sh will refuse it): {resolved}")
            continue
        out[f"requirements/python{python}.txt"] = (
            f"# The pins of Python {requirements_module.this_python()}, resolved by pip for Python {python}.\n"
            + "\n".join(resolved) + "\n")
    return out


def _resolve_or_reason(python: str, pins: list[str]) -> list[str] | str:
    try:
        return requirements_module.resolved_for(python, pins)
    except RuntimeError as exc:
        return str(exc)


def write_bundle(assignment: str, out_dir: Path, visibility: str | list[str] = "visible",
                 requirements: dict[str, str] | None = None, requirements_text: str | None = None) -> Path:
    """Write ``out_dir/<assignment>.zip``; return its path.

    ``requirements`` (``requirements_files``' answer) lets a caller writing
    several bundles trace and resolve the requirements once;
    ``requirements_text`` stands in for them all with one ``requirements.txt``
    (a bundle for looking at, not for setting up).
    """
    if requirements is None and requirements_text is not None:
        requirements = {"requirements.txt": requirements_text}
    rules = [visibility] if isinstance(visibility, str) else list(visibility)
    parse_visibility(rules)   # ValueError now rather than in every submission's run
    files = source_files()
    if requirements is None:
        requirements = requirements_files(files)
    entries: dict[str, tuple[bytes, int]] = {
        "setup.sh": (scripts.setup_sh(assignment).encode(), 0o755),
        "run_autograder": (scripts.run_autograder(assignment, rules).encode(), 0o755),
        **{name: (text.encode(), 0o644) for name, text in requirements.items()},
        "README.md": (points_table.gradescope_readme(assignment).encode(), 0o644),
        seeds.SALT_NAME: (seeds.salt_text(), 0o600),
    }
    for name, path in files.items():
        entries[name] = (path.read_bytes(), 0o644)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{assignment}.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(entries):
            data, mode = entries[name]
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.external_attr = (0o100000 | mode) << 16  # a regular file with these permissions
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return target
