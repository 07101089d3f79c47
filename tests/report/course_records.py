"""A small synthetic course: autograder records for a handful of students.

A plain module (not conftest) so tests can import its builders by name.
"""

import json

from autograder.results import GradeResult, TestResult

GD, MIN = "gradient_descent", "minimize"


def t(function, title, score, max_score, outcome, output="", mistake=""):
    return TestResult("gradient_descent", function, title, score, max_score, output=output,
                      outcome=outcome, mistake=mistake)


def correct():
    return [t(GD, "iterates", 2, 2, "passed"), t(GD, "array x0", 1, 1, "passed"),
            t(MIN, "published figure", 2, 2, "passed"), t(MIN, "stops", 1, 1, "passed")]


def stub():
    return [t(f, title, 0, m, "not_attempted", "Not attempted: the function still raises NotImplementedError.")
            for f, title, m in ((GD, "iterates", 2), (GD, "array x0", 1), (MIN, "published figure", 2), (MIN, "stops", 1))]


def off_by_one(last):
    """gradient_descent right; minimize forgets to count the final step."""
    return [t(GD, "iterates", 2, 2, "passed"), t(GD, "array x0", 1, 1, "passed"),
            t(MIN, "published figure", 0, 2, "incorrect",
              f"minimize(df, 4, 0.01, 1e-05) returned steps={last}, expected 42.\n"
              "Hint: the update that moves x by at most precision still counts.", mistake="uncounted_last_step"),
            t(MIN, "stops", 1, 1, "passed")]


def hangs():
    return [t(GD, "iterates", 2, 2, "passed"), t(GD, "array x0", 0, 1, "error",
                                                   "TypeError: only length-1 arrays can be converted"),
            t(MIN, "published figure", 0, 2, "timeout", "minimize did not return within 10 s."),
            t(MIN, "stops", 0, 1, "timeout", "minimize did not return within 10 s.")]


SUBMISSIONS = {
    "alice": correct,
    "bob": stub,
    "carol": lambda: off_by_one(41),
    "dave": hangs,
    "frank": lambda: off_by_one(40),
}


def write_record(course, student, assignment, tests, **extra):
    folder = course / "autograded" / student / assignment
    folder.mkdir(parents=True, exist_ok=True)
    data = GradeResult(assignment, tests, output="", execution_time=0.5).to_dict() | extra
    (folder / "autograder.json").write_text(json.dumps(data))
    return folder
