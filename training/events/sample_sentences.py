"""Sample the sentences of warta's event corpus from IndoSum (CC BY-SA 4.0), deterministically.

    python training/events/sample_sentences.py --data ../shared/data [--n 3300] [--batch 300]

Writes ``training/events/batches/batch_NN.jsonl``: one sentence a line, with its id, the IndoSum
article it comes from, its category and the sentence before it (context for pronouns, never
annotated). Sentences are drawn at random (seed 20261206) from every category in proportion, at
most two per article, 8 to 60 words, no "Baca juga" or other furniture line. Nothing here looks at
warta's output: the batches go to annotators as plain text (training/events/README.md).
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


if __name__ == "__main__":
    sys.exit(main())
