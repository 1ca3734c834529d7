# Everything a fresh machine needs: `make run` and `make test` each set up what they use.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEEDS  ?= ../shared/seeds
# Debian packages the tests and reports use: a browser for UI tests, a real PostgreSQL,
# CJK fonts for charts and PDFs, poppler to look at rendered PDFs.
SYSTEM_PACKAGES := chromium postgresql fonts-noto-cjk fonts-wqy-zenhei poppler-utils

.PHONY: run test venv system bench clean postgres

venv: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

# Installs the Debian packages that are missing (needs root, as on CI and the dev machines).
system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing >/dev/null; \
	fi

run: $(STAMP)
	$(BIN)/kaoguan serve --load-seeds $(SEEDS)

test: $(STAMP) system
	$(BIN)/pytest -q

bench: $(STAMP)
	$(BIN)/python bench/import_bench.py

# A local PostgreSQL for development, started the way the tests start theirs (Debian's binaries,
# data in var/postgres, 127.0.0.1 only); prints the URL to pass as --db. Stop it with
# `$(BIN)/python -m kaoguan.store.pgserver stop var/postgres`.
postgres: $(STAMP) system
	@$(BIN)/python -m kaoguan.store.pgserver start var/postgres

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .hypothesis artifacts var
