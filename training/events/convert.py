"""The event corpus as spaCy training data: each sentence a Doc, its triggers spans labelled with
their PLOVER type under ``doc.spans["warta_triggers"]``, tokenised by warta's news tokenizer (the
tokenizer the shipped pipelines run with).

    python training/events/convert.py [--out training/events/corpus]

Writes ``train.spacy`` (batches 00-09: ann1's batch_00, the double annotation's first reading) and
``dev.spacy`` (batch_10), deterministically. A trigger whose characters do not fall on token
boundaries is widened to the tokens it touches.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "src"))

SPANS_KEY = "warta_triggers"
DEV_BATCHES = ("batch_10",)


def annotation_files() -> dict[str, Path]:
    """Each batch's annotation file (batch_00: ann1's, the first of its two readings)."""
    files = {}
    for path in sorted((HERE / "annotations").glob("ann*/batch_*.jsonl")):
        files.setdefault(path.stem, path)
    return files


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=str(HERE / "corpus"))
    args = parser.parse_args()
    import spacy
    from spacy.tokens import DocBin

    from warta.nlp.tokenizer import build_tokenizer

    nlp = spacy.blank("id")
    nlp.tokenizer = build_tokenizer(nlp)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    bins = {"train": DocBin(store_user_data=False), "dev": DocBin(store_user_data=False)}
    counts = {"train": [0, 0], "dev": [0, 0]}
    for batch, path in annotation_files().items():
        split = "dev" if batch in DEV_BATCHES else "train"
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            doc = nlp.make_doc(row["text"])
            spans = []
            for event in row["events"]:
                start = event["trigger_start"]
                span = doc.char_span(start, start + len(event["trigger"]), label=event["type"],
                                     alignment_mode="expand")
                if span is not None and all(not (s.start < span.end and span.start < s.end) for s in spans):
                    spans.append(span)
            doc.spans[SPANS_KEY] = spans
            bins[split].add(doc)
            counts[split][0] += 1
            counts[split][1] += len(spans)
    for split, docbin in bins.items():
        docbin.to_disk(out / f"{split}.spacy")
        print(f"{split}: {counts[split][0]} sentences, {counts[split][1]} triggers -> {out / f'{split}.spacy'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
