# Two commands for a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
# Where `make run` serves: `make run PORT=8080`, `make run HOST=0.0.0.0` (the phones of a local network).
HOST ?= 127.0.0.1
PORT ?= 5000
# gunicorn: two processes of four threads each; SQLite in WAL mode takes their short writes one at a time.
GUNICORN_WORKERS ?= 2
GUNICORN_THREADS ?= 4
VENV := .venv
BIN := $(VENV)/bin
HTMX_VERSION = $(shell node -p "require('./node_modules/htmx.org/package.json').version" 2>/dev/null)
export FLASK_APP := wsgi

.PHONY: setup setup-run static-assets run test lint test-sqlite test-postgres system-deps system-deps-base bench clean

# `make run` installs what serving needs; `make test` adds the dev extras (pytest, Playwright, pypdf).
setup-run: system-deps-base $(VENV)/.runtime node_modules/.installed static-assets
setup: system-deps-base $(VENV)/.installed node_modules/.installed static-assets

$(VENV)/.runtime: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.runtime

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm tidak ada: pasang Node.js dan npm (apt-get install nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static-assets: node_modules/.installed
	@test -n "$(HTMX_VERSION)" || { echo "versi htmx tidak terbaca dari node_modules"; exit 1; }
	@cmp -s node_modules/htmx.org/dist/htmx.min.js static/js/htmx-$(HTMX_VERSION).min.js || { \
	  rm -f static/js/htmx-*.min.js; \
	  cp node_modules/htmx.org/dist/htmx.min.js static/js/htmx-$(HTMX_VERSION).min.js; }

run: setup-run
	@$(BIN)/flask port-free $(HOST) $(PORT)
	$(BIN)/flask db upgrade
	$(BIN)/flask seed demo --if-empty
	@$(BIN)/flask port-free $(HOST) $(PORT)
	@echo "Pokjanal berjalan di http://$(HOST):$(PORT) (hentikan dengan Ctrl+C)"
	@$(BIN)/gunicorn --bind $(HOST):$(PORT) --workers $(GUNICORN_WORKERS) --worker-class gthread \
	  --threads $(GUNICORN_THREADS) --log-level warning wsgi:app

system-deps:
	bash tests/system_deps.sh

system-deps-base:
	@bash tests/system_deps.sh --base

test: system-deps setup lint test-sqlite test-postgres

lint:
	$(BIN)/ruff check webapp tests bench

# One pytest-xdist worker per core, each on its own databases; the slowest 15 tests are listed at the end.
PYTEST_ARGS ?= -n auto --durations=15

test-sqlite:
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-postgres:
	bash tests/postgres.sh $(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS)

bench: setup
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) node_modules instance static/js/htmx-*.min.js
