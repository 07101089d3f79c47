"""Hidden reference solutions: the single source of truth for the course.

Every function a student writes is written here once.  The student stubs in
``exercises/`` and the nbgrader source notebooks in ``source/`` are generated
from these files (``python -m autograder build``), and the grader compares
submissions with them.  Nothing in this package is ever shipped to students.
"""
