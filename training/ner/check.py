#!/usr/bin/env python3
"""Check an annotation file of the modern-news NER corpus against its batch (ANNOTATION.md).

    python training/ner/check.py training/ner/annotations/n1/ner_00.jsonl
    python training/ner/check.py --agreement     # the overlap file against the batch's own annotator

``align`` is also what ``training/convert.py`` uses to turn the annotations into token spans.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from convert import nlpid_spaces  # noqa: E402  (training/convert.py)
from jsonl import annotated_lines  # noqa: E402  (training/jsonl.py)

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


def _rows(path: Path) -> dict[str, dict]:
    """A JSONL file's rows by id (blank lines skipped)."""
    return {row["id"]: row for row in (json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                                       if line.strip())}


def check(path: Path) -> list[str]:
    batch = _rows(HERE / "batches" / path.name)
    errors, seen = [], []
    for n, item, error in annotated_lines(path):
        if item is None:
            errors.append(error)
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


def spans_of(path: Path) -> dict[str, set[tuple[int, int, str]]]:
    batch = _rows(HERE / "batches" / path.name)
    return {item["id"]: set(align(batch[item["id"]]["words"], item["entities"])[0])
            for item in _rows(path).values()}


def _f1(a: dict, b: dict, ids: list[str], key, keep=lambda s: True) -> str:
    x = {(i, *key(s)) for i in ids for s in a[i] if keep(s)}
    y = {(i, *key(s)) for i in ids for s in b[i] if keep(s)}
    return f"{2 * len(x & y) / (len(x) + len(y)):.3f}" if x or y else "-"


def agreement() -> int:
    """Entity F1 between each overlap file and the other annotation of the same sentences: exact
    span and type, exact span of any type, and per type."""
    for other in sorted((HERE / "annotations" / "overlap").glob("ner_*.jsonl")):
        first = next(p for p in sorted((HERE / "annotations").glob(f"*/{other.name}")) if p.parent.name != "overlap")
        a, b = spans_of(first), spans_of(other)
        ids = [i for i in b if i in a]
        per_type = {t: _f1(a, b, ids, lambda s: s, lambda s, t=t: s[2] == t) for t in sorted(TYPES)}
        print(f"{first.parent.name} vs overlap, {len(ids)} sentences of {other.stem}: "
              f"span+type F1 {_f1(a, b, ids, lambda s: s)}, span F1 {_f1(a, b, ids, lambda s: s[:2])}, by type "
              + ", ".join(f"{t} {v}" for t, v in per_type.items()))
    return 0


def main() -> int:
    if sys.argv[1:] == ["--agreement"]:
        return agreement()
    bad = 0
    for name in sys.argv[1:]:
        errors = check(Path(name))
        print(f"{name}: " + ("OK" if not errors else f"{len(errors)} problems: " + "; ".join(errors[:20])))
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
