# dxmon — the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
HOST ?= 127.0.0.1
PORT ?= 8000
# PostgreSQL for the second test leg; CI requires it, elsewhere it is skipped when none answers.
PG_URL ?= postgres://postgres@127.0.0.1:5432/dxmon
APT_PACKAGES := chromium fonts-liberation fonts-dejavu-core gettext poppler-utils libreoffice-writer-nogui

.PHONY: setup demo test lint typecheck check test-sqlite test-postgres bench eval-extract \
	messages clean system-packages

# ---------------------------------------------------------------------------------------------
# setup: Debian packages (browser for UI tests, fonts for documents), the virtualenv, npm assets.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

system-packages:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

setup: system-packages $(VENV)/.installed node_modules/.installed
	@mkdir -p var
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules -v 0

# ---------------------------------------------------------------------------------------------
# demo: migrate, load real units, the default framework and labelled demo data, then serve
# with a background worker beside the web server.
demo: setup
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py demo load
	$(PY) manage.py collectstatic --no-input -v 0
	@$(PY) manage.py demo logins
	@echo "dxmon: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@trap 'kill 0' EXIT INT TERM; \
	$(PY) manage.py db_worker --interval 1 & \
	DXMON_DEBUG=$${DXMON_DEBUG:-true} $(PY) manage.py runserver --noreload $(HOST):$(PORT)

# ---------------------------------------------------------------------------------------------
# test: lint, types, Django checks, migrations check, then pytest on SQLite and on PostgreSQL.
lint: setup
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: setup
	$(BIN)/mypy dxmon

check: setup
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run

# Two workers (the machines have two cores); a module's tests stay on one worker so its expensive
# fixtures (the whole country, the demo) load once.
PYTEST := $(BIN)/pytest -q -n 2 --dist loadfile

test-sqlite: setup
	@echo "== pytest on SQLite =="
	$(PYTEST)

test-postgres: setup
	@if $(PY) -c "import psycopg,sys; psycopg.connect('$(PG_URL)'.rsplit('/',1)[0]+'/postgres', connect_timeout=3).close()" 2>/dev/null; then \
	  echo "== pytest on PostgreSQL =="; \
	  DATABASE_URL=$(PG_URL) $(PYTEST); \
	elif [ -n "$$CI" ]; then \
	  echo "PostgreSQL does not answer at $(PG_URL), and CI requires it." >&2; exit 1; \
	else \
	  echo "== SKIPPED: pytest on PostgreSQL (no server answers at $(PG_URL)) =="; \
	fi

test: lint typecheck check test-sqlite test-postgres

# ---------------------------------------------------------------------------------------------
bench: setup
	$(PY) -m bench

eval-extract: setup
	$(PY) -m dxmon.extract.evaluate

messages: setup
	$(PY) manage.py makemessages -l vi -l en --ignore=.venv --ignore=node_modules --ignore=var
	$(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules

clean:
	rm -rf $(VENV) node_modules var .mypy_cache .ruff_cache .pytest_cache
