"""Build ``src/warta/data/common_words.txt``: Indonesian words news writes in lower case.

A capitalised word that is usually written in lower case ("Kota", "Surat", "Bursa") is a sentence
start or part of a name, not a place on its own, even where some city has that name. The entity
linker uses the list to keep such single words out of its knowledge-base matches.

Source: the IndoSum dev-fold articles (``news/indosum_devfolds.jsonl`` under --data; CC BY-SA 4.0).
A word is listed when it occurs at least --min times, and in lower case at least --share of the
times it occurs not at a sentence start.

    python scripts/build_common_words.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "warta" / "data" / "common_words.txt"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min", type=int, default=5)
    ap.add_argument("--share", type=float, default=0.8)
    args = ap.parse_args()
    lower, total = Counter(), Counter()
    with (args.data / "news" / "indosum_devfolds.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            for paragraph in json.loads(line)["paragraphs"]:
                for sentence in paragraph:
                    for word in sentence[1:]:  # the first word of a sentence is capitalised anyway
                        if word.isalpha():
                            total[word.casefold()] += 1
                            if word.islower():
                                lower[word] += 1
    words = sorted(w for w, n in total.items() if n >= args.min and lower[w] / n >= args.share)
    OUT.write_text("# Indonesian words written in lower case in news (scripts/build_common_words.py;\n"
                   "# source: IndoSum dev folds, CC BY-SA 4.0). One per line.\n" + "\n".join(words) + "\n",
                   encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
