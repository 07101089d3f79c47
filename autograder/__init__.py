"""The course's autograder.

Trusted code only: nothing in this package runs student code in its own
process.  Student code runs in ``autograder.sandbox`` children; the verdict
is computed here from the plain data they send back.

The path from a submission to a grade is ``autograder/grade/pipeline.py``.
"""
