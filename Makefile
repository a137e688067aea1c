# Two commands for a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip

.PHONY: run test bench load lint audit messages system-run system-test clean

# Python keeps compiled bytecode in __pycache__ (ignored by git) unless told not to.
# Where the machine sets PYTHONDONTWRITEBYTECODE, every process compiles every module
# it imports again: a Django process (web, Celery worker, command) then starts in
# 2.6 s instead of 1.0 s, paid by each worker, server and command the tests start.
unexport PYTHONDONTWRITEBYTECODE

# uv (installed into the venv by pip) resolves and installs the project's packages:
# about 6 s on a clean clone where pip takes about 40 s. INSTALLER=pip uses pip.
INSTALLER ?= uv
ifeq ($(INSTALLER),uv)
INSTALL := $(VENV)/bin/uv pip install -q --python $(PY)
else
INSTALL := $(PIP) install -q
endif

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip $(if $(filter uv,$(INSTALLER)),uv)

# Stamps re-run the installer only when pyproject.toml changes.
$(VENV)/.installed-run: pyproject.toml | $(PY)
	$(INSTALL) -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed-run
	$(INSTALL) -e ".[dev]"
	touch $@

system-run:
	@scripts/system-packages.sh run

system-test:
	@scripts/system-packages.sh test

messages: | $(PY)
	@$(PY) manage.py compilemessages --ignore=.venv -v0

run: system-run $(VENV)/.installed-run messages
	@mkdir -p var
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py load_regions
	$(PY) manage.py import_catalogue fixtures/catalogue_sample.yaml --open --skip-existing
	$(PY) manage.py load_demo
	@scripts/run-portal.sh

# TEST_WORKERS: pytest-xdist processes (one per core by default; 0 runs in-process).
# Each worker has its own test database, var/ folder and Redis database
# (portal/settings/test.py); a test module stays on one worker. Modules are handed
# out in collection order (tests/plugin.py puts those that start browsers, servers
# and workers first), not pytest-xdist's default of the most tests first, which
# left the one-test browser journeys to the end of the run.
TEST_WORKERS ?= auto
XDIST = -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

test: system-test $(VENV)/.installed-dev messages
	$(PY) manage.py makemigrations --check --dry-run -v0 --settings=portal.settings.test
	$(VENV)/bin/lint-imports --no-cache
	@# One run: the clock-sensitive tests also at every moment of tests/clock.py SWEEP.
	$(VENV)/bin/pytest $(XDIST) --clock-sweep $(PYTEST_ARGS)

# Figures for speed and memory (never timed tests). BENCH_DATABASE_URL=postgres://...
# runs them on PostgreSQL; the default is a throw-away SQLite database.
bench: system-test $(VENV)/.installed-dev messages
	$(PY) -m bench.run

# Deadline-day load against gunicorn + PostgreSQL on loopback (README, "Performance").
# LOAD_USERS (50 OPD operators), LOAD_DURATION (60 s), LOAD_DATABASE_URL (dropped and
# created again); the run stops gunicorn on any exit, `timeout` bounds the whole of it.
load: system-test $(VENV)/.installed-dev messages
	timeout $$(( $${LOAD_DURATION:-60} + 300 )) $(PY) -m load.run

# Known vulnerabilities in the installed packages (pip-audit); see scripts/audit.py.
audit: $(VENV)/.installed-dev
	$(PY) scripts/audit.py

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf var/celery var/cache staticfiles
