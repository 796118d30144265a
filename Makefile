# The only entry points a newcomer needs: make run, make test (and bench, lint).
# Everything installs itself into .venv from uv.lock; the machine needs only python3 and make.

PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Libraries installed with their bytecode: a server that starts from sources compiles them on
# every start (where PYTHONDONTWRITEBYTECODE is set, as here), 5 s of CPU before the first page.
export UV_COMPILE_BYTECODE := 1
# The app's own packages, compiled before a server starts (compileall skips what is current).
APP_SOURCES := app.py pages ui data_access maps gateway language

.PHONY: install compile run demo-data test test-fast bench bench-large cluster cluster-stop cluster-status loadtest lint format clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.synced: $(UV) pyproject.toml uv.lock
	$(UV) sync --locked --python $(PYTHON)
	@touch $@

install: $(VENV)/.synced

.streamlit/secrets.toml:
	cp .streamlit/secrets.toml.example $@

demo-data: install .streamlit/secrets.toml
	$(VENV)/bin/python -m data_access.demo --if-missing

compile: install
	@$(VENV)/bin/python -m compileall -q $(APP_SOURCES)

run: demo-data compile
	$(VENV)/bin/streamlit run app.py

# Every test, on every core (pytest-xdist); the browser, replica, processes and PostgreSQL
# tests run one after another on one worker of their own (tests/conftest.py: the layers).
TEST_WORKERS ?= auto
test: install compile
	$(VENV)/bin/python -m pytest -n $(TEST_WORKERS)

# The fast layer: no PostgreSQL, no processes or servers of their own, no Streamlit, no browser.
test-fast: install
	$(VENV)/bin/python -m pytest -n $(TEST_WORKERS) -m "not (postgres or processes or browser or cluster or app or slow)"

bench: install compile
	$(VENV)/bin/python -m bench.run

bench-large: install compile
	$(VENV)/bin/python -m bench.run --large

# PostgreSQL, REPLICAS replicas of the app and nginx on this machine (deploy/cluster.py).
REPLICAS ?= 2
cluster: install compile
	$(VENV)/bin/python -m deploy.cluster start --replicas $(REPLICAS)

cluster-stop: install
	$(VENV)/bin/python -m deploy.cluster stop

cluster-status: install
	$(VENV)/bin/python -m deploy.cluster status

# 50 sessions across 3 replicas behind nginx, writers logging contacts; figures in
# docs/benchmark.md (bench/load.py). Starts and stops a cluster of its own.
loadtest: install
	$(VENV)/bin/python -m bench.load

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf .venv .tools artifacts .pytest_cache
