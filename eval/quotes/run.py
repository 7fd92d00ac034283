#!/usr/bin/env python3
"""Score warta's quote extraction against the hand-made Kompas quote gold.

Usage (from the repository root):

    python eval/quotes/run.py --data ../shared/data [--profile default|fast] [--keep]

1. each gold article's text is read with eval/timex/read_tml.py from DATA/timex/<stem>.tml and
   written to a temporary folder as <stem>.txt (one sub-folder per article);
2. every article is ingested on its own, with its DCT as the reference date:
   ``warta ingest FOLDER --no-clean --published DCT --db TMP/e.db --profile PROFILE``;
3. ``warta export --format jsonl --db TMP/e.db > TMP/e.jsonl``;
4. ``score.py --gold GOLD --pred TMP/e.jsonl`` (shared/eval/score.py) is run and its output printed,
   followed by a quotes-only summary (macro mean over articles, and micro totals).

The gold file holds no article text (no licence stated for the corpus), so its ``body`` is empty;
step 4 scores a temporary copy of the gold whose ``body`` is filled with the read_tml text, which
makes the body facet a check that ``--no-clean`` kept the text verbatim. Only the quotes facet is
annotated: the other facets of score.py have no gold here and its ``overall`` line is therefore not
meaningful; read the ``quotes`` rows and the summary printed at the end.

Standard library only.
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
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "eval" / "timex"))
from read_tml import read_tml  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"),
                    help="shared data folder holding timex/*.tml (default: ../shared/data)")
    ap.add_argument("--profile", choices=("default", "fast"), default="default")
    ap.add_argument("--gold", default=str(HERE / "kompas.gold.json"))
    ap.add_argument("--warta", default=str(ROOT / ".venv" / "bin" / "warta"), help="warta executable")
    ap.add_argument("--scorer", default=None, help="score.py (default: DATA/../eval/score.py)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder and print its path")
    args = ap.parse_args(argv)

    data = Path(args.data).resolve()
    tml_dir = data / "timex" if (data / "timex").is_dir() else data
    scorer = Path(args.scorer).resolve() if args.scorer else (data.parent / "eval" / "score.py")
    if not scorer.is_file():
        scorer = ROOT.parent / "shared" / "eval" / "score.py"
    warta = args.warta if Path(args.warta).exists() else (shutil.which("warta") or args.warta)
    gold = json.loads(Path(args.gold).read_text(encoding="utf-8"))

    tmp = Path(tempfile.mkdtemp(prefix="warta-quotes-"))
    try:
        db = tmp / "e.db"
        for ga in gold["articles"]:
            stem = Path(ga["file"]).stem
            art = read_tml(str(tml_dir / (stem + ".tml")))
            folder = tmp / "in" / stem
            folder.mkdir(parents=True)
            (folder / (stem + ".txt")).write_text(art["text"], encoding="utf-8")
            ga["body"] = art["text"]           # only in the temporary copy of the gold
            cmd = [warta, "ingest", str(folder), "--no-clean", "--published", art["dct"],
                   "--db", str(db), "--profile", args.profile, "--quiet"]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode != 0:
                sys.stderr.write(f"ingest failed for {stem} (rc={r.returncode}):\n{r.stderr}{r.stdout}\n")
                return r.returncode or 1
        export = tmp / "e.jsonl"
        with export.open("w", encoding="utf-8") as fh:
            r = subprocess.run([warta, "export", "--format", "jsonl", "--db", str(db)],
                               stdout=fh, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            sys.stderr.write(f"export failed (rc={r.returncode}):\n{r.stderr}\n")
            return r.returncode or 1
        gold_tmp = tmp / "gold.json"
        gold_tmp.write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")

        base = [sys.executable, str(scorer), "--gold", str(gold_tmp), "--pred", str(export)]
        r = subprocess.run(base, capture_output=True, text=True)
        sys.stdout.write(r.stdout)
        sys.stderr.write(r.stderr)
        if r.returncode != 0:
            return r.returncode
        rj = subprocess.run(base + ["--json"], capture_output=True, text=True)
        if rj.returncode != 0:
            sys.stderr.write(rj.stderr)
            return rj.returncode
        summary(gold, json.loads(rj.stdout), export, args.profile)
        if args.keep:
            print(f"kept: {tmp}")
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


def summary(gold: dict, res: dict, export: Path, profile: str) -> None:
    """Quotes-only figures: macro (mean of per-article F1, as score.py's facet line) and micro."""
    preds: dict[str, list] = {}
    for line in export.read_text(encoding="utf-8").splitlines():
        if line.strip():
            a = json.loads(line)
            preds[Path(str(a.get("source") or a.get("id") or "")).stem] = a.get("quotes") or []
    print(f"\n== quotes summary (profile={profile})")
    print(f"  {'file':24s} {'gold':>4s} {'pred':>4s}  {'P':>5s} {'R_span':>6s} {'R':>5s} {'F1':>5s} {'kind':>5s}")
    n_req = n_pred = span_ok = spk_ok = good = 0
    f1s = []
    for ga in gold["articles"]:
        q = res["articles"][ga["file"]]["quotes"]
        req = sum(1 for x in ga.get("quotes", []) if not x.get("optional"))
        npred = len(preds.get(Path(ga["file"]).stem, []))
        if q.get("f1") is None:
            continue
        f1s.append(q["f1"])
        n_req += req
        n_pred += npred
        span_ok += round(q["r_span"] * req)
        spk_ok += round(q["r"] * req)
        good += round(q["p"] * npred)
        print(f"  {ga['file']:24s} {req:4d} {npred:4d}  {q['p']:5.2f} {q['r_span']:6.2f} {q['r']:5.2f} "
              f"{q['f1']:5.2f} {q['kind_acc']:5.2f}")
    macro = sum(f1s) / len(f1s) if f1s else 0.0
    p = good / n_pred if n_pred else 0.0
    r = spk_ok / n_req if n_req else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"  quotes macro F1 (score.py facet): {macro:.3f}")
    print(f"  quotes micro: P={p:.3f} R_span={span_ok / n_req if n_req else 0:.3f} R={r:.3f} F1={f:.3f}"
          f"  (required gold {n_req}, predicted {n_pred})")


if __name__ == "__main__":
    sys.exit(main())
