"""The trust boundary in the tree: ``autograder/sandbox/inside/`` runs next to
student code, so it imports nothing of the grader's, and the grader reaches
it only by path."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from sandbox_kit import REPOSITORY

INSIDE = REPOSITORY / "autograder" / "sandbox" / "inside"
# What student code must not reach, so neither may the code beside it.
FORBIDDEN = ("autograder", "solutions", "hidden_tests")
INSIDE_PACKAGE = "autograder.sandbox.inside"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(REPOSITORY).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str, int, list[str]]]:
    """(line, module, relative level, names) of every import, wherever it sits
    in the file, and of every ``import_module("...")`` / ``__import__("...")``
    with a constant name."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name, 0, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            found.append((node.lineno, node.module or "", node.level, [a.name for a in node.names]))
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str):
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if callee in ("import_module", "__import__"):
                found.append((node.lineno, node.args[0].value, 0, []))
    return found


def inside_violations(path: Path, folder: Path = INSIDE) -> list[str]:
    """Imports of a file in the inside folder that leave it."""
    depth = len(path.relative_to(folder).parts)   # 1 for a file directly in the folder
    bad = []
    for line, module, level, _ in _imports(path):
        if level > depth:
            bad.append(f"{path.name}:{line}: a relative import climbs out of the folder")
        elif level == 0 and module.split(".")[0] in FORBIDDEN:
            bad.append(f"{path.name}:{line}: imports {module}")
    return bad


def grader_violations(path: Path, name: str) -> list[str]:
    """Imports of a grader-side file that take the inside folder as a package."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    bad = []
    for line, module, level, names in _imports(path):
        if level:
            base = package.split(".")
            base = base[:len(base) - (level - 1)] if level > 1 else base
            module = ".".join(base + ([module] if module else []))
        targets = [module] + [f"{module}.{n}" for n in names]
        if any(t == INSIDE_PACKAGE or t.startswith(INSIDE_PACKAGE + ".") for t in targets):
            bad.append(f"{name}:{line}: imports {module} as a package")
    return bad


def _grader_side_files():
    for root in ("autograder", "tests", "benchmarks"):
        for path in sorted((REPOSITORY / root).rglob("*.py")):
            if INSIDE not in path.parents:
                yield path


def test_nothing_inside_imports_the_grader_the_solutions_or_the_hidden_tests():
    files = sorted(INSIDE.rglob("*.py"))
    assert len(files) > 10 and INSIDE / "zygote.py" in files
    bad = [v for path in files for v in inside_violations(path)]
    assert bad == []


def test_the_grader_side_never_imports_the_inside_folder_as_a_package():
    files = list(_grader_side_files())
    assert REPOSITORY / "autograder" / "sandbox" / "sandbox.py" in files
    bad = [v for path in files for v in grader_violations(path, _module_name(path))]
    assert bad == []


def test_the_checks_catch_what_they_are_for(tmp_path):
    folder = tmp_path / "inside"
    (folder / "deeper").mkdir(parents=True)
    allowed = folder / "fine.py"
    allowed.write_text("import os\nfrom . import codec\nfrom .frames import send\n")
    assert inside_violations(allowed, folder) == []
    deeper = folder / "deeper" / "fine.py"
    deeper.write_text("from .. import codec\n")
    assert inside_violations(deeper, folder) == []
    for source in ("import autograder.checks\n", "from solutions.derivatives import sigmoid\n",
                   "def f():\n    from hidden_tests import ps1\n", "from .. import sandbox\n",
                   "import importlib\nimportlib.import_module('autograder.grade')\n",
                   "__import__('solutions')\n"):
        sneaky = folder / "sneaky.py"
        sneaky.write_text(source)
        assert inside_violations(sneaky, folder), source
    grader = tmp_path / "grader.py"
    for source, name in (("from autograder.sandbox.inside import codec\n", "autograder.batch.run"),
                         ("import autograder.sandbox.inside.frames\n", "autograder.grade.x"),
                         ("from .inside import frames\n", "autograder.sandbox.sandbox"),
                         ("from . import inside\n", "autograder.sandbox.sandbox"),
                         ("from ..sandbox.inside import codec\n", "autograder.batch.run"),
                         ("from .sandbox import inside\n", "autograder.cli")):
        grader.write_text(source)
        assert grader_violations(grader, name), source
    grader.write_text("from .boundary import load\nfrom autograder.sandbox import codec\n")
    assert grader_violations(grader, "autograder.sandbox.sandbox") == []


def test_running_a_submission_leaves_the_inside_folder_unimported_as_a_package():
    script = (
        "import sys\n"
        "from autograder.sandbox import Call, Limits, Program, Sandbox, codec\n"
        "with Sandbox(limits=Limits(seconds_per_function=2.0, seconds_to_load=4.0)) as sb:\n"
        "    report = sb.run(Program({'m': 'def f(x):\\n    return [x, x]\\n'}, 'm'), {'f': [Call('f', (2,))]})\n"
        "assert report.functions['f'].calls[0].value == [2, 2], report\n"
        "print(sorted(m for m in sys.modules if 'inside' in m))\n"
        "print(codec.__file__)\n")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         cwd=REPOSITORY)
    assert out.returncode == 0, out.stderr
    loaded, codec_file = out.stdout.splitlines()
    assert INSIDE_PACKAGE not in loaded and "_sandbox_inside.codec" in loaded
    assert Path(codec_file) == INSIDE / "codec.py"
