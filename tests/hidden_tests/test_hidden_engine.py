"""The grader's contract for every hidden test: plan, points, names, and what each outcome says.

Most tests here grade the reference with a sandbox report altered by hand
(a function missing, stopped, raising, changing its inputs) and read the
verdicts the plugin gives, so every wording a student can receive is pinned
down once, whatever the problem set.
"""

import copy

import numpy as np
import pytest

from autograder.checks.mistakes import catalogue
from autograder.course import ASSIGNMENTS, MODULES, exercise_functions
from autograder.grade import described, session
from autograder.sandbox import codec
from autograder.sandbox.protocol import Call, CallOutcome, FunctionRun, SandboxReport
from hidden_kit import judge, judge_with, points, reference_source, runner, scores, stub_source

ALL = list(ASSIGNMENTS)
TOTALS = {"ps1_derivatives": 20, "ps2_gradient_descent": 10, "ps3_cost_functions": 30, "ps4_backprop": 30}
DIVERGING = "a diverging learning rate stops at the first non-finite x, counting that update"
UNCHANGED = "leaves x0 unchanged"


def graded(assignment: str, change=None, source=None, **options) -> session.HiddenRun:
    """The hidden tests on ``source`` (default: the reference), each sandbox report passed
    through ``change(report)`` first, as if the sandbox had seen that happen."""
    base = runner(assignment, source, **options)

    def run(plan):
        report = base(plan)
        if change is not None:
            change(report)
        return report
    return session.run(assignment, run)


def of(hidden, function: str) -> list:
    return [r for r in hidden.tests if r.function == function]


def titled(hidden, title: str):
    (found,) = [r for r in hidden.tests if r.title == title]
    return found


def replaced(function: str, run: FunctionRun):
    def change(report):
        report.functions[function] = copy.deepcopy(run)
    return change


def quiet(plan) -> SandboxReport:
    """A sandbox that ran nothing: every function reads as missing (enough to learn the plan)."""
    return SandboxReport()


# ---------------------------------------------------------------- the catalogue of tests


def test_assignments_and_modules_are_the_course_catalogue():
    assert ASSIGNMENTS == {"ps1_derivatives": "derivatives", "ps2_gradient_descent": "gradient_descent",
                           "ps3_cost_functions": "cost_functions", "ps4_backprop": "backprop"}
    assert MODULES == {m: a for a, m in ASSIGNMENTS.items()}


def test_an_unknown_assignment_is_refused():
    with pytest.raises(KeyError, match="ps9_nothing"):
        session.run("ps9_nothing", quiet)
    with pytest.raises(KeyError, match="ps9_nothing"):
        described.points("ps9_nothing")


@pytest.mark.parametrize("assignment", ALL)
def test_points_and_plan_cover_every_exercise_function(assignment):
    functions = exercise_functions(assignment)
    points = described.points(assignment)
    assert list(points) == list(functions)
    assert sum(points.values()) == TOTALS[assignment]
    assert all(1 <= p <= 9 for p in points.values())  # backward, the derivation, is worth most
    plan = session.run(assignment, quiet).plan
    assert list(plan) == list(functions)
    assert all(calls and all(isinstance(c, Call) and c.function == f for c in calls) for f, calls in plan.items())


@pytest.mark.parametrize("assignment", ALL)
def test_results_are_the_described_tests_in_curriculum_order(assignment):
    """One result per test function, grouped by exercise as the course lists them, worth its marker's points."""
    order = {f: i for i, f in enumerate(exercise_functions(assignment))}
    listed = sorted(described.tests_of(assignment), key=lambda t: order[t.function])
    results = session.run(assignment, quiet).tests
    assert [(r.function, r.title, r.max_score) for r in results] == [(t.function, t.title, t.points) for t in listed]


