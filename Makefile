# Kvalitetsnav: `make demo` to try it, `make test` to run every test.
# Each target does its own set-up; a fresh clone needs only Python 3.11 (and make).

PYTHON_SYSTEM := $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
HOST := 127.0.0.1:8000
# One pytest worker per core (pytest-xdist); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help
.PHONY: help demo test lint fmt install bench

help:
	@echo "make demo   install, migrate, load the demo district and start http://$(HOST)/"
	@echo "make test   install, then ruff, the migration check and the whole pytest suite"
	@echo "make lint   ruff check and ruff format --check"
	@echo "make fmt    ruff format and ruff check --fix"
	@echo "make bench  PostgreSQL benchmarks at district and city scale (docs/benchmarks.md)"

$(PY):
	@test -n "$(PYTHON_SYSTEM)" || { echo "Python 3.11 (python3.11 or python3) was not found." >&2; exit 1; }
	$(PYTHON_SYSTEM) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "Could not create $(VENV). On Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }

# Reinstall only when the declared dependencies change.
$(STAMP): pyproject.toml requirements.lock | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	@touch $@

install: $(STAMP)

demo: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py seed_demo
	@echo
	@echo "Kvalitetsnav is starting on http://$(HOST)/"
	@echo "Log in with a user name from the table above; every demo user has the password"
	@echo "  $$($(PY) -c 'from kvalitetsnav.accounts.validators import DEMO_PASSWORD as p; print(p)')"
	@echo "(docs/demo.md describes each demo user.) Stop the server with Ctrl-C."
	@echo
	$(PY) manage.py runserver $(HOST)

test: $(STAMP)
	$(BIN)/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n $(TEST_WORKERS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks (docs/benchmarks.md): starts PostgreSQL as CI does, generates or reuses the
# district and city databases, writes bench/results.json and bench/results.md.
# BENCH_REGENERATE=1 makes the data again; BENCH_LOAD_SECONDS=60 shortens the load test.
BENCH_STAMP := $(VENV)/.installed-bench
$(BENCH_STAMP): $(STAMP)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev,bench]'
	@touch $@

bench: $(BENCH_STAMP)
	bash .ci/postgres
	$(PY) -m kvalitetsnav.bench.run
