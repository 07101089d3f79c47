"""Problem set 1: other correct styles pass, wrong answers fail and say why."""

from hidden_kit import judge as run_hidden, points, result, scores, variant

PS1 = "ps1_derivatives"


def judge(extra: str):
    return run_hidden(PS1, variant(PS1, extra))


def full(results, function):
    return scores(results)[function] == points(PS1)[function]


def test_other_correct_styles_earn_full_marks():
    results = judge('''
import math

def f(x):
    return x * x * x * x - 3 * x * x * x + 2

def dparabola(x):
    return 2 * x - 6

def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty_like(z)
    pos = z >= 0
    out[pos] = 1 / (1 + np.exp(-z[pos]))
    e = np.exp(z[~pos])
    out[~pos] = e / (1 + e)
    return out if out.ndim else float(out)

def numerical_derivative(func, x, h=1e-5):
    return (func(x + h) - func(x - h)) / 2 / h

def f_prime_expr():
    x = sympy.Symbol("x", real=True)
    return sympy.expand(x**2 * (4 * x - 9))

def sigmoid_prime_expr():
    z = sympy.Symbol("z", real=True)
    s = 1 / (1 + sympy.exp(-z))
    return s * (1 - s)

def critical_points():
    x = sympy.Symbol("x")
    return sorted(sympy.solveset(4 * x**3 - 9 * x**2, x, domain=sympy.S.Reals))
''')
    assert results
    assert all(r.outcome == "passed" for r in results), [(r.name, r.output) for r in results if r.outcome != "passed"]


def test_sigmoid_derivative_of_the_pre_activation_is_named_on_both_tests():
    results = judge('''
def sigmoid_derivative(s):
    return sigmoid(s) * (1 - sigmoid(s))
''')
    assert scores(results)["sigmoid_derivative"] == 0
    graded = [r for r in results if r.function == "sigmoid_derivative"]
    assert len(graded) == 2
    for r in graded:
        assert r.outcome == "incorrect"
        assert r.mistake == "written for the pre-activation: sigmoid(s) * (1 - sigmoid(s))"
        assert r.output.startswith("This looks like a known mistake: written for the pre-activation")
        assert "s * (1 - s)" in r.output and "Called:   sigmoid_derivative(" in r.output
    sympy_test = result(results, "sigmoid_derivative", "SymPy")
    assert "Expected (SymPy's derivative of the sigmoid" in sympy_test.output


def test_an_overflowing_sigmoid_passes_with_a_note_and_an_unstable_one_fails():
    naive = judge('''
def sigmoid(z):
    return 1 / (1 + np.exp(-np.asarray(z, dtype=float)))
''')
    large = result(naive, "sigmoid", "large")
    assert large.outcome == "passed" and "overflow" in large.output
    unstable = judge('''
def sigmoid(z):
    e = np.exp(np.asarray(z, dtype=float))
    return e / (1 + e)
''')
    large = result(unstable, "sigmoid", "large")
    assert large.outcome == "incorrect" and "nan where a number was expected" in large.output
    assert full(unstable, "df")
    scalar_math = judge('''
import math
def sigmoid(z):
    return 1 / (1 + math.exp(-z))
''')
    assert result(scalar_math, "sigmoid", "scalars").outcome == "passed"
    assert result(scalar_math, "sigmoid", "arrays").outcome == "error"


def test_wrong_derivatives_explain_themselves():
    results = judge('''
def df(x):
    return 4 * x**3 - 9 * x**2 + 2

def dparabola(x):
    return x - 3
''')
    df_tests = [r for r in results if r.function == "df"]
    assert df_tests
    assert all(r.score == 0 and r.mistake == "the constant term was kept" for r in df_tests)
    sympy_test = result(results, "dparabola", "SymPy")
    assert sympy_test.score == 0
    assert "exactly 1/2 times the expected answer" in sympy_test.output


def test_shape_mistakes_are_described():
    results = judge('''
def f(x):
    return np.ravel(x**4 - 3 * x**3 + 2)
''')
    arrays = result(results, "f", "arrays")
    assert arrays.score == 0
    assert "shape (4,)" in arrays.output and "(4, 1)" in arrays.output
    assert "a 1-D array instead of a column" in arrays.output


def test_numerical_derivative_mistakes_are_named():
    forward = judge('''
def numerical_derivative(func, x, h=1e-5):
    return (func(x + h) - func(x)) / h
''')
    assert scores(forward)["numerical_derivative"] == 0
    assert result(forward, "numerical_derivative", "default h").mistake == \
        "a forward difference instead of the central one"
    ignores_h = judge('''
def numerical_derivative(func, x, h=1e-5):
    return (func(x + 1e-5) - func(x - 1e-5)) / 2e-5
''')
    assert result(ignores_h, "numerical_derivative", "default h").outcome == "passed"
    assert result(ignores_h, "numerical_derivative", "given h").outcome == "incorrect"


def test_symbolic_answers_are_judged_by_meaning():
    results = judge('''
def f_prime_expr():
    return "4*x**3 - 9*x**2"

def sigmoid_prime_expr():
    x = sympy.Symbol("x")
    return sympy.exp(-x) / (1 + sympy.exp(-x))**2

def critical_points():
    return [0, 2.25]
''')
    assert "not a SymPy expression" in result(results, "f_prime_expr", "").output
    assert "uses the symbol(s) x" in result(results, "sigmoid_prime_expr", "").output
    assert result(results, "critical_points", "sorted").outcome == "passed"
    exact = result(results, "critical_points", "exact")
    assert exact.score == 0 and "2.25 is a float" in exact.output


def test_non_equivalent_expressions_fail_with_a_point_where_they_differ():
    results = judge('''
def f_prime_expr():
    x = sympy.Symbol("x")
    return 4 * x**3 - 9 * x

def critical_points():
    x = sympy.Symbol("x")
    return [sympy.Rational(9, 4), sympy.Integer(0)]
''')
    fp = result(results, "f_prime_expr", "")
    assert fp.score == 0 and "not equivalent" in fp.output and "at x = " in fp.output
    unsorted = result(results, "critical_points", "sorted")
    assert unsorted.score == 0 and "not sorted" in unsorted.output


def test_changing_an_input_is_noted_even_where_no_test_scores_it():
    results = judge('''
def sigmoid(z):
    if isinstance(z, np.ndarray):
        z *= -1
        with np.errstate(over="ignore"):
            return 1 / (1 + np.exp(z))
    return 1 / (1 + np.exp(-z))
''')
    arrays = result(results, "sigmoid", "arrays")
    assert arrays.outcome == "passed"
    assert "changed its argument z" in arrays.output and "leave their inputs unchanged" in arrays.output
    assert "changed its argument" not in result(results, "sigmoid", "scalars").output
