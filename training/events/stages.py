"""Where warta loses the annotated events that name their actor: a count by stage over annotated
sentences (each analysed alone, as ``evaluate_sentences.py`` does).

For each gold event with a named actor:

* ``no trigger``: no trigger (lexicon or learned model) overlaps its trigger word;
* ``trigger, no event``: a trigger is there but makes no event, split by why: the trigger's kind
  (verb, noun, passive) and whether its word needs a named target, or "not read" (a heading, a
  sport sentence, a seizure without armed forces);
* ``event``: an event comes from that trigger, and of those ``event, type right``.

    python training/events/stages.py [--profile default] [--show N] FILE [FILE ...]

``--show N`` prints N of the "trigger, no event" cases (sentence, trigger, gold actors, what warta
found in the sentence): read it only for training batches, never for the blind ones (batches 11-13,
22-29, 33-40), whose figures alone may be reported.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="+")
    parser.add_argument("--profile", default="default")
    parser.add_argument("--show", type=int, default=0)
    args = parser.parse_args()
    import warta
    import warta.extract.events.component as component
    from warta.extract.events.context import prepare
    from warta.extract.events.lexicon import lexicon
    from warta.nlp import doc_text

    nlp = warta.load(args.profile)
    tried: dict[int, tuple[bool, str, bool]] = {}
    participants = component._participants

    def traced(ctx: Any, items: Any, k: int, sent: Any) -> Any:  # records why a trigger made no event
        hit = items[k].data
        found = participants(ctx, items, k, sent)
        tried[hit.start] = (found is not None, hit.trigger.kind, hit.trigger.need_target)
        return found

    component._participants = traced
    rows = [json.loads(line) for name in args.files for line in Path(name).read_text(encoding="utf-8").splitlines()]
    counts: Counter[str] = Counter()
    lost = []
    lex = lexicon()
    for row in rows:
        tried.clear()
        doc = nlp(row["text"])
        ctx = prepare(doc, doc_text(doc), lex)
        events = doc._.events or []
        for gold in row["events"]:
            if not any(a.get("named") for a in gold["actors"]):
                continue
            counts["named actor"] += 1
            start = gold["trigger_start"]
            end = start + len(gold["trigger"])
            hits = [h for h in ctx.hits if h.start < end and start < h.end]
            if not hits:
                counts["no trigger"] += 1
                continue
            made = [e for e in events if any(h.written == e.get("trigger") for h in hits)]
            if made:
                counts["event"] += 1
                counts["event, type right"] += any(e["type"] == gold["type"] for e in made)
                continue
            why = next((tried[h.start] for h in hits if h.start in tried), None)
            if why is None:
                reason = "not read"
            elif why[0]:
                reason = "dropped after its arguments"
            else:
                reason = f"{why[1]}{', needs a target' if why[2] else ''}"
            counts["trigger, no event"] += 1
            counts[f"  {reason}"] += 1
            ents = [(e["text"], e["type"]) for e in doc._.entities]
            lost.append((reason, gold["type"], gold["trigger"], [a["text"] for a in gold["actors"]], ents, row["text"]))
    print(f"{args.profile}: {len(rows)} sentences")
    for key in ("named actor", "no trigger", "trigger, no event"):
        print(f"{key}: {counts[key]}")
        if key == "trigger, no event":
            for reason, n in sorted(((k, v) for k, v in counts.items() if k.startswith("  ")), key=lambda kv: -kv[1]):
                print(f"{reason}: {n}")
    print(f"event: {counts['event']} ({counts['event, type right']} of the type annotated)")
    for reason, kind, trigger, actors, ents, text in lost[:args.show]:
        print(f"\n[{reason}] {kind} '{trigger}' actors={actors}\n  {text[:300]}\n  entities: {ents}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
