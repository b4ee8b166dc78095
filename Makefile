# billing-bot: every target installs what it needs into .venv first.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BOT    := $(VENV)/bin/billing-bot
STAMP  := $(VENV)/.installed

.PHONY: install demo test bench load eval lint lint-strict clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BOT) db init --demo
	$(BOT) chat --as maria.rossi@example.com

test: install
	$(PY) -m pytest

eval: install
	$(PY) -m intents.evaluate

bench: install
	$(PY) -m benchmarks

# 200 simulated Slack users on two serve processes and PostgreSQL for 60 s, then the books
# checked (BILLING_TEST_DATABASE_URL, default the local server's `test` database)
load: install
	$(PY) -m tests.scaleout.load

LINTED := bot intents kb billing_core tests benchmarks

# ruff with complexity (C90), simplify (SIM) and RUF rules, mypy strict, on the packages, the
# tests and the benchmarks (configuration in pyproject.toml). CI runs it before the tests.
lint: install
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/mypy $(LINTED)

# The strict rules are `lint` now (kept for scripts that call it).
lint-strict: lint

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info billing-bot.db billing-bot.db-wal billing-bot.db-shm
