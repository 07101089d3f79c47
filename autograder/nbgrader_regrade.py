"""``nbgrader autograde``, graded outside the student's kernel.

Under ``nbgrader autograde`` each hidden test cell calls
``autograder.nbgrader_hook.score_cell`` in the kernel where the student's
answer cells already ran, so an answer cell can rebind ``score_cell`` or put
another module in ``sys.modules`` and the test cells print whatever score
it likes.  Nothing inside a kernel can prevent that.

``IsolatedScores`` is a preprocessor that nbgrader runs after ``Execute``
and before ``SaveAutoGrades`` (``nbgrader_config.py``), in nbgrader's own
process: it grades the notebook's code cells again in the sandbox, as the
batch command does, and replaces each hook cell's outputs with that
grade's feedback and score.  ``SaveAutoGrades`` reads the score from the
outputs, so what the kernel printed no longer counts.
"""

from __future__ import annotations

import re

from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor

from autograder.nbgrader_hook import cell_feedback, cell_score, graded_cells, is_hook_cell, warm_grader

_CALL = re.compile(r"""score_cell\(\s*["'](\w+)["']\s*,\s*["'](\w+)["']""")


class IsolatedScores(NbGraderPreprocessor):
    """Overwrite the hook cells' outputs with the grade computed in the sandbox."""

    def preprocess(self, nb, resources):
        hooks = [(cell, _CALL.search(cell.source)) for cell in nb.cells
                 if cell.cell_type == "code" and is_hook_cell(cell.source)]
        hooks = [(cell, found) for cell, found in hooks if found]
        if not hooks:
            return nb, resources
        assignment = hooks[0][1].group(1)
        cells = graded_cells([cell.source for cell in nb.cells if cell.cell_type == "code"])
        student = resources.get("nbgrader", {}).get("student")   # the hidden inputs are the student's, as in the batch
        result = warm_grader().grade_cells(cells, assignment, student=student)
        for cell, found in hooks:
            function = found.group(2)
            points = cell.metadata.get("nbgrader", {}).get("points")
            score = cell_score(result, function, float(points) if points is not None else None)
            cell.outputs = [new_output("stream", name="stdout", text=cell_feedback(result, function)),
                            new_output("execute_result", data={"text/plain": repr(score)},
                                       execution_count=cell.get("execution_count"))]
        return nb, resources
