"""The instructor's class report: ``python -m autograder report``."""
