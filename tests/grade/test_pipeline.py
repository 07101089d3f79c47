"""What the pipeline adds to a sandbox's report: where things went wrong, in
words a student can act on.  The sandbox is replaced by a recorded report."""

import nbformat

from autograder.grade.pipeline import Grader
from autograder.sandbox.protocol import CallOutcome, FunctionRun, SandboxReport


class RecordedSandbox:
    """Stands in for the sandbox: returns one prepared report."""

    def __init__(self, report: SandboxReport):
        self.report = report

    def start(self, wait=True):
        pass

    def run(self, program, plan, limits=None, **stand_ins):
        return self.report

    def __exit__(self, *exc):
        pass


def grade(path, report, assignment="ps3_cost_functions"):
    with Grader(sandbox=RecordedSandbox(report)) as grader:
        return grader.grade_path(path, assignment)


def notebook(tmp_path, *cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(source, execution_count=count) for source, count in cells]
    path = tmp_path / "ps3_cost_functions.ipynb"
    nbformat.write(nb, path)
    return path


def outputs(result, function):
    return [t.output for t in result.tests if t.function == function]


def test_a_load_that_ran_out_of_time_says_so_in_every_test_and_where_to_look(tmp_path):
    path = notebook(tmp_path, ("import numpy as np", 1), ("slow = sum(range(10**10))", 2))
    stopped = "loading stopped: the program ran for more than 20 s"
    report = SandboxReport(load_errors=[stopped],
                           functions={"mse": FunctionRun("mse", "not_loaded", detail="the program did not load")})
    result = grade(path, report)
    assert all(o == f"Not graded: the code could not be loaded: {stopped}" for o in outputs(result, "mse"))
    assert "look for a slow statement at the top level of a cell" in result.output


def test_a_function_lost_to_a_syntax_error_is_not_called_not_attempted(tmp_path):
    path = notebook(tmp_path, ("import numpy as np", 5), ("def mse(y_hat, y)\n    return 0.0", 9))
    report = SandboxReport(functions={"mse": FunctionRun("mse", "missing"),
                                      "neuron": FunctionRun("neuron", "missing")})
    result = grade(path, report)
    assert all(o.startswith("Syntax error: mse could not be defined") and "(cell In [9], line 1)" in o
               for o in outputs(result, "mse"))
    assert all(o.startswith("Not attempted") for o in outputs(result, "neuron"))
    assert all(t.outcome == "error" for t in result.tests if t.function == "mse")


def test_an_error_in_a_call_names_the_cell(tmp_path):
    path = notebook(tmp_path, ("import numpy as np", 3), ("def neuron(X, w):\n    return helper(X @ w)", 4))
    # Line 5 of the joined code: each cell follows a marker line.
    raised = CallOutcome("error", error="NameError: name 'helper' is not defined (line 5)")
    report = SandboxReport(functions={"neuron": FunctionRun("neuron", "ok", calls=[raised] * 10)})
    result = grade(path, report)
    failed = [o for o in outputs(result, "neuron") if "It raised" in o]
    assert failed and all("(cell In [4], line 2)" in o for o in failed)


def test_a_name_that_differs_only_in_case_is_pointed_out(tmp_path):
    path = notebook(tmp_path, ("def MSE(y_hat, y):\n    return 0.0", 1))
    report = SandboxReport(defined=["MSE"], functions={"mse": FunctionRun("mse", "missing"),
                                                       "neuron": FunctionRun("neuron", "missing")})
    result = grade(path, report)
    assert all("Did you mean 'MSE'? Python names are case-sensitive" in o for o in outputs(result, "mse"))
    assert all(o == "Not attempted: no function named 'neuron' was found." for o in outputs(result, "neuron"))


def test_an_error_in_a_call_names_the_file_of_a_py_submission(tmp_path):
    (tmp_path / "cost_functions.py").write_text("def neuron(X, w):\n    return helper(X @ w)\n")
    raised = CallOutcome("error", error="NameError: name 'helper' is not defined (line 2)")
    report = SandboxReport(functions={"neuron": FunctionRun("neuron", "ok", calls=[raised] * 10)})
    failed = [o for o in outputs(grade(tmp_path, report), "neuron") if "It raised" in o]
    assert failed and all("is not defined (cost_functions.py, line 2)" in o for o in failed)


def test_lines_of_a_py_file_under_another_name_are_named_by_that_file(tmp_path):
    (tmp_path / "homework 3.py").write_text("def mse(y_hat, y)\n    return 0.0\n")
    report = SandboxReport(load_errors=["line 1: SyntaxError: expected ':'"],
                           functions={"mse": FunctionRun("mse", "missing")})
    result = grade(tmp_path / "homework 3.py", report)
    assert "While loading your code: homework 3.py, line 1: SyntaxError" in result.output
    assert all("(homework 3.py, line 1)" in o for o in outputs(result, "mse"))
