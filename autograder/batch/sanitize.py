"""nbgrader's own sanitising steps, without executing anything.

``nbgrader autograde`` first passes each submitted notebook through
ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells and
CheckCellMetadata: locked cells (the hidden test cells among them) get their
source back from the gradebook, points and cell types are restored.  The
result is what its kernel would execute, so it is what we grade; hidden
tests are kept, as nbgrader keeps them.

OverwriteCells and OverwriteKernelspec open a new database connection per
notebook; here they use the worker's open gradebook instead.
"""

from __future__ import annotations

import json

from nbformat import NotebookNode
from nbgrader.api import Gradebook
from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells
from nbgrader.preprocessors.base import NbGraderPreprocessor
from traitlets.config import Config

from autograder.nbgrader_hook import graded_cells


class _OverwriteCellsShared(OverwriteCells):
    """OverwriteCells on an already open gradebook."""

    def __init__(self, gradebook: Gradebook, **kwargs):
        super().__init__(**kwargs)
        self._shared = gradebook

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.gradebook = self._shared
        nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
        if self.add_missing_cells:
            nb, resources = self.add_missing_grade_cells(nb, resources)
            nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources


def resources_for(student: str, assignment: str, notebook: str, db_url: str) -> dict:
    """The ``resources['nbgrader']`` every nbgrader preprocessor reads."""
    return {"nbgrader": {"student": student, "assignment": assignment,
                         "notebook": notebook, "db_url": db_url}}


def sanitize(nb: NotebookNode, resources: dict, gradebook: Gradebook, config: Config) -> NotebookNode:
    for step in (ClearOutput(config=config), DeduplicateIds(config=config)):
        nb, resources = step(nb, resources)
    _overwrite_kernelspec(nb, resources, gradebook)
    nb, resources = _OverwriteCellsShared(gradebook, config=config)(nb, resources)
    nb, resources = CheckCellMetadata(config=config)(nb, resources)
    return nb


def code_to_grade(nb: NotebookNode) -> list[str]:
    """The cells a kernel would run, minus the test cells that call the hook."""
    return graded_cells([cell.source for cell in nb.cells if cell.cell_type == "code"])


def _overwrite_kernelspec(nb: NotebookNode, resources: dict, gradebook: Gradebook) -> None:
    info = resources["nbgrader"]
    kernelspec = gradebook.find_notebook(info["notebook"], info["assignment"]).kernelspec
    if kernelspec:
        nb.metadata["kernelspec"] = json.loads(kernelspec)
