#!/usr/bin/env python3
"""Sample reporting verbs with a bare complement from IndoSum for the complement corpus (README.md).

    python training/quotes/complements/sample.py [--data ../shared/data] [--n 1600] [--batch 250]

Deterministic (seed 20261207). From IndoSum's news articles (dev folds, CC BY-SA 4.0), each
occurrence of one of the verbs below that reports speech as often as it takes a plain object
("menyampaikan surat", "menyampaikan pihaknya sudah menangkap ..."), outside quotation marks and
followed by neither "bahwa" nor a comma nor a colon: the sentence, the sentence before it, and the
verb's place. At most two an article and 60 a verb, so that the common verbs do not fill the corpus.
The verb list is written here: the sampling criterion, not a label (the annotator decides).

Never from an article of a blind set (the quote benchmarks ``eval/quotes/indosum`` and
``eval/blind2``, the time benchmark, the event article benchmark, the event sentence batches held out
as blind measures) nor of the quote tuning draws (``training/quotes/tune``, which have their own
annotation and serve to check the model). Writes ``batches/cx_NN.jsonl``: id, article, text,
context, verb, at (the verb's character offset in text).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.clean.pieces import sentences_of  # noqa: E402  (the cleaner's rule-based splitter)

VERBS = (
    "menulis menuliskan meminta mendesak menyerukan mengumumkan menjawab bertanya memastikan mengonfirmasi "
    "mengkonfirmasi membenarkan mengancam menceritakan bercerita menduga meyakini memprediksi memperkirakan "
    "mengeluhkan mencontohkan mengakui menyebut menyebutkan melaporkan menuding menuduh membantah menyangkal "
    "mengingatkan menilai berkomentar menyampaikan mengungkapkan memaparkan menjelaskan menerangkan "
    "menambahkan mengimbau bilang memandang menganggap berharap mengharapkan menyarankan mengusulkan menyoroti "
    "mengisyaratkan mencatat berdalih berkilah beralasan menampik menyeru mengamini meyakinkan "
    "menggarisbawahi menginformasikan mengabarkan beranggapan menyimpulkan menyayangkan mengajak menginginkan "
    "mengungkap menjabarkan berpesan mengisahkan menepis menghimbau berpikir"
).split()
VERB = re.compile(rf"\b({'|'.join(sorted(VERBS, key=len, reverse=True))})\b(?!\s*(?:bahwa\b|[,:]))")
QUOTES = '"“”'
PER_ARTICLE, PER_VERB = 2, 60
_FURNITURE = re.compile(r"^(baca|simak|lihat|saksikan|tonton)\b|https?://", re.I)


def _ids(path: Path, key: str = "id") -> set[str]:
    if not path.exists():
        return set()
    return {json.loads(line)[key] for line in path.open(encoding="utf-8") if line.strip()}


def taken_articles() -> set[str]:
    """The articles of every blind set and of the quote tuning draws."""
    taken: set[str] = set()
    for path in [ROOT / "training" / "events" / "articles" / "articles.jsonl",
                 ROOT / "eval" / "quotes" / "indosum" / "articles.jsonl",
                 ROOT / "eval" / "blind2" / "articles.jsonl",
                 ROOT / "eval" / "timex" / "indosum" / "articles.jsonl",
                 *sorted((ROOT / "training" / "quotes" / "tune").glob("articles*.jsonl"))]:
        taken |= _ids(path)
    batches = ROOT / "training" / "events" / "batches"
    for n in (11, 12, 13, *range(22, 30), *range(33, 41)):
        taken |= _ids(batches / f"batch_{n:02d}.jsonl", "article")
    return taken


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=1600)
    ap.add_argument("--batch", type=int, default=250)
    args = ap.parse_args()
    taken = taken_articles()
    pool = []
    for line in (args.data / "news" / "indosum_devfolds.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if record["id"] in taken:
            continue
        sents = [s for p in record["text_detok"].split("\n") for s in sentences_of(p.strip())]
        cands = []
        for i, s in enumerate(sents):
            if not 6 <= len(s.split()) <= 70 or _FURNITURE.search(s):
                continue
            for m in VERB.finditer(s):
                if s[:m.start()].count('"') % 2 == 0 and sum(s[:m.start()].count(c) for c in "“”") % 2 == 0:
                    cands.append((i, s, m))
        rng = random.Random(record["id"])
        for i, s, m in sorted(rng.sample(cands, min(PER_ARTICLE, len(cands))), key=lambda c: (c[0], c[2].start())):
            pool.append({"article": record["id"], "text": s, "context": sents[i - 1] if i else "",
                         "verb": m.group(1), "at": m.start()})
    random.Random(20261207).shuffle(pool)
    per_verb: Counter[str] = Counter()
    picked = []
    for item in pool:
        if per_verb[item["verb"]] < PER_VERB:
            per_verb[item["verb"]] += 1
            picked.append(item)
        if len(picked) == args.n:
            break
    out = HERE / "batches"
    out.mkdir(exist_ok=True)
    for start in range(0, len(picked), args.batch):
        with (out / f"cx_{start // args.batch:02d}.jsonl").open("w", encoding="utf-8") as fh:
            for k, item in enumerate(picked[start:start + args.batch]):
                fh.write(json.dumps({"id": f"cx{start + k:05d}", **item}, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(pool)} occurrences ({len(per_verb)} verbs) in "
          f"{-(-len(picked) // args.batch)} batches under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
