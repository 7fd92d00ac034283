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
    args = parser.parse_args()
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


if __name__ == "__main__":
    sys.exit(main())
