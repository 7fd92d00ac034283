#!/usr/bin/env python3
"""Sample reporting verbs with a bare complement from IndoSum for the complement corpus (README.md).

    python training/quotes/complements/sample.py [--data ../shared/data] [--n 1600] [--batch 250]
    python training/quotes/complements/sample.py --more 1500      # batches cx_06-cx_08 (617 left)
    python training/quotes/complements/sample.py --nlp-id 1000 --cache training/cache   # cx_09-cx_12

Deterministic (seed 20261207). From IndoSum's news articles (dev folds, CC BY-SA 4.0), each
occurrence of one of the verbs below that reports speech as often as it takes a plain object
("menyampaikan surat", "menyampaikan pihaknya sudah menangkap ..."), outside quotation marks and
followed by neither "bahwa" nor a comma nor a colon: the sentence, the sentence before it, and the
verb's place. At most two an article and 60 a verb, so that the common verbs do not fill the corpus;
``--more N`` adds N occurrences not drawn before (at most four an article and 120 a verb in all, seed
20261208) as new batches after the existing ones.
The verb list is written here: the sampling criterion, not a label (the annotator decides).
``--nlp-id N`` adds N occurrences from nlp-id's tagged news (kumparan.com, 2019, MIT;
``training/fetch_nlp_id.py`` unpacks it into ``--cache``), never from the tagger's first 600 (dev)
sentences nor a speech batch's sentence, at most 40 a verb, seed 20261209, as new batches.

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
    ap.add_argument("--more", type=int, default=0)
    ap.add_argument("--nlp-id", type=int, default=0)
    ap.add_argument("--cache", type=Path, default=ROOT / "training" / "cache")
    args = ap.parse_args()
    if args.nlp_id:
        return _nlp_id(args)
    per_article, per_verb_cap = (4, 120) if args.more else (PER_ARTICLE, PER_VERB)
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
        for i, s, m in sorted(rng.sample(cands, min(per_article, len(cands))), key=lambda c: (c[0], c[2].start())):
            pool.append({"article": record["id"], "text": s, "context": sents[i - 1] if i else "",
                         "verb": m.group(1), "at": m.start()})
    out = HERE / "batches"
    out.mkdir(exist_ok=True)
    existing = [json.loads(line) for path in sorted(out.glob("cx_*.jsonl"))
                for line in path.read_text(encoding="utf-8").splitlines()] if args.more else []
    drawn = {(r["article"], r["text"], r["at"]) for r in existing}
    pool = [item for item in pool if (item["article"], item["text"], item["at"]) not in drawn]
    random.Random(20261208 if args.more else 20261207).shuffle(pool)
    per_verb: Counter[str] = Counter(r["verb"] for r in existing)
    return _write(pool, existing, per_verb, per_verb_cap, args.more or args.n, args.batch, out)


def _candidates(sents: list[str], i: int) -> list[re.Match[str]]:
    s = sents[i]
    if not 6 <= len(s.split()) <= 70 or _FURNITURE.search(s):
        return []
    return [m for m in VERB.finditer(s)
            if s[:m.start()].count('"') % 2 == 0 and sum(s[:m.start()].count(c) for c in "“”") % 2 == 0]


def _nlp_id(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(ROOT / "training"))
    from convert import NLPID_FILE, nlpid_spaces, read_ner, sent_key  # training/convert.py

    speech = ROOT / "training" / "events" / "speech" / "batches"
    taken = {sent_key(json.loads(line)["text"].split()) for path in sorted(speech.glob("sp_*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}
    sents = []
    for sent in read_ner(args.cache / NLPID_FILE, "tab"):
        words = [w for w, _ in sent]
        sents.append(("".join(w + (" " if sp else "") for w, sp in zip(words, nlpid_spaces(words), strict=True))
                      .strip(), sent_key(words)))
    texts = [t for t, _ in sents]
    pool = [{"article": "nlp-id", "text": texts[i], "context": texts[i - 1], "verb": m.group(1), "at": m.start()}
            for i, (text, key) in enumerate(sents) if i >= 600 and key not in taken for m in _candidates(texts, i)]
    out = HERE / "batches"
    existing = [json.loads(line) for path in sorted(out.glob("cx_*.jsonl"))
                for line in path.read_text(encoding="utf-8").splitlines()]
    drawn = {(r["text"], r["at"]) for r in existing}
    pool = [item for item in pool if (item["text"], item["at"]) not in drawn]
    random.Random(20261209).shuffle(pool)
    per_verb: Counter[str] = Counter()
    return _write(pool, existing, per_verb, 40, args.nlp_id, args.batch, out)


def _write(pool: list[dict], existing: list[dict], per_verb: Counter[str], cap: int, n: int, batch: int,
           out: Path) -> int:
    """The first ``n`` items of the shuffled pool, at most ``cap`` a verb in all, as new batches
    after the ``existing`` items."""
    picked = []
    for item in pool:
        if per_verb[item["verb"]] < cap:
            per_verb[item["verb"]] += 1
            picked.append(item)
        if len(picked) == n:
            break
    first_id, first_batch = len(existing), -(-len(existing) // batch)
    for start in range(0, len(picked), batch):
        with (out / f"cx_{first_batch + start // batch:02d}.jsonl").open("w", encoding="utf-8") as fh:
            for k, item in enumerate(picked[start:start + batch]):
                fh.write(json.dumps({"id": f"cx{first_id + start + k:05d}", **item}, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(pool)} occurrences ({len(per_verb)} verbs) in "
          f"{-(-len(picked) // batch)} batches under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
