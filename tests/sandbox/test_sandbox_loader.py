"""Loading statement by statement: broken cells do not hide good functions."""

from __future__ import annotations

import textwrap

from hypothesis import given, settings, strategies as st
from sandbox_kit import plan, program

from autograder.sandbox.boundary import load

loader = load("loader")


def _load(source, seconds=5.0):
    statements, errors = loader.parse(textwrap.dedent(source), "m.py")
    namespace = {}
    run_errors, stopped = loader.execute(statements, namespace, "m.py", seconds)
    return namespace, errors + run_errors, stopped


def test_a_failing_statement_is_recorded_and_loading_continues():
    namespace, errors, stopped = _load("""
        x = np.zeros(3)
        def f():
            return 1
        import math
    """)
    assert errors == ["line 2: NameError: name 'np' is not defined"]
    assert not stopped and namespace["f"]() == 1 and "math" in namespace


def test_errors_inside_called_functions_point_at_the_failing_line():
    _, errors, _ = _load("""
        def g():
            return 1 / 0
        value = g()
    """)
    assert errors == ["line 3: ZeroDivisionError: division by zero"]


def test_a_syntax_error_costs_only_its_block():
    namespace, errors, _ = _load("""
        def good_before(x):
            return x

        def broken(x)
            return x +

        @staticmethod
        def decorated():
            pass

        def good_after(x):
            if x:
                return 1
            else:
                return 2

        text = '''
        a string spanning
        column-0 lines
        '''
    """)
    assert errors == ["line 5: SyntaxError: expected ':'"]
    assert {"good_before", "good_after", "decorated", "text"} <= set(namespace)
    assert namespace["good_after"](0) == 2
    assert "column-0 lines" in namespace["text"]


def test_statements_that_only_fail_to_compile_are_recorded():
    namespace, errors, _ = _load("""
        return 5
        def f():
            return 1
    """)
    assert errors == ["line 2: SyntaxError: 'return' outside function"]
    assert "f" in namespace


def test_future_imports_apply_to_later_statements():
    namespace, errors, _ = _load("""
        from __future__ import annotations
        def f(x: UndefinedType) -> AlsoUndefined:
            return x
    """)
    assert errors == [] and namespace["f"](3) == 3


def test_system_exit_at_top_level_is_recorded_not_obeyed():
    namespace, errors, _ = _load("""
        import sys
        sys.exit(2)
        after = True
    """)
    assert errors == ["line 3: SystemExit: 2"] and namespace["after"]


def test_an_endless_statement_stops_loading_at_the_deadline():
    namespace, errors, stopped = _load("""
        before = 1
        while True:
            pass
        after = 2
    """, seconds=0.3)
    assert stopped and "after" not in namespace and namespace["before"] == 1
    assert errors == ["line 3: loading stopped: the program ran for more than 0.3 s"]


def test_hostile_exception_messages_are_described_safely():
    class Nasty(Exception):
        def __str__(self):
            raise RuntimeError("no")

    assert loader.describe(Nasty()) == "Nasty: (the error message could not be read)"
    assert loader.describe(ValueError("x" * 5000)).endswith("...")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from([
    "def f{n}(x):\n    return x + {n}\n",
    "def broken{n}(x)\n    return x\n",
    "value{n} = {n}\n",
    "if True:\n    y{n} = 1\nelse:\n    y{n} = 2\n",
    "oops{n} = (1,\n",
    "# a comment {n}\n",
]), max_size=12))
def test_recovery_keeps_every_block_that_parses_alone(blocks):
    source = "".join(b.format(n=i) for i, b in enumerate(blocks))
    statements, errors = loader.parse(source, "m.py")
    defined = {s.name for s in statements if hasattr(s, "name")}
    for i, block in enumerate(blocks):
        if block.startswith("def f"):
            # A good function survives unless an unclosed bracket before it swallows it.
            if "oops" not in "".join(blocks[:i]):
                assert f"f{i}" in defined
        if block.startswith("def broken"):
            assert f"broken{i}" not in defined
    assert len(errors) <= sum(b.startswith(("def broken", "oops")) for b in blocks)


def test_the_sandbox_reports_load_errors_and_still_grades(sandbox):
    source = """
x = np.zeros(3)

def broken(x)
    return x

def works(x):
    return x * 2
"""
    report = sandbox.run(program(source), plan(works=[(2,)], broken=[(1,)]))
    assert report.load_errors == ["line 2: NameError: name 'np' is not defined",
                                  "line 4: SyntaxError: expected ':'"]
    assert report.functions["works"].calls[0].value == 4
    assert report.functions["broken"].status == "missing"
