# Prongsai — the two commands that matter: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# `make run` is development: DEBUG on, a development secret. Production sets its own (README).
RUN_ENV := DEBUG=$${DEBUG:-true}
BENCH ?=
# Compiled bytecode and pytest's rewritten test modules are kept between runs: where the environment
# forbids writing .pyc files, every xdist worker would recompile ~500 modules on every run.
unexport PYTHONDONTWRITEBYTECODE
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install run demo test test-pg test-fast test-browser bench lint messages clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# The Python packages, again only when pyproject.toml changed.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	@$(BIN)/pip install -q -e '.[dev]'
	@touch $@

# Idempotent: virtualenv, packages, fonts, translations, database.
install: $(VENV)/.installed
	@bash scripts/ensure-system-packages.sh
	@$(RUN_ENV) $(BIN)/prongsai compilemessages --ignore '.venv/*' -v 0 >/dev/null 2>&1 || true
	@$(RUN_ENV) $(BIN)/prongsai migrate --no-input -v 0
	@$(RUN_ENV) $(BIN)/prongsai collectstatic --no-input -v 0

demo: install
	@$(RUN_ENV) $(BIN)/prongsai demo

# The links Prongsai writes (publication request forms, e-mails) point at the address it serves,
# unless PRONGSAI_SITE_URL is set (e.g. make run HOST=0.0.0.0 PRONGSAI_SITE_URL=http://192.168.1.5:8000).
run: demo
	@echo "Prongsai: http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@$(RUN_ENV) PRONGSAI_SITE_URL=$${PRONGSAI_SITE_URL:-http://$(HOST):$(PORT)} $(BIN)/prongsai runserver $(HOST):$(PORT)

# The whole suite: fast tier in parallel, then the browser tests (BROWSER=0 leaves those out).
BROWSER ?= 1
test: install
	$(BIN)/pytest -n 2 -m "not browser" -p no:cacheprovider
ifneq ($(BROWSER),0)
	$(BIN)/pytest -m browser -p no:cacheprovider
endif

# The same without the browser, on a throwaway PostgreSQL (needs Debian's postgresql package).
test-pg:
	bash scripts/with-postgres.sh $(MAKE) test BROWSER=0

# Everything but the browser and fuzz tests (under a minute).
test-fast: install
	$(BIN)/pytest -n 2 -m "not browser and not fuzz" -p no:cacheprovider

test-browser: install
	$(BIN)/pytest -m browser -p no:cacheprovider

# `make bench` runs every benchmark; `make bench BENCH=name` runs bench/name.py.
bench: install
	@if [ -n "$(BENCH)" ]; then $(BIN)/python bench/$(BENCH).py; \
	else for f in bench/[!_]*.py; do echo "# $$f"; $(BIN)/python $$f || exit 1; done; fi

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	DEBUG=true $(BIN)/mypy

messages: install
	cd src/prongsai && DEBUG=true ../../$(BIN)/prongsai makemessages -l en --no-location -i '*.txt'

clean:
	rm -rf $(VENV) var
