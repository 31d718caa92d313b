# kehoach-parse — two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
KEHOACH := $(VENV)/bin/kehoach
STAMP  := $(VENV)/.installed
DEMO   ?= samples/004_4eb45db0ba18c56a.txt
OUT    ?= out

# Fuzz each loader and the CLI (scripts/fuzz.py): make fuzz FUZZ_SECONDS=600 [FUZZ_TARGET=pdf]; failures in out/fuzz/
FUZZ_SECONDS ?= 60

.PHONY: fuzz demo test lint schema draft eval eval-ocrtext ocrtext bench bench-quick lm confusions install sysdeps clean

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

# Scan bench (samples/scanbench/README.md): 55 plans (dev, heldout, dev2) rendered and "scanned" from a fixed seed into out/scanbench/
# (PDFs, not committed) and their expectations into samples/scanbench/expected/ (committed; byte-identical per run).
.PHONY: scanbench eval-scans
scanbench: $(STAMP) sysdeps
	$(PY) samples/scanbench/make_scanbench.py

# Score the scan bench per condition, dev and held-back (generates it first when out/scanbench is missing).
eval-scans: $(STAMP) sysdeps
	@test -d out/scanbench || $(MAKE) --no-print-directory scanbench
	@mkdir -p out/scanbench
	$(PY) scripts/eval.py --dir samples/scanbench/expected --by-condition --jobs 2 --json out/scanbench/eval.json $(ARGS)

# OCR'd plain text of rendered plans (tesseract -l vie/-l eng, --psm 3/6), and its scores (dev / held back)
# (dev + heldout, then the fresh dev sets drawn in later rounds: samples/ocrtext/README.md; ~27 min)
ocrtext: $(STAMP) sysdeps
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 20 --count 10 --split dev2
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 30 --count 10 --split dev3
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 40 --count 20 --split dev4
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 60 --count 20 --split dev5
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 80 --count 20 --split dev6
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 100 --count 20 --split dev7
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 120 --count 20 --split dev8
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 140 --count 20 --split dev9
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 160 --count 20 --split dev10
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 180 --count 20 --split dev11
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 200 --count 20 --split dev12
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 220 --count 20 --split dev13
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 240 --count 20 --split omit --omit-columns
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 260 --count 20 --split omitheld --omit-columns
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 280 --count 20 --split dev14
	$(PY) samples/ocrtext/make_ocrtext.py --jobs 2 --first-index 300 --count 20 --split omit2 --omit-columns

eval-ocrtext: $(STAMP) sysdeps
	@test -f out/ocrtext/omit2/ot320.vie-psm6.txt || $(MAKE) --no-print-directory ocrtext
	$(PY) scripts/eval.py --dir samples/ocrtext/expected --by-condition --json out/ocrtext/eval.json $(ARGS)

bench: $(STAMP) sysdeps
	$(PY) bench/bench.py

bench-quick: $(STAMP)
	$(PY) bench/bench.py --quick

# Rebuild the repair stage's models from ../shared/corpus/ only (committed as package data).
lm: $(STAMP)
	$(PY) scripts/build_lm.py

confusions: $(STAMP) sysdeps
	$(PY) scripts/build_confusions.py

fuzz: $(STAMP)
	$(PY) scripts/fuzz.py --seconds $(FUZZ_SECONDS) $(if $(FUZZ_TARGET),--target $(FUZZ_TARGET)) --json out/fuzz/summary.json

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache .ruff_cache
