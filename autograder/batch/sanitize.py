"""nbgrader's own sanitising steps, without executing anything.

``nbgrader autograde`` first passes each submitted notebook through
ClearOutput, DeduplicateIds, OverwriteKernelspec, OverwriteCells and
CheckCellMetadata: locked cells (the hidden test cells among them) get their
source back from the gradebook, points and cell types are restored.  The
result is what its kernel would execute, so it is what we grade; hidden
tests are kept, as nbgrader keeps them.

Two of them are made cheaper without changing what they decide:

- OverwriteCells and OverwriteKernelspec open a new database connection per
  notebook and query it once or twice per cell; here they read the worker's
  ``SourceCells``, which holds each notebook's source cells after one query.
- CheckCellMetadata validates each cell with ``jsonschema.validate``, which
  checks nbgrader's schema itself again on every call (most of the time
  spent sanitising); here the schema is compiled once.
"""

from __future__ import annotations

import json
import traceback
from typing import NamedTuple

import jsonschema
from nbformat import NotebookNode
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.nbgraderformat import MetadataValidator, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata, ClearOutput, DeduplicateIds, OverwriteCells
from nbgrader.preprocessors.base import NbGraderPreprocessor
from traitlets.config import Config

from autograder.nbgrader_hook import graded_cells


class _SourceCell(NamedTuple):
    name: str
    cell_type: str
    locked: bool
    checksum: str
    source: str


class _GradedCell(NamedTuple):
    name: str
    max_score: float


class SourceCells:
    """The gradebook's cells of each source notebook, read once: they do not
    change while a class is graded.  Answers the lookups OverwriteCells makes,
    as the gradebook would (``MissingEntry`` for an unknown cell)."""

    def __init__(self, gradebook: Gradebook):
        self.gradebook = gradebook
        self._notebooks: dict[tuple[str, str], tuple[dict, dict]] = {}

    def _cells(self, notebook: str, assignment: str) -> tuple[dict, dict]:
        key = (notebook, assignment)
        if key not in self._notebooks:
            nb = self.gradebook.find_notebook(notebook, assignment)
            source = {c.name: _SourceCell(c.name, c.cell_type, c.locked, c.checksum, c.source)
                      for c in nb.source_cells}
            graded = {c.name: _GradedCell(c.name, c.max_score) for c in [*nb.grade_cells, *nb.task_cells]}
            self._notebooks[key] = (source, graded)
        return self._notebooks[key]

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> _SourceCell:
        try:
            return self._cells(notebook, assignment)[0][name]
        except KeyError:
            raise MissingEntry() from None

    def find_graded_cell(self, name: str, notebook: str, assignment: str) -> _GradedCell:
        try:
            return self._cells(notebook, assignment)[1][name]
        except KeyError:
            raise MissingEntry() from None

    def find_notebook(self, notebook: str, assignment: str):
        return self.gradebook.find_notebook(notebook, assignment)


class _OverwriteCellsShared(OverwriteCells):
    """OverwriteCells on the worker's cached source cells."""

    def __init__(self, cells: SourceCells, **kwargs):
        super().__init__(**kwargs)
        self._shared = cells

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


class _CompiledSchema(BaseMetadataValidator):
    """Validates a cell of the current schema version with a validator built once."""

    _compiled: dict[int, object] = {}

    def validate_cell(self, cell: NotebookNode) -> None:
        meta = cell.metadata.get("nbgrader")
        if not isinstance(meta, dict) or meta.get("schema_version", 0) != self.schema_version:
            super().validate_cell(cell)            # nbgrader's own answer for other versions
            return
        validator = self._compiled.get(self.schema_version)
        if validator is None:
            kind = jsonschema.validators.validator_for(self.schema)
            kind.check_schema(self.schema)
            validator = self._compiled[self.schema_version] = kind(self.schema)
        validator.validate(meta)


class _Validator(MetadataValidator, _CompiledSchema):
    """nbgrader's validator (its checks beyond the schema included), schema compiled once."""


class _CheckCellMetadata(CheckCellMetadata):
    """CheckCellMetadata with ``_Validator``; the same verdict and message."""

    def preprocess(self, nb, resources):
        try:
            _Validator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            message = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(message)
            raise ValidationError(message) from None
        return nb, resources


def sanitize(nb: NotebookNode, resources: dict, cells: SourceCells, config: Config) -> NotebookNode:
    for step in (ClearOutput(config=config), DeduplicateIds(config=config)):
        nb, resources = step(nb, resources)
    _overwrite_kernelspec(nb, resources, cells.gradebook)
    nb, resources = _OverwriteCellsShared(cells, config=config)(nb, resources)
    nb, resources = _CheckCellMetadata(config=config)(nb, resources)
    return nb


def code_to_grade(nb: NotebookNode) -> list[str]:
    """The cells a kernel would run, minus the test cells that call the hook."""
    return graded_cells([cell.source for cell in nb.cells if cell.cell_type == "code"])


def _overwrite_kernelspec(nb: NotebookNode, resources: dict, gradebook: Gradebook) -> None:
    info = resources["nbgrader"]
    kernelspec = gradebook.find_notebook(info["notebook"], info["assignment"]).kernelspec
    if kernelspec:
        nb.metadata["kernelspec"] = json.loads(kernelspec)
