"""The ground floor: what a grade is, and the words for how a test ended.

Every other package of the grader may import this one; it imports none of
them, so grading, the records, the reports and the feedback pages all speak
of one ``TestResult``, one ``GradeResult`` and one ``Outcome``.
"""

from autograder.results.outcome import LABELS, STOPPED, Outcome, as_outcome, label
from autograder.results.result import GradeResult, TestResult, combine

__all__ = ["LABELS", "STOPPED", "GradeResult", "Outcome", "TestResult", "as_outcome", "combine", "label"]