@pytest.mark.parametrize("assignment", ALL)
def test_the_plan_is_deterministic_and_frozen(assignment):
    first, again = session.run(assignment, quiet).plan, session.run(assignment, quiet).plan

    def texts(plan):
        return [codec.dumps([c.function, c.args, c.kwargs]) for calls in plan.values() for c in calls]
    assert texts(first) == texts(again)
    arrays = [a for calls in first.values() for c in calls for a in c.args if isinstance(a, np.ndarray)]
    assert arrays and not any(a.flags.writeable for a in arrays)


# ---------------------------------------------------------------- whole submissions


@pytest.mark.parametrize("assignment", ALL)
def test_the_reference_earns_full_marks(assignment):
    results = judge(assignment)
    assert [(r.name, r.output) for r in results if r.score != r.max_score] == []
    assert {r.outcome for r in results} == {"passed"}
    assert sum(r.score for r in results) == TOTALS[assignment]
    assert scores(results) == points(assignment)
    assert len(results) == len(described.tests_of(assignment))
    names = [r.name for r in results]
    assert len(set(names)) == len(names)
    assert all(r.name.startswith(f"{ASSIGNMENTS[assignment]}.{r.function}: ") for r in results)
    assert not any(r.mistake for r in results)


@pytest.mark.parametrize("assignment", ALL)
def test_untouched_stubs_are_not_attempted(assignment):
    results = judge(assignment, stub_source(assignment))
    assert results and all(r.score == 0 and r.outcome == "not_attempted" for r in results)
    assert all(r.output.startswith("Not attempted:") for r in results)
    assert all("NotImplementedError" in r.output for r in results)


# ---------------------------------------------------------------- functions that could not run


def test_a_missing_function_is_not_attempted_with_the_suggestion():
    hidden = graded("ps1_derivatives", replaced("sigmoid_derivative", FunctionRun(
        "sigmoid_derivative", "missing", detail="A function named 'sigmoid_derivtive' exists: a typo?")))
    results = of(hidden, "sigmoid_derivative")
    assert results and all(r.outcome == "not_attempted" and r.score == 0 for r in results)
    for r in results:
        assert r.output == ("Not attempted: no function named 'sigmoid_derivative' was found. "
                            "A function named 'sigmoid_derivtive' exists: a typo?")
    assert all(r.outcome == "passed" for r in hidden.tests if r.function != "sigmoid_derivative")


def test_a_function_absent_from_the_report_counts_as_missing_or_unloaded():
    absent = session.run("ps2_gradient_descent", quiet).tests
    assert absent and all(r.outcome == "not_attempted" for r in absent)
    assert all(r.output == f"Not attempted: no function named '{r.function}' was found." for r in absent)
    error = "SyntaxError: invalid syntax (line 3)\n    x = = 1\n      ^"
    unloaded = session.run("ps2_gradient_descent", lambda plan: SandboxReport(load_errors=[error])).tests
    assert unloaded and all(r.outcome == "error" and r.score == 0 and r.output ==
                            "Not graded: the code could not be loaded: SyntaxError: invalid syntax (line 3)"
                            for r in unloaded)


@pytest.mark.parametrize("status, detail, outcome, output", [
    ("not_loaded", "ImportError: no module named 'derivatives'\n  more", "error",
     "Not graded: the code could not be loaded: ImportError: no module named 'derivatives'"),
    ("not_loaded", "", "error", "Not graded: the code could not be loaded."),
    ("not_callable", "f is an int", "error", "'f' is defined but is not a function (f is an int)."),
    ("not_callable", "", "error", "'f' is defined but is not a function."),
    ("not_defined", "f was not defined: the cell above it has a syntax error.\nline 2", "error",
     "f was not defined: the cell above it has a syntax error.\nline 2"),
    ("not_submitted", "Nothing was handed in.", "not_attempted", "Nothing was handed in."),
])
def test_a_function_that_cannot_run_says_why_in_every_test(status, detail, outcome, output):
    """The grader's own statuses carry their whole message; the sandbox's keep one line of detail."""
    hidden = graded("ps1_derivatives", replaced("f", FunctionRun("f", status, detail=detail)))
    results = of(hidden, "f")
    assert results and all(r.outcome == outcome and r.score == 0 and r.output == output for r in results)


