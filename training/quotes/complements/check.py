#!/usr/bin/env python3
"""Check an annotation file of the complement corpus against its batch (ANNOTATION.md).

    python training/quotes/complements/check.py annotations/c1/cx_00.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from jsonl import annotated_lines  # noqa: E402  (training/jsonl.py)

LABELS = {"content", "object", "unsure"}


def check(path: Path) -> list[str]:
    batch = HERE / "batches" / path.name
    ids = [json.loads(line)["id"] for line in batch.open(encoding="utf-8") if line.strip()]
    errors, seen = [], []
    for n, item, error in annotated_lines(path):
        if item is None:
            errors.append(error)
            continue
        if item.get("label") not in LABELS:
            errors.append(f"line {n}: label {item.get('label')!r} is not one of {sorted(LABELS)}")
        seen.append(item.get("id"))
    if len(set(seen)) != len(seen):
        errors.append("an id is given twice")
    if any(i not in ids for i in seen):
        errors.append("ids not in the batch: " + ", ".join(str(i) for i in seen if i not in ids)[:200])
    missing = [i for i in ids if i not in seen]
    # an overlap file may hold the batch's first items only
    if missing and not (seen and seen == ids[:len(seen)] and "overlap" in str(path.parent.name)):
        errors.append(f"{len(missing)} items of the batch missing (first {missing[0]})")
    return errors


def main() -> int:
    bad = 0
    for name in sys.argv[1:]:
        errors = check(Path(name))
        print(f"{name}: " + ("OK" if not errors else "; ".join(errors)))
        bad += bool(errors)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
