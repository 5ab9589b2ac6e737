# Sunshine Market — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
WORKERS ?= 3

.PHONY: run dev test lint typecheck pytest bench install system-deps browser-deps migrate demo clean-data \
	backup restore

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# System packages the browser tests and the real-worker tests need (Debian).
system-deps:
	@need=""; \
	command -v chromium >/dev/null || need="$$need chromium"; \
	fc-list 2>/dev/null | grep -qi "wenquanyi\|wqy" || need="$$need fonts-wqy-microhei"; \
	command -v redis-server >/dev/null || need="$$need redis-server"; \
	if [ -n "$$need" ]; then \
	  echo "installing:$$need"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$need >/dev/null; \
	fi

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable

demo: migrate
	$(PY) manage.py load_demo

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py load_demo
	$(PY) manage.py demo_logins --host $(HOST) --port $(PORT)
	exec $(VENV)/bin/gunicorn backend.config.wsgi:application --bind $(HOST):$(PORT) \
	  --workers $(WORKERS) --access-logfile - --timeout 60

dev: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo
	DEBUG=1 $(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy .

pytest: install system-deps
	$(VENV)/bin/pytest $(PYTEST_ARGS)

test: install system-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy .
	$(VENV)/bin/pytest $(PYTEST_ARGS)

bench: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py run_bench $(BENCH_ARGS)

# Database (pg_dump) + media + private evidence into backups/sunshine-<time>/ (or BACKUP_TO=dir).
backup: install
	$(PY) manage.py backup $(if $(BACKUP_TO),--to $(BACKUP_TO))

# make restore FROM=backups/sunshine-<time> [RESTORE_ARGS="--database-name other" or "--replace"]
restore: install
	@test -n "$(FROM)" || { echo "usage: make restore FROM=backups/sunshine-<time>"; exit 2; }
	$(PY) manage.py restore $(FROM) $(RESTORE_ARGS)

clean-data:
	rm -rf .data
