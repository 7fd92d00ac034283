#!/usr/bin/env python3
"""Draw sentences of modern Indonesian news for warta's own NER corpus (README.md).

    python training/ner/sample.py --cache training/cache [--n 2700] [--batch 300]

Deterministic (seed 20261207). From nlp-id's tagged news sentences (kumparan.com, 2019, MIT;
``training/fetch_nlp_id.py`` unpacks them into ``--cache``): sentences of 6 to 60 words that hold at
least one capitalised word other than their first (names, but also products, programmes and words
capitalised for emphasis, which is what the corpus is for), never one of the first 600 (the tagger's
dev sentences, ``training/convert.py``), nor one of the speech-act batches (``sp_28``-``sp_37`` come
from the same file; ``sp_33``-``sp_37`` are held out to measure the speech model), nor a repeat.
Writes ``batches/ner_NN.jsonl``: id, text (the words joined as ``convert.py`` joins them), words.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from convert import NLPID_FILE, nlpid_spaces, read_ner, sent_key  # noqa: E402  (training/convert.py)

NLPID_DEV = 600  # the tagger's dev sentences (convert.py --tag-dev-sents)
SEED = 20261207


def joined(words: list[str]) -> str:
    return "".join(w + (" " if sp else "") for w, sp in zip(words, nlpid_spaces(words), strict=True)).strip()


def pool(cache: Path) -> list[list[str]]:
    """The sentences that may be drawn, in file order."""
    speech = HERE.parent / "events" / "speech" / "batches"
    taken = {sent_key(json.loads(line)["text"].split()) for path in sorted(speech.glob("sp_*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    out, seen = [], set()
    for k, sent in enumerate(read_ner(cache / NLPID_FILE, "tab")):
        words = [w for w, _ in sent]
        key = sent_key(words)
        if k < NLPID_DEV or key in taken or key in seen or not 6 <= len(words) <= 60:
            continue
        seen.add(key)
        if any(w[:1].isupper() for w in words[1:]):
            out.append(words)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cache", type=Path, default=HERE.parent / "cache")
    ap.add_argument("--n", type=int, default=2700)
    ap.add_argument("--batch", type=int, default=300)
    args = ap.parse_args()
    sents = pool(args.cache)
    random.Random(SEED).shuffle(sents)
    picked = sents[: args.n]
    out = HERE / "batches"
    out.mkdir(exist_ok=True)
    for start in range(0, len(picked), args.batch):
        with (out / f"ner_{start // args.batch:02d}.jsonl").open("w", encoding="utf-8") as fh:
            for k, words in enumerate(picked[start:start + args.batch]):
                row = {"id": f"ner{start + k:05d}", "text": joined(words), "words": words}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(sents)} sentences in {-(-len(picked) // args.batch)} batches under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
