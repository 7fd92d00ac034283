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
	$(BIN)/python -m pip install -q -e '.[serve,scale]'
	touch $@

# The browser tests (tests/test_ui.py) drive Debian's chromium; they skip where it cannot be installed.
$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test,serve,scale]'
	@command -v chromium >/dev/null 2>&1 || { \
	    sudo=; [ "$$(id -u)" = 0 ] || sudo="sudo -n"; \
	    command -v apt-get >/dev/null 2>&1 \
	    && $$sudo apt-get update -qq \
	    && $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	} || echo "warning: could not install chromium (no apt-get, or no root/sudo); the browser tests will be skipped"
	touch $@

demo: $(VENV)/.installed
	$(BIN)/warta ingest samples --db $(DB)
	@echo
	$(BIN)/warta stats --db $(DB)
	@echo
	@echo "Developing stories, largest first: one is told by three outlets, with a republished copy of one"
	@echo "page found as a duplicate and the US apology reported by two articles merged into one event:"
	$(BIN)/warta stories --db $(DB) --limit 3
	@echo
	$(BIN)/warta story $$($(BIN)/warta stories --db $(DB) --limit 1 --format json \
	    | $(BIN)/python -c "import json, sys; print(json.loads(sys.stdin.readline())['id'])") --db $(DB)
	@echo
	$(BIN)/warta search "Kim Jong Un" --db $(DB) --limit 3
	@echo
	@echo "What Donald Trump is quoted as saying, newest first (any alias works: Trump, Presiden Trump):"
	$(BIN)/warta quotes --speaker "Donald Trump" --db $(DB) --limit 5
	@echo
	@echo "Every event involving Kim Jong Un (or North Korea, which he leads), oldest first, merged across articles:"
	$(BIN)/warta timeline "Kim Jong Un" --db $(DB)
	@echo
	@echo "The best hit, with the people, organisations and places it names (one id each), its quotes"
	@echo "with their speakers, and its time expressions resolved against the publication date:"
	@$(BIN)/warta show $$($(BIN)/warta search "Kim Jong Un" --db $(DB) --limit 1 --format json \
	    | $(BIN)/python -c "import json, sys; print(json.loads(sys.stdin.readline())['id'])") --db $(DB)
	@echo
	@echo "Look further:  $(BIN)/warta show ID --db $(DB)      (one article; ID from the search above)"
	@echo "               $(BIN)/warta explain ID --db $(DB)   (what cleaning removed, and why)"
	@echo "               $(BIN)/warta quotes --speaker NAME --db $(DB)   (statements of a person or organisation)"
	@echo "               $(BIN)/warta export --db $(DB)       (every article as JSONL)"
	@story=$$($(BIN)/warta stories --db $(DB) --limit 1 --format json \
	    | $(BIN)/python -c "import json, sys; print(json.loads(sys.stdin.readline())['id'])"); \
	echo; echo "The story across outlets:  $(BIN)/warta story $$story --db $(DB)"; \
	echo "  in the web UI ($(BIN)/warta serve --db $(DB)):  http://127.0.0.1:8000/story/$$story"
ifneq ($(NO_SERVE),1)
	@echo
	@echo "Now serving the store: open http://127.0.0.1:8000 (search, articles, entities, timelines;"
	@echo "API docs at /docs): the story above at its /story/ page, every story at /stories, entities at"
	@echo "/entities, events at /events. Ctrl-C stops it; 'make demo NO_SERVE=1' skips this step."
	$(BIN)/warta serve --db $(DB)
endif

test: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts training eval
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench scripts training eval
	$(BIN)/ruff format --check src tests bench scripts training

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests bench

bench: $(VENV)/.installed
	$(BIN)/python bench/ingest.py --data $(DATA)
	$(BIN)/python bench/ingest.py --data $(DATA) --profile fast
	$(BIN)/python bench/nlp.py --data $(DATA)
	$(BIN)/python bench/keep.py --data $(DATA)

# The two spaCy pipelines shipped in src/warta/models/, from $(DATA) (default ../shared/data) and
# nlp-id's tagged sentences (fetched from PyPI, checksum verified). Both train at once, one core
# each; about 50 minutes on a 2-core machine (the skip-gram vectors take 7 of them). Scores and speed: MODEL.md.
train: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[train]'
	$(BIN)/python training/fetch_nlp_id.py --out training/cache
	$(BIN)/python training/convert.py --data $(DATA) --out training/corpus --nlp-id training/cache
	$(BIN)/python training/vectors.py --data $(DATA) --nlp-id training/cache --selection raw --method ppmi \
	    --out training/vectors/raw-ppmi
	$(BIN)/python training/vectors.py --data $(DATA) --corpus training/corpus --nlp-id training/cache \
	    --out training/vectors/clean-skipgram
	mkdir -p training/output
	OMP_NUM_THREADS=1 $(BIN)/python -m spacy train training/config.cfg --output training/output/default \
	    --code training/register.py > training/output/default.log 2>&1 & p1=$$!; \
	OMP_NUM_THREADS=1 $(BIN)/python -m spacy train training/config_fast.cfg --output training/output/fast \
	    --code training/register.py > training/output/fast.log 2>&1 & p2=$$!; \
	wait $$p1 && wait $$p2 || { tail -n 20 training/output/*.log; exit 1; }
	$(BIN)/python training/package.py training/output/default/model-best training/output/fast/model-best
	$(BIN)/python training/evaluate.py src/warta/models/id_news
	$(BIN)/python training/evaluate.py src/warta/models/id_news_fast

# The entity knowledge base shipped in src/warta/data/kb/ (needs the registries once, not at run time).
kb: $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[kb]'
	$(BIN)/python scripts/build_kb.py

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build *.egg-info src/*.egg-info
