# Two commands set up a fresh machine: `make run` (the app on the demo event) and `make test`.
# Every package comes from a lock file in requirements/ (exact versions with SHA-256 hashes); each
# target installs only the lock it needs into .venv, once, and again when that lock changes.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# pytest workers: 2 fits this project's 2-core machines; `make test JOBS=auto` uses every core
JOBS ?= 2
PIP := $(BIN)/python -m pip install -q --disable-pip-version-check

.PHONY: run test install install-build lint bench build lock clean reset-demo

$(BIN)/python:
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "make: needs Python 3.11 or newer (PY=$(PY) is " + sys.version.split()[0] + "); run e.g. make PY=python3.11")'
	@echo "== creating $(VENV) with $$($(PY) --version)"
	$(PY) -m venv $(VENV)

# One stamp per lock file: runtime.stamp is the app alone, the others add their extra.
$(VENV)/%.stamp: requirements/%.txt pyproject.toml | $(BIN)/python
	@# a .venv made before the lock files (its stamp was .installed) may hold PySide6 6.12 and
	@# PySide6-Pdf, which would shadow the pinned Qt: start that one afresh
	@if [ -f $(VENV)/.installed ]; then echo "== $(VENV) predates requirements/: recreating it"; \
	  rm -rf $(VENV) && $(PY) -m venv $(VENV); fi
	@echo "== installing the packages pinned in $< into $(VENV) (first time: a few minutes)"
	$(PIP) --require-hashes --no-deps -r $<
	$(PIP) --no-deps -e .
	@touch $@

install: $(VENV)/runtime.stamp
install-build: $(VENV)/build.stamp

## Open the app on the demo event (Sept 21-22, 2018, Lenox Road Baptist Church) with its own database.
run: $(VENV)/runtime.stamp
	@echo "== opening the app on the demo event, database demo/kiosk.db (make reset-demo starts it afresh)"
	@echo "== demo event passphrase (the app asks for it when it opens demo/kiosk.db again): begin again demo event"
	$(BIN)/kiosk gui --demo --db demo/kiosk.db

## The whole test suite, headless, on $(JOBS) workers (the soaks run longer with KIOSK_SOAK=1).
test: $(VENV)/test.stamp
	@echo "== running the test suite on $(JOBS) workers, headless"
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q -p no:cacheprovider -n $(JOBS) -rs

lint: $(VENV)/lint.stamp
	$(BIN)/ruff check kiosk ui tests
	$(BIN)/mypy

bench: $(VENV)/runtime.stamp
	$(BIN)/kiosk bench --json bench.json

## The folder for the event laptops (PyInstaller onedir) and its frozen self-test.
build: $(VENV)/build.stamp
	PY=$(BIN)/python bash build_scripts/build.sh

## Re-resolve requirements/*.txt from pyproject.toml (needs uv); UPGRADE=1 moves every pin.
lock:
	bash build_scripts/lock.sh $(if $(UPGRADE),--upgrade)

## Forget the demo event's applicants (keeps .venv): the next `make run` starts on an empty demo.
reset-demo:
	rm -rf demo

clean:
	rm -rf $(VENV) build dist demo
