# Two commands for a newcomer: `make run` and `make test`. Each sets up what it needs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_PY := $(VENV)/.installed
STAMP_JS := node_modules/.installed
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 poppler-utils

.PHONY: run test test-browser setup system assets lint bench mutation messages clean

run: setup
	$(BIN)/python manage.py migrate --noinput
	@if [ ! -f .demo-loaded ]; then $(BIN)/python manage.py loaddemo && touch .demo-loaded; fi
	@# The background worker builds agenda packs and published reports' PDFs; it stops when the server does.
	$(BIN)/python manage.py run_worker --no-reload & worker=$$!; trap "kill $$worker" EXIT INT TERM; \
	  $(BIN)/python manage.py runserver 127.0.0.1:8000

test: setup
	$(BIN)/pytest -n auto

# Only the browser tests (Playwright in Debian's Chromium, axe-core); screenshots of each journey's
# last page land in test-artifacts/screenshots/.
test-browser: setup
	$(BIN)/pytest -n auto -m browser

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python manage.py makemigrations --check --dry-run

setup: system $(STAMP_PY) assets

# The Welsh catalogue (docs/welsh.md): collect the marked strings into locale/cy/LC_MESSAGES/django.po,
# then, once each has its Welsh, compile the .mo that is committed beside it. Needs GNU gettext.
messages: $(STAMP_PY)
	$(BIN)/python manage.py makemessages -l cy --no-obsolete --no-location -i node_modules -i .venv -i static -i staticfiles -i media -i tests -i test-artifacts
	msgfmt --check -o locale/cy/LC_MESSAGES/django.mo locale/cy/LC_MESSAGES/django.po

# WeasyPrint needs Pango and HarfBuzz from the system: install them where we can (root on Debian),
# or say in one message what is missing.
system:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing system packages:$$missing"; \
	    apt-get install -y -q $$missing >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q $$missing >/dev/null; }; \
	  else \
	    echo "Please install these system packages first (e.g. sudo apt-get install$$missing)"; exit 1; \
	  fi; \
	fi

$(STAMP_PY): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(STAMP_JS): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: $(STAMP_JS)
	npm run --silent build

bench: setup
	$(BIN)/python bench/run.py

# Mutation testing of the rule modules (docs/mutation-testing.md): slow, so never part of `make test` or CI.
# One module: `make mutation MODULES=access`; add ARGS=--survivors to list what the tests missed.
mutation: setup
	$(BIN)/python mutation/run.py $(MODULES) $(ARGS)

clean:
	rm -rf $(VENV) node_modules static/build staticfiles .mutation
