# Two commands on a fresh machine with only python3:
#   make demo   - set up .venv and clean the bundled example article, with the explanation
#   make test   - set up .venv and run lint, type checks and the whole test suite
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXTRAS ?= test,parquet,zstd,bench,docs,datatrove,ray,recipes

.PHONY: demo test lint typecheck docs bench setup clean chromium screenshots page-model

# The demo needs the library alone; tests, docs and benchmarks need the extras.
$(BIN)/.core: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(BIN)/.installed: $(BIN)/.core
	$(BIN)/python -m pip install --quiet -e ".[$(EXTRAS)]"
	touch $@

setup: $(BIN)/.installed

demo: $(BIN)/.core
	$(BIN)/newsclean clean --explain src/newsclean/examples/article.txt

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: setup
	$(BIN)/mypy src/newsclean

docs: setup
	$(BIN)/sphinx-build -W -q -b html docs docs/_build/html

test: lint typecheck docs
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python -m benchmarks

# The whole-page line scorer and page gate (src/newsclean/_page/{model,gate}.json) from
# ../shared/data; deterministic (the gate needs 5 fold models: a few minutes).
page-model: setup
	$(BIN)/python scripts/train_page_model.py

# Debian's chromium for the report's browser test and screenshots (root only; never fatal:
# without it the browser test skips).
chromium:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && \
		{ timeout 300 apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 || \
		  { timeout 120 apt-get update -qq >/dev/null 2>&1 && \
		    timeout 300 apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; }; }; } || \
		echo "make: chromium is not installed; the report's browser test will skip"

screenshots: setup chromium
	$(BIN)/python scripts/report_screenshots.py --out docs/img

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
