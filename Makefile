# incidents: `make run` (set up + extract the bundled examples), `make test` (set up + tests).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DATA ?= ../shared/data

.PHONY: setup run test eval lint benchmark clean

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	@$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[dev,postgres,server]'
	@touch $(STAMP)

setup: $(STAMP)

run: setup
	@mkdir -p out
	$(BIN)/incidents extract examples/ -o out/examples.jsonl --summary
	$(BIN)/incidents ingest examples/ --db incidents.db
	$(BIN)/incidents list --db incidents.db
	@echo "\nNext: .venv/bin/incidents show 1 --db incidents.db | .venv/bin/incidents export --format geojson --db incidents.db"

test: setup
	$(BIN)/python -m pytest -q

eval: setup
	$(BIN)/python scripts/eval_gate.py --data $(DATA)

benchmark: setup
	$(BIN)/python benchmarks/throughput.py

lint: setup
	$(BIN)/ruff check incidents tests

clean:
	rm -rf $(VENV) out .pytest_cache