@pytest.mark.parametrize("status, outcome, words", [
    ("timeout", "timeout", "Timed out: minimize was stopped after running too long (an endless loop?)"),
    ("memory", "memory", "Out of memory: minimize used more memory than allowed"),
    ("crashed", "crashed", "Crashed: the process running minimize died"),
    ("ok", "error", "No result: minimize stopped early"),
])
def test_a_stopped_function_keeps_what_it_finished(status, outcome, words):
    """Tests whose calls all came back are judged; the rest say why they have nothing."""
    def cut(report):
        done = report.functions["minimize"].calls
        report.functions["minimize"] = FunctionRun("minimize", status, done[:max(len(done) - 2, 0)],
                                                   detail="limit reached\nsecond line")

    hidden = graded("ps2_gradient_descent", cut)
    results = of(hidden, "minimize")
    stopped = [r for r in results if r.outcome != "passed"]
    assert [r.title for r in stopped] == [DIVERGING]       # its two runs are planned last
    assert stopped[0].outcome == outcome and stopped[0].score == 0
    assert stopped[0].output == (f"{words} (limit reached) while running "
                                 "minimize(lambda x: -9*x**2 + 4*x**3, 4.0, 0.1, 1e-05).")
    assert len(results) > 1 and all(r.score == r.max_score for r in results if r is not stopped[0])


def test_a_function_stopped_before_any_call_scores_nothing():
    hidden = graded("ps2_gradient_descent", replaced("gradient_descent",
                                                     FunctionRun("gradient_descent", "timeout", [])))
    results = of(hidden, "gradient_descent")
    assert results and all(r.outcome == "timeout" and r.score == 0 and r.output.startswith(
        "Timed out: gradient_descent was stopped after running too long") for r in results)
    assert titled(hidden, UNCHANGED).output.endswith(" before any call finished.")
    assert all(r.outcome == "passed" for r in of(hidden, "minimize"))


# ---------------------------------------------------------------- calls that raised


def test_an_exception_is_an_error_showing_the_call():
    def raising(report):
        report.functions["df"].calls[0] = CallOutcome("error", error="NameError: name 'np' is not defined")

    first = of(graded("ps1_derivatives", raising), "df")[0]
    assert first.outcome == "error" and first.score == 0
    assert first.output.startswith("Called:   df(")
    assert first.output.endswith("\nIt raised NameError: name 'np' is not defined")


def test_a_long_error_is_cut():
    def raising(report):
        report.functions["df"].calls[0] = CallOutcome("error", error="ValueError: " + "x" * 2000)

    first = of(graded("ps1_derivatives", raising), "df")[0]
    said = first.output.split("\nIt raised ", 1)[1]
    assert len(said) == 800 and said.endswith(" ...") and said.startswith("ValueError: xxx")


# ---------------------------------------------------------------- which reason wins


def test_the_stub_is_named_before_an_error_from_an_earlier_call():
    """A test whose calls both raised and hit the stub says the stub: the exercise is not done yet."""
    def mixed(report):
        calls = report.functions["df"].calls
        if len(calls) > 1:
            calls[0] = CallOutcome("error", error="TypeError: unsupported operand")
            calls[1] = CallOutcome("not_implemented")

    first = of(graded("ps1_derivatives", mixed), "df")[0]
    assert first.outcome == "not_attempted"
    assert first.output.startswith("Not attempted: df raised NotImplementedError")


def test_stopping_is_named_before_what_the_finished_calls_did():
    def stopped(report):
        report.functions["df"] = FunctionRun("df", "timeout", [CallOutcome("not_implemented")])

    results = of(graded("ps1_derivatives", stopped), "df")
    assert results and all(r.outcome == "timeout" for r in results)


