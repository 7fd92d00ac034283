"""Sample the sentences of warta's event corpus from IndoSum (CC BY-SA 4.0), deterministically.

    python training/events/sample_sentences.py --data ../shared/data [--n 3300] [--batch 300]
    python training/events/sample_sentences.py --more 1200 --categories "tajuk utama"   # batches 11-14

Writes ``training/events/batches/batch_NN.jsonl``: one sentence a line, with its id, the IndoSum
article it comes from, its category and the sentence before it (context for pronouns, never
annotated). Sentences are drawn at random (seed 20261206) from every category in proportion, at
most two per article, 8 to 60 words, no "Baca juga" or other furniture line. Nothing here looks at
warta's output: the batches go to annotators as plain text (training/events/README.md).

``--more N`` adds N sentences after the existing batches (new numbers, new ids), drawn (seed
20261207) from the sentences of articles no existing batch samples, of ``--categories`` only, and
never from the articles of the article-level benchmark (articles/articles.jsonl).

``--leads N`` adds N lead sentences (the first ``--per-article`` (2) sentences of an article that
qualify and no batch holds, where news tells its main events) of general-news articles, drawn
(seed 20261215) from the articles of no benchmark or tuning set (``_HELD_OUT``: the event article
benchmark and tuning draws, the quote, time and blind2 sets, and the articles of the blind
sentence batches 11-13). Batches 14-21 were drawn by ``--leads 1200 --batch 150``, batches 22-29
by the same command run again (the articles' next two sentences no batch held), batches 30-32 by
``--leads 1200 --batch 150 --new-articles`` (the articles no lead batch had: 328 sentences).

``--ner N`` adds N sentences of the NER corpora's train files (idner-news-2k, NER-UGM, NER-UI:
news of 2013-2014, another source and era), drawn at random (seed 20261216): batches 33-40 by
``--ner 1200 --batch 150``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warta.clean.pieces import sentences_of  # noqa: E402  (the cleaner's splitter, rules only)

_FURNITURE = re.compile(r"^(baca|simak|lihat|saksikan|tonton)\b|https?://|\(\w{2,6}/\w{2,6}\)$", re.I)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data")
    parser.add_argument("--n", type=int, default=3300)
    parser.add_argument("--batch", type=int, default=300)
    parser.add_argument("--more", type=int, default=0, help="add this many sentences as new batches")
    parser.add_argument("--categories", default="", help="comma-separated IndoSum categories (with --more)")
    parser.add_argument("--leads", type=int, default=0, help="add this many lead sentences as new batches")
    parser.add_argument("--per-article", type=int, default=2, help="(with --leads) sentences an article gives")
    parser.add_argument("--new-articles", action="store_true", help="(with --leads) no article a lead batch has")
    parser.add_argument("--ner", type=int, default=0,
                        help="add this many sentences of the NER corpora's train files (another source and era)")
    args = parser.parse_args()
    if args.ner:
        return _ner(args)
    if args.leads:
        return _leads(args)
    by_category: dict[str, list[dict]] = defaultdict(list)
    with (Path(args.data) / "news" / "indosum_devfolds.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            previous = ""
            candidates = []
            for paragraph in record["text_detok"].split("\n"):
                for sentence in sentences_of(paragraph.strip()):
                    n = len(sentence.split())
                    if 8 <= n <= 60 and not _FURNITURE.search(sentence):
                        candidates.append({"text": sentence, "context": previous})
                    previous = sentence
            rng = random.Random(f"{record['id']}")
            for chosen in rng.sample(candidates, min(2, len(candidates))):
                by_category[record["category"]].append({"article": record["id"], "category": record["category"],
                                                        **chosen})
    if args.more:
        return _more(by_category, args)
    rng = random.Random(20261206)
    total = sum(len(v) for v in by_category.values())
    picked = []
    for _category, items in sorted(by_category.items()):
        rng.shuffle(items)
        picked += items[: round(args.n * len(items) / total)]
    rng.shuffle(picked)
    picked = picked[: args.n]
    out = HERE / "batches"
    out.mkdir(exist_ok=True)
    for number in range(0, len(picked), args.batch):
        batch = picked[number: number + args.batch]
        with (out / f"batch_{number // args.batch:02d}.jsonl").open("w", encoding="utf-8") as fh:
            for offset, item in enumerate(batch):
                item = {"id": f"s{number + offset:05d}", **item}
                fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(picked)} sentences in {-(-len(picked) // args.batch)} batches under {out}")
    return 0


def _more(by_category: dict[str, list[dict]], args: argparse.Namespace) -> int:
    out = HERE / "batches"
    existing = [json.loads(line) for path in sorted(out.glob("batch_*.jsonl"))
                for line in path.read_text(encoding="utf-8").splitlines()]
    used = {row["article"] for row in existing}
    bench = HERE / "articles" / "articles.jsonl"
    if bench.exists():
        used |= {json.loads(line)["id"] for line in bench.read_text(encoding="utf-8").splitlines()}
    wanted = {c.strip() for c in args.categories.split(",") if c.strip()} or set(by_category)
    pool = [item for category, items in sorted(by_category.items()) if category in wanted
            for item in items if item["article"] not in used]
    rng = random.Random(20261207)
    rng.shuffle(pool)
    picked = pool[: args.more]
    first_id = len(existing)
    first_batch = len(list(out.glob("batch_*.jsonl")))
    for number in range(0, len(picked), args.batch):
        batch = picked[number: number + args.batch]
        with (out / f"batch_{first_batch + number // args.batch:02d}.jsonl").open("w", encoding="utf-8") as fh:
            for offset, item in enumerate(batch):
                fh.write(json.dumps({"id": f"s{first_id + number + offset:05d}", **item}, ensure_ascii=False) + "\n")
    print(f"{len(picked)} more sentences in {-(-len(picked) // args.batch)} batches under {out}")
    return 0


def _append_batches(out: Path, existing: dict[str, list[dict]], picked: list[dict], size: int) -> None:
    """Write ``picked`` as new batches of ``size`` after the existing ones: new numbers, new ids."""
    first_id = sum(len(rows) for rows in existing.values())
    first_batch = len(existing)
    for number in range(0, len(picked), size):
        batch = picked[number: number + size]
        with (out / f"batch_{first_batch + number // size:02d}.jsonl").open("w", encoding="utf-8") as fh:
            for offset, item in enumerate(batch):
                fh.write(json.dumps({"id": f"s{first_id + number + offset:05d}", **item}, ensure_ascii=False) + "\n")


# the NER corpora's train files whose sentences are news (idner-news-2k and NER-UGM: online news
# of 2013-2014; NER-UI: news), with their column separators; their dev and test files are never read
_NER_TRAIN = (("idner-news-2k/train.txt", " "), ("indolem-nerugm/train.01.tsv", "\t"),
              ("indolem-nerui/train.01.tsv", "\t"))


def ner_sentences(data: Path) -> list[tuple[str, list[str]]]:
    """(corpus name, words) of the NER corpora's train sentences of 8-60 words, in file order, each
    sentence once (compared as ``training/convert.py``'s ``sent_key`` does)."""
    sys.path.insert(0, str(HERE.parent))
    from convert import sent_key  # training/convert.py

    seen: set[str] = set()
    out = []
    for name, sep in _NER_TRAIN:
        words: list[str] = []
        for raw in (Path(data) / "ner" / name).read_text(encoding="utf-8").splitlines() + [""]:
            if raw.strip():
                words.append(raw.split(sep)[0].strip())
                continue
            if words and 8 <= len(words) <= 60 and sent_key(words) not in seen:
                seen.add(sent_key(words))
                out.append((name.split("/")[0], words))
            words = []
    return out


def detokenised(words: list[str]) -> str:
    """The words as text, spaced as ``training/convert.py`` detokenises them."""
    sys.path.insert(0, str(HERE.parent))
    from convert import detok_spaces  # training/convert.py

    return "".join(w + (" " if sp else "") for w, sp in zip(words, detok_spaces(words), strict=True))


def _ner(args: argparse.Namespace) -> int:
    """Sentences of 8-60 words from the NER corpora's train files (no sentence twice, none a batch
    has), detokenised as ``training/convert.py`` does, drawn at random (seed 20261216)."""
    sys.path.insert(0, str(HERE.parent))
    from convert import sent_key  # training/convert.py

    out = HERE / "batches"
    existing = {path.stem: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
                for path in sorted(out.glob("batch_*.jsonl"))}
    seen = {sent_key(row["text"].split()) for rows in existing.values() for row in rows}
    pool = [{"article": f"ner:{name}", "category": "ner-news", "text": detokenised(words), "context": ""}
            for name, words in ner_sentences(args.data) if sent_key(words) not in seen]
    rng = random.Random(20261216)
    rng.shuffle(pool)
    picked = pool[: args.ner]
    _append_batches(out, existing, picked, args.batch)
    print(f"{len(picked)} NER-corpus sentences (a pool of {len(pool)}) in {-(-len(picked) // args.batch)} batches")
    return 0


# the sets whose articles stay out of the lead batches (their events, quotes or times are measured)
_HELD_OUT = ("training/events/articles/articles.jsonl", "training/events/tune/articles.jsonl",
             "training/quotes/tune/articles*.jsonl", "training/timex/tune/articles.jsonl",
             "eval/blind2/articles.jsonl", "eval/quotes/indosum/articles.jsonl", "eval/timex/indosum/articles.jsonl")
_BLIND_BATCHES = ("batch_11", "batch_12", "batch_13")
_FIRST_LEAD_BATCH = "batch_14"


def _leads(args: argparse.Namespace) -> int:
    out = HERE / "batches"
    existing = {path.stem: [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
                for path in sorted(out.glob("batch_*.jsonl"))}
    taken = {row["text"] for rows in existing.values() for row in rows}
    held = {row["article"] for name in _BLIND_BATCHES for row in existing.get(name, [])}
    if args.new_articles:  # only articles no lead batch has drawn from yet
        held |= {row["article"] for name, rows in existing.items() if name >= _FIRST_LEAD_BATCH for row in rows}
    for pattern in _HELD_OUT:
        for path in ROOT.glob(pattern):
            held |= {json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()}
    pool = []
    with (Path(args.data) / "news" / "indosum_devfolds.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            if record["category"] != "tajuk utama" or record["id"] in held:
                continue
            previous, lead = "", []
            for paragraph in record["text_detok"].split("\n"):
                for sentence in sentences_of(paragraph.strip()):
                    if len(lead) < args.per_article and 8 <= len(sentence.split()) <= 60 \
                            and not _FURNITURE.search(sentence) and sentence not in taken:
                        lead.append({"article": record["id"], "category": record["category"], "text": sentence,
                                     "context": previous})
                    previous = sentence
            pool.append(lead)
    rng = random.Random(20261215)
    rng.shuffle(pool)
    picked = [item for lead in pool for item in lead][: args.leads]
    _append_batches(out, existing, picked, args.batch)
    print(f"{len(picked)} lead sentences (a pool of {sum(1 for lead in pool if lead)} articles) in "
          f"{-(-len(picked) // args.batch)} batches under {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
