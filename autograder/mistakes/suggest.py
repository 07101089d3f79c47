"""Draft catalogue entries from the mistakes a class made that the catalogue does not know.

For each of the largest groups of unexplained wrong answers
(``report/learnt.py``), one member's function becomes the wrong
implementation of a draft entry, written as the catalogue wants it
(``autograder/checks/mistakes/__init__.py``):

* renamed ``_learnt_<function>_<n>``, with the reference's parameter names
  (the catalogue's tests compare signatures), docstring and comments dropped;
* the names it uses from outside resolved the way the exercise module has
  them: ``np``, ``sigmoid``, ``neuron`` ... are imported from the reference
  module (the very objects the catalogue's tests expect), and the student's
  own helpers and constants that the exercise module lacks are copied into
  the function's body, so that its source stands alone;
* ``Mistake("<function>", ..., ..., _learnt_...)``: the name and the hint
  are left as ``...`` for the instructor, who knows what the students meant.

Nothing here runs the student's code: the draft is text.  It is a student's
code, so read it before adopting it (catalogue entries run in the grader's
own process).  Filled in and moved to ``autograder/checks/mistakes/<module>.py``,
it must pass ``pytest tests/checks/mistakes`` like any entry.
"""

from __future__ import annotations

import ast
import builtins
import copy
import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path

from autograder.results.record import write_atomic
from autograder.course import ASSIGNMENTS
from autograder.report.code import function_node, parse, submission_source, without_docstring
from autograder.report.learnt import Group, learn
from autograder.results.record import load_records

HEADER = '''"""Draft known mistakes for {assignment}, learnt from the class.

Each draft is one group of wrong answers that no catalogue entry explains;
its function is one member's code, renamed and made to stand alone.  It is a
student's code: read it before adopting it.  To adopt one, replace the two
``...`` of its entry by a name ("the 1/m is applied twice") and a hint for a
beginner, then move the function and the entry to
autograder/checks/mistakes/{module}.py (imports included) and run
``pytest tests/checks/mistakes``.
"""

from autograder.checks.mistakes import Mistake
'''


@dataclass
class Draft:
    function: str
    size: int
    how: str
    name: str            # the draft function's name
    source: str          # its definition
    imports: list[str]
    comment: str


def drafts_for(groups: list[Group], sources: dict[str, str | None], module: str) -> list[Draft]:
    """A draft per group whose members' code can be read (``sources``: student -> module source)."""
    out = []
    for n, group in enumerate(groups, 1):
        for student in group.members:
            made = _draft(group, sources.get(student), module, f"_learnt_{group.function}_{n}")
            if made is not None:
                out.append(made)
                break
    return out


def render(drafts: list[Draft], assignment: str) -> str:
    module = ASSIGNMENTS[assignment]
    imports = sorted({line for d in drafts for line in d.imports}, key=lambda s: (not s.startswith("import"), s))
    parts = [HEADER.format(assignment=assignment, module=module) + "".join(f"{line}\n" for line in imports)]
    for d in drafts:
        parts.append(f"\n\n{d.comment}\n{d.source}\n")
    entries = "".join(f"    Mistake({d.function!r}, ..., ..., {d.name}),\n" for d in drafts)
    parts.append(f"\n\nDRAFTS = [\n{entries}]\n")
    return "".join(parts)


def write_drafts(course_dir: Path, assignment: str, out: Path, top: int = 5) -> list[Draft]:
    records = load_records(course_dir, assignment)
    groups = learn(records, course_dir=None, top=top).groups
    sources = {s: submission_source(course_dir, s, assignment) for g in groups for s in g.members[:3]}
    drafts = drafts_for(groups, sources, ASSIGNMENTS[assignment])
    write_atomic(Path(out), render(drafts, assignment).encode("utf-8"), durable=False)
    return drafts


# ------------------------------------------------------------------ one draft

def _draft(group: Group, source: str | None, module: str, name: str) -> Draft | None:
    tree = parse(source)
    node = function_node(tree, group.function)
    if node is None:
        return None
    reference = importlib.import_module(f"solutions.{module}")
    namespace = vars(reference)
    wanted = list(inspect.signature(getattr(reference, group.function)).parameters)
    node = without_docstring(copy.deepcopy(node))
    given = [a.arg for a in node.args.posonlyargs + node.args.args + node.args.kwonlyargs]
    if len(given) != len(wanted):
        return None
    _Rename(dict(zip(given, wanted))).visit(node)
    node.name, node.decorator_list, node.returns = name, [], None

    defined = {n.name: n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    constants = {t.id: n for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
    imports, inlined, missing = set(), [], []
    todo, done = list(_free_names(node)), {group.function}
    while todo:
        free = todo.pop(0)
        if free in done:
            continue
        done.add(free)
        if free in namespace and free != group.function:
            imports.add(_import_line(free, namespace[free], module))
        elif free in defined and free != group.function:
            helper = without_docstring(copy.deepcopy(defined[free]))
            inlined.append(helper)
            todo.extend(_free_names(helper))
        elif free in constants:
            inlined.append(copy.deepcopy(constants[free]))
            todo.extend(_free_names(constants[free]))
        else:
            missing.append(free)
    node.body = list(reversed(inlined)) + node.body
    text = ast.unparse(ast.fix_missing_locations(node))
    comment = [f"# {group.size} submissions, {group.exercise}: {group.how}."]
    for label, value in (("Called:  ", group.called), ("Expected:", group.expected), ("Got:     ", group.got)):
        if value:
            comment.append(f"# {label} {value}")
    if missing:
        comment.append(f"# Not found in {module}.py or the student's code: {', '.join(sorted(missing))}.")
    return Draft(group.function, group.size, group.how, name, text, sorted(imports), "\n".join(comment))


def _import_line(name: str, value, module: str) -> str:
    if inspect.ismodule(value):
        return f"import {value.__name__}" if value.__name__ == name else f"import {value.__name__} as {name}"
    return f"from solutions.{module} import {name}"


class _Rename(ast.NodeTransformer):
    def __init__(self, names: dict[str, str]):
        self.names = names

    def visit_Name(self, node):
        node.id = self.names.get(node.id, node.id)
        return node

    def visit_arg(self, node):
        node.arg = self.names.get(node.arg, node.arg)
        return node


def _free_names(node: ast.AST) -> list[str]:
    """Names a definition reads but neither binds nor gets from builtins, in order of use."""
    bound = set()
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, (ast.Store, ast.Del)):
            bound.add(n.id)
        elif isinstance(n, ast.arg):
            bound.add(n.arg)
        elif isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n is not node:
            bound.add(n.name)
        elif isinstance(n, (ast.Import, ast.ImportFrom)):
            bound.update((a.asname or a.name).split(".")[0] for a in n.names)
        elif isinstance(n, (ast.Global, ast.Nonlocal)):
            bound.difference_update(n.names)
    used = []
    for n in ast.walk(node):
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in bound \
                and not hasattr(builtins, n.id) and n.id not in used:
            used.append(n.id)
    return used
