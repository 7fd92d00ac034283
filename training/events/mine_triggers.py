"""Mine trigger phrases the lexicon lacks from the event corpus's training batches.

    python training/events/mine_triggers.py [--min-count 2] [--share 0.67]

Prints every trigger the annotators wrote at least ``--min-count`` times in the training batches
(every batch but the dev batch_10 and the held-out batches 11-13, 22-29 and 33-40) that warta's lexicon
(``src/warta/data/events.toml``) does not find where it was written, and that is annotated as an
event of one type in at least ``--share`` of the times the phrase stands in those batches' sentences
(as whole words, in any case): the rule by which the lexicon's mined entries were chosen
(README.md). The output is a list to read, not a change: a phrase with a second sense the batches
happen not to show ("mengungkap": to reveal) is left out by hand, and the README says which.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "src"))
sys.path.insert(0, str(HERE))

from convert import DEV_BATCHES, annotation_files  # noqa: E402
from train_triggers import HELD_LEAD_BATCHES, NER_BATCHES, NEWS_BATCHES  # noqa: E402

from warta.extract.events.lexicon import lexicon  # noqa: E402

BLIND = (*NEWS_BATCHES, *HELD_LEAD_BATCHES, *NER_BATCHES)  # what the shipped model is not trained on


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--share", type=float, default=2 / 3)
    args = parser.parse_args()
    rows = [json.loads(line) for batch, path in annotation_files().items()
            if batch not in DEV_BATCHES and batch not in BLIND
            for line in path.read_text(encoding="utf-8").splitlines()]
    scan = lexicon().scan
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        found = [m.span() for m in scan.finditer(row["text"])]
        for event in row["events"]:
            a = event.get("trigger_start")
            if a is None:
                continue
            b = a + len(event["trigger"])
            if any(x < b and a < y for x, y in found):
                continue  # the lexicon reads it
            written[event["trigger"].casefold()][event["type"]] += 1
    texts = [row["text"] for row in rows]
    for phrase, types in sorted(written.items(), key=lambda kv: -sum(kv[1].values())):
        if sum(types.values()) < args.min_count:
            continue
        pattern = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.I)
        standing = sum(len(pattern.findall(t)) for t in texts)
        kind, n = types.most_common(1)[0]
        if standing and n / standing >= args.share:
            print(f"{phrase}\t{kind}\t{n}/{standing}\t{dict(types)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
