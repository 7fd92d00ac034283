"""Negative benchmark: how much of already-clean article text does cleaning keep?

IndoSum's article text (``news/indosum_devfolds.jsonl`` under --data) is what a reader saw, less
most furniture. Cleaning it should remove only the furniture IndoSum left in ("Baca juga" lines,
editor initials, related headlines, photo credits). Prints the share of words kept and, per rule,
the words removed with examples, so a rule that eats article text shows up here.

    python bench/keep.py --data ../shared/data [--examples 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from warta.clean import clean_text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data", help="folder holding news/indosum_devfolds.jsonl")
    parser.add_argument("--examples", type=int, default=3, help="examples of removed lines per rule")
    args = parser.parse_args()
    source = Path(args.data) / "news" / "indosum_devfolds.jsonl"
    if not source.exists():
        print(f"bench/keep.py: {source} not found; pass --data", file=sys.stderr)
        return 2
    total = pages = 0
    lost: Counter[str] = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    start = time.perf_counter()
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text_detok"]
            result = clean_text(text)
            pages += 1
            for removed in result.removed:
                if removed.rule in ("dateline", "trailing-initials"):
                    continue
                n = len(removed.text.split())
                lost[removed.rule] += n
                if len(examples[removed.rule]) < args.examples:
                    examples[removed.rule].append(removed.text.strip()[:100])
            total += len(text.split())
    kept = total - sum(lost.values())
    elapsed = time.perf_counter() - start
    print(f"pages:        {pages} IndoSum articles, {total} words, cleaned in {elapsed:.1f} s")
    print(f"words kept:   {kept / total:.5f}")
    print("words removed, by rule (IndoSum still holds some furniture):")
    for rule, n in lost.most_common():
        print(f"  {n:>7}  {rule:<22} e.g. {' | '.join(examples[rule])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
