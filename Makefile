# The few commands people type. Each target creates .venv when it is missing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run

.PHONY: run test test-fast lint bench bench-quick screenshot clean

# `make run` installs what running needs (PDF and web-page reading); `make test` adds the dev tools.
$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[pdf,html]'
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(RUN_STAMP)

run: $(RUN_STAMP)  ## open the reader on the sample briefings
	$(BIN)/briefing sample_docs

test: $(STAMP)  ## lint, type-check and run every test
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n $(WORKERS)

# Four workers on the two cores: much of the suite's time is pty and process tests
# waiting for a frame or an exit, and the extra workers fill those waits (measured on this
# 2-core machine, quiet, same fresh clone of 1,972 tests: 10 min 12 s with 3 workers,
# 8 min 27 s with 4, all green; earlier, 10 min 44 s with 2 and 8 min 58 s with 3 of 1,832).
WORKERS ?= 4

# The edit loop (~55 s of CPU, under a minute on 2 cores): the core's unit tests, the TUI's
# plain-Python parts (navigation, layout, wrap, pieces, keys) and bare widgets. Left out, and
# run by `make test`: system (ptys, kills, two processes), app (the whole app through
# Pilot), snapshot, process (the CLI, git, a server), property (Hypothesis). The markers
# are set in tests/conftest.py from what each test uses.
FAST := not system and not app and not snapshot and not process and not property

test-fast: $(STAMP)  ## the edit loop: unit tests without the app, processes or properties
	$(BIN)/python -m pytest -n 2 -m "$(FAST)"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: $(STAMP)  ## the full benchmarks (minutes; not part of CI)
	$(BIN)/python -m benchmarks

bench-quick: $(STAMP)
	$(BIN)/python -m benchmarks --quick

screenshot: $(STAMP)  ## the README's screenshot, saved by the app itself
	$(BIN)/python docs/make_screenshot.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
