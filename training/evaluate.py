"""Scores of a trained pipeline on each of our dev files, as JSON and as a Markdown table.

    python training/evaluate.py training/output/full/model-best [--dev training/corpus/dev]
                                [--json training/output/full/scores.json]
    python training/evaluate.py src/warta/models/id_news --linker --dev training/corpus/excluded   # NERP, modern news

Each dev file is scored on its own (spaCy's scorer mixes corpora badly, see convert.py), with the
components it has gold for: NER files for entities (exact span and type), UD files for sentences,
UPOS, lemmas and dependencies, nlp-id files for tags and sentences.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy
from spacy.training import Corpus

import warta.nlp.features  # noqa: F401  registers warta.MultiHashEmbedGazetteer.v1
from warta.nlp.tokenizer import build_tokenizer  # also registers warta.news_tokenizer.v1

KEYS = {
    "ner": ["ents_p", "ents_r", "ents_f"],
    "ud": ["sents_f", "pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las"],
    "tag": ["sents_f", "tag_acc"],
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("model", type=Path)
    ap.add_argument("--dev", type=Path, default=Path(__file__).resolve().parent / "corpus" / "dev")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--exclude", default="", help="components to leave out (e.g. the fast profile's)")
    ap.add_argument("--linker", action="store_true",
                    help="add warta's entity linker after the NER (as warta.load() does): it retypes, "
                         "adds and trims entity spans, so the entity scores are warta's own")
    ap.add_argument("--second", type=Path, default=None,
                    help="a second pipeline whose NER adds the names the first one left unmarked "
                         "(warta_second_ner, as the default profile runs the fast model's)")
    args = ap.parse_args()
    exclude = [x for x in args.exclude.split(",") if x]
    nlp = spacy.load(args.model, exclude=exclude)
    nlp.tokenizer = build_tokenizer(nlp)  # as warta.load() does
    if "senter" in nlp.pipe_names:
        import warta.nlp.sentences  # noqa: F401

        nlp.add_pipe("warta_sentences", after="senter")
    if args.second:
        import warta.nlp.second_ner  # noqa: F401  registers warta_second_ner
        from warta.model import SECOND_NER_LABELS

        nlp.add_pipe("warta_second_ner", after="ner",
                     config={"model": str(args.second), "labels": list(SECOND_NER_LABELS)})
    if args.linker:
        import warta.nlp.linker  # noqa: F401  registers warta_linker

        nlp.add_pipe("warta_linker", last=True)
    results = {}
    for path in sorted(args.dev.glob("*.spacy")):
        kind = "ner" if "-ner-" in path.name or path.name.startswith("ner-") else "ud" if "-ud-" in path.name else "tag"
        examples = list(Corpus(path)(nlp))
        scores = nlp.evaluate(examples)
        row = {k: scores.get(k) for k in KEYS[kind]}
        if kind == "ner":
            row["per_type"] = {t: round(v["f"], 4) for t, v in (scores.get("ents_per_type") or {}).items()}
        results[path.stem] = row
    print(f"| dev file | {' | '.join(sorted({k for r in results.values() for k in r if k != 'per_type'}))} |")
    cols = sorted({k for r in results.values() for k in r if k != "per_type"})
    print("|---|" + "---:|" * len(cols))
    for name, row in results.items():
        cells = [f"{100 * row[c]:.1f}" if isinstance(row.get(c), float) else "" for c in cols]
        print(f"| {name} | {' | '.join(cells)} |")
    for name, row in results.items():
        if "per_type" in row:
            print(f"{name}: " + ", ".join(f"{t} {100 * f:.1f}" for t, f in sorted(row["per_type"].items())))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
