# cs_analytics: two commands on a fresh machine (python3, make, git):
#   make run    create .venv, install pinned dependencies, build the demo warehouse
#               (the demo project in integration_tests/ installs the package like a user does)
#   make test   lint, dbt build (models, data tests, unit tests) and the pytest suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS ?= dev,postgres,spark,snowflake
export DBT_PROFILES_DIR := $(CURDIR)
# the demo warehouse lives in the repo root whichever project builds it
export CS_DUCKDB_PATH ?= $(CURDIR)/warehouse.duckdb
DEMO   := integration_tests
# the demo project runs dbt from its own folder
DEMO_DBT := cd $(DEMO) && ../$(BIN)/dbt

.PHONY: run test install lint build deps pytest docs demo-data bench clean lock

# Installs are pinned by constraints.txt (every package, every extra): the
# ranges in pyproject.toml say what the package supports, the constraints say
# what this repo tests. `make lock` re-resolves the ranges in a fresh venv.
$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[$(EXTRAS)]'
	touch $(STAMP)

install: $(STAMP)

deps: $(STAMP)
	$(DEMO_DBT) deps

run: build
	@$(BIN)/python -m cs_analytics.summary

# Lint renders the models against an empty database, whatever `make run` has
# built: is_incremental() is false there, so the result never depends on the
# warehouse's state (it once failed LT02 only after `make run`).
LINT_DB := $(CURDIR)/target/lint/empty.duckdb
lint: $(STAMP)
	rm -rf $(dir $(LINT_DB)) && mkdir -p $(dir $(LINT_DB))
	CS_DUCKDB_PATH=$(LINT_DB) $(BIN)/sqlfluff lint models analyses --processes 2

# The demo: load its raw tables (the demo project's seeds), then build the
# package over them (the demo project's default selector leaves the seeds out).
build: deps
	$(DEMO_DBT) seed --selector demo_raw_data
	$(DEMO_DBT) build

pytest: $(STAMP)
	$(BIN)/python -m pytest

test: lint build pytest

docs: deps
	$(DEMO_DBT) docs generate && ../$(BIN)/dbt docs serve

# regenerate the committed demo data (a test checks it is byte-identical)
demo-data: $(STAMP)
	rm -rf $(DEMO)/seeds/demo/*/
	$(BIN)/python -m cs_analytics.generate --accounts 60 --months 12 --seed 42 --out $(DEMO)/seeds/demo

bench: $(STAMP)
	$(BIN)/python -m cs_analytics.bench --sizes 1000 10000 100000 --months 24

clean:
	rm -rf target target_* logs warehouse.duckdb dbt_packages $(DEMO)/target $(DEMO)/logs $(DEMO)/dbt_packages

# Refresh constraints.txt: resolve pyproject.toml's ranges afresh, pin the result.
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e '.[$(EXTRAS)]'
	head -4 constraints.txt > constraints.txt.new
	.venv-lock/bin/python -m pip freeze --exclude-editable | grep -v ' @ ' >> constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf .venv-lock
