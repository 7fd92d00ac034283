"""warta's events on annotated corpus sentences, typed: each sentence is analysed alone (its own
article, published 2017-06-01: IndoSum's years), and a reported event is right when a gold event
of its sentence, not matched before, has its type.

    python training/events/evaluate_sentences.py [--profile fast] FILE [FILE ...]

The blind sentences are batches 11-13 (annotated after the rules they measure):

    python training/events/evaluate_sentences.py training/events/annotations/ann7/batch_11.jsonl \\
        training/events/annotations/ann8/batch_12.jsonl training/events/annotations/ann9/batch_13.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--profile", default="fast")
    args = parser.parse_args()
    from warta.annotate import annotate
    from warta.article import Article

    rows = [json.loads(line) for name in args.files for line in Path(name).read_text(encoding="utf-8").splitlines()]
    articles = [Article(id=r["id"], source=r["id"], body=r["text"], kind="text", published="2017-06-01") for r in rows]
    right = reported = 0
    for (article, _), row in zip(annotate(articles, args.profile), rows, strict=True):
        free = [e["type"] for e in row["events"]]
        for event in article.events or []:
            reported += 1
            if event["type"] in free:
                free.remove(event["type"])
                right += 1
    gold = sum(len(r["events"]) for r in rows)
    p = right / reported if reported else 0.0
    r = right / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{args.profile}: {len(rows)} sentences, {gold} annotated events, {reported} reported: "
          f"typed P {p:.3f} R {r:.3f} F1 {f:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
