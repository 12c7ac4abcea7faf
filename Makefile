# make run   - everything: a local Neo4j, migrations, demo data, the API on :8000
# make test  - lint, type-check and the whole test suite against a real Neo4j
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install lock web browser run test lint profile fuzz bench trace memory neo4j-start \
	neo4j-stop neo4j-status clean

# Every dependency at the version and hashes of the lock, then the project itself, editable,
# with nothing resolved anew (and built by the locked setuptools, without a download).
$(BIN)/.installed: pyproject.toml requirements-dev.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --requirement requirements-dev.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation --editable .
	touch $@

install: $(BIN)/.installed

# After a change to the dependencies in pyproject.toml: pins what is new and keeps the rest;
# `make lock LOCK_ARGS=--upgrade` moves everything to the newest versions allowed. The dev
# lock is constrained by the main one, so both pin the same versions.
LOCK := $(BIN)/pip-compile --quiet --strip-extras --generate-hashes --allow-unsafe --no-emit-find-links $(LOCK_ARGS)
lock: install
	$(LOCK) --output-file requirements.lock pyproject.toml
	$(LOCK) --extra dev --constraint requirements.lock --output-file requirements-dev.lock pyproject.toml

# The web app's bundle (Cytoscape.js and our views), built from the npm registry's packages.
WEB_BUILT := app/web/static/dist/.built
$(WEB_BUILT): web/package.json web/package-lock.json $(wildcard web/src/*.js web/src/views/*.js web/src/capture/*.js)
	cd web && npm ci --no-audit --no-fund --loglevel=error
	cd web && npm run --silent build
	touch $@

web: $(WEB_BUILT)

run: install web
	scripts/run.sh

lint: install
	$(BIN)/ruff check app tests scripts
	$(BIN)/mypy app scripts

# Debian's Chromium and a CJK font for the browser tests, installed when missing (as root).
browser:
	scripts/browser.sh

test: lint web browser
	$(BIN)/pytest

neo4j-start:
	scripts/neo4j.sh start

neo4j-stop:
	scripts/neo4j.sh stop

neo4j-status:
	scripts/neo4j.sh status

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache web/node_modules app/web/static/dist

# PROFILE the main queries on the running graph (after `make run`); prints plan anchors.
profile: install
	$(BIN)/python scripts/profile_queries.py

# A deeper schemathesis run than the one in `make test` (admin and rep tokens, no 5xx allowed).
fuzz: install
	SCHEMATHESIS_MAX_EXAMPLES=100 $(BIN)/pytest tests/test_schemathesis.py -s

# Performance benchmark (not part of make test): builds ~1M relationships through the API and
# prints latency, throughput and memory figures, then one JSON line. Arguments: BENCH_ARGS.
bench: install
	$(BIN)/python scripts/bench.py $(BENCH_ARGS)

trace: install
	$(BIN)/python scripts/trace_request.py $(TRACE_ARGS)

memory: install
	$(BIN)/python scripts/answer_memory.py $(MEMORY_ARGS)
