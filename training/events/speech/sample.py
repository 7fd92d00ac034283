#!/usr/bin/env python3
"""Sample sentences of reported speech from IndoSum for the speech-act corpus (README.md).

    python training/events/speech/sample.py --data ../shared/data [--n 1800] [--batch 300]
    python training/events/speech/sample.py --more 1800 --per-article 6     # batches sp_06-sp_11
    python training/events/speech/sample.py --ner 1800                      # batches sp_25-sp_27
    python training/events/speech/sample.py --nlp-id 1500 --cache training/cache   # batches sp_28-sp_32

Deterministic (seed 20261211). From IndoSum's general-news articles ("tajuk utama", dev folds, CC BY-SA
4.0), sentences of 8 to 60 words that report speech (a quotation mark, or one of the reporting and
evaluating verbs below: a fixed list written here, not warta's), at most three an article, each with
the two sentences before it as context. Never from an article of a blind set (the event article
benchmark, the blind quote and time benchmarks, the blind sentence batches 11-13) or of the tuning
sets (training/quotes/tune, whose articles the event and time tuning sets also use). Writes
``batches/sp_NN.jsonl``: id, article, published, text, context. ``--more N`` adds N sentences
after the existing batches (new numbers and ids, seed 20261212), none already drawn, up to
``--per-article`` an article. ``--ner N`` adds N sentences of the NER corpora's train files (news of
2013-2014, read as ``../sample_sentences.py`` reads them) that report speech, none of an event batch
(batches 33-40 are a blind event measure) nor of a speech batch, drawn at random (seed 20261207).
``--nlp-id N`` adds N sentences of nlp-id's tagged news (kumparan.com, MIT; ``training/fetch_nlp_id.py``
unpacks it into ``--cache``) that report speech, each with the two sentences before it as context,
never one of the first 600 (the tagger's dev sentences, ``training/convert.py``), drawn at random
(seed 20261208).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.clean.pieces import sentences_of  # noqa: E402  (the cleaner's rule-based splitter)

SPEECH = re.compile(
    r"[\"“”]|\b(?:kata|ujar|ucap|tutur|ungkap|jelas|tegas|katanya|ujarnya|menurut|mengatakan|menyatakan|"
    r"menilai|meminta|mendesak|menegaskan|menjelaskan|mengungkapkan|menyebut|menyebutkan|menuding|menuduh|"
    r"mengkritik|mengecam|menyesalkan|menyayangkan|mengapresiasi|memuji|mengimbau|mengajak|menolak|"
    r"membantah|menepis|menuntut|berharap|mengharapkan|menyarankan|mengusulkan|menyoroti|mempertanyakan|"
    r"mengingatkan|menekankan|menganggap|mengakui|mengaku|mendukung|menyambut)\b", re.IGNORECASE)
_FURNITURE = re.compile(r"^(baca|simak|lihat|saksikan|tonton)\b|https?://", re.I)


def _ids(path: Path) -> set[str]:
    return {json.loads(line)["id"] for line in path.open(encoding="utf-8")} if path.exists() else set()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--n", type=int, default=1800)
    ap.add_argument("--batch", type=int, default=300)
    ap.add_argument("--more", type=int, default=0)
    ap.add_argument("--per-article", type=int, default=3)
    ap.add_argument("--ner", type=int, default=0, help="N sentences of the NER corpora's train files instead")
    ap.add_argument("--nlp-id", type=int, default=0, help="N sentences of nlp-id's tagged news instead")
    ap.add_argument("--cache", type=Path, default=ROOT / "training" / "cache", help="where nlp-id is unpacked")
    ap.add_argument("--categories", default="tajuk utama",
                    help="IndoSum categories to draw from, comma-separated (default: general news)")
    args = ap.parse_args()
    if args.ner:
        return _ner(args)
    if args.nlp_id:
        return _nlp_id(args)
    taken: set[str] = set()
    for path in (ROOT / "training" / "events" / "articles" / "articles.jsonl",
                 ROOT / "eval" / "quotes" / "indosum" / "articles.jsonl",
                 ROOT / "eval" / "timex" / "indosum" / "articles.jsonl",
                 ROOT / "training" / "quotes" / "tune" / "articles.jsonl",
                 ROOT / "training" / "quotes" / "tune" / "articles_2.jsonl"):
        taken |= _ids(path)
    for name in ("batch_11.jsonl", "batch_12.jsonl", "batch_13.jsonl"):
        path = ROOT / "training" / "events" / "batches" / name
        taken |= {json.loads(line)["article"] for line in path.open(encoding="utf-8")} if path.exists() else set()
    categories = {c.strip() for c in args.categories.split(",")}
    pool = []
    for line in (args.data / "news" / "indosum_devfolds.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if record["category"] not in categories or record["id"] in taken:
            continue
        sents = [s for p in record["text_detok"].split("\n") for s in sentences_of(p.strip())]
        cands = [(i, s) for i, s in enumerate(sents)
                 if 8 <= len(s.split()) <= 60 and SPEECH.search(s) and not _FURNITURE.search(s)]
        rng = random.Random(record["id"])
        for i, s in sorted(rng.sample(cands, min(args.per_article, len(cands)))):
            pool.append({"article": record["id"], "published": record["date_from_id"][:10], "text": s,
                         "context": " ".join(sents[max(0, i - 2):i])})
    _write(pool, args)
    return 0


def _existing() -> list[dict]:
    return [json.loads(line) for path in sorted((HERE / "batches").glob("sp_*.jsonl"))
            for line in path.read_text(encoding="utf-8").splitlines()]


def _ner(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(HERE.parent))
    sys.path.insert(0, str(HERE.parents[1]))  # first: training/convert.py, not training/events/convert.py
    from convert import sent_key  # training/convert.py
    from sample_sentences import detokenised, ner_sentences  # training/events/sample_sentences.py

    taken = {sent_key(row["text"].split()) for path in sorted((HERE.parent / "batches").glob("batch_*.jsonl"))
             for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    taken |= {sent_key(row["text"].split()) for row in _existing()}
    pool = [{"article": f"ner:{name}", "published": None, "text": text, "context": ""}
            for name, words in ner_sentences(args.data) if sent_key(words) not in taken
            and SPEECH.search(text := detokenised(words)) and not _FURNITURE.search(text)]
    random.Random(20261207).shuffle(pool)
    args.more = args.ner
    _write(pool, args, shuffled=True)
    return 0


def _nlp_id(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(HERE.parents[1]))
    from convert import NLPID_FILE, nlpid_spaces, read_ner, sent_key  # training/convert.py

    taken = {sent_key(row["text"].split()) for path in sorted((HERE.parent / "batches").glob("batch_*.jsonl"))
             for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    taken |= {sent_key(row["text"].split()) for row in _existing()}
    texts = []
    for sent in read_ner(args.cache / NLPID_FILE, "tab"):
        words = [w for w, _ in sent]
        texts.append(("".join(w + (" " if sp else "") for w, sp in zip(words, nlpid_spaces(words), strict=True))
                      .strip(), words))
    pool = [{"article": "nlp-id", "published": None, "text": text,
             "context": " ".join(t for t, _ in texts[max(0, i - 2):i])}
            for i, (text, words) in enumerate(texts) if i >= _NLPID_DEV and 8 <= len(words) <= 60
            and sent_key(words) not in taken and SPEECH.search(text) and not _FURNITURE.search(text)]
    random.Random(20261208).shuffle(pool)
    args.more = args.nlp_id
    _write(pool, args, shuffled=True)
    return 0


_NLPID_DEV = 600  # nlp-id's first sentences, the tagger's dev set (training/convert.py --tag-dev-sents)


def _write(pool: list[dict], args: argparse.Namespace, shuffled: bool = False) -> None:
    """The drawn sentences as new batches: the first ``--n`` of the pool, or ``--more`` after the
    existing batches, none already drawn."""
    out = HERE / "batches"
    out.mkdir(exist_ok=True)
    existing = _existing() if args.more else []
    if args.more:
        drawn = {(r["article"], r["text"]) for r in existing}
        pool = [item for item in pool if (item["article"], item["text"]) not in drawn]
        if not shuffled:
            random.Random(20261212).shuffle(pool)
        picked = pool[: args.more]
    else:
        random.Random(20261211).shuffle(pool)
        picked = pool[: args.n]
    first_id, first_batch = len(existing), -(-len(existing) // args.batch)
    for start in range(0, len(picked), args.batch):
        with (out / f"sp_{first_batch + start // args.batch:02d}.jsonl").open("w", encoding="utf-8") as fh:
            for k, item in enumerate(picked[start:start + args.batch]):
                fh.write(json.dumps({"id": f"sp{first_id + start + k:05d}", **item}, ensure_ascii=False) + "\n")
    print(f"{len(picked)} of {len(pool)} sentences in {-(-len(picked) // args.batch)} batches under {out}")


if __name__ == "__main__":
    sys.exit(main())
