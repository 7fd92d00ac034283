#!/usr/bin/env python3
"""Score warta's events on the article-level event tuning set (README.md), and show its errors.

    python training/events/tune/run.py [--profile fast] [--show]
    python training/events/tune/run.py --agreement      # E2's four overlap articles against E1

Scored as the events article benchmark (``training/events/articles/score_articles.py``) and the dev
set score events. This set may be read: ``--show`` prints each required event warta misses and each
event it reports that no gold event (optional ones too) supports.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training" / "events" / "articles"))

from score_articles import _supported, as_predictions, score  # noqa: E402

GOLD = ("gold_E1.json", "gold_E2.json")
GOLD3 = ("gold_E3.json", "gold_E4.json")  # the third draw's 30 articles (training/quotes/tune/articles_3.jsonl)
ARTICLES3 = HERE.parents[1] / "quotes" / "tune" / "articles_3.jsonl"
GOLD4 = ("gold_E5.json", "gold_E6.json")  # the fourth draw's 30 articles (training/quotes/tune/articles_4.jsonl)
ARTICLES4 = HERE.parents[1] / "quotes" / "tune" / "articles_4.jsonl"
GOLD5 = ("gold_E7.json", "gold_E8.json")  # the fifth draw's 30 articles (training/quotes/tune/articles_5.jsonl)
ARTICLES5 = HERE.parents[1] / "quotes" / "tune" / "articles_5.jsonl"
GOLD6 = ("gold_E9.json", "gold_E10.json")  # the sixth draw's 30 articles (training/quotes/tune/articles_6.jsonl)
ARTICLES6 = HERE.parents[1] / "quotes" / "tune" / "articles_6.jsonl"


def _load(name: str) -> dict[str, list[dict]]:
    return {a["file"]: a["events"] for a in json.loads((HERE / name).read_text(encoding="utf-8"))["articles"]}


def _as_written(event: dict, entities: list[dict]) -> dict:
    """The event with each participant's names as the article writes them beside its canonical name:
    the annotators listed the names written ("KPK" where the text never expands it), warta reports
    canonical names ("Komisi Pemberantasan Korupsi")."""
    written: dict[str, set[str]] = {}
    for e in entities:
        written.setdefault(e.get("id"), set()).add(e["text"])
    out = dict(event)
    for side in ("actors", "targets"):
        names = list(event[side])
        for name, eid in zip(event[side], event.get(f"{side[:-1]}_ids", []), strict=False):
            names += sorted(written.get(eid, set()) - {name})
        out[side] = names
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--profile", default="default")
    parser.add_argument("--show", action="store_true")
    parser.add_argument("--agreement", action="store_true")
    parser.add_argument("--draw", choices=("1", "3", "4", "5", "6", "1-5", "all"), default="all",
                        help="the first 40 articles, the third draw's 30, the fourth's, the fifth's, the sixth's, "
                             "the first five draws, or all (default)")
    args = parser.parse_args()
    gold: dict[str, list[dict]] = {}
    five = GOLD + GOLD3 + GOLD4 + GOLD5
    draws = {"1": GOLD, "3": GOLD3, "4": GOLD4, "5": GOLD5, "6": GOLD6, "1-5": five, "all": five + GOLD6}
    for name in draws[args.draw]:
        gold.update(_load(name))
    if args.agreement:
        other = _load("gold_E2_overlap.json")
        first = {k: gold[k] for k in other}
        ab, ba = score(first, {k: as_predictions(v) for k, v in other.items()}), \
            score(other, {k: as_predictions(v) for k, v in first.items()})
        print(f"{len(other)} articles annotated by both; E2 judged against E1: P {ab['p']:.3f} R {ab['r']:.3f} "
              f"F1 {ab['f1']:.3f}; E1 against E2: P {ba['p']:.3f} R {ba['r']:.3f} F1 {ba['f1']:.3f}; "
              f"required events E1 {ab['required']}, E2 {ba['required']}")
        return 0
    from warta.annotate import annotate
    from warta.article import Article

    rows = [json.loads(line) for path in (HERE / "articles.jsonl", ARTICLES3, ARTICLES4, ARTICLES5, ARTICLES6)
            for line in path.read_text(encoding="utf-8").splitlines()]
    articles = [Article(id=r["id"], source=r["id"], body=r["text"], kind="text", published=r["published"])
                for r in rows if r["id"] in gold]
    pred = {a.id: [_as_written(e, a.entities or []) for e in a.events or []]
            for a, _ in annotate(articles, args.profile)}
    s = score(gold, pred)
    if args.show:
        for art, what in s["missed"]:
            print(f"  missed  {art[:45]}: {what}")
        for art, events in pred.items():
            for e in {(p["type"], tuple(sorted(p["actors"])), tuple(sorted(p["targets"]))): p for p in events}.values():
                if not _supported(e, gold[art]):
                    print(f"  wrong   {art[:45]}: {e['type']} {e['actors']} -> {e['targets']} "
                          f"[{e['trigger']}] {e['text'][:160]!r}")
    print(f"{args.profile}: {len(articles)} articles, {s['required']} required events, {s['reported']} reported: "
          f"P {s['p']:.3f} R {s['r']:.3f} F1 {s['f1']:.3f} (actors only R {s['r_actors_only']:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
