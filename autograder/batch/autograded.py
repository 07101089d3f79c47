"""``autograded/<student>/<assignment>/``: what ``nbgrader generate_feedback`` reads.

Like ``nbgrader autograde``: the submission's other files, then the
assignment's source files over them, then each sanitized notebook, with the
tests' feedback and score as the output of each test cell (the score as an
``execute_result``, the form nbgrader's own ``determine_grade`` reads).  The
folder is built beside the old one and swapped in, so it is never half new.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from nbformat import NotebookNode
from nbformat.v4.rwbase import strip_transient
from nbgrader.utils import find_all_files

from autograder.batch.gradebook import TEST_PREFIX, GradedNotebook
from autograder.results.record import write_atomic
from autograder.nbgrader_hook import cell_feedback, cell_score


def with_feedback(nb: NotebookNode, result, functions: set[str]) -> NotebookNode:
    """Put each test's feedback and score under its test cell."""
    for cell in nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        grade_id = meta.get("grade_id", "")
        function = grade_id[len(TEST_PREFIX):]
        if (cell.cell_type != "code" or not meta.get("grade") or meta.get("solution")
                or not grade_id.startswith(TEST_PREFIX) or function not in functions):
            continue
        score = cell_score(result, function, meta.get("points"))
        # built as plain nodes: nbformat's new_output validates each one, slowly
        cell.outputs = [
            NotebookNode(output_type="stream", name="stdout", text=cell_feedback(result, function)),
            NotebookNode(output_type="execute_result", data=NotebookNode({"text/plain": repr(score)}),
                         metadata=NotebookNode(), execution_count=None),
        ]
    return nb


def notebook_bytes(nb: NotebookNode) -> bytes:
    """The notebook file, as nbformat writes it but without indentation.

    It was sanitized by nbgrader's own steps, so it is not validated again;
    nbformat's indented JSON goes through Python's pure-Python encoder, and
    the compact form through the C one, several times faster.  Jupyter and
    nbgrader read either.
    """
    return json.dumps(strip_transient(nb), sort_keys=True, ensure_ascii=False).encode()


def write_autograded(dest: Path, submitted: Path, source: Path, notebooks: list[GradedNotebook],
                     functions: set[str], ignore: list[str], mode: int, keep: tuple[str, ...] = ()) -> None:
    """``keep``: files the students' versions of stay (nbgrader's ``Autograde.exclude_overwriting``)."""
    incoming = dest.parent / f".{dest.name}.incoming"
    if incoming.exists():
        shutil.rmtree(incoming)               # left by a run that was killed
    incoming.mkdir(parents=True)
    for folder in (submitted, source):
        for path in find_all_files(str(folder), ignore + ["*.ipynb"]):
            rel = Path(os.path.relpath(path, folder))
            if folder == source and str(rel) in keep:
                continue
            write_atomic(incoming / rel, Path(path).read_bytes(), mode, durable=False)
    for entry in notebooks:
        if entry.notebook is not None:
            nb = with_feedback(entry.notebook, entry.result, functions)
            write_atomic(incoming / f"{entry.name}.ipynb", notebook_bytes(nb), mode, durable=False)
    old = dest.parent / f".{dest.name}.old"
    if dest.exists():
        if old.exists():
            shutil.rmtree(old)
        os.replace(dest, old)
    os.replace(incoming, dest)
    shutil.rmtree(old, ignore_errors=True)
