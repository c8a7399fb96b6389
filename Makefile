# Factdesk: `make run` serves the demo desk, `make test` runs the suite.
# Everything runs from a virtual environment in .venv, made with Python >= 3.12.

SHELL := /bin/sh
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
DEMO_PASSWORD ?= factdesk-demo
export DEMO_PASSWORD

.PHONY: run setup demo test test-fast e2e check format ci clean

$(BIN)/python:
	@py=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$py"; \
	"$$py" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.runtime

setup: $(VENV)/.runtime
	$(BIN)/python manage.py migrate --no-input -v 0

demo: setup
	$(BIN)/python manage.py load_demo

run: demo
	@echo ""
	@echo "  Factdesk is starting on http://127.0.0.1:$(PORT)/"
	@echo "  Log in as editor, reporter or viewer with the password: $(DEMO_PASSWORD)"
	@echo "  (set DEMO_PASSWORD=... to choose another; Ctrl-C stops the server)"
	@echo "  A background worker beside it extracts large reports."
	@echo ""
	@# Large reports are extracted by a worker beside the server (the "background" task
	@# backend); it stops when the server does.
	@$(BIN)/python manage.py db_worker --backend background --queue-name default --interval 1 --no-reload & \
	worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, browser tests included when a Chromium is installed. The database is
# SQLite unless DATABASE_URL points elsewhere (CI runs it on PostgreSQL too).
test: $(VENV)/.dev
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
		echo "Browser tests: running with $$(command -v chromium || command -v chromium-browser)"; \
	else \
		echo "Browser tests: SKIPPED - no chromium on PATH (Debian/Ubuntu: apt install chromium)"; \
	fi
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -m "not e2e" $(PYTEST_ARGS)

check: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/djhtml --check templates
	git ls-files -z "*.py" | xargs -0 $(BIN)/django-upgrade --target-version 6.1

format: $(VENV)/.dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml templates

ci: check test

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .mypy_cache .ruff_cache
