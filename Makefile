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

lint: install
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/mypy bot intents kb billing_core

# The stricter configuration issue 8 asks for, measured but not yet enforced: both tools run,
# the target fails if either reports anything. To enforce it, add "C90", "SIM", "RUF" to
# [tool.ruff.lint] select and `strict = true` to [tool.mypy] (with tests and benchmarks in
# `lint`'s mypy line).
lint-strict: install
	status=0; \
	$(VENV)/bin/ruff check --extend-select C90,SIM,RUF --statistics $(LINTED) || status=1; \
	$(VENV)/bin/mypy --strict $(LINTED) || status=1; \
	exit $$status

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info billing-bot.db
