"""Cells are named as Jupyter shows them, never by a count of code cells."""

from hypothesis import given, strategies as st

from autograder.grade.notebook_code import CellSource, cell_labels, module_from_cells


def counted(source: str, count) -> CellSource:
    cell = CellSource(source)
    cell.execution_count = count
    return cell


def test_a_cell_with_an_execution_count_is_named_by_it():
    assert cell_labels([counted("x = 1", 12), counted("y = 2", 3)]) == ["cell In [12]", "cell In [3]"]


def test_a_cell_without_a_count_is_named_by_its_first_line():
    labels = cell_labels(["\n\n  def mse(y_hat, y):\n    pass", counted("import numpy", None), "   \n"])
    assert labels == ['the cell starting "def mse(y_hat, y):"', 'the cell starting "import numpy"', "an empty cell"]


def test_a_count_shared_by_two_cells_is_not_trusted():
    # After a kernel restart old counts stay on cells not run again.
    labels = cell_labels([counted("a = 1", 4), counted("b = 2", 4), counted("c = 3", 5)])
    assert labels == ['the cell starting "a = 1"', 'the cell starting "b = 2"', "cell In [5]"]


@given(st.text(alphabet="abc =(:", min_size=61, max_size=200))
def test_a_long_first_line_is_cut(line):
    (label,) = cell_labels([line])
    assert len(label) < 90


@given(st.lists(st.integers(1, 500), min_size=1, max_size=8, unique=True))
def test_every_line_of_a_kept_cell_is_named_by_that_cell(counts):
    cells = [counted(f"def f{i}(x):\n    return x + {i}", c) for i, c in enumerate(counts)]
    text = module_from_cells(cells, frozenset())
    lines = text.source.splitlines()
    for i, count in enumerate(counts):
        line = lines.index(f"    return x + {i}") + 1
        assert text.where(line) == f"cell In [{count}], line 2"


def test_a_syntax_error_is_reported_once_per_cell_with_its_name():
    text = module_from_cells([counted("import numpy as np", 1), counted("def mse(y_hat, y)\n    return 0", 2)],
                             frozenset({"mse"}))
    assert text.problems == ["While loading your code: cell In [2], line 1: SyntaxError: expected ':'"]
