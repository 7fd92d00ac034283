"""Draw the IndoSum articles of the blind time-expression benchmark (README.md).

    python eval/timex/indosum/sample.py --data ../shared/data

Deterministic (seed 20261210): 24 articles of 150-600 words from IndoSum's dev folds (CC BY-SA
4.0), 16 general news ("tajuk utama"), 4 sport, 4 showbiz, none of an article any other warta set
draws (the quote benchmark and its tuning sets, the events article benchmark, the 150 articles read
for the quote finder's clause rule). The publication day is IndoSum's (from the article id). Writes
articles.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "eval" / "quotes" / "indosum"))

from sample import text_of, write_articles  # noqa: E402  (the quote benchmark's text and writer)

QUOTA = {"tajuk utama": 16, "olahraga": 4, "showbiz": 4}
SEED = 20261210


def _ids(path: Path) -> set[str]:
    return {json.loads(line)["id"] for line in path.open(encoding="utf-8")} if path.exists() else set()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args()
    rows = [json.loads(line) for line in (args.data / "news" / "indosum_devfolds.jsonl").open(encoding="utf-8")]
    read = list(rows)
    random.Random(7).shuffle(read)
    taken = {r["id"] for r in read[:150]}
    for path in (ROOT / "training" / "events" / "articles" / "articles.jsonl",
                 ROOT / "eval" / "quotes" / "indosum" / "articles.jsonl",
                 ROOT / "training" / "quotes" / "tune" / "articles.jsonl",
                 ROOT / "training" / "quotes" / "tune" / "articles_2.jsonl"):
        taken |= _ids(path)
    chosen = []
    for category, n in QUOTA.items():
        pool = sorted((r for r in rows if r["category"] == category and r["id"] not in taken
                       and 150 <= len(text_of(r).split()) <= 600), key=lambda r: r["id"])
        random.Random(SEED).shuffle(pool)
        chosen += pool[:n]
    write_articles(chosen, HERE / "articles.jsonl")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
