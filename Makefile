# Listening Post. `make run` serves the dashboard; `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ARGS ?=

.PHONY: run test bench collect clean help

help:
	@echo "make run    set up .venv, collect the sample feeds on first start, serve http://localhost:8501"
	@echo "make test   set up .venv with the dev requirements and run the whole test suite"
	@echo "make bench  print ingest speed figures"

$(VENV)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# axe-core (WCAG checks in tests/test_browser.py) comes from the npm registry, pinned exactly, into .venv/axe.
AXE_CORE := axe-core@4.14.1

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt Makefile
	$(PY) -m pip install --quiet -r requirements-dev.txt
	npm install --prefix $(VENV)/axe $(AXE_CORE) --no-save --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

run: $(VENV)/.installed
	$(PY) cli.py serve $(ARGS)

collect: $(VENV)/.installed
	$(PY) cli.py collect

test: $(VENV)/.installed-dev
	$(PY) -m pytest $(ARGS)

bench: $(VENV)/.installed
	$(PY) bench/ingest.py

clean:
	rm -rf $(VENV) data .pytest_cache
