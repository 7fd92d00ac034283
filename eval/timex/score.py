"""TempEval-3 style scores of warta's time tagger against gold TIMEX3 annotations.

    python eval/timex/score.py --gold eval/timex/dev.jsonl --data ../shared/data [--verbose]

Each gold line is {"file", "dct", "timexes": [{start, end, text, type, value[, mod]}]}; the
article text comes from ``read_tml`` (``<data>/timex/<file>``), so gold offsets line up with it.

Steps, in order:
  1. tag each article with ``warta.extract.times.find_times(text, dct)``;
  2. strict span match: the same (start, end);
  3. relaxed span match: gold and prediction overlap, paired one to one (largest overlap first);
  4. value: a relaxed match whose value is equal counts (P = correct / predicted,
     R = correct / gold), as TempEval-3 scores normalisation;
  5. type accuracy over the relaxed matches.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "src"))

from read_tml import read_tml  # noqa: E402

from warta.extract.times import find_times  # noqa: E402


def pair_relaxed(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index) of overlapping spans, largest overlap first."""
    overlaps = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            size = min(g["end"], p["end"]) - max(g["start"], p["start"])
            if size > 0:
                overlaps.append((-size, i, j))
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in sorted(overlaps):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


def prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def score(gold_path: Path, data: Path, verbose: bool = False) -> dict[str, tuple[float, float, float] | float]:
    counts: Counter[str] = Counter()
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        doc = read_tml(str(data / "timex" / item["file"]))
        dct = date.fromisoformat(item.get("dct") or doc["dct"])
        gold, pred = item["timexes"], find_times(doc["text"], dct)
        pairs = pair_relaxed(gold, pred)
        strict = {(g["start"], g["end"]) for g in gold} & {(p["start"], p["end"]) for p in pred}
        counts.update(gold=len(gold), pred=len(pred), strict=len(strict), relaxed=len(pairs),
                      value=sum(gold[i]["value"] == pred[j]["value"] for i, j in pairs),
                      type=sum(gold[i]["type"] == pred[j]["type"] for i, j in pairs))
        if verbose:
            report(item["file"], dct, doc["text"], gold, pred, pairs)
    return {
        "strict": prf(counts["strict"], counts["pred"], counts["gold"]),
        "relaxed": prf(counts["relaxed"], counts["pred"], counts["gold"]),
        "value": prf(counts["value"], counts["pred"], counts["gold"]),
        "type_accuracy": counts["type"] / counts["relaxed"] if counts["relaxed"] else 0.0,
        "gold": counts["gold"], "predicted": counts["pred"],
    }


def report(name: str, dct: date, text: str, gold: list[dict], pred: list[dict], pairs: list[tuple[int, int]]) -> None:
    def where(t: dict) -> str:
        s, e = t["start"], t["end"]
        return f"{text[max(0, s - 30):s]}[{text[s:e]}]{text[e:e + 30]}".replace("\n", " ")

    lines = []
    for i, g in enumerate(gold):
        if i not in {a for a, _ in pairs}:
            lines.append(f"  MISS   {g['type']:8} {g['value']:14} {where(g)}")
    for j, p in enumerate(pred):
        if j not in {b for _, b in pairs}:
            lines.append(f"  FALSE  {p['type']:8} {p['value']:14} {where(p)}")
    for i, j in pairs:
        g, p = gold[i], pred[j]
        if g["value"] != p["value"] or g["type"] != p["type"] or (g["start"], g["end"]) != (p["start"], p["end"]):
            lines.append(f"  VALUE  gold {g['type']} {g['value']} [{g['text']}]  "
                         f"got {p['type']} {p['value']} [{p['text']}]")
    if lines:
        print(f"{name} (DCT {dct})")
        print("\n".join(lines))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True, help="gold JSONL (eval/timex/dev.jsonl)")
    ap.add_argument("--data", type=Path, required=True, help="folder holding timex/*.tml (../shared/data)")
    ap.add_argument("--verbose", action="store_true", help="list misses, false alarms and wrong values")
    args = ap.parse_args(argv)
    s = score(args.gold, args.data, args.verbose)
    print(f"gold {s['gold']}  predicted {s['predicted']}")
    for key in ("strict", "relaxed", "value"):
        p, r, f = s[key]  # type: ignore[misc]
        label = {"strict": "strict span", "relaxed": "relaxed span", "value": "value"}[key]
        print(f"{label:13} P {100 * p:6.2f}  R {100 * r:6.2f}  F1 {100 * f:6.2f}")
    print(f"type accuracy {100 * s['type_accuracy']:6.2f}")  # type: ignore[operator]
    # the two figures TempEval-3 and IndoTimex report, beside each other
    print(f"recognition F1 (relaxed) {100 * s['relaxed'][2]:6.2f}   value F1 {100 * s['value'][2]:6.2f}")  # type: ignore[index]
    return 0


if __name__ == "__main__":
    sys.exit(main())
