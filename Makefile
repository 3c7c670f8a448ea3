# Every target builds what it needs: a fresh clone needs only Python 3.11+ and these commands.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
BENCH_STAMP := $(VENV)/.installed-bench
# The browser tests drive Debian's Chromium (Playwright's own download cannot be reached from here).
CHROMIUM := /usr/bin/chromium

.PHONY: run test bench bench-batch lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# `make run` needs only the lean default install.
$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $(RUN_STAMP)

# Tests, benchmarks and lint need the extras. The CPU build of torch comes first: the transformers tests
# need no GPU, and a CUDA build weighs gigabytes.
$(DEV_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet "torch==2.13.0"
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(RUN_STAMP) $(DEV_STAMP)

run: $(RUN_STAMP)  ## analyse the bundled French example article and write report.html
	$(BIN)/spinscope analyze src/spinscope/examples/fr-sahel-alliance.txt --format text
	$(BIN)/spinscope analyze src/spinscope/examples/fr-sahel-alliance.txt --format html --output report.html

$(CHROMIUM):
	apt-get update -qq && apt-get install -y -qq chromium fonts-dejavu-core >/dev/null

$(BENCH_STAMP): pyproject.toml $(DEV_STAMP)
	$(BIN)/pip install --quiet -e ".[dev,bench]"
	touch $(BENCH_STAMP)

test: $(DEV_STAMP) $(CHROMIUM)
	$(BIN)/python -m pytest

bench: $(BENCH_STAMP)  ## one-article speed and memory, narratives, the server under load, stats over 1M articles
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/narratives.py
	$(BIN)/python benchmarks/serve_load.py
	$(BIN)/python benchmarks/stats.py

bench-batch: $(BENCH_STAMP)  ## batch throughput vs spaCy, Dask vs local, memory at 10k and 100k articles (long)
	$(BIN)/python benchmarks/batch.py

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

clean:
	rm -rf $(VENV) report.html
