# nbgrader configuration: this repository is the course directory.
#
# Paths are taken from this file's location, so a fresh clone (or a copy of
# it, as the tests make) works wherever it sits:
#     nbgrader generate_assignment ps1_derivatives   -> release/ps1_derivatives/
# Run nbgrader with the virtual environment's bin/ on PATH (it calls alembic).
import os

c = get_config()  # noqa: F821  (provided by nbgrader when it reads this file)
here = os.path.dirname(os.path.abspath(__file__))

c.CourseDirectory.root = here
c.CourseDirectory.course_id = "gd-backprop"
c.CourseDirectory.db_url = "sqlite:///" + os.path.join(here, "gradebook.db")

# A local exchange inside the course keeps release/collect self-contained
# (and out of /srv/nbgrader) for tests and single-machine use; JupyterHub
# deployments override it.
c.Exchange.root = os.path.join(here, "exchange")

# The markers the source notebooks use (nbgrader's own spelling of "delimeter").
c.ClearSolutions.begin_solution_delimeter = "BEGIN SOLUTION"
c.ClearSolutions.end_solution_delimeter = "END SOLUTION"
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"

# Under `nbgrader autograde` the first test cell grades the whole notebook in
# the sandbox; a few hanging functions (10 s each) must not exceed the cell's
# limit, or nbgrader would score that cell 0 where the batch command does not.
c.Execute.timeout = 120

# The batch command's full record stays with the instructor: nbgrader copies
# every other file of autograded/<student>/<assignment>/ into the feedback
# folder it hands back, and the record holds what the feedback page does not
# (the isolation in force, fingerprints).
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback", "autograder.json"]

# `nbgrader autograde` grades in the student's kernel, which an answer cell
# can tamper with; this step grades the notebook again in the sandbox, from
# nbgrader's own process, and its scores are the ones saved
# (autograder/nbgrader_regrade.py).
from nbgrader.converters.autograde import Autograde  # noqa: E402
from nbgrader.preprocessors import Execute  # noqa: E402

from autograder.nbgrader_regrade import IsolatedScores  # noqa: E402

_steps = list(Autograde.class_traits()["autograde_preprocessors"].default())
c.Autograde.autograde_preprocessors = _steps[:_steps.index(Execute) + 1] + [IsolatedScores] + _steps[_steps.index(Execute) + 1:]
