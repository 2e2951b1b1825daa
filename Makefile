# The two commands of the product contract: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test e2e lint format bench faults demo-data install serve-prod clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

## run: install, migrate the SQLite database, load the demo data once, serve on 127.0.0.1:8000
## with the task worker (e-mails) in the background, stopped with the server (Ctrl+C).
run: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py db_worker --queue-name '*' --no-reload --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:8000

demo-data: $(STAMP)
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo

## test: the whole suite except the browser tests (see `make e2e`)
test: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n 2 --dist loadfile -m "not e2e" -q

## e2e: browser tests in headless Chromium (Debian packages chromium, chromium-driver), on two workers,
## each with its own server and copy of the demo database (tests/e2e/conftest.py). loadgroup keeps each file's
## tests together and in order, except the independent ones (INDEPENDENT_TESTS there), handed out one by one
## first, on a fresh demo database, as in a plain run.
e2e: $(STAMP)
	DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -n 2 --dist loadgroup --no-loadscope-reorder -m e2e -q tests/e2e
	@# the second region pack (Bretagne, regions/53) in a browser: its own demo database, no trace of the default pack
	SPRO_REGION=53 DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest -m e2e -q tests/e2e/test_second_region.py

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

bench: $(STAMP)
	$(PY) bench/run.py
	$(PY) bench/training.py

## faults: 2 min of public traffic on SQLite and PostgreSQL (0 errors), the PostgreSQL restart drill, the two-server drill
faults: $(STAMP)
	$(PY) bench/faults.py soak --db sqlite
	$(PY) bench/faults.py soak --db postgresql
	$(PY) bench/faults.py pg-restart
	$(PY) bench/faults.py servers

## serve-prod: the production way, on this machine: gunicorn, static files by WhiteNoise, secure settings.
## Needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and (for production) DATABASE_URL=postgres://… in the environment.
## The workers share a cache (throttles, search answers): files under var/cache unless SPRO_CACHE_URL says otherwise.
serve-prod: export SPRO_CACHE_URL ?= file://$(CURDIR)/var/cache
## Bound to 127.0.0.1 by default: one reverse proxy in front gives the client's address (SPRO_TRUSTED_PROXIES).
serve-prod: export SPRO_TRUSTED_PROXIES ?= 1
serve-prod: $(STAMP)
	DJANGO_DEBUG=false $(PY) manage.py check --deploy --fail-level WARNING
	DJANGO_DEBUG=false $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=false $(PY) manage.py collectstatic --no-input --verbosity 0
	DJANGO_DEBUG=false $(VENV)/bin/gunicorn spro.wsgi --bind $${BIND:-127.0.0.1:8000} --workers $${WORKERS:-3} --forwarded-allow-ips="$${FORWARDED_ALLOW_IPS:-127.0.0.1}"

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
