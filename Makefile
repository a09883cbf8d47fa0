# tradekg — the two commands a newcomer needs are `make run` and `make test`.

PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP = $(VENV)/.installed

.PHONY: run build test check lint format install clean bench

run: $(STAMP)  ## build the graph from the bundled report, then serve it on http://$(HOST):$(PORT)/
	$(BIN)/tradekg build
	$(BIN)/tradekg serve --host $(HOST) --port $(PORT)

build: $(STAMP)  ## build the graph only
	$(BIN)/tradekg build

test: $(STAMP)  ## run the test suite
	$(BIN)/pytest

check: $(STAMP)  ## format check, lint, types, tests
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy api graph loaders ontology queries
	$(BIN)/pytest

bench: $(STAMP)  ## benchmarks (bench/README.md); QUICK=1 for the under-2-minute run
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py $(if $(QUICK),--quick,)

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