def test_a_missing_function_is_named_before_anything_else():
    """A load error in the report does not hide that the function itself is absent."""
    def gone(report):
        report.load_errors.append("ImportError: helper failed")
        report.functions["df"] = FunctionRun("df", "missing")

    results = of(graded("ps1_derivatives", gone), "df")
    assert results and all(r.outcome == "not_attempted" and "no function named 'df'" in r.output for r in results)


# ---------------------------------------------------------------- inputs changed


def test_a_changed_input_is_a_note_on_a_passing_test_of_an_unguarded_function():
    def changes(report):
        for outcome in report.functions["sigmoid"].calls:
            outcome.mutated = ["z"]

    results = of(graded("ps1_derivatives", changes), "sigmoid")
    assert results and all(r.outcome == "passed" and r.score == r.max_score for r in results)
    for r in results:
        note = r.output.splitlines()[-1]
        assert note.startswith("Note: sigmoid(") and note.endswith(
            ") changed its argument z. Functions should leave their inputs unchanged "
            "(no points are taken for it here).")


def test_positional_labels_are_named_as_arguments():
    def changes(report):
        for outcome in report.functions["sigmoid"].calls:
            outcome.mutated = ["0", "1", "2"]

    first = of(graded("ps1_derivatives", changes), "sigmoid")[0]
    assert "changed argument 0, argument 1, argument 2." in first.output


def test_a_guarded_function_loses_the_inputs_test_instead_of_a_note():
    def changes(report):
        calls = report.functions["gradient_descent"].calls
        for outcome in calls[1:]:
            outcome.mutated = ["x0"]

    hidden = graded("ps2_gradient_descent", changes)
    values = [r for r in of(hidden, "gradient_descent") if r.title != UNCHANGED]
    assert values and all(r.outcome == "passed" and "Note:" not in r.output for r in values)
    unchanged = titled(hidden, UNCHANGED)
    n = len(hidden.plan["gradient_descent"])
    assert unchanged.outcome == "incorrect" and unchanged.score == 0
    assert unchanged.output.startswith(f"gradient_descent changed its argument x0 (in {n - 1} of {n} calls), "
                                       "e.g. when called as gradient_descent(")
    assert "Functions must leave the arrays they are given unchanged, bit for bit." in unchanged.output


def test_the_inputs_test_waits_for_a_right_answer_elsewhere():
    """An empty function changes nothing: the inputs test is credited only beside a passing value test."""
    def wrong(report):
        for outcome in report.functions["gradient_descent"].calls:
            outcome.value = [0.0]

    hidden = graded("ps2_gradient_descent", wrong)
    assert all(r.outcome == "incorrect" for r in of(hidden, "gradient_descent"))
    assert titled(hidden, UNCHANGED).output.startswith(
        "Not credited yet: this is checked once gradient_descent returns a right answer")
    reference = graded("ps2_gradient_descent")
    passed, n = titled(reference, UNCHANGED), len(reference.plan["gradient_descent"])
    assert passed.outcome == "passed" and passed.output == f"Passed: none of the {n} calls changed its inputs."


# ---------------------------------------------------------------- wrong answers


def test_a_known_mistake_is_named_with_its_hint():
    mistake = next(m for m in catalogue("derivatives")["sigmoid_derivative"] if "pre-activation" in m.name)
    results = [r for r in judge_with("ps1_derivatives", {"sigmoid_derivative": mistake.wrong})
               if r.function == "sigmoid_derivative"]
    named = [r for r in results if r.mistake == mistake.name]
    assert named and all(r.outcome == "incorrect" and r.score == 0 for r in named)
    for r in named:
        assert r.output.startswith(f"This looks like a known mistake: {mistake.name}. {mistake.hint}\nCalled:   ")


