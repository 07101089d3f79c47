"""Gradescope autograder bundles, one zip per assignment.

``bundle`` writes the zip (``setup.sh``, ``run_autograder``, a pinned
``requirements.txt`` and the grader's source); ``run`` is what
``run_autograder`` starts inside Gradescope's container.  The grader's source
lives in ``/autograder/source``, never in site-packages: student code may read
site-packages, but the sandbox keeps it away from the source (and with it the
reference solutions and the hidden tests).
"""
