"""The layers of ``autograder/``: each package imports only the layers below it.

``LAYERS`` is the one declaration of the order, lowest first; the README's
layout table lists the same folders in the same order (checked below).
Imports are read with ``ast``, so an import inside a function counts as much
as one at the top of a module.  Packages in one layer may not import each
other: a layer is a set of equals.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "autograder"

# Lowest first.  To move a package, move its name; to add one, add it where
# what it imports is all below.
LAYERS: list[tuple[str, ...]] = [
    ("course",),                         # the course's constants
    ("results", "pages"),                # what a grade is and where it is kept; the pages' shell and figures
    ("sandbox",),                        # runs student code in child processes
    ("checks",),                         # what the hidden tests compare with: expect, mistakes, inputs
    ("grade",),                          # one submission to one grade; the pytest plugin that runs the tests
    ("hidden_tests",),                   # the hidden tests: pytest modules, loaded by path, never imported below
    ("build", "nbgrader_hook"),          # the course's materials; the hook inside nbgrader's kernel
    ("batch", "gradescope", "demo", "nbgrader_regrade"),   # a class at a time; on Gradescope; the demo course; regrading
    ("report", "feedback"),              # the records read back, for instructors and for students
    ("mistakes", "export"),              # what builds on the report
    ("cli",),                            # the command line
    ("__main__",),
]

# Imports the order forbids that are still in the code, each with its way out.
# An entry that is no longer needed fails the test, so the list only shrinks.
KNOWN: dict[tuple[str, str], str] = {
}


def owner(path: Path, root: Path) -> str:
    """The top-level package or module of ``autograder`` a file belongs to ("" for its ``__init__``)."""
    parts = path.relative_to(root / PACKAGE).parts
    return "" if parts == ("__init__.py",) else parts[0].removesuffix(".py")


def _module_of(path: Path, root: Path) -> list[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def imported(path: Path, root: Path) -> list[tuple[str, int]]:
    """(top-level package of ``autograder`` imported, line) for every import in the file, at any depth."""
    here = _module_of(path, root)
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name.split(".") for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = here if is_package else here[:-1]
            if node.level:
                base = base[:len(base) - (node.level - 1)] if node.level > 1 else base
                module = base + (node.module.split(".") if node.module else [])
            else:
                module = node.module.split(".")
            # ``from autograder import checks`` names the package in the alias.
            targets = [module + [alias.name] for alias in node.names] if module == [PACKAGE] else [module]
        else:
            continue
        found += [(t[1], node.lineno) for t in targets if len(t) > 1 and t[0] == PACKAGE]
    return found


def import_graph(root: Path) -> dict[tuple[str, str], list[str]]:
    """(importer, imported) -> where, over every file of ``root/autograder``."""
    edges: dict[tuple[str, str], list[str]] = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        source = owner(path, root)
        for target, line in imported(path, root):
            if source and target != source:
                edges.setdefault((source, target), []).append(f"{path.relative_to(root)}:{line}")
    return edges


def violations(edges: dict[tuple[str, str], list[str]], layers: list[tuple[str, ...]]) -> list[str]:
    level = {name: i for i, layer in enumerate(layers) for name in layer}
    out = []
    for (source, target), where in sorted(edges.items()):
        if source not in level or target not in level:
            continue  # reported by the test that every package is declared
        if level[target] >= level[source]:
            how = "its own layer" if level[target] == level[source] else "a higher layer"
            out.append(f"{source} imports {target}, in {how} ({', '.join(where)})")
    return out


def cycles(edges) -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    for source, target in edges:
        graph.setdefault(source, set()).add(target)
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(path[path.index(nxt):] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def on_disk(root: Path) -> set[str]:
    return {p.name.removesuffix(".py") for p in (root / PACKAGE).iterdir()
            if (p.suffix == ".py" and p.name != "__init__.py") or (p / "__init__.py").is_file()}


# ----------------------------------------------------------------- the code


def test_every_package_is_in_exactly_one_layer():
    declared = [name for layer in LAYERS for name in layer]
    assert len(declared) == len(set(declared)), "a package is declared twice"
    assert set(declared) == on_disk(ROOT)


def test_each_package_imports_only_lower_layers():
    edges = {edge: where for edge, where in import_graph(ROOT).items() if edge not in KNOWN}
    assert violations(edges, LAYERS) == []


def test_the_known_exceptions_are_still_needed():
    edges = import_graph(ROOT)
    assert [edge for edge in KNOWN if edge not in edges] == []


def test_no_cycle_between_packages():
    assert cycles({edge: where for edge, where in import_graph(ROOT).items() if edge not in KNOWN}) == []


# ------------------------------------------------------- the checker itself


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in {"__init__.py": "", **files}.items():
        path = tmp_path / PACKAGE / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def test_an_import_upwards_inside_a_function_is_caught(tmp_path):
    root = _tree(tmp_path, {
        "low/__init__.py": "",
        "low/core.py": "def late():\n    from autograder.high.verb import run\n    return run\n",
        "high/__init__.py": "",
        "high/verb.py": "from autograder.low import core\n",
    })
    edges = import_graph(root)
    assert set(edges) == {("low", "high"), ("high", "low")}
    found = violations(edges, [("low",), ("high",)])
    assert found == ["low imports high, in a higher layer (autograder/low/core.py:2)"]
    assert cycles(edges) == [["high", "low", "high"]] or cycles(edges) == [["low", "high", "low"]]


def test_relative_imports_and_package_aliases_count(tmp_path):
    root = _tree(tmp_path, {
        "a/__init__.py": "from .. import b\n",
        "a/x.py": "from ..c import thing\nimport autograder.d.y as y\n",
        "b.py": "", "c/__init__.py": "", "d/__init__.py": "", "d/y.py": "",
    })
    assert set(import_graph(root)) == {("a", "b"), ("a", "c"), ("a", "d")}


def test_equals_in_one_layer_may_not_import_each_other(tmp_path):
    root = _tree(tmp_path, {"p.py": "import autograder.q\n", "q.py": ""})
    assert violations(import_graph(root), [("p", "q")]) == ["p imports q, in its own layer (autograder/p.py:1)"]
    assert violations(import_graph(root), [("q",), ("p",)]) == []


# ------------------------------------------------------------ the README


def readme_layers(text: str) -> list[tuple[str, ...]]:
    """The first column of the README's table of ``autograder/``'s layers, one row a layer."""
    section = text.split("## Layout", 1)[1].split("\n## ", 1)[0]
    table = section.split("| layer |", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines()[2:] if line.startswith("|")]
    return [tuple(re.sub(r"/$|\.py$", "", name) for name in re.findall(r"`autograder/([\w/.]+)`", row.split("|")[2]))
            for row in rows]


def test_the_readme_lists_the_layers_in_the_declared_order():
    assert readme_layers((ROOT / "README.md").read_text(encoding="utf-8")) == LAYERS


def test_a_readme_out_of_order_is_noticed():
    text = ("## Layout\n\n| layer | folders | what |\n|---|---|---|\n"
            "| 1 | `autograder/grade/` | x |\n| 0 | `autograder/results/`, `autograder/course.py` | y |\n\n## Next\n")
    assert readme_layers(text) == [("grade",), ("results", "course")]
    assert readme_layers(text) != [("results", "course"), ("grade",)]