def test_a_wrong_answer_outside_the_catalogue_says_what_was_expected():
    def off_by_one(x):
        return 4 * x**3 - 9 * x**2 + 1

    results = [r for r in judge_with("ps1_derivatives", {"df": off_by_one}) if r.function == "df"]
    assert results and all(r.outcome == "incorrect" and r.score == 0 and r.mistake == "" for r in results)
    for r in results:
        lines = r.output.splitlines()
        assert lines[0].startswith("Called:   df(") and lines[1].startswith("Expected")
        assert lines[2].startswith("Got:      ") and lines[3].startswith("Why:      ")
        assert "known mistake" not in r.output
    first = results[0]
    assert first.output.splitlines()[4].startswith("(the first wrong call of ")


# ---------------------------------------------------------------- a test's own code meets an odd value

ODD_VALUE_TESTS = '''
import pytest
from autograder.checks.expect import inspecting


@pytest.mark.points(1)
def test_mse_plain_code(student):
    """its own code on the answer"""
    got = student.mse([0.5], [1.0])
    student.mse([0.25], [1.0])
    if got is not None:
        got + 1.0


@pytest.mark.points(1)
def test_mse_inspected(student):
    """inspected"""
    got = student.mse([0.5], [1.0])
    if got is not None:
        with inspecting(got, shown="mse on one example"):
            got + 1.0
'''


def test_a_value_the_tests_own_code_cannot_digest_is_a_wrong_answer_said_alike(tmp_path):
    extra = tmp_path / "test_cost_functions_odd.py"
    extra.write_text(ODD_VALUE_TESTS)
    source = "def mse(y_hat, y):\n    return 'a string'\n"
    hidden = session.run("ps3_cost_functions", runner("ps3_cost_functions", source), extra=[str(extra)])
    plain, inspected = titled(hidden, "its own code on the answer"), titled(hidden, "inspected")
    assert plain.outcome == inspected.outcome == "incorrect" and plain.score == inspected.score == 0
    # Both on the test's first call, whether the test guarded its look or not.
    assert plain.output.splitlines()[0] == "Called:   mse([0.5], [1.0])"
    assert inspected.output.splitlines()[0] == "Called:   mse on one example"
    for result in (plain, inspected):
        assert "Got:      'a string'" in result.output
        assert "Why:      the returned value could not be compared (TypeError)" in result.output


# ---------------------------------------------------------------- a test's own code is broken

BROKEN_TESTS = '''
import pytest
from autograder.checks.expect import expect


@pytest.mark.points(3)
def test_mse_with_an_undefined_name(student):
    """an undefined name in the test"""
    got = student.mse([0.5, 0.5], [1.0, 1.0])
    expect(got, 0.25 * scale)


@pytest.mark.points(1)
def test_mse_dividing_by_the_answer(student):
    """the answer divides"""
    got = student.mse([1.0], [1.0])
    1.0 / got


@pytest.mark.points(1)
def test_mse_an_error_nobody_listed(student):
    """an error of no listed kind after an answer"""
    got = student.mse([1.0], [1.0])
    if got == 0:
        raise RuntimeError("an answer of zero")
'''


def test_an_error_in_the_tests_own_code_is_not_held_against_the_student(tmp_path, capsys):
    extra = tmp_path / "test_cost_functions_broken.py"
    extra.write_text(BROKEN_TESTS)
    # A sum instead of a mean: a known mistake, which a wrong answer on the broken test's call would name.
    source = reference_source("ps3_cost_functions") + (
        "\ndef mse(y_hat, y):\n    return float(np.sum((np.asarray(y_hat) - np.asarray(y)) ** 2))\n")
    hidden = session.run("ps3_cost_functions", runner("ps3_cost_functions", source), extra=[str(extra)])
    broken = titled(hidden, "an undefined name in the test")
    assert (broken.score, broken.max_score, broken.outcome, broken.mistake) == (3.0, 3.0, "passed", "")
    assert broken.output == ("This test could not run (an error in the grader's test: NameError: name 'scale' "
                             "is not defined); it was not held against you.")
    assert "test_mse_with_an_undefined_name: NameError" in capsys.readouterr().err
    # The test's own look at the answer: dividing by a zero the student returned is a wrong answer.
    divided = titled(hidden, "the answer divides")
    assert (divided.score, divided.outcome) == (0.0, "incorrect")
    assert "Why:      the returned value could not be compared (ZeroDivisionError)" in divided.output
    # Any error but a broken test's own (NameError, ImportError) is charged, as before: points are
    # never given away for an error the student's answer may have caused.
    unlisted = titled(hidden, "an error of no listed kind after an answer")
    assert (unlisted.score, unlisted.outcome) == (0.0, "incorrect")


