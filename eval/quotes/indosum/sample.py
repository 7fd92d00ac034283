"""Draw the IndoSum articles of the quote benchmark (eval/quotes/indosum/README.md).

    python eval/quotes/indosum/sample.py --data ../shared/data

Deterministic (seed 20261207): general-news articles ("tajuk utama") of 150-600 words from
IndoSum's dev folds (CC BY-SA 4.0), none of the events article benchmark
(training/events/articles) and none of the 150 articles read while building the clause rule of
the quote finder (IndoSum shuffled with random.Random(7), its first 150). Writes articles.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
N = 24


def text_of(row: dict) -> str:
    """The detokenised text, paragraphs apart."""
    return "\n\n".join(p.strip() for p in row["text_detok"].split("\n") if p.strip())


_DRAWS = (  # the other draws this script makes instead of the benchmark's
    ("--tune", "draw the tuning set instead (training/quotes/tune: 30 articles, seed 20261208, 20 general news, "
               "5 sport, 5 showbiz, none of the benchmark's)"),
    ("--tune2", "draw 30 more tuning articles (training/quotes/tune/articles_2.jsonl, seed 20261209, same mix, "
                "none of the benchmark's or the first tuning set's)"),
    ("--tune3", "draw a third tuning set (training/quotes/tune/articles_3.jsonl, seed 20261210: 30 general-news "
                "articles, none of the benchmarks', the earlier draws' or the blind time set's)"),
    ("--blind2", "draw the second blind set (eval/blind2/articles.jsonl, seed 20261211: 30 general-news articles, "
                 "none of any other set's)"),
    ("--tune4", "draw a fourth tuning set (training/quotes/tune/articles_4.jsonl, seed 20261212: 30 general-news "
                "articles, none of any other set's, the second blind set's included)"),
    ("--tune5", "draw a fifth tuning set (training/quotes/tune/articles_5.jsonl, seed 20261213: 30 general-news "
                "articles, none of any other set's, the fourth draw's included)"),
    ("--tune6", "draw a sixth tuning set (training/quotes/tune/articles_6.jsonl, seed 20261214: 30 general-news "
                "articles, none of any other set's, the fifth draw's included)"),
)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    for flag, what in _DRAWS:
        ap.add_argument(flag, action="store_true", help=what)
    args = ap.parse_args()
    rows = [json.loads(line) for line in (args.data / "news" / "indosum_devfolds.jsonl").open(encoding="utf-8")]
    read = list(rows)
    random.Random(7).shuffle(read)
    taken = {r["id"] for r in read[:150]}
    bench = ROOT / "training" / "events" / "articles" / "articles.jsonl"
    taken |= {json.loads(line)["id"] for line in bench.open(encoding="utf-8")}
    tune_dir = ROOT / "training" / "quotes" / "tune"
    if args.tune or args.tune2 or args.tune3:
        taken |= {json.loads(line)["id"] for line in (HERE / "articles.jsonl").open(encoding="utf-8")}
    later = args.tune4 or args.tune5 or args.tune6
    if args.tune2 or args.tune3 or args.blind2 or later:
        taken |= {json.loads(line)["id"] for line in (tune_dir / "articles.jsonl").open(encoding="utf-8")}
    if args.tune3 or args.blind2 or later:
        for path in (tune_dir / "articles_2.jsonl", ROOT / "eval" / "timex" / "indosum" / "articles.jsonl"):
            taken |= {json.loads(line)["id"] for line in path.open(encoding="utf-8")}
    if args.blind2 or later:
        taken |= {json.loads(line)["id"] for line in (tune_dir / "articles_3.jsonl").open(encoding="utf-8")}
        taken |= {json.loads(line)["id"] for line in (HERE / "articles.jsonl").open(encoding="utf-8")}
    if later:
        blind2 = ROOT / "eval" / "blind2" / "articles.jsonl"
        taken |= {json.loads(line)["id"] for line in blind2.open(encoding="utf-8")}
    if args.tune5 or args.tune6:
        taken |= {json.loads(line)["id"] for line in (tune_dir / "articles_4.jsonl").open(encoding="utf-8")}
    if args.tune6:
        taken |= {json.loads(line)["id"] for line in (tune_dir / "articles_5.jsonl").open(encoding="utf-8")}
    tuning = args.tune or args.tune2 or args.tune3 or later
    quota = {"tajuk utama": 30} if args.tune3 or args.blind2 or later else \
        {"tajuk utama": 20, "olahraga": 5, "showbiz": 5} if tuning else {"tajuk utama": N}
    name = "articles_6.jsonl" if args.tune6 else "articles_5.jsonl" if args.tune5 else \
        "articles_4.jsonl" if args.tune4 else \
        "articles_3.jsonl" if args.tune3 else \
        "articles_2.jsonl" if args.tune2 else "articles.jsonl"
    out = tune_dir / name if tuning else ROOT / "eval" / "blind2" / "articles.jsonl" if args.blind2 \
        else HERE / "articles.jsonl"
    seed = next((s for flag, s in ((args.tune6, 20261214), (args.tune5, 20261213), (args.tune4, 20261212),
                                   (args.blind2, 20261211), (args.tune3, 20261210), (args.tune2, 20261209),
                                   (args.tune, 20261208)) if flag),
                20261207)
    chosen = []
    for category, n in quota.items():
        pool = [r for r in rows if r["category"] == category and r["id"] not in taken
                and 150 <= len(text_of(r).split()) <= 600]
        pool.sort(key=lambda r: r["id"])
        random.Random(seed).shuffle(pool)
        chosen += pool[:n]
    write_articles(chosen, out)
    return 0


def write_articles(chosen: list[dict], out: Path) -> None:
    """The drawn IndoSum rows as warta's JSONL input: id, publication day, outlet, text."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for r in chosen:
            fh.write(json.dumps({"id": r["id"], "published": r["date_from_id"][:10], "outlet": r["source"],
                                 "text": text_of(r)}, ensure_ascii=False) + "\n")
    print(f"{len(chosen)} articles -> {out}")


if __name__ == "__main__":
    raise SystemExit(main())
