# cs_analytics: two commands on a fresh machine (python3, make, git):
#   make run    create .venv, install pinned dependencies, build the demo warehouse
#   make test   lint, dbt build (models, data tests, unit tests) and the pytest suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXTRAS ?= dev,postgres,spark,snowflake
export DBT_PROFILES_DIR := $(CURDIR)

.PHONY: run test install lint build pytest docs demo-data bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/dbt build
	@$(BIN)/python -m cs_analytics.summary

lint: $(STAMP)
	$(BIN)/sqlfluff lint models analyses --processes 2

build: $(STAMP)
	$(BIN)/dbt build

pytest: $(STAMP)
	$(BIN)/python -m pytest

test: lint build pytest

docs: $(STAMP)
	$(BIN)/dbt docs generate && $(BIN)/dbt docs serve

# regenerate the committed demo data (a test checks it is byte-identical)
demo-data: $(STAMP)
	rm -rf seeds/demo/*/
	$(BIN)/python -m cs_analytics.generate --accounts 60 --months 12 --seed 42 --out seeds/demo

bench: $(STAMP)
	$(BIN)/python -m cs_analytics.bench --sizes 1000 10000 100000 --months 24

clean:
	rm -rf target target_* logs warehouse.duckdb dbt_packages
