# Two entry points, as the README says: `make demo` and `make test`.
# Both create the virtual environment on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# nbgrader shells out to `alembic`; its bin/ must be on PATH.
export PATH := $(abspath $(BIN)):$(PATH)

.PHONY: setup demo test test-isolation benchmark browser

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

# The sandbox's whole suite under each isolation setting (README, "Layers");
# `make test` runs the hostile tests that matter in every setting already.
test-isolation: setup
	for setting in landlock user audit no-netns; do \
		AUTOGRADER_ISOLATION=$$setting $(BIN)/python -m pytest -n 2 -q tests/sandbox || exit 1; \
	done

# Debian's Chromium and its driver, for the test that opens the pages in a
# browser (tests/pages); without them that test is skipped.  Needs root.
browser:
	command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
		(apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver)

# On demand, not in CI: about 30 minutes (README, Speed).
benchmark: setup
	$(BIN)/python benchmarks/grade_class.py --students 20 --seed 0
