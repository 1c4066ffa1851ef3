# Two commands on a fresh clone (Python 3.11+ only): `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Two installs into one .venv: what serving needs (`make run`), and that plus the development
# tools (`make test` and the rest). Each has its own stamp, so `make run` never waits for mypy,
# schemathesis or hypothesis.
STAMP := $(VENV)/.installed
RUN_STAMP := $(VENV)/.installed-run
DATABASE_URL ?= sqlite:///data/insatser.db

.PHONY: run test test-postgres openapi schema install clean bench bench-faults browser

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml requirements.lock setup.py | $(VENV)/bin/python
	$(BIN)/pip install --quiet --constraint requirements.lock --editable .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml requirements.lock setup.py | $(VENV)/bin/python
	$(BIN)/pip install --quiet --constraint requirements.lock --editable '.[dev]'
	touch $(STAMP) $(RUN_STAMP)

install: $(STAMP)

## Start the service on the bundled catalogue with the embedded SQLite database data/insatser.db
## (serve creates and migrates it), authentication off so that it works out of the box
## (INSATSER_AUTH_DISABLED is refused outside development and test; see docs/security.md).
run: $(RUN_STAMP)
	DATABASE_URL=$(DATABASE_URL) INSATSER_AUTH_DISABLED=true $(BIN)/insatser-api serve

## Debian's Chromium for the staff pages' browser tests (tests/pages), installed if missing
## (needs root, as in CI; elsewhere: `sudo apt-get install chromium chromium-driver`).
browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || { \
	  apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; }

## Run the whole test suite, then the linters and the type checker.
test: $(STAMP) browser
	$(BIN)/pytest
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src

## The database-touching tests against PostgreSQL (each run makes and drops its own database).
TEST_POSTGRES_URL ?= postgresql://postgres@127.0.0.1:5432/test
test-postgres: $(STAMP)
	INSATSER_TEST_DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/pytest -m database

## Benchmarks (bench/, docs/benchmarks.md): `insatser-api serve` under wrk with distinct people,
## workers, stack, decision log, journal, then the rules layer; ~10 minutes. Installs wrk if missing.
bench: $(STAMP)
	$(BIN)/python -m bench

## The fault benchmark (bench/faults.py, docs/operations.md): two workers under wrk, a catalogue
## change under load, 60 s at 64 connections on SQLite and PostgreSQL, a 30 s PostgreSQL outage
## (on its own database of TEST_POSTGRES_URL's server). About six minutes.
bench-faults: $(STAMP)
	INSATSER_TEST_DATABASE_URL=$(TEST_POSTGRES_URL) $(BIN)/python -m bench.faults

## Regenerate openapi.yaml and catalog/schema.json from the code.
openapi: $(STAMP)
	$(BIN)/insatser-api openapi export openapi.yaml

schema: $(STAMP)
	$(BIN)/insatser-api catalog schema catalog/schema.json

clean:
	rm -rf $(VENV) data .mypy_cache .ruff_cache .pytest_cache
