#!/usr/bin/env python3
"""Score warta's time expressions on 24 IndoSum articles annotated blind (README.md).

    python eval/timex/indosum/run.py [--profile default|fast] [--warta PATH] [--agreement]

Ingests ``articles.jsonl`` with warta, exports it and scores the export with
``../shared/eval/score.py`` (the dev set's scorer: its times facet) against ``gold.json``. Prints
the times facet's mean F1 over the articles with a time expression, the mean precision and recall,
and the micro counts. ``--agreement`` scores annotator B's overlap articles
(``gold_B_overlap.json``) against annotator A's instead. Totals only: the set stays blind.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "eval" / "quotes" / "indosum"))

import run as quotes_run  # noqa: E402  (the quote benchmark's runner: its scorer call)


def report(label: str, res: dict, gold: dict) -> None:
    """One line: the times facet's mean F1, P and R over the articles with a time expression."""
    rows = [res["articles"][a["file"]]["times"] for a in gold["articles"]]
    rows = [r for r in rows if r.get("f1") is not None]
    mean = {k: sum(r[k] for r in rows) / len(rows) for k in ("p", "r", "f1")}
    n_gold = sum(len(a.get("times", [])) for a in gold["articles"])
    print(f"{label}: {len(rows)} articles with times, {n_gold} gold times; "
          f"times F1 {mean['f1']:.3f} (P {mean['p']:.3f}, R {mean['r']:.3f})")


def _as_pred(gold_article: dict) -> dict:
    """An annotation written as a warta export: each time with its first accepted value."""
    return {"id": gold_article["file"],
            "times": [{"text": t["text"], "value": t["value"][0]} for t in gold_article.get("times", [])]}


def agreement(gold: dict, other: dict, names: tuple[str, str], articles: Path, tmp: Path) -> None:
    """Each annotator's first accepted values scored against the other's gold, on the shared articles."""
    ids = {a["file"] for a in other["articles"]}
    first = {"articles": [a for a in gold["articles"] if a["file"] in ids]}
    for label, g, p in ((f"{names[1]} against {names[0]}", first, other),
                        (f"{names[0]} against {names[1]}", other, first)):
        report(label, quotes_run._score(g, [_as_pred(a) for a in p["articles"]], tmp, articles), g)


def run_warta(warta: str, articles: Path, profile: str, tmp: Path) -> list[dict]:
    """warta's export of the articles (ingested into a scratch store)."""
    db = tmp / "e.db"
    subprocess.run([warta, "ingest", str(articles), "--db", str(db), "--profile", profile, "--quiet"], check=True)
    out = subprocess.run([warta, "export", "--format", "jsonl", "--db", str(db)], check=True,
                         capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def arguments(description: str) -> argparse.ArgumentParser:
    """The options of a time set's runner: profile, warta, agreement, scorer."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=("default", "fast"), default="default")
    ap.add_argument("--warta", default=str(ROOT / ".venv" / "bin" / "warta"))
    ap.add_argument("--agreement", action="store_true")
    ap.add_argument("--scorer", default=str(quotes_run.SCORER), help="shared/eval/score.py")
    return ap


def main() -> int:
    args = arguments(__doc__).parse_args()
    quotes_run._SCORER[0] = Path(args.scorer)
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    articles = HERE / "articles.jsonl"
    tmp = Path(tempfile.mkdtemp(prefix="warta-indosum-times-"))
    try:
        if args.agreement:
            other = json.loads((HERE / "gold_B_overlap.json").read_text(encoding="utf-8"))
            agreement(gold, other, ("A", "B"), articles, tmp)
            return 0
        pred = run_warta(args.warta, articles, args.profile, tmp)
        report(f"warta ({args.profile})", quotes_run._score(gold, pred, tmp, articles), gold)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
