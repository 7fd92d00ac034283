"""Build ``src/warta/data/verbs.txt``: Indonesian words that are verbs in running news text (and
``adjectives.txt``, the words that are adjectives there).

The quote finder reads "X menilai pejabat publik seharusnya terbuka" as reported speech because a
clause follows the verb (a noun phrase, then a predicate), where "X menilai kinerja kabinet" takes
a plain object. Without a parse (the fast profile) a predicate is found by its word: a verb of
this list, or a closed-class auxiliary (``quotes.toml``).

Sources (under --data, each with its licence in its README): the POS-tagged training files of
IndoNLU's POSP (PROSA tags VBT/VBI/VBP/VBL/VBE) and BaPOS (IDN tags VB), and the training file of
UD Indonesian-CSUI (UPOS VERB/AUX), and, with --nlp-id, the tagged kumparan news of nlp-id (MIT;
``training/fetch_nlp_id.py`` fetches it; tags VB and JJ; 560,000 words, four times the others
together) less its first 600 sentences, which ``training/convert.py`` keeps as the tagger's dev
sentences. Validation and test files are not read. A word is listed when
it is seen at least --min times and tagged a verb at least --share of those times. A word with a
verb's prefix (me-, di-, ber-, ter-) that is seen as often and is not listed ("terhadap",
"berbagai", "menteri", "melalui": a preposition as often as a verb) is listed after "!", unless it
was seen fewer than --sure times and tagged a verb more than 1 - --share of them ("merendam": 2 of
3): the quote finder takes only the other words of that shape for verbs.

    python scripts/build_verbs.py --data ../shared/data --nlp-id training/cache
"""

from __future__ import annotations

import argparse
import re
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


class _Counts:
    """How often each word (case-folded) is seen, and tagged a verb or an adjective, in some sources."""

    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()
        self.verb: Counter[str] = Counter()
        self.adjective: Counter[str] = Counter()

    def count(self, word: str, is_verb: bool, is_adjective: bool) -> None:
        w = word.casefold()
        if w.isalpha() or "-" in w:
            self.seen[w] += 1
            self.verb[w] += is_verb
            self.adjective[w] += is_adjective

    def __add__(self, other: _Counts) -> _Counts:
        out = _Counts()
        for name in ("seen", "verb", "adjective"):
            setattr(out, name, getattr(self, name) + getattr(other, name))
        return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min", type=int, default=2)
    ap.add_argument("--share", type=float, default=0.7)
    ap.add_argument("--sure", type=int, default=4, help="sightings under which a mixed word is listed as neither")
    ap.add_argument("--nlp-id", type=Path, help="unpacked nlp-id wheel (training/fetch_nlp_id.py): its tagged news too")
    ap.add_argument("--nlp-id-dev", type=int, default=600, help="nlp-id sentences kept as dev: not read")
    args = ap.parse_args()
    first, more = _Counts(), _Counts()
    for word, tag in _tagged(args.data / "pos" / "indonlu-posp" / "train_preprocess.txt"):
        first.count(word, tag.split("-", 1)[-1] in _POSP_VERBS, tag == "B-ADJ")
    for word, tag in _tagged(args.data / "pos" / "indonlu-bapos" / "train_preprocess.txt"):
        if tag.startswith("B-"):  # a multi-word unit's first word carries the tag
            first.count(word, tag == "B-VB", tag == "B-JJ")
    for line in (args.data / "ud" / "id_csui-ud-train.conllu").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 10 and cols[0].isdigit():
            first.count(cols[1], cols[3] in ("VERB", "AUX"), cols[3] == "ADJ")
    if args.nlp_id:
        text = (args.nlp_id / "nlp_id" / "data" / "dataset_postag.txt").read_text(encoding="utf-8")
        sentences = [x for x in re.split(r"\n\s*\n", text) if x.strip()]  # as training/convert.py reads them
        for sentence in sentences[args.nlp_id_dev:]:
            for line in sentence.splitlines():
                word, _, tag = line.partition("\t")
                more.count(word, tag.strip().upper() == "VB", tag.strip() == "JJ")
    # nlp-id (another tag set, other conventions: "adalah" is no verb there) adds words and takes none
    # away: a verb is listed as the first sources decide where they saw the word often enough, else as
    # all together do ("berikut", "berbahaya" stay verb-shaped non-verbs); an adjective as the first
    # sources or all together list it ("rapuh": 2 of 3 in the first, 17 of 17 in nlp-id)
    pooled = first + more
    vocabulary = sorted(pooled.seen)

    def share(c: _Counts, word: str, tally: str) -> bool:
        return c.seen[word] >= args.min and getattr(c, tally)[word] >= args.share * c.seen[word]

    def is_verb(word: str) -> bool:
        return share(first if first.seen[word] >= args.min else pooled, word, "verb")

    def not_verb(word: str) -> bool:
        """Seen often enough not to be listed; when seen only a few times (under --sure), also a verb at
        most 1 - --share of them: "merendam", a verb 2 times of 3, is left to its shape."""
        c = first if first.seen[word] >= args.min else pooled
        return pooled.seen[word] >= args.min and not is_verb(word) \
            and (c.seen[word] >= args.sure or c.verb[word] <= (1 - args.share) * c.seen[word])
    prefixed = ("me", "di", "ber", "ter")
    words = [w for w in vocabulary if is_verb(w)]
    words += ["!" + w for w in vocabulary if w.startswith(prefixed) and not_verb(w)]
    sources = "IndoNLU POSP and BaPOS training files, Apache-2.0; UD Indonesian-CSUI train, CC BY-SA 4.0"
    sources += "; nlp-id's tagged news less its first 600 sentences, MIT)." if args.nlp_id else ")."
    header = ["# Indonesian words tagged as verbs in POS-annotated news (scripts/build_verbs.py; sources:",
              f"# {sources}",
              f"# Seen at least {args.min} times, a verb at least {args.share:.0%} of them. One per line;",
              "# after '!', words shaped like verbs that are not always ones."]
    OUT.write_text("\n".join(header + words) + "\n", encoding="utf-8")
    print(f"{sum(not w.startswith('!') for w in words)} verbs, "
          f"{sum(w.startswith('!') for w in words)} verb-shaped words that are not -> {OUT}")
    adjectives = [w for w in vocabulary if share(first, w, "adjective") or share(pooled, w, "adjective")]
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
