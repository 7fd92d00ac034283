"""Check annotation files against their batch: ids, texts, spans, types, modalities.

    python training/events/check.py training/events/annotations/<annotator>/batch_NN.jsonl [...]

Prints one line per problem and a summary per file; exits 1 when any file has a problem.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "INVESTIGATE", "DEMAND",
         "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT", "CRIME"}
MODALITIES = {"occurred", "planned", "possible", "failed", "denied", "negated"}


def check(path: Path) -> list[str]:
    batch = [json.loads(line) for line in (HERE / "batches" / path.name).read_text(encoding="utf-8").splitlines()]
    problems = []
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except json.JSONDecodeError as err:
        return [f"{path}: invalid JSON: {err}"]
    if [r.get("id") for r in rows] != [b["id"] for b in batch]:
        problems.append(f"{path}: ids differ from the batch (missing, extra or out of order)")
    texts = {b["id"]: b["text"] for b in batch}
    for row in rows:
        where = f"{path.name}:{row.get('id')}"
        text = row.get("text")
        if text != texts.get(row.get("id")):
            problems.append(f"{where}: text differs from the batch")
            continue
        for event in row.get("events", []):
            if event.get("type") not in TYPES:
                problems.append(f"{where}: type {event.get('type')!r}")
            if event.get("modality") not in MODALITIES:
                problems.append(f"{where}: modality {event.get('modality')!r}")
            start, trigger = event.get("trigger_start"), event.get("trigger") or ""
            if not isinstance(start, int) or text[start:start + len(trigger)] != trigger or not trigger:
                problems.append(f"{where}: trigger {trigger!r} not at {start}")
            for role in ("actors", "targets"):
                for arg in event.get(role, []):
                    s, t = arg.get("start"), arg.get("text") or ""
                    if not isinstance(s, int) or text[s:s + len(t)] != t or not t:
                        problems.append(f"{where}: {role[:-1]} {t!r} not at {s}")
    return problems


def main() -> int:
    bad = 0
    for name in sys.argv[1:]:
        problems = check(Path(name))
        for problem in problems:
            print(problem)
        print(f"{name}: {len(problems)} problem{'s' * (len(problems) != 1)}")
        bad += bool(problems)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
