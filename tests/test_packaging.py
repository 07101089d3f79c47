"""The declared dependencies are what the code imports, and the wheel holds only what grading needs.

An import that no declared distribution provides works here, where the test
extra and Jupyter's whole tree are installed, and fails on an instructor's
fresh install; a declared runtime dependency nothing imports is weight every
install and every Gradescope container carries.  Import names are mapped to
distributions with ``importlib.metadata.packages_distributions()``.
"""

from __future__ import annotations

import ast
import fnmatch
import functools
import re
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import setuptools
from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))

# Declared at run time though no installed module imports them, each for its reason.
NOT_IMPORTED = {
    "jupyter": "instructors run Jupyter and nbgrader's formgrader as programs",
    "pytest": "the hidden tests are run by pytest, as a program, not imported by the package",
}

# Files of the package that are not code and that no installed module reads, each for its reason.
NOT_PACKAGE_DATA: dict[str, str] = {}

# Folders of the checkout whose code is never installed.
UNINSTALLED = ("tests", "benchmarks", "devtools")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(requirements: list[str]) -> set[str]:
    return {canonical(Requirement(line).name) for line in requirements}


RUNTIME = declared(PYPROJECT["project"]["dependencies"])
TEST_EXTRA = declared(PYPROJECT["project"]["optional-dependencies"]["test"])


def shipped_packages() -> list[str]:
    """The packages the wheel holds, found the way setuptools finds them for this pyproject."""
    find = PYPROJECT["tool"]["setuptools"]["packages"]["find"]
    finder = setuptools.find_namespace_packages if find.get("namespaces", True) else setuptools.find_packages
    return sorted(finder(where=str(REPO), include=find.get("include", ["*"]), exclude=find.get("exclude", ())))


def shipped_files() -> list[Path]:
    return sorted(path for package in shipped_packages()
                  for path in (REPO / package.replace(".", "/")).glob("*.py"))


def imported_top_levels(path: Path) -> set[str]:
    """Absolute imports anywhere in the file (functions included), but not an
    import tried under ``except ImportError``: the code copes without it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    optional: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(_catches_import_error(h) for h in node.handlers):
            optional.update(id(inner) for stmt in node.body for inner in ast.walk(stmt))
    names = set()
    for node in ast.walk(tree):
        if id(node) in optional:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name.partition(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
    return names


def _catches_import_error(handler: ast.ExceptHandler) -> bool:
    caught = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any(isinstance(c, ast.Name) and c.id in ("ImportError", "ModuleNotFoundError") for c in caught)


def third_party(files: list[Path], local: set[str]) -> dict[str, list[str]]:
    """Top-level import name -> files importing it, leaving out the standard library and ``local``."""
    out: dict[str, list[str]] = {}
    for path in files:
        for name in imported_top_levels(path) - local - sys.stdlib_module_names:
            out.setdefault(name, []).append(path.relative_to(REPO).as_posix())
    return out


def providers(name: str) -> set[str]:
    """Distributions that provide the import ``name``; a package not installed here is taken to
    be named as it is imported (selenium, for instance, is absent unless the browser tests run)."""
    found = _packages_distributions().get(name)
    return {canonical(d) for d in found} if found else {canonical(name)}


@functools.cache
def _packages_distributions() -> dict[str, list[str]]:
    return metadata.packages_distributions()


OWN = {package.partition(".")[0] for package in shipped_packages()}


def test_the_wheel_holds_the_grader_and_the_reference_only():
    assert OWN == {"autograder", "solutions"}
    shipped = shipped_packages()
    assert "autograder.grade" in shipped and "autograder.sandbox" in shipped
    assert not [p for p in shipped if set(p.split(".")) & {"tests", "benchmarks", "devtools", "mutation"}]


def test_every_folder_of_the_installed_packages_is_shipped():
    """A folder setuptools does not find as a package would be missing from an instructor's install."""
    folders = {path.parent for top in OWN for path in (REPO / top).rglob("*.py")}
    found = {REPO / package.replace(".", "/") for package in shipped_packages()}
    assert sorted(str(f.relative_to(REPO)) for f in folders - found) == []


def test_every_third_party_import_of_the_installed_code_is_a_declared_runtime_dependency():
    imports = third_party(shipped_files(), OWN)
    assert "numpy" in imports and "sympy" in imports   # the scan sees the package's imports at all
    missing = {name: files[:3] for name, files in imports.items() if not providers(name) & RUNTIME}
    assert missing == {}, f"imported by the installed code, not declared in [project] dependencies: {missing}"