# ---------------------------------------------------------------- parametrized tests

PARAMETRIZED_TESTS = '''
import numpy as np
import pytest
from autograder.checks.expect import expect, reference
from solutions import cost_functions as ref


@pytest.mark.points(1)
@pytest.mark.parametrize("k", [1, 2])
def test_mse_two_examples(student, k):
    """two examples"""
    expect(student.mse(np.array([[0.5], [k]]), np.array([[1.0], [1.0]])), reference(ref.mse))


@pytest.mark.points(2)
@pytest.mark.parametrize("scale", [0.5, "big", None, np.ones, pytest.param(3, id="three")])
@pytest.mark.parametrize("a, b", [(1, 2), (3, 4)], ids=["low", None])
def test_mse_scaled(student, scale, a, b):
    expect(student.mse(np.array([[a]]), np.array([[b]])), reference(ref.mse))
'''


def test_each_case_of_a_parametrized_test_is_graded_and_counted_under_its_own_title(tmp_path, monkeypatch):
    (tmp_path / "test_cost_functions_cases.py").write_text(PARAMETRIZED_TESTS)
    monkeypatch.setenv(session.EXTRA_VARIABLE, str(tmp_path))
    hidden = session.run("ps3_cost_functions", runner("ps3_cost_functions"))
    ours = [t for t in hidden.tests if t.title.startswith(("two examples", "scaled"))]
    assert [t.title for t in ours[:2]] == ["two examples [1]", "two examples [2]"]
    assert len(ours) == 2 + 2 * 5 and all(t.score == t.max_score for t in ours)
    assert "scaled [3-4-three]" in [t.title for t in ours] and "scaled [low-0.5]" in [t.title for t in ours]
    listed = [t for t in described.tests_of("ps3_cost_functions") if t.title.startswith(("two examples", "scaled"))]
    assert [(t.title, t.points) for t in listed] == [(t.title, t.max_score) for t in ours]
    assert described.total("ps3_cost_functions") == sum(t.max_score for t in hidden.tests) == 30 + 2 + 20


def test_a_visibility_gradescope_does_not_know_is_refused_naming_the_test(tmp_path):
    extra = tmp_path / "test_cost_functions_secret.py"
    extra.write_text(ODD_VALUE_TESTS.replace("@pytest.mark.points(1)\ndef test_mse_inspected",
                                             "@pytest.mark.points(1)\n@pytest.mark.visibility('secret')\n"
                                             "def test_mse_inspected"))
    with pytest.raises(RuntimeError, match=r"test_cost_functions_secret.py::test_mse_inspected: visibility "
                                           r"'secret' is not one of Gradescope's \(hidden, after_due_date, "):
        session.run("ps3_cost_functions", runner("ps3_cost_functions"), extra=[str(extra)])
    extra = tmp_path / "test_cost_functions_later.py"   # a new name: pytest keeps the module it imported
    extra.write_text(ODD_VALUE_TESTS.replace("def test_mse_inspected",
                                             "@pytest.mark.visibility('after_due_date')\ndef test_mse_inspected"))
    hidden = session.run("ps3_cost_functions", runner("ps3_cost_functions"), extra=[str(extra)])
    assert titled(hidden, "inspected").visibility == "after_due_date"
