"""Per-student HTML feedback: ``python -m autograder feedback``."""