def test_every_declared_runtime_dependency_is_imported_or_explained():
    imported = {dist for name in third_party(shipped_files(), OWN) for dist in providers(name)}
    unused = RUNTIME - imported - set(NOT_IMPORTED)
    assert unused == set(), f"declared in [project] dependencies, imported by no installed module: {unused}"
    assert set(NOT_IMPORTED) <= RUNTIME, "an explained exception that is no longer declared"


def test_the_uninstalled_code_imports_only_runtime_or_test_dependencies():
    files = sorted(path for folder in UNINSTALLED for path in (REPO / folder).rglob("*.py"))
    # Helpers the tests and benchmarks import by file name from their own folders.
    local = {path.stem for path in files} | {path.name for folder in UNINSTALLED
                                             for path in (REPO / folder).rglob("*") if path.is_dir()}
    local |= OWN | set(UNINSTALLED) | {path.stem for path in (REPO / "course").glob("*.py")}
    imports = third_party(files, local)
    assert "hypothesis" in imports
    missing = {name: files[:3] for name, files in imports.items() if not providers(name) & (RUNTIME | TEST_EXTRA)}
    assert missing == {}, f"imported by tests or benchmarks, declared nowhere: {missing}"


def test_test_only_packages_stay_out_of_the_runtime_list():
    assert not {"hypothesis", "nbclient", "psutil", "pytest-xdist", "pytest-timeout", "selenium"} & RUNTIME


@pytest.mark.parametrize("source, expected", [
    ("import numpy.linalg as la\n", {"numpy"}),
    ("def f():\n    from sympy import Symbol\n", {"sympy"}),
    ("from . import sibling\nfrom .x import y\n", set()),
    ("try:\n    import rare\nexcept ImportError:\n    rare = None\nimport common\n", {"common"}),
    ("try:\n    import kept\nexcept ValueError:\n    pass\n", {"kept"}),
])
def test_the_import_scan_sees_nested_imports_and_skips_relative_and_optional_ones(tmp_path, source, expected):
    path = tmp_path / "module.py"
    path.write_text(source, encoding="utf-8")
    assert imported_top_levels(path) == expected


def test_no_installed_module_outside_the_demo_imports_it():
    """The sample course is installed for ``python -m autograder demo`` only; grading never needs it."""
    demo = REPO / "autograder" / "demo"
    importers = []
    for path in shipped_files():
        if demo in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            else:
                continue
            if any(n == "autograder.demo" or n.startswith("autograder.demo.") for n in names):
                importers.append(path.relative_to(REPO).as_posix())
    assert importers == []


def package_data_globs() -> list[str]:
    return PYPROJECT["tool"]["setuptools"]["package-data"]["autograder"]


def in_package_data(path: str, globs: list[str]) -> bool:
    """Whether a path under autograder/ matches a package-data glob, whose ``*`` stays within a folder."""
    parts = path.split("/")
    return any(len(parts) == len(glob.split("/")) and all(map(fnmatch.fnmatchcase, parts, glob.split("/")))
               for glob in globs)


def test_every_file_of_the_package_that_is_not_code_is_installed():
    """A template or the hidden tests' pytest.ini missing from the wheel breaks grading on an install
    that is not editable, though every run from the checkout works."""
    listed = subprocess.run(["git", "ls-files", "autograder"], cwd=REPO, capture_output=True, text=True, check=True)
    data = [path.removeprefix("autograder/") for path in listed.stdout.split() if not path.endswith(".py")]
    assert "hidden_tests/pytest.ini" in data and "feedback/templates/feedback.html.j2" in data
    globs = package_data_globs()
    missing = [path for path in data if path not in NOT_PACKAGE_DATA and not in_package_data(path, globs)]
    assert missing == [], f"read at run time, not in [tool.setuptools.package-data]: {missing}"
    assert set(NOT_PACKAGE_DATA) <= set(data), "an explained exception that is no longer in the package"


@pytest.mark.parametrize("path, expected", [
    ("report/templates/report.html.j2", True),
    ("hidden_tests/pytest.ini", True),
    ("report/templates/deeper/report.html.j2", False),
    ("hidden_tests/conftest.ini", False),
])
def test_a_package_data_glob_matches_within_one_folder_only(path, expected):
    assert in_package_data(path, ["*/templates/*.j2", "hidden_tests/pytest.ini"]) is expected
