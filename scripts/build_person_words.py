"""Build ``src/warta/data/person_words.txt``: capitalised words that are parts of persons' names.

A title chain written before a name the NER did not tag ("Kepala PT KAI Divre II Sumatera Barat
Sulthon mengatakan", "Kepala Departemen Komunikasi PT Semen Padang Iskandar Zulkarnain Lubis")
ends with words that name a person: the entity linker splits them off an organisation's span, and
the quote finder takes them as the speaker. A word is listed when, in the NER training files, it
is written capitalised at least --min times and is inside a PERSON span at least --share of those
times.

Sources (under --data; each corpus's licence in ner/README.md): the training files only (never a
dev or test file) of NER-UI (IndoLEM fold 01), NER-UGM (IndoLEM fold 01), NERGrit (IndoNLU) and
idner-news-2k.

With --news, also warta's own annotated modern news (``training/ner``: its batches but the dev
batch ``ner_08``, one annotator's file each; PER spans).

    python scripts/build_person_words.py --data ../shared/data --min 1 --share 0.8 [--news]
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections import Counter
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "warta" / "data" / "person_words.txt"
# (file under ner/, the label of persons)
_FILES = (("indolem-nerui/train.01.tsv", "PERSON"), ("indolem-nerugm/train.01.tsv", "PERSON"),
          ("indonlu-nergrit/train_preprocess.txt", "PERSON"), ("idner-news-2k/train.txt", "PER"))


def _tokens(path: Path) -> list[tuple[str, str]]:
    """(word, tag) pairs: the first field and the last, tab- or space-separated."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t") if "\t" in line else line.split(" ")
        if len(parts) >= 2 and parts[0]:
            out.append((parts[0], parts[-1].strip()))
    return out


_NEWS = Path(__file__).resolve().parents[1] / "training" / "ner"
_NEWS_DEV = ("ner_08",)  # the corpus's dev batch (training/ner_labels.toml): a measure, not read here


def _news_words() -> list[tuple[str, bool]]:
    """(word, inside a PER span) for every word of the annotated modern news but its dev batch."""
    spec = importlib.util.spec_from_file_location("news_ner_check", _NEWS / "check.py")
    check = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(check)  # its align() places the annotated names on the words
    out: list[tuple[str, bool]] = []
    for batch in sorted((_NEWS / "batches").glob("ner_*.jsonl")):
        files = sorted(p for p in (_NEWS / "annotations").glob(f"*/{batch.name}") if p.parent.name != "overlap")
        if batch.stem in _NEWS_DEV or not files:
            continue
        rows = check._rows(batch)
        for item in check._rows(files[0]).values():
            words = rows[item["id"]]["words"]
            spans, _ = check.align(words, item["entities"])
            inside = {k for a, b, typ in spans if typ == "PER" for k in range(a, b)}
            out += [(w, k in inside) for k, w in enumerate(words)]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min", type=int, default=2)
    ap.add_argument("--share", type=float, default=0.9)
    ap.add_argument("--news", action="store_true", help="warta's annotated modern news too (training/ner)")
    args = ap.parse_args()
    seen, person = Counter(), Counter()

    def count(word: str, is_person: bool) -> None:
        if word[:1].isupper() and word.isalpha() and len(word) >= 3 and not word.isupper():
            seen[word] += 1
            person[word] += is_person

    for name, label in _FILES:
        for word, tag in _tokens(args.data / "ner" / name):
            count(word, tag.split("-", 1)[-1] == label)
    words = {w for w, n in seen.items() if n >= args.min and person[w] >= args.share * n}
    if args.news:  # it adds words, and takes none away ("Gatot" is a street's name there as often)
        for word, is_person in _news_words():
            count(word, is_person)
        words |= {w for w, n in seen.items() if n >= args.min and person[w] >= args.share * n}
    words = sorted(words)
    sources = "the training files of NER-UI, NER-UGM, NERGrit and idner-news-2k"
    sources += "; training/ner's annotated news but its dev batch)." if args.news else ")."
    header = ["# Capitalised words that are parts of persons' names (scripts/build_person_words.py; sources:",
              f"# {sources}",
              f"# Written capitalised at least {args.min} times, inside a person's name at least "
              f"{args.share:.0%} of them. One per line."]
    OUT.write_text("\n".join(header + words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
