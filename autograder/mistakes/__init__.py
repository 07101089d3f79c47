"""``python -m autograder mistakes``: grow the catalogue of known mistakes from a graded class."""
