# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
PY := $(VENV)/bin/python
EUFUNDS := $(VENV)/bin/eufunds
STAMP := $(VENV)/.installed

.PHONY: install run test test-fast pytest lint bench clean

# torch first: 2.13.0 resolves to the local CPU build; an unpinned torch pulls gigabytes of CUDA.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check torch==2.13.0
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@# The web view's browser tests drive Debian's chromium; installed when missing (as root).
	@command -v chromium >/dev/null || { if [ "$$(id -u)" = 0 ]; then \
		(apt-get update -qq && apt-get install -y -qq chromium >/dev/null) \
		|| echo "could not install chromium: the web view's browser tests will be skipped"; \
		else echo "chromium missing (not root): the web view's browser tests will be skipped"; fi; }
	touch $(STAMP)

install: $(STAMP)

# The weekly job on the embedded defaults: the real spiders crawl generated demo recordings
# (invented calls in each source's real format) on loopback into data/replay.db, the matcher
# scores them against priorities/linkoping.yaml, and the digests are written as .eml files to
# data/outbox/ (no SMTP configured). A second run replays the next recording set: changes.
run: install
	$(EUFUNDS) run --replay
	EUFUNDS_DB=data/replay.db $(EUFUNDS) status

test: install pytest lint

# Every test, the slowest 15 named at the end (CI prints them).
pytest: install
	$(PY) -m pytest --durations=15

# The fast tier while working: everything but the tests marked slow (real model, real
# processes, a browser). `make test` still runs them all.
test-fast: install
	$(PY) -m pytest -m "not slow" --durations=15

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) data
