"""``python -m autograder export``: grades out of nbgrader's gradebook, for the LMS."""
