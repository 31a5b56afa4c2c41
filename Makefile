# Two commands set up a fresh machine: `make run` (the app on the demo event) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install bench lint build clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test,build]'
	touch $(STAMP)

install: $(STAMP)

## Open the app on the demo event (Sept 21-22, 2018, Lenox Road Baptist Church) with its own database.
run: $(STAMP)
	@echo "Demo event passphrase (the app asks for it when it opens demo/kiosk.db again): begin again demo event"
	$(BIN)/kiosk gui --demo --db demo/kiosk.db

## Install everything and run the whole test suite (headless).
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/kiosk bench --json bench.json

lint: $(STAMP)
	$(BIN)/ruff check kiosk ui tests
	$(BIN)/mypy

build: $(STAMP)
	bash build_scripts/build.sh

clean:
	rm -rf $(VENV) build dist demo
