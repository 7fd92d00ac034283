"""Build ``src/warta/data/verbs.txt``: Indonesian words that are verbs in running news text (and
``adjectives.txt``, the words that are adjectives there).

The quote finder reads "X menilai pejabat publik seharusnya terbuka" as reported speech because a
clause follows the verb (a noun phrase, then a predicate), where "X menilai kinerja kabinet" takes
a plain object. Without a parse (the fast profile) a predicate is found by its word: a verb of
this list, or a closed-class auxiliary (``quotes.toml``).

Sources (under --data, each with its licence in its README): the POS-tagged training files of
IndoNLU's POSP (PROSA tags VBT/VBI/VBP/VBL/VBE) and BaPOS (IDN tags VB), and the training file of
UD Indonesian-CSUI (UPOS VERB/AUX). Validation and test files are not read. A word is listed when
it is seen at least --min times and tagged a verb at least --share of those times. A word with a
verb's prefix (me-, di-, ber-, ter-) that is seen as often and is not listed ("terhadap",
"berbagai", "menteri", "melalui": a preposition as often as a verb) is listed after "!": the quote
finder takes only unseen words of that shape for verbs.

    python scripts/build_verbs.py --data ../shared/data
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "warta" / "data" / "verbs.txt"
ADJECTIVES = OUT.with_name("adjectives.txt")
_POSP_VERBS = {"VBT", "VBI", "VBP", "VBL", "VBE"}


def _tagged(path: Path) -> list[tuple[str, str]]:
    """(word, tag) pairs of a BIO-tagged IndoNLU POS file (tab-separated, blank between sentences)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            word, tag = line.split("\t", 1)
            out.append((word, tag.strip()))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min", type=int, default=2)
    ap.add_argument("--share", type=float, default=0.7)
    args = ap.parse_args()
    seen, verb, adjective = Counter(), Counter(), Counter()

    def count(word: str, is_verb: bool, is_adjective: bool) -> None:
        w = word.casefold()
        if w.isalpha() or "-" in w:
            seen[w] += 1
            verb[w] += is_verb
            adjective[w] += is_adjective

    for word, tag in _tagged(args.data / "pos" / "indonlu-posp" / "train_preprocess.txt"):
        count(word, tag.split("-", 1)[-1] in _POSP_VERBS, tag == "B-ADJ")
    for word, tag in _tagged(args.data / "pos" / "indonlu-bapos" / "train_preprocess.txt"):
        if tag.startswith("B-"):  # a multi-word unit's first word carries the tag
            count(word, tag == "B-VB", tag == "B-JJ")
    for line in (args.data / "ud" / "id_csui-ud-train.conllu").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            count(cols[1], cols[3] in ("VERB", "AUX"), cols[3] == "ADJ")
    words = sorted(w for w, n in seen.items() if n >= args.min and verb[w] >= args.share * n)
    prefixed = ("me", "di", "ber", "ter")
    words += sorted("!" + w for w, n in seen.items() if n >= args.min and w.startswith(prefixed)
                    and verb[w] < args.share * n)
    header = ["# Indonesian words tagged as verbs in POS-annotated news (scripts/build_verbs.py; sources:",
              "# IndoNLU POSP and BaPOS training files, Apache-2.0; UD Indonesian-CSUI train, CC BY-SA 4.0).",
              f"# Seen at least {args.min} times, a verb at least {args.share:.0%} of them. One per line;",
              "# after '!', words shaped like verbs that are not always ones."]
    OUT.write_text("\n".join(header + words) + "\n", encoding="utf-8")
    print(f"{sum(not w.startswith('!') for w in words)} verbs, "
          f"{sum(w.startswith('!') for w in words)} verb-shaped words that are not -> {OUT}")
    adjectives = sorted(w for w, n in seen.items() if n >= args.min and adjective[w] >= args.share * n)
    ADJECTIVES.write_text("\n".join([
        "# Indonesian words tagged as adjectives in POS-annotated news (scripts/build_verbs.py; same sources",
        f"# and thresholds as verbs.txt: seen at least {args.min} times, an adjective at least {args.share:.0%}",
        "# of them).",
        "# The quote finder reads one after a demonstrative as a predicate: \"menilai putusan itu janggal\"."]
        + adjectives) + "\n", encoding="utf-8")
    print(f"{len(adjectives)} adjectives -> {ADJECTIVES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
