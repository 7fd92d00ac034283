#!/usr/bin/env python3
"""Check an annotation file of the modern-news NER corpus against its batch (ANNOTATION.md).

    python training/ner/check.py annotations/n1/ner_00.jsonl

``align`` is also what ``training/convert.py`` uses to turn the annotations into token spans.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from convert import nlpid_spaces  # noqa: E402  (training/convert.py)

TYPES = {"PER", "ORG", "LOC", "MISC"}


def align(words: list[str], entities: list[dict]) -> tuple[list[tuple[int, int, str]], list[str]]:
    """Token spans (start, end, type) of the entities, found in order in the joined words, each
    starting and ending at a token boundary; and what could not be placed."""
    starts, ends, text, pos = {}, {}, "", 0
    for k, (w, sp) in enumerate(zip(words, nlpid_spaces(words), strict=True)):
        starts[len(text)] = k
        text += w
        ends[len(text)] = k + 1
        text += " " if sp else ""
    spans, errors = [], []
    for ent in entities:
        name, typ = str(ent.get("text") or ""), ent.get("type")
        if typ not in TYPES:
            errors.append(f"{name!r}: type {typ!r} is not one of {sorted(TYPES)}")
            continue
        if not name.strip() or name != name.strip():
            errors.append(f"{name!r}: empty or with spaces at an end")
            continue
        at = pos
        while (at := text.find(name, at)) >= 0 and not (at in starts and at + len(name) in ends):
            at += 1
        if at < 0:
            errors.append(f"{name!r} not found after character {pos} at word boundaries")
            continue
        spans.append((starts[at], ends[at + len(name)], typ))
        pos = at + len(name)
    return spans, errors


def check(path: Path) -> list[str]:
    batch = {row["id"]: row for row in map(json.loads, (HERE / "batches" / path.name).read_text(encoding="utf-8")
                                           .splitlines()) if row}
    errors, seen = [], []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: not JSON ({e})")
            continue
        seen.append(item.get("id"))
        if item.get("id") not in batch:
            errors.append(f"line {n}: id {item.get('id')!r} not in the batch")
            continue
        if not isinstance(item.get("entities"), list):
            errors.append(f"line {n}: no entities list")
            continue
        errors += [f"line {n} ({item['id']}): {e}" for e in align(batch[item["id"]]["words"], item["entities"])[1]]
    ids = list(batch)
    if len(set(seen)) != len(seen):
        errors.append("an id is given twice")
    missing = [i for i in ids if i not in seen]
    # an overlap file may hold the batch's first sentences only
    if missing and not (seen and seen == ids[:len(seen)] and "overlap" in path.parent.name):
        errors.append(f"{len(missing)} sentences of the batch missing (first {missing[0]})")
    return errors


def main() -> int:
    bad = 0
    for name in sys.argv[1:]:
        errors = check(Path(name))
        print(f"{name}: " + ("OK" if not errors else f"{len(errors)} problems: " + "; ".join(errors[:20])))
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
