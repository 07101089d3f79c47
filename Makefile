# Two entry points, as the README says: `make demo` and `make test`.
# Both create the virtual environment on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# nbgrader shells out to `alembic`; its bin/ must be on PATH.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup demo test benchmark

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[test]"
	touch $@

setup: $(BIN)/.installed

demo: setup
	$(BIN)/python -m autograder demo

test: setup
	$(BIN)/python -m pytest -n 2 -q

# On demand, not in CI: about 30 minutes (README, Speed).
benchmark: setup
	$(BIN)/python benchmarks/grade_class.py --students 20 --seed 0
