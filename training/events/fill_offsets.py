"""Fill in character offsets that an annotator left out, in place.

    python training/events/fill_offsets.py training/events/annotations/<annotator>/batch_NN.jsonl

A trigger, actor or target written without ``start`` (``trigger_start`` for the trigger) gets the
offset of its first occurrence in the sentence, or of its k-th with ``"occurrence": k`` (from 1).
A span that is not in the sentence is left without an offset, for check.py to report.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _find(text: str, span: str, occurrence: int = 1) -> int | None:
    at = -1
    for _ in range(max(occurrence, 1)):
        at = text.find(span, at + 1)
        if at < 0:
            return None
    return at


def fill(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        text = row["text"]
        for event in row.get("events", []):
            if not isinstance(event.get("trigger_start"), int) and event.get("trigger"):
                event["trigger_start"] = _find(text, event["trigger"], event.pop("trigger_occurrence", 1))
            for role in ("actors", "targets"):
                for arg in event.get(role, []):
                    if not isinstance(arg.get("start"), int) and arg.get("text"):
                        arg["start"] = _find(text, arg["text"], arg.pop("occurrence", 1))
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


if __name__ == "__main__":
    for name in sys.argv[1:]:
        fill(Path(name))
