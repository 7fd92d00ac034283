"""Article-level event benchmark: warta's events on 40 IndoSum news articles against main events
annotated by reading (README.md), scored the way the dev set scores events.

    python training/events/articles/score_articles.py [--profile fast] [--show]
    python training/events/articles/score_articles.py --agreement     # annA against annB

A gold event is found when a reported event has its type, every one of its actor groups among the
reported actors and targets (any alias), its time when it has one (any accepted value) and an
accepted modality; precision counts each distinct (type, actors, targets) reported once, right when
some gold event (optional ones too) has its type and all its actor groups among them. Both
annotators' files are the gold where they overlap: an event either annotator required counts.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent.parent
sys.path.insert(0, str(ROOT / "src"))

ANNOTATIONS = ("annA.jsonl", "annB.jsonl")


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", (text or "").casefold())).strip()


def hit(names: list[str], aliases: list[str]) -> bool:
    wanted = {norm(a) for a in aliases}
    return any(norm(n) in wanted for n in names)


def _matches(gold: dict[str, Any], pred: dict[str, Any], strict: bool = True) -> bool:
    names = list(pred["actors"]) + list(pred["targets"])
    if not all(hit(names, group) for group in gold["actors"]):
        return False
    if not strict:
        return True
    if pred["type"] != gold["type"]:
        return False
    if gold.get("time") and not any(str(pred.get("time") or "").upper() == t.upper() for t in gold["time"]):
        return False
    return pred.get("modality") in gold["modality"]


def _supported(pred: dict[str, Any], gold: list[dict[str, Any]]) -> bool:
    names = list(pred["actors"]) + list(pred["targets"])
    return any(pred["type"] == g["type"] and all(hit(names, group) for group in g["actors"]) for g in gold)


def score(gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> dict[str, Any]:
    """Micro precision and recall over the articles of ``gold``."""
    found = required = right = reported = loose = 0
    missed = []
    for art, events in gold.items():
        need = [e for e in events if not e.get("optional")]
        got = pred.get(art, [])
        required += len(need)
        for e in need:
            if any(_matches(e, p) for p in got):
                found += 1
            else:
                missed.append((art, e.get("what")))
            loose += any(_matches(e, p, strict=False) for p in got)
        distinct = {(p["type"], tuple(sorted(p["actors"])), tuple(sorted(p["targets"]))): p for p in got}
        reported += len(distinct)
        right += sum(_supported(p, events) for p in distinct.values())
    p = right / reported if reported else 0.0
    r = found / required if required else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "required": required,
            "reported": reported, "r_actors_only": loose / required if required else 0.0, "missed": missed}


def load_gold() -> dict[str, list[dict]]:
    gold: dict[str, list[dict]] = {}
    for name in ANNOTATIONS:
        path = HERE / name
        if not path.exists():
            continue
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            gold.setdefault(row["id"], []).extend(row["events"])
    return gold


def as_predictions(events: list[dict]) -> list[dict]:
    """An annotator's events read as a system's: every alias a name, the first accepted value."""
    return [{"type": e["type"], "actors": [a for g in e["actors"] for a in g],
             "targets": [a for g in e.get("targets") or [] for a in g],
             "time": (e.get("time") or [None])[0], "modality": e["modality"][0]} for e in events]


def agreement() -> int:
    a = {r["id"]: r["events"] for r in map(json.loads, (HERE / ANNOTATIONS[0]).read_text().splitlines())}
    b = {r["id"]: r["events"] for r in map(json.loads, (HERE / ANNOTATIONS[1]).read_text().splitlines())}
    both = [k for k in a if k in b]
    ab = score({k: a[k] for k in both}, {k: as_predictions(b[k]) for k in both})
    ba = score({k: b[k] for k in both}, {k: as_predictions(a[k]) for k in both})
    print(f"{len(both)} articles annotated by both; B judged against A: P {ab['p']:.3f} R {ab['r']:.3f} "
          f"F1 {ab['f1']:.3f}; A against B: P {ba['p']:.3f} R {ba['r']:.3f} F1 {ba['f1']:.3f}; "
          f"required events A {ab['required']}, B {ba['required']}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default="default")
    parser.add_argument("--show", action="store_true", help="the required events warta misses")
    parser.add_argument("--agreement", action="store_true")
    args = parser.parse_args()
    if args.agreement:
        return agreement()
    from warta.annotate import annotate
    from warta.article import Article

    gold = load_gold()
    rows = [json.loads(line) for line in (HERE / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if r["id"] in gold]
    articles = [Article(id=r["id"], source=r["id"], body=r["text"], kind="text", published=r["published"])
                for r in rows]
    pred = {a.id: a.events or [] for a, _ in annotate(articles, args.profile)}
    s = score(gold, pred)
    print(f"{args.profile}: {len(rows)} articles, {s['required']} required events, {s['reported']} reported: "
          f"P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f} (actors only R {s['r_actors_only']:.3f})")
    if args.show:
        for art, what in s["missed"]:
            print(f"  missed {art[:40]}: {what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
