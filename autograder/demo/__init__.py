"""The sample course behind ``make demo`` (``python -m autograder demo``); not grading code.

It builds a throwaway nbgrader course from the repository's ``source/``,
invents a class of submissions (``sample_class``) and runs the instructor's
real commands on them, so a newcomer sees the whole cycle in one command.
Nothing that grades a submission imports it, and the Gradescope bundle does
not ship it.  It is installed only so that the ``demo`` verb exists; it
needs a checkout of the repository to run.
"""
