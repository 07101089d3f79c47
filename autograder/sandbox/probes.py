"""The probes' factories, as the grader imports them: ``inside/probes.py``, loaded by path.

The grader builds the same callables the sandbox builds, to compute
expected values with identical arithmetic; importing
``autograder.sandbox.probes`` gives that module itself (``boundary``).
"""

import sys

from .boundary import load

sys.modules[__name__] = load("probes")
