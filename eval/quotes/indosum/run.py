#!/usr/bin/env python3
"""Score warta's quotes and entities on 24 IndoSum news articles annotated blind (README.md).

    python eval/quotes/indosum/run.py [--profile default|fast] [--agreement]
    python eval/quotes/indosum/run.py --tune [--show]     # the tuning set, training/quotes/tune

Ingests ``articles.jsonl`` with warta (``warta ingest FILE --db TMP/e.db --profile P``), exports
it and scores the export with ``../shared/eval/score.py`` against ``gold.json`` (its quotes and
entities facets: the gold has no other). Prints each facet's mean F1 over the articles (score.py's
facet figure) and the quotes' micro totals. ``--agreement`` instead scores annotator B's four
overlap articles (``gold_B_overlap.json``) against annotator A's, both ways, with the same scorer.
``--tune`` scores the tuning set (``training/quotes/tune``: 180 more articles in six draws, ``--draw N`` one of them,
annotated the same way, whose errors may be read); ``--show`` prints its errors (never the benchmark's: it stays blind).
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
SCORER = ROOT.parent / "shared" / "eval" / "score.py"  # --scorer for another place
FACETS = ("quotes", "entities")
_SCORER = [SCORER]
TUNE = ROOT / "training" / "quotes" / "tune"


def _score(gold: dict, pred: list[dict], tmp: Path, articles: Path = HERE / "articles.jsonl") -> dict:
    """score.py's JSON result; the gold's ``body`` (needed by score.py, not annotated) is the text."""
    texts = {json.loads(line)["id"]: json.loads(line)["text"]
             for line in articles.read_text(encoding="utf-8").splitlines()}
    gold = {"articles": [{**a, "body": texts[a["file"]]} for a in gold["articles"]]}
    (tmp / "gold.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    (tmp / "pred.jsonl").write_text("\n".join(json.dumps(p, ensure_ascii=False) for p in pred), encoding="utf-8")
    r = subprocess.run([sys.executable, str(_SCORER[0]), "--gold", str(tmp / "gold.json"), "--pred",
                        str(tmp / "pred.jsonl"), "--json"], capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def _report(label: str, res: dict, gold: dict, pred: list[dict]) -> None:
    by_id = {p["id"]: p for p in pred}
    required = sum(1 for a in gold["articles"] for q in a.get("quotes", []) if not q.get("optional"))
    predicted = sum(len(by_id.get(a["file"], {}).get("quotes") or []) for a in gold["articles"])
    right = 0
    for a in gold["articles"]:
        r = res["articles"][a["file"]]["quotes"].get("r")
        if r is not None:
            right += round(r * sum(1 for q in a.get("quotes", []) if not q.get("optional")))
    means = " ".join(f"{f}={res['facets'][f]:.3f}" for f in FACETS)
    print(f"{label}: {len(gold['articles'])} articles; facet F1 {means}; quotes: {required} required, "
          f"{predicted} predicted, {right} found with the right speaker (recall {right / required:.3f})")


def _as_pred(gold_article: dict) -> dict:
    """An annotation written as a warta export, to score one annotator against another."""
    return {"id": gold_article["file"],
            "quotes": [{"text": q["text"], "kind": q["kind"], "speaker": {"name": (q.get("speaker") or [""])[0]}}
                       for q in gold_article.get("quotes", [])],
            "entities": [{"text": e["name"], "name": e["name"], "type": e["type"]}
                         for e in gold_article.get("entities", [])]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=("default", "fast"), default="default")
    ap.add_argument("--warta", default=str(ROOT / ".venv" / "bin" / "warta"))
    ap.add_argument("--agreement", action="store_true")
    ap.add_argument("--scorer", default=str(SCORER), help="shared/eval/score.py")
    ap.add_argument("--tune", action="store_true", help="the tuning set instead of the benchmark")
    ap.add_argument("--show", action="store_true", help="the tuning set's errors (with --tune only)")
    ap.add_argument("--draw", type=int, choices=(1, 2, 3, 4, 5, 6),
                    help="one draw of the tuning set only (with --tune)")
    args = ap.parse_args()
    if args.show and not args.tune:
        ap.error("--show reads errors: only the tuning set's (--tune); the benchmark stays blind")
    _SCORER[0] = Path(args.scorer)
    where = TUNE if args.tune else HERE
    parts = [("articles.jsonl", "gold.json")]
    if args.tune:
        parts += [("articles_2.jsonl", "gold_2.json"), ("articles_3.jsonl", "gold_3.json"),
                  ("articles_4.jsonl", "gold_4.json"), ("articles_5.jsonl", "gold_5.json"),
                  ("articles_6.jsonl", "gold_6.json")]
        parts = parts[args.draw - 1:args.draw] if args.draw else parts
    gold = {"articles": [a for _, g in parts for a in json.loads((where / g).read_text(encoding="utf-8"))["articles"]]}
    tmp = Path(tempfile.mkdtemp(prefix="warta-indosum-quotes-"))
    try:
        if args.agreement:
            other = json.loads((HERE / "gold_B_overlap.json").read_text(encoding="utf-8"))
            ids = {a["file"] for a in other["articles"]}
            first = {"articles": [a for a in gold["articles"] if a["file"] in ids]}
            _report("B against A", _score(first, [_as_pred(a) for a in other["articles"]], tmp), first,
                    [_as_pred(a) for a in other["articles"]])
            _report("A against B", _score(other, [_as_pred(a) for a in first["articles"]], tmp), other,
                    [_as_pred(a) for a in first["articles"]])
            return 0
        db = tmp / "e.db"
        articles = tmp / "articles.jsonl"
        articles.write_text("".join((where / a).read_text(encoding="utf-8") for a, _ in parts), encoding="utf-8")
        subprocess.run([args.warta, "ingest", str(articles), "--db", str(db), "--profile",
                        args.profile, "--quiet"], check=True)
        out = subprocess.run([args.warta, "export", "--format", "jsonl", "--db", str(db)], check=True,
                             capture_output=True, text=True).stdout
        pred = [json.loads(line) for line in out.splitlines() if line.strip()]
        res = _score(gold, pred, tmp, articles)
        _report(f"warta ({args.profile}{', tuning set' if args.tune else ''})", res, gold, pred)
        if args.show:
            for a in gold["articles"]:
                r = res["articles"][a["file"]]
                print(f"== {a['file']}")
                for facet in FACETS:
                    extra = {k: v for k, v in r[facet].items() if k in ("missed", "wrong_speaker", "split")
                             and v}
                    print(f"  {facet}: F1 {r[facet]['f1'] if r[facet]['f1'] is None else round(r[facet]['f1'], 2)} "
                          + json.dumps(extra, ensure_ascii=False)[:1500])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
