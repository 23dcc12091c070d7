# Two commands do all set-up on a fresh Debian machine with Python 3.11: make run, make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# make serve: Streamlit processes behind HAProxy (one per core), and where HAProxy listens.
REPLICAS ?= $(shell nproc)
ADDRESS ?= 0.0.0.0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run serve test lint validate geocode bench system-deps serve-deps clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.app-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@

run: $(VENV)/.app-installed
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --browser.gatherUsageStats false

# Every core: REPLICAS processes behind HAProxy on PORT, sticky by cookie; Ctrl-C stops them all.
serve: $(VENV)/.app-installed serve-deps
	$(BIN)/python -m deploy.serve --replicas $(REPLICAS) --port $(PORT) --address $(ADDRESS)

# Debian's Chromium (browser tests), CJK fonts (Chinese in exported images and the served
# font subset) and iproute2 (the no-network test runs the app in its own network namespace).
system-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -q "Noto Sans CJK" \
		|| ! command -v ip >/dev/null || ! command -v unshare >/dev/null; then \
		$(SUDO) apt-get update -q && \
		$(SUDO) apt-get install -y -q --no-install-recommends chromium fonts-noto-cjk fontconfig \
			iproute2 util-linux; \
	fi

# Debian's HAProxy: make serve's load balancer (also started by its tests and the bench).
serve-deps:
	@if ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then \
		$(SUDO) apt-get update -q && \
		$(SUDO) apt-get install -y -q --no-install-recommends haproxy; \
	fi

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .

validate: $(VENV)/.app-installed
	$(BIN)/python -m sistercities validate

test: $(VENV)/.dev-installed system-deps serve-deps
	$(BIN)/ruff check .
	$(BIN)/python -m sistercities validate
	$(BIN)/python -m pytest

geocode: $(VENV)/.app-installed
	$(BIN)/python -m sistercities geocode

bench: $(VENV)/.dev-installed system-deps serve-deps
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache tests/artifacts
