"""nbgrader source notebooks from a parsed template and the reference.

Output is deterministic: cell ids come from grade ids or positions, there
are no outputs or execution counts, and nbformat writes keys sorted.
"""

from __future__ import annotations

import nbformat
from nbformat import v4

from autograder.build.docstrings import signature_block
from autograder.build.reference import Module
from autograder.build.template import Block, TemplateError

KERNEL = {
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
}
SELF_CHECK = (
    "# Run this after the cell above. Stuck? hint(\"{name}\") gives a nudge,\n"
    "# hint(\"{name}\", 2) a more specific one.\n"
    "check(\"{name}\", {name})"
)
TEST_CELL = (
    "# The autograder runs its hidden tests for `{name}` here when your work is graded.\n"
    "### BEGIN HIDDEN TESTS\n"
    "from autograder.nbgrader_hook import score_cell\n"
    "score_cell(\"{assignment}\", \"{name}\", In)\n"
    "### END HIDDEN TESTS"
)


def _meta(grade_id: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3,
            "solution": solution, "task": False}
    if points is not None:
        meta["points"] = points
    return {"nbgrader": meta}


def answer_source(fn, docstring: str) -> str:
    """The reference function with its body inside a solution region."""
    return (f"{signature_block(fn, docstring)}\n{fn.indent}### BEGIN SOLUTION\n"
            f"{fn.body}\n{fn.indent}### END SOLUTION")


class NotebookBuilder:
    def __init__(self, assignment: str, modules: dict[str, Module], docstrings: dict, points: dict):
        self.assignment = assignment
        self.modules = modules
        self.docstrings = docstrings
        self.points = points
        self.home = None  # the assignment's own module name, set by build()
        self.cells: list = []

    def _lookup(self, dotted: str, block: Block):
        module, _, name = dotted.rpartition(".")
        module = module or self.home
        if module not in self.modules:
            raise TemplateError(f"{self.assignment}:{block.line}: unknown module {module!r}")
        return self.modules[module], name

    def _function(self, dotted: str, block: Block):
        module, name = self._lookup(dotted, block)
        if name not in module.functions:
            raise TemplateError(f"{self.assignment}:{block.line}: {module.name} has no function {name!r}")
        return module, module.functions[name]

    def _add(self, cell, cell_id: str):
        cell.id = cell_id
        self.cells.append(cell)

    def _answer_and_check(self, dotted: str, block: Block):
        module, fn = self._function(dotted, block)
        self._add(v4.new_code_cell(answer_source(fn, self.docstrings[module.name][fn.name]),
                                   metadata=_meta(f"answer_{fn.name}", solution=True)), f"answer_{fn.name}")
        self._add(v4.new_code_cell(SELF_CHECK.format(name=fn.name),
                                   metadata=_meta(f"check_{fn.name}", locked=True)), f"check_{fn.name}")
        return fn

    def _exercise(self, block: Block):
        fn = self._answer_and_check(block.args[0], block)
        if fn.name not in self.points:
            raise TemplateError(f"{self.assignment}: no points for {fn.name}")
        source = TEST_CELL.format(name=fn.name, assignment=self.assignment)
        self._add(v4.new_code_cell(source, metadata=_meta(f"test_{fn.name}", grade=True, locked=True,
                                                          points=self.points[fn.name])), f"test_{fn.name}")

    def _given(self, block: Block):
        sources = []
        for dotted in block.args:
            module, name = self._lookup(dotted, block)
            if name in module.functions:
                if not module.functions[name].trivial:
                    raise TemplateError(f"{self.assignment}:{block.line}: {dotted} is not a pure formula; "
                                        "giving it would hand out a solution (use '%% carry')")
                sources.append(module.functions[name].source)
            else:
                sources.append(module.given(name))
        first = block.args[0].rpartition(".")[2]
        self._add(v4.new_code_cell("\n\n\n".join(sources), metadata=_meta(f"given_{first}", locked=True)),
                  f"given_{first}")

    def build(self, blocks: list[Block], home: str) -> str:
        self.home, self.cells = home, []
        for index, block in enumerate(blocks):
            if block.kind == "md":
                self._add(v4.new_markdown_cell(block.text), f"md-{index:02d}")
            elif block.kind == "code":
                self._add(v4.new_code_cell(block.text), f"code-{index:02d}")
            elif block.kind == "exercise":
                self._exercise(block)
            elif block.kind == "carry":
                self._answer_and_check(block.args[0], block)
            elif block.kind == "given":
                self._given(block)
            elif block.kind == "written":
                grade_id, points = block.args
                self._add(v4.new_markdown_cell(block.text, metadata=_meta(
                    grade_id, solution=True, grade=True, points=float(points))), grade_id)
        missing = set(self.modules[home].functions) - {c.id[len("test_"):] for c in self.cells
                                                        if c.id.startswith("test_")}
        if missing:
            raise TemplateError(f"{self.assignment}: no '%% exercise' for {sorted(missing)}")
        nb = v4.new_notebook(cells=self.cells, metadata=KERNEL)
        nbformat.validate(nb)
        return nbformat.writes(nb) + "\n"
