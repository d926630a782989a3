# claimdiff: `make report` sets everything up and checks seeds/; `make test` runs the suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SEEDS ?= seeds

.PHONY: report test lint eval bench docs screenshot install clean wheel-check fit-linkage gazetteer

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall when the declared dependencies change.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev,dask,fit]'
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(BIN)/claimdiff check $(SEEDS) -o reports/report.html -o reports/report.json --fail-on none

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

# The world gazetteer's tables, shipped in the package so that no run builds them (seconds).
gazetteer: $(STAMP)
	$(BIN)/python -m claimdiff.text.gazetteer_tables

# Fit the same-event link model on fold 1 of the dev half: writes src/claimdiff/data/linkage.yaml.
fit-linkage: $(STAMP)
	$(BIN)/python -m claimdiff.evaluate.linkage_fit

eval: $(STAMP)
	$(BIN)/claimdiff eval

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/incremental.py
	$(BIN)/python benchmarks/grouping.py
	$(BIN)/python benchmarks/ingest_memory.py

# Build the wheel, install it into a fresh venv and check seeds/ with it from another folder.
wheel-check:
	bash .ci/wheel-check

docs: $(STAMP) screenshot
	$(BIN)/python -m claimdiff.rules.docs

# docs/report-seeds.png, the README's picture of the seeds report (needs chromium).
screenshot: $(STAMP)
	$(BIN)/python -m tests.browser.screenshot

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .claimdiff
