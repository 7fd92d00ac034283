"""Inter-annotator agreement on a double-annotated batch.

    python training/events/agreement.py training/events/annotations/ann1/batch_00.jsonl \
        training/events/annotations/ann2/batch_00.jsonl

Prints, for two annotators A and B of the same sentences:
  - sentences with / without an event: raw agreement and Cohen's kappa;
  - triggers: F1 of B against A, a trigger matching when the two spans overlap (the same event
    named by the same words; "penangkapan" vs "penangkapan tersebut" match);
  - on matched triggers: type agreement and Cohen's kappa over the types, modality agreement;
  - arguments (actors and targets together, with their role) on matched triggers: F1, a span
    matching when it overlaps a span of the same role.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path


def _load(path: str) -> dict[str, list[dict]]:
    return {row["id"]: row.get("events", []) for row in map(json.loads, Path(path).read_text().splitlines())}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span(start: int | None, text: str) -> tuple[int, int]:
    return (start or 0, (start or 0) + len(text))


def kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    left, right = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def _f1(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(first: str, second: str) -> int:
    a, b = _load(first), _load(second)
    ids = [i for i in a if i in b]
    presence = [(str(bool(a[i])), str(bool(b[i]))) for i in ids]
    matched, n_a, n_b = [], 0, 0
    arg_tp = arg_a = arg_b = 0
    for i in ids:
        ea, eb = a[i], b[i]
        n_a, n_b = n_a + len(ea), n_b + len(eb)
        used = set()
        for x in ea:
            sx = _span(x["trigger_start"], x["trigger"])
            for k, y in enumerate(eb):
                if k not in used and _overlap(sx, _span(y["trigger_start"], y["trigger"])):
                    used.add(k)
                    matched.append((x, y))
                    break
    for x, y in matched:
        args_x = [(role, _span(arg["start"], arg["text"])) for role in ("actors", "targets") for arg in x.get(role, [])]
        args_y = [(role, _span(arg["start"], arg["text"])) for role in ("actors", "targets") for arg in y.get(role, [])]
        arg_a, arg_b = arg_a + len(args_x), arg_b + len(args_y)
        free = list(args_y)
        for role, span in args_x:
            hit = next((g for g in free if g[0] == role and _overlap(g[1], span)), None)
            if hit is not None:
                free.remove(hit)
                arg_tp += 1
    raw = sum(x == y for x, y in presence) / len(presence)
    p, r, f = _f1(len(matched), n_b, n_a)
    types = [(x["type"], y["type"]) for x, y in matched]
    modalities = [(x["modality"], y["modality"]) for x, y in matched]
    ap, ar, af = _f1(arg_tp, arg_b, arg_a)
    print(f"sentences: {len(ids)}; with an event: A {sum(bool(a[i]) for i in ids)}, B {sum(bool(b[i]) for i in ids)}")
    print(f"event in the sentence or not: agreement {raw:.3f}, Cohen's kappa {kappa(presence):.3f}")
    print(f"triggers: A {n_a}, B {n_b}, matched {len(matched)}; F1 {f:.3f} (P {p:.3f}, R {r:.3f} of B against A)")
    print(f"type on matched triggers: agreement {sum(x == y for x, y in types) / len(types):.3f}, "
          f"Cohen's kappa {kappa(types):.3f}")
    print(f"modality on matched triggers: agreement {sum(x == y for x, y in modalities) / len(modalities):.3f}, "
          f"Cohen's kappa {kappa(modalities):.3f}")
    print(f"arguments (role and overlapping span) on matched triggers: F1 {af:.3f} (P {ap:.3f}, R {ar:.3f})")
    strict = sum(x["type"] == y["type"] for x, y in matched)
    sp, sr, sf = _f1(strict, n_b, n_a)
    print(f"triggers with the same type: F1 {sf:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
