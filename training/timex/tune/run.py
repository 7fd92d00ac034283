#!/usr/bin/env python3
"""Score warta's time expressions on the time tuning set (README.md), and show its errors.

    python training/timex/tune/run.py [--profile default|fast] [--show] [--agreement]

Ingests ``articles.jsonl`` with warta, exports it and scores the export with
``../shared/eval/score.py`` (the dev set's scorer, its times facet) against ``gold.json``. This set
may be read: ``--show`` prints each article's missed expressions, wrong values and extra ones.
``--agreement`` scores annotator T3's two overlap articles against T1's instead.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(ROOT / "eval" / "quotes" / "indosum"))

import run as quotes_run  # noqa: E402  (the quote benchmark's runner: its scorer call)

_spec = importlib.util.spec_from_file_location("timex_benchmark", ROOT / "eval" / "timex" / "indosum" / "run.py")
benchmark = importlib.util.module_from_spec(_spec)  # the blind time benchmark's runner: its scoring, not its data
_spec.loader.exec_module(benchmark)


def _show(res: dict, gold: dict, pred: list[dict]) -> None:
    by_id = {p["id"]: p for p in pred}
    norm = quotes_run_norm()
    for a in gold["articles"]:
        r = res["articles"][a["file"]]["times"]
        if r.get("f1") is None or r["f1"] >= 1.0:
            continue
        texts = [norm(t["text"]) for t in a.get("times", [])] + [norm(t) for t in a.get("ignore_times", [])]
        extra = [(t["text"], t.get("value")) for t in by_id.get(a["file"], {}).get("times", [])
                 if not any(g in norm(t["text"]) or norm(t["text"]) in g for g in texts)]
        print(f"== {a['file']} (published {a['published']['from']}) f1={r['f1']:.2f}")
        for m in r.get("missed", []):
            print(f"   missed  {m!r}")
        for text, got, want in r.get("wrong_value", []):
            print(f"   wrong   {text!r}: {got} (gold {want})")
        for text, value in extra:
            print(f"   extra   {text!r}: {value}")


THIRD = HERE.parents[1] / "quotes" / "tune"  # the third and fourth draws: 30 articles each with quotes, entities, times


def quotes_run_norm():
    sys.path.insert(0, str(quotes_run._SCORER[0].parent))
    import score  # noqa: PLC0415  (../shared/eval/score.py)
    return score.norm


def main() -> int:
    ap = benchmark.arguments(__doc__)
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--draw3", action="store_true",
                    help="the third draw instead (training/quotes/tune/articles_3.jsonl, its gold_3.json's times)")
    ap.add_argument("--draw4", action="store_true",
                    help="the fourth draw instead (training/quotes/tune/articles_4.jsonl, its gold_4.json's times)")
    ap.add_argument("--draw5", action="store_true",
                    help="the fifth draw instead (training/quotes/tune/articles_5.jsonl, its gold_5.json's times)")
    ap.add_argument("--draw6", action="store_true",
                    help="the sixth draw instead (training/quotes/tune/articles_6.jsonl, its gold_6.json's times)")
    args = ap.parse_args()
    quotes_run._SCORER[0] = Path(args.scorer)
    draw = "_6" if args.draw6 else "_5" if args.draw5 else "_4" if args.draw4 else "_3" if args.draw3 else ""
    where, name = (THIRD, f"gold{draw}.json") if draw else (HERE, "gold.json")
    gold = json.loads((where / name).read_text(encoding="utf-8"))
    articles = where / f"articles{draw}.jsonl"
    tmp = Path(tempfile.mkdtemp(prefix="warta-times-tune-"))
    try:
        if args.agreement:
            other = json.loads((HERE / "gold_T3_overlap.json").read_text(encoding="utf-8"))
            benchmark.agreement(gold, other, ("T1", "T3"), articles, tmp)
            return 0
        pred = benchmark.run_warta(args.warta, articles, args.profile, tmp)
        res = quotes_run._score(gold, pred, tmp, articles)
        if args.show:
            _show(res, gold, pred)
        benchmark.report(f"warta ({args.profile})", res, gold)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
