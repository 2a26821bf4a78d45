# Electronic service desk. `make help` lists the targets.
SHELL := /bin/bash
PY := .venv/bin/python
PORT ?= 8000
PYTEST_ARGS ?=

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

setup: ## Install everything needed (idempotent): system libraries, venv, pins, font, translations
	@bash scripts/setup.sh

run: setup ## Set up, migrate, load demo data, and serve on http://127.0.0.1:$(PORT) with the task worker
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py seed_demo
	@PORT=$(PORT) bash scripts/run.sh

test: setup ## Set up and run the whole test suite (DATABASE_URL selects the database; SQLite by default)
	@$(PY) -m pytest -q -m "not e2e" $(PYTEST_ARGS)

bench: setup ## Benchmarks (quick: 1k/20k requests on PostgreSQL + SQLite); BENCH_ARGS=--full for 1M/100k; writes docs/benchmarks.md
	@$(PY) -m tests.perf.run $(BENCH_ARGS)

e2e: setup ## Browser journeys, screenshots (docs/screenshots) and axe-core scan in headless Debian chromium
	@bash scripts/setup-browser.sh
	@cd tests/e2e && npm ci --no-audit --no-fund --silent
	@$(PY) -m pytest -q -m e2e tests/e2e $(PYTEST_ARGS)

faults: setup ## Locust mix (60 s) + PostgreSQL stop/start during 500 submissions
	@$(PY) -m tests.faults.run $(FAULTS_ARGS)

security: setup ## The security test battery, with a table per area (attempts, refused, leaks)
	@$(PY) -m pytest -q -m "security and not e2e" $(PYTEST_ARGS)

lint: setup ## ruff lint and format check, bandit (security lint), and missing migrations
	@.venv/bin/ruff check .
	@.venv/bin/ruff format --check .
	@.venv/bin/bandit -q -c pyproject.toml -r core cms workflows notifications correspondence citizen_portal -x '*/tests/*,*/migrations/*'
	@$(PY) manage.py makemigrations --check --dry-run --settings=settings.test -v 1

format: setup ## Apply ruff's fixes and formatting
	@.venv/bin/ruff check --fix .
	@.venv/bin/ruff format .

messages: setup ## Refresh each app's Persian catalogue (<app>/locale/fa) and compile them
	@for app in core cms workflows notifications correspondence citizen_portal; do \
	  (cd $$app && $(CURDIR)/$(PY) $(CURDIR)/manage.py makemessages -l fa --no-obsolete -v 0); done
	@$(PY) manage.py compilemessages --ignore=.venv -v 0

lock: ## Resolve requirements.in into requirements.lock with every file's SHA-256 (pins kept; LOCK_ARGS=--upgrade to move them)
	@python3 -m venv /tmp/desk-lock && /tmp/desk-lock/bin/pip install -q pip-tools
	@/tmp/desk-lock/bin/pip-compile -q --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	  --no-emit-find-links --annotation-style line $(LOCK_ARGS) --output-file requirements.lock requirements.in

.PHONY: help setup run test lint format messages lock bench e2e faults security
