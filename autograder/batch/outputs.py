"""Outputs for the cells a human grades, made by running the student's code.

``nbgrader autograde`` executes every notebook, so formgrader and its
feedback HTML show the student's figures beside the written answers that
ask about them.  The batch command grades without a kernel; this module
gives its autograded notebooks those outputs, without trusting anything
the student stored (sanitizing cleared it) and without a kernel:

1. the notebook's code cells, hidden test cells left out and IPython magics
   blanked, become the plan of one function, ``run_cell`` of
   ``sandbox/inside/cells.py``, which the worker's warm sandbox runs as the main
   module of a program, one call per cell in one namespace, with the
   assignment's own ``.py`` files (the self-check) importable beside it;
2. each cell runs under an alarm of the per-function time limit, the whole
   notebook under ``SECONDS_IN_ALL``, in the sandbox's memory limit; a cell
   that fails gets an error output and the next one runs;
3. what comes back is plain data that student code could have forged, so
   each output is checked here (known kinds only, text cut, a figure must be
   a PNG of bounded size) and the notebook's outputs are built from it: text
   as ``stream``, values as ``execute_result``, figures as ``image/png``
   ``display_data``, failures as ``error``.  Nothing else (no HTML, no
   JavaScript) can reach the notebook.

Figures are drawn only for the code cells just before a manually graded
cell (back to the exercise before them), the ones a written answer is
about; elsewhere a figure would cost its drawing time and nobody grades it,
so those cells keep their printed text only.  Notebooks without manually
graded cells are not run at all.  Grades never depend on any of this.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
from pathlib import Path

from nbformat import NotebookNode

from autograder.grade.notebook_code import cell_labels, strip_magics
from autograder.nbgrader_hook import is_hook_cell
from autograder.sandbox.protocol import Call, Limits, Program, SandboxReport

HARNESS = Path(__file__).resolve().parents[1] / "sandbox" / "inside" / "cells.py"
MAIN = "_notebook_cells"
FUNCTION = "run_cell"
SECONDS_IN_ALL = 30.0
MAX_TEXT = 20_000
MAX_PNG_BYTES = 1_000_000
MAX_FIGURES = 10          # per cell
MAX_MODULE_BYTES = 1_000_000
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
STREAMS = ("stdout", "stderr")


def is_manually_graded(cell) -> bool:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return bool(meta.get("task") or (meta.get("grade") and meta.get("solution")))


def has_manual_cells(nb: NotebookNode) -> bool:
    return any(is_manually_graded(cell) for cell in nb.cells)


def figure_cells(nb: NotebookNode) -> set[int]:
    """Indices of the plain code cells before each manually graded cell, back
    to the nearest cell of an exercise (an answer, a check or a test)."""
    chosen = set()
    for index, cell in enumerate(nb.cells):
        if not is_manually_graded(cell):
            continue
        for back in range(index - 1, -1, -1):
            before = nb.cells[back]
            if before.cell_type != "code":
                continue
            if before.get("metadata", {}).get("nbgrader", {}).get("grade_id", "").startswith(
                    ("answer_", "check_", "test_")) or is_manually_graded(before):
                break
            chosen.add(back)
    return chosen


def runnable_cells(nb: NotebookNode) -> list[int]:
    """The code cells a kernel would run, minus the hidden tests (their
    output is the grader's feedback, written separately)."""
    return [i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and not is_hook_cell(cell.source)]


def program_for(files: dict[str, str]) -> Program:
    """The harness as the main module, ``files`` ({module name: text}) beside it."""
    modules = {name: text for name, text in files.items() if name != MAIN}
    modules[MAIN] = HARNESS.read_text(encoding="utf-8")
    return Program(modules, MAIN)


def plan_for(nb: NotebookNode, cells: list[int], seconds_per_cell: float,
             spent: tuple[str, ...] = ()) -> dict[str, list[Call]]:
    labels = cell_labels([nb.cells[i].source for i in cells])
    shown = figure_cells(nb)
    return {FUNCTION: [Call(FUNCTION, (strip_magics(nb.cells[i].source), label, i in shown, seconds_per_cell,
                                       spent)) for i, label in zip(cells, labels)]}


def module_files(*folders: Path) -> dict[str, str]:
    """The ``.py`` files of these folders, later ones winning (the
    assignment's source files over the student's, as nbgrader copies them)."""
    files, size = {}, 0
    for folder in reversed(folders):    # the winners first, so a large file of the student's cannot crowd them out
        for path in sorted(Path(folder).glob("*.py")):
            if path.stem in files or not path.stem.isidentifier() or not path.is_file():
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            if size + len(text) > MAX_MODULE_BYTES:
                continue
            size += len(text)
            files[path.stem] = text
    return dict(sorted(files.items()))


def run_outputs(run, nb: NotebookNode, files: dict[str, str], limits: Limits,
                spent: tuple[str, ...] = ()) -> dict[int, list[NotebookNode]]:
    """{cell index: outputs} for every code cell run.  ``run(program, plan,
    limits)`` is a sandbox's ``run``; ``spent``: the functions that ran out
    of time in the hidden tests, not run again (an endless loop is paid for once)."""
    cells = runnable_cells(nb)
    if not cells:
        return {}
    seconds_in_all = max(SECONDS_IN_ALL, limits.seconds_per_function)
    run_limits = dataclasses.replace(limits, seconds_per_function=seconds_in_all)
    report = run(program_for(files), plan_for(nb, cells, limits.seconds_per_function, tuple(spent)), run_limits)
    return outputs_from(report, cells, seconds_in_all)


def cannot_run(nb: NotebookNode, why: str) -> dict[int, list[NotebookNode]]:
    """An error on the first code cell saying why no cell has outputs."""
    cells = runnable_cells(nb)
    return {cells[0]: [_error("Error", _cut(f"the notebook's cells could not be run for their outputs: {why}"))]} \
        if cells else {}


def outputs_from(report: SandboxReport, cells: list[int], seconds_in_all: float) -> dict[int, list[NotebookNode]]:
    function = report.functions.get(FUNCTION)
    if function is None:
        return {}
    outputs: dict[int, list[NotebookNode]] = {}
    for index, outcome in zip(cells, function.calls):
        if outcome.status == "ok":
            outputs[index] = _checked(outcome.value)
        else:
            outputs[index] = [_error("Error", f"the cell could not be run: {outcome.error}"[:MAX_TEXT])]
    stopped = len(function.calls)
    if stopped < len(cells):
        why = {"timeout": f"the notebook's cells ran for more than {seconds_in_all:g} s in all",
               "memory": "the notebook ran out of memory"}.get(function.status, function.detail or function.status)
        outputs[cells[stopped]] = [_error("Error", f"this cell and the ones after it were not run: {why}")]
    return outputs


def _checked(value) -> list[NotebookNode]:
    """Notebook outputs from what the harness sent back, keeping only what
    has the expected shape."""
    if type(value) is not list:
        return []
    built, figures = [], 0
    for item in value[:100]:
        if type(item) is not list or not item or type(item[0]) is not str:
            continue
        kind, rest = item[0], item[1:]
        if kind == "stream" and len(rest) == 2 and rest[0] in STREAMS and type(rest[1]) is str:
            built.append(NotebookNode(output_type="stream", name=rest[0], text=_cut(rest[1])))
        elif kind == "result" and len(rest) == 1 and type(rest[0]) is str:
            built.append(NotebookNode(output_type="execute_result", execution_count=None, metadata=NotebookNode(),
                                      data=NotebookNode({"text/plain": _cut(rest[0])})))
        elif kind == "png" and len(rest) == 1 and type(rest[0]) is str and figures < MAX_FIGURES:
            png = _png(rest[0])
            if png:
                figures += 1
                built.append(NotebookNode(output_type="display_data", metadata=NotebookNode(),
                                          data=NotebookNode({"image/png": png, "text/plain": "<Figure>"})))
        elif (kind == "error" and len(rest) == 3 and all(type(x) is str for x in rest[:2])
              and type(rest[2]) is list):
            lines = [_cut(line) for line in rest[2][:40] if type(line) is str]
            built.append(_error(rest[0][:200], _cut(rest[1]), lines))
    return built


def _png(text: str) -> str:
    """The base64 text again if it is a PNG of acceptable size, else ''."""
    if len(text) > MAX_PNG_BYTES * 4 // 3 + 4:
        return ""
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return ""
    return base64.b64encode(data).decode("ascii") if data.startswith(PNG_SIGNATURE) else ""


def _error(name: str, message: str, traceback: list[str] | None = None) -> NotebookNode:
    return NotebookNode(output_type="error", ename=name, evalue=message,
                        traceback=traceback if traceback is not None else [f"{name}: {message}"])


def _cut(text: str) -> str:
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT] + f"\n[cut: {len(text) - MAX_TEXT} more characters]\n"


def with_outputs(nb: NotebookNode, outputs: dict[int, list[NotebookNode]]) -> NotebookNode:
    """Each run cell gets its outputs and an execution count, in order, as a kernel would give them."""
    count = 0
    for index in sorted(outputs):
        count += 1
        nb.cells[index].outputs = outputs[index]
        nb.cells[index].execution_count = count
        for output in outputs[index]:
            if output.output_type == "execute_result":
                output.execution_count = count
    return nb
