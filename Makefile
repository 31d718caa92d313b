# kehoach-parse — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KEHOACH := $(VENV)/bin/kehoach
STAMP  := $(VENV)/.installed
DEMO   ?= samples/004_4eb45db0ba18c56a.txt
OUT    ?= out

.PHONY: demo test lint schema draft eval bench bench-quick lm confusions install sysdeps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# System packages the tests need (tesseract for the OCR tests); only when root and missing.
sysdeps:
	@sh scripts/install_sysdeps.sh

demo: $(STAMP)
	@mkdir -p $(OUT)
	$(KEHOACH) parse $(DEMO) -o $(OUT)/demo.json
	@$(PY) scripts/summarise.py $(OUT)/demo.json

test: $(STAMP) sysdeps
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check src tests scripts bench
	$(VENV)/bin/ruff format --check src tests scripts bench
	$(VENV)/bin/mypy src

schema: $(STAMP)
	$(KEHOACH) schema > schemas/plan.schema.json

# Print a DRAFT expectation of SRC (samples/expected/README.md) for a person to review: make draft SRC=path
draft: $(STAMP)
	@test -n "$(SRC)" || { echo "usage: make draft SRC=path/to/plan" >&2; exit 2; }
	@$(PY) scripts/draft_expectation.py $(SRC)

# Record precision/recall/F1 and per-field accuracy of every source against samples/expected/**/*.toml
# (ARGS="--quick" skips the scans, ARGS="--set seeds --json out/eval.json")
eval: $(STAMP)
	$(PY) scripts/eval.py $(ARGS)

bench: $(STAMP) sysdeps
	$(PY) bench/bench.py

bench-quick: $(STAMP)
	$(PY) bench/bench.py --quick

# Rebuild the repair stage's models from ../shared/corpus/ only (committed as package data).
lm: $(STAMP)
	$(PY) scripts/build_lm.py

confusions: $(STAMP) sysdeps
	$(PY) scripts/build_confusions.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
