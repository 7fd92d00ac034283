#!/usr/bin/env python3
"""Score warta's quotes, entities and times on a second blind set of 30 IndoSum news articles
(README.md). Nothing of it is read: only these totals are printed.

    python eval/blind2/run.py [--profile default|fast] [--src OTHER_CHECKOUT/src]

Ingests ``articles.jsonl`` with warta, exports it and scores the export with
``../shared/eval/score.py`` against ``gold.json`` (its quotes, entities and times facets). ``--src``
runs the warta of another checkout (its ``src`` put first on the path, this environment's packages
for the rest): the same set, the same scorer, a commit before against one after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT / "eval" / "quotes" / "indosum"))

import run as quotes_run  # noqa: E402  (the scorer's wrapper: eval/quotes/indosum/run.py)

FACETS = ("quotes", "entities", "times")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--profile", choices=("default", "fast"), default="default")
    ap.add_argument("--src", type=Path, help="the src folder of another checkout to run instead")
    ap.add_argument("--scorer", default=str(quotes_run.SCORER))
    args = ap.parse_args()
    quotes_run._SCORER[0] = Path(args.scorer)
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    articles = HERE / "articles.jsonl"
    env = {**os.environ, "PYTHONPATH": str(args.src.resolve())} if args.src else None
    warta = [sys.executable, "-m", "warta"]
    tmp = Path(tempfile.mkdtemp(prefix="warta-blind2-"))
    try:
        db = tmp / "e.db"
        subprocess.run([*warta, "ingest", str(articles), "--db", str(db), "--profile", args.profile, "--quiet"],
                       check=True, env=env)
        out = subprocess.run([*warta, "export", "--format", "jsonl", "--db", str(db)], check=True,
                             capture_output=True, text=True, env=env).stdout
        pred = [json.loads(line) for line in out.splitlines() if line.strip()]
        res = quotes_run._score(gold, pred, tmp, articles)
        means = " ".join(f"{f}={res['facets'][f]:.3f}" for f in FACETS)
        print(f"warta ({args.profile}{', ' + str(args.src) if args.src else ''}): {len(gold['articles'])} articles; "
              f"facet F1 {means}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
