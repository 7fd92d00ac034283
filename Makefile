# warta: every target the README and CI use. `make demo` and `make test` work on a fresh machine
# with only Python 3.11, pip and git.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= demo.db
DATA   ?= ../shared/data

.PHONY: demo test lint format bench train kb clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/warta ingest samples --db $(DB)
	@echo
	$(BIN)/warta stats --db $(DB)
	@echo
	$(BIN)/warta search "Kim Jong Un" --db $(DB) --limit 3
	@echo
	@echo "Look further:  $(BIN)/warta show ID --db $(DB)      (one article; ID from the search above)"
	@echo "               $(BIN)/warta explain ID --db $(DB)   (what cleaning removed, and why)"
	@echo "               $(BIN)/warta export --db $(DB)       (every article as JSONL)"

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts training
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts training
	$(BIN)/ruff format --check src tests bench scripts training

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench

bench: $(VENV)/.installed
	$(BIN)/python bench/ingest.py --data $(DATA)
	$(BIN)/python bench/keep.py --data $(DATA)

# The spaCy pipeline from ../shared/data (work in progress: see training/README.md).
train: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[train]'
	$(BIN)/python training/convert.py --data $(DATA) --out training/corpus
	OMP_NUM_THREADS=2 $(BIN)/python -m spacy train training/config.cfg --output training/output

# The entity knowledge base shipped in src/warta/data/kb/ (needs the registries once, not at run time).
kb: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[kb]'
	$(BIN)/python scripts/build_kb.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build *.egg-info src/*.egg-info
