"""Near-duplicate detection (``warta.link.dedup``): precision and recall on generated copies of IndoSum.

Builds an evaluation set from ``news/indosum_devfolds.jsonl`` under --data, then prints figures:

1. **Pool.** IndoSum articles (``text_detok``) of at least --min-words words. The pool has no exact
   duplicates, but some articles overlap heavily (one report re-used by another outlet or in a
   follow-up); articles whose exact word-5-gram containment with an earlier one is >= 0.5 are
   listed and DROPPED, so every pair of remaining originals is a true negative.
2. **Split** into DEV and TEST halves by article. Articles on one topic (TF-IDF nearest neighbours,
   cosine >= 0.3) stay in the same half, so each half holds its own same-story hard negatives.
3. **Copies** of each original: ``exact`` (re-formatted: line breaks, spacing, case, curly quotes),
   ``furniture`` (another outlet's dateline, "Baca juga", "ADVERTISEMENT", "Tayang di", editor
   initials, related-article lists added; the original's "Baca juga" lines removed), ``trim`` (last
   10-30 % of the words dropped, by paragraphs, or by sentences when paragraphs are long),
   ``edit`` (1-5 word substitutions, insertions, deletions, typo fixes, maybe one sentence
   removed), ``combo`` (furniture + trim + edit).
4. **Stream** each half through a :class:`DuplicateIndex` in a shuffled order; an original and its
   copies form one true group, the index's ``duplicate_of`` links form the predicted groups.
   Pairwise precision / recall / F1 over all pairs of the half (any two pages of one group are a
   positive pair). Thresholds are swept on DEV; TEST is reported with the module's defaults.
5. **Pairs**: similarity distributions of (original, copy) pairs against hard negatives (each
   original's TF-IDF nearest neighbour in its half: same story, other article) and random pairs.
6. **Speed**: signatures per second, and add (signature + query + index) per second.

    python bench/dedup.py --data ../shared/data [--n 2000] [--seed 13]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
import tracemalloc
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse

from warta.link import dedup
from warta.link.dedup import DuplicateIndex, Signature, normalise

KINDS = ("exact", "furniture", "trim", "edit", "combo")
DATELINES = [
    "JAKARTA, KOMPAS.com - ",
    "Jakarta, CNN Indonesia -- ",
    "Jakarta (ANTARA) - ",
    "TRIBUNNEWS.COM, JAKARTA - ",
    "Liputan6.com, Jakarta - ",
    "Suara.com - ",
    "Merdeka.com - ",
    "JAKARTA, KOMPAS.com — ",
    "Jakarta, CNBC Indonesia - ",
]
OUTLETS = ["Kompas.com", "Tribunnews.com", "Suara.com", "detikNews", "Okezone.com", "Liputan6.com"]
ENDINGS = [
    "Editor: {name}",
    "({a}/{b})",
    "Simak video pilihan berikut ini:",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari {outlet}.",
    'Artikel ini telah tayang di {outlet} dengan judul "{headline}"',
    "Tayang di {outlet}",
    "[Gambas:Video CNN]",
    "Sumber: {outlet}",
]
NAMES = ["Sabrina Asril", "Ihsanuddin", "Dani Prabowo", "Bayu Galih", "Krisiandi", "Inggried Dwi Wedhaswary"]
SENTENCE = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z\"“])")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data", help="folder holding news/indosum_devfolds.jsonl")
    parser.add_argument("--n", type=int, default=2000, help="originals in DEV + TEST together")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--min-words", type=int, default=80, help="shortest original kept")
    args = parser.parse_args()
    source = Path(args.data) / "news" / "indosum_devfolds.jsonl"
    if not source.exists():
        print(f"bench/dedup.py: {source} not found; pass --data", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    pool = [json.loads(line) for line in source.open(encoding="utf-8")]
    short = [r for r in pool if len(normalise(r["text_detok"]).split()) < args.min_words]
    pool = [r for r in pool if len(normalise(r["text_detok"]).split()) >= args.min_words]
    texts = [r["text_detok"] for r in pool]
    exact_groups = Counter(dedup.exact_key(t) for t in texts)
    overlaps = pool_overlaps(texts, 0.5)
    drop = {j for _, j, _ in overlaps}
    print(
        f"pool:         {len(pool) + len(short)} IndoSum articles; {len(short)} under {args.min_words} words out; "
        f"{sum(n - 1 for n in exact_groups.values())} exact duplicates; {len(overlaps)} pairs with 5-gram "
        f"containment >= 0.5 (re-used reports), {len(drop)} later members dropped"
    )
    for i, j, c in overlaps:
        jaccard, containment = dedup.similarity(Signature.of(texts[i]), Signature.of(texts[j]))
        verdict = DuplicateIndex().is_duplicate(dedup.Candidate("", jaccard, containment, False))
        print(
            f"              {pool[i]['id'][:34]} ~ {pool[j]['id'][:34]}: exact C {c:.2f}, estimated "
            f"C {containment:.2f} J {jaccard:.2f}: {'duplicate' if verdict else 'not a duplicate'}"
        )
    keep = [i for i in range(len(pool)) if i not in drop]
    neighbours = tfidf_neighbours([texts[i] for i in keep])
    halves = split(keep, neighbours, args.n, rng)
    headlines = [" ".join(t.split()[: rng.randint(5, 10)]).rstrip(".,") for t in texts]
    results = {}
    for name, originals in zip(("DEV", "TEST"), halves, strict=True):
        docs = make_docs([texts[i] for i in originals], headlines, rng)
        results[name] = evaluate(name, docs, [texts[i] for i in originals], rng)
    report(results)
    return 0


def pool_overlaps(texts: list[str], floor: float) -> list[tuple[int, int, float]]:
    """(earlier, later, exact containment) for pool pairs sharing >= floor of the smaller 5-gram set."""
    sets = [shingle_set(t) for t in texts]
    posting: dict[int, list[int]] = defaultdict(list)
    for doc, shingles in enumerate(sets):
        for s in shingles:
            posting[s].append(doc)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in posting.values():
        if 1 < len(docs) < 50:
            for a in range(len(docs)):
                for b in range(a + 1, len(docs)):
                    shared[docs[a], docs[b]] += 1
    found = []
    for (a, b), n in shared.items():
        c = n / max(1, min(len(sets[a]), len(sets[b])))
        if c >= floor:
            found.append((a, b, c))
    return sorted(found, key=lambda x: -x[2])


def shingle_set(text: str) -> set[int]:
    words = normalise(text).split()
    return {
        hash(tuple(words[i : i + dedup.SHINGLE_WORDS])) for i in range(max(1, len(words) - dedup.SHINGLE_WORDS + 1))
    }


def tfidf_neighbours(texts: list[str]) -> list[tuple[int, float]]:
    """Each text's most similar other text by TF-IDF cosine over words (index into texts, cosine)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, text in enumerate(texts):
        for word, n in Counter(normalise(text).split()).items():
            rows.append(r)
            cols.append(vocab.setdefault(word, len(vocab)))
            vals.append(1 + math.log(n))
    x = sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(vocab)))
    df = np.bincount(x.indices, minlength=len(vocab))
    x = x @ sparse.diags(np.log((1 + len(texts)) / (1 + df)) + 1)
    x = sparse.diags(1 / np.sqrt(x.multiply(x).sum(axis=1).A1)) @ x
    sim = (x @ x.T).toarray()
    np.fill_diagonal(sim, -1)
    best = sim.argmax(axis=1)
    return [(int(b), float(sim[i, b])) for i, b in enumerate(best)]


def split(keep: list[int], neighbours: list[tuple[int, float]], n: int, rng: random.Random) -> tuple[list, list]:
    """DEV and TEST originals (pool indices), n/2 each; topic groups (cosine >= 0.3) are not cut."""
    parent = list(range(len(keep)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a, (b, cos) in enumerate(neighbours):
        if cos >= 0.3:
            parent[find(a)] = find(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for a in range(len(keep)):
        groups[find(a)].append(keep[a])
    ordered = sorted(groups.values(), key=lambda g: g[0])
    rng.shuffle(ordered)
    dev: list[int] = []
    test: list[int] = []
    for group in ordered:
        side = dev if len(dev) <= len(test) else test
        if len(side) + len(group) <= n // 2:
            side.extend(group)
    return dev, test


def make_docs(originals: list[str], headlines: list[str], rng: random.Random) -> list[tuple[int, str, str]]:
    """(group, kind, text) for each original and its copies."""
    docs = []
    for group, text in enumerate(originals):
        docs.append((group, "original", text))
        docs.append((group, "exact", reformat(text, rng)))
        docs.append((group, "furniture", furnish(text, headlines, rng)))
        docs.append((group, "trim", trim(text, rng)))
        docs.append((group, "edit", edit(text, rng)))
        docs.append((group, "combo", furnish(edit(trim(text, rng), rng), headlines, rng)))
    return docs


def reformat(text: str, rng: random.Random) -> str:
    out = text.replace("\n\n", "\n").replace(". ", ".  ")
    out = out.replace(' "', " “").replace('" ', "” ")
    return out.upper() if rng.random() < 0.2 else out + "\n"


def furnish(text: str, headlines: list[str], rng: random.Random) -> str:
    paragraphs = [p for p in text.split("\n\n") if not p.lower().startswith("baca juga")]
    paragraphs[0] = rng.choice(DATELINES) + paragraphs[0]
    for _ in range(rng.randint(1, 3)):
        line = rng.choice(
            [
                "Baca juga: " + rng.choice(headlines),
                "ADVERTISEMENT",
                "SCROLL TO RESUME CONTENT",
                "Baca Juga:\n" + rng.choice(headlines),
            ]
        )
        paragraphs.insert(rng.randint(1, len(paragraphs)), line)
    fill = {
        "name": rng.choice(NAMES),
        "a": "ant",
        "b": rng.choice(["dal", "ugo", "sur"]),
        "outlet": rng.choice(OUTLETS),
        "headline": rng.choice(headlines),
    }
    for ending in rng.sample(ENDINGS, rng.randint(1, 3)):
        paragraphs.append(ending.format(**fill))
    if rng.random() < 0.5:
        paragraphs.append("Berita Terkait\n" + "\n".join(rng.sample(headlines, rng.randint(3, 6))))
    return "\n\n".join(paragraphs)


def trim(text: str, rng: random.Random) -> str:
    """Drop the last 10-30 % of the words: whole paragraphs where they fit, else sentences."""
    total = len(text.split())
    target = rng.uniform(0.10, 0.30) * total
    for sep, pieces in (("\n\n", text.split("\n\n")), (" ", SENTENCE.split(text))):
        kept, removed = list(pieces), 0
        while len(kept) > 1 and removed < target and removed + len(kept[-1].split()) <= 0.3 * total:
            removed += len(kept.pop().split())
        if removed >= 0.1 * total:
            return sep.join(kept)
    return " ".join(text.split()[: int(total - target)])


def edit(text: str, rng: random.Random) -> str:
    """1-5 word-level edits (substitute, insert, delete, typo fix), sometimes one sentence removed."""
    words = text.split(" ")
    for _ in range(rng.randint(1, 5)):
        i = rng.randrange(len(words))
        op = rng.choice(("sub", "ins", "del", "typo"))
        if op == "sub":
            words[i] = rng.choice(words)
        elif op == "ins":
            words.insert(i, rng.choice(["juga", "pun", "telah", "sudah", "masih", "tersebut"]))
        elif op == "del" and len(words) > 20:
            del words[i]
        elif len(words[i]) > 3:
            j = rng.randrange(len(words[i]) - 1)
            words[i] = words[i][:j] + words[i][j + 1] + words[i][j] + words[i][j + 2 :]
    out = " ".join(words)
    if rng.random() < 0.4:
        sentences = SENTENCE.split(out)
        if len(sentences) > 4:
            del sentences[rng.randrange(1, len(sentences))]
            out = " ".join(sentences)
    return out


def evaluate(name: str, docs: list[tuple[int, str, str]], originals: list[str], rng: random.Random) -> dict:
    order = list(range(len(docs)))
    rng.shuffle(order)
    start = time.perf_counter()
    sigs = [Signature.of(docs[i][2]) for i in order]
    t_sig = time.perf_counter() - start
    index = DuplicateIndex()
    start = time.perf_counter()
    for pos, i in enumerate(order):
        index.add_signature(str(i), sigs[pos])
    t_index = time.perf_counter() - start
    answers = [index.duplicate_of(str(i)) for i in order]
    # candidates as each page arrived, to replay the index under other thresholds
    replay = DuplicateIndex()
    cands = []
    for pos, i in enumerate(order):
        cands.append([(int(c.id), c.jaccard, c.containment, c.exact) for c in replay.candidates(sigs[pos])])
        replay.add_signature(str(i), sigs[pos])
    groups = [docs[i][0] for i in order]
    kinds = [docs[i][1] for i in order]
    replayed = simulate(order, cands, dedup.CONTAINMENT_THRESHOLD, dedup.JACCARD_FLOOR)
    assert replayed == [None if a is None else int(a) for a in answers], "replay differs from the index"
    sweep = {
        (tc, tj): score(order, groups, simulate(order, cands, tc, tj))
        for tc in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
        for tj in (0.0, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5)
    }
    pairs = labelled_pairs(docs, originals, rng)
    encoded = [(str(i), sigs[pos].encode()) for pos, i in enumerate(order)]
    tracemalloc.start()
    sized = DuplicateIndex.from_signatures(encoded)
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del sized
    return {
        "docs": len(docs),
        "originals": len(originals),
        "t_sig": t_sig,
        "t_index": t_index,
        "score": score(order, groups, answers),
        "by_kind": by_kind(order, groups, kinds, answers),
        "sweep": sweep,
        "pairs": pairs,
        "candidates": sum(len(c) for c in cands) / len(cands),
        "name": name,
        "bytes": held,
        "words": sum(len(text.split()) for _, _, text in docs),
    }


def simulate(order: list[int], cands: list, tc: float, tj: float) -> list[int | None]:
    """duplicate_of (as doc numbers) that an index with these thresholds gives, from recorded candidates."""
    position = {doc: pos for pos, doc in enumerate(order)}
    root: dict[int, int] = {}
    out: list[int | None] = []
    for pos, i in enumerate(order):
        hits = [root[c] for c, j, cont, exact in cands[pos] if exact or (cont >= tc and j >= tj)]
        root[i] = min(hits, key=position.__getitem__) if hits else i
        out.append(None if root[i] == i else root[i])
    return out


def score(order: list[int], groups: list[int], answers: list) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1 of predicted groups (duplicate_of roots) against true groups."""
    predicted: dict[object, list[int]] = defaultdict(list)
    for pos, i in enumerate(order):
        predicted[str(i) if answers[pos] is None else str(answers[pos])].append(groups[pos])
    tp = sum(n * (n - 1) // 2 for members in predicted.values() for n in Counter(members).values())
    pred = sum(len(m) * (len(m) - 1) // 2 for m in predicted.values())
    true = sum(n * (n - 1) // 2 for n in Counter(groups).values())
    p, r = (tp / pred if pred else 1.0), tp / true
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def by_kind(order: list[int], groups: list[int], kinds: list[str], answers: list) -> dict[str, float]:
    """Share of copies of each kind that end up in their original's predicted group."""
    root = {str(i): (str(i) if a is None else str(a)) for i, a in zip(order, answers, strict=True)}
    original = {g: str(i) for i, g, k in zip(order, groups, kinds, strict=True) if k == "original"}
    found: dict[str, list[bool]] = defaultdict(list)
    for i, g, k in zip(order, groups, kinds, strict=True):
        if k != "original":
            found[k].append(root[str(i)] == root[original[g]])
    return {k: sum(v) / len(v) for k, v in found.items()}


def labelled_pairs(docs: list[tuple[int, str, str]], originals: list[str], rng: random.Random) -> dict[str, list]:
    """Estimated (jaccard, containment) of (original, copy), same-story and random pairs."""
    sig = {i: Signature.of(t) for i, t in enumerate(originals)}
    out: dict[str, list] = defaultdict(list)
    for group, kind, text in docs:
        if kind != "original":
            out["copy:" + kind].append(dedup.similarity(sig[group], Signature.of(text)))
    for a, (b, _) in enumerate(tfidf_neighbours(originals)):
        out["same story"].append(dedup.similarity(sig[a], sig[b]))
    for _ in range(len(originals)):
        a, b = rng.sample(range(len(originals)), 2)
        out["random"].append(dedup.similarity(sig[a], sig[b]))
    return out


def report(results: dict[str, dict]) -> None:
    dev = results["DEV"]
    print(
        f"set:          per half {dev['originals']} originals x 6 pages (original + {', '.join(KINDS)}) "
        f"= {dev['docs']} pages, streamed in a shuffled order"
    )
    print(
        f"module:       word {dedup.SHINGLE_WORDS}-grams, {dedup.NUM_PERM} hashes, LSH {dedup.BANDS}x{dedup.ROWS}; "
        f"duplicate when containment >= {dedup.CONTAINMENT_THRESHOLD} and Jaccard >= {dedup.JACCARD_FLOOR}, "
        f"both >= {dedup.MIN_SHINGLES} shingles"
    )
    print("DEV sweep (pairwise P/R over the half; rows containment, columns Jaccard floor):")
    floors = sorted({tj for _, tj in dev["sweep"]})
    print("              " + "".join(f"J>={tj:<11}" for tj in floors))
    for tc in sorted({tc for tc, _ in dev["sweep"]}):
        cells = [dev["sweep"][tc, tj] for tj in floors]
        print(f"  C>={tc:<8}  " + "".join(f"{p:.3f}/{r:.3f}  " for p, r, _ in cells))
    ok = [(r, p, k) for k, (p, r, _) in dev["sweep"].items() if p >= 0.99]
    if ok:
        r, p, (tc, tj) = max(ok, key=lambda x: (x[0], x[1], x[2][0]))
        print(f"  best DEV recall at precision >= 0.99: C>={tc} J>={tj} (P {p:.4f}, R {r:.4f})")
    margin = max(c for _, c in dev["pairs"]["same story"]) + 0.1
    safe = [(r, p, k) for k, (p, r, _) in dev["sweep"].items() if p >= 0.99 and k[0] >= margin]
    if safe:
        r, p, (tc, tj) = max(safe, key=lambda x: (x[0], -x[2][0], x[2][1]))
        print(
            f"  the same with C at least 0.1 above the largest same-story C on DEV ({margin - 0.1:.2f}): "
            f"C>={tc} J>={tj} (P {p:.4f}, R {r:.4f})"
        )
    print(
        f"  module: C>={dedup.CONTAINMENT_THRESHOLD} J>={dedup.JACCARD_FLOOR} (the Jaccard floor raised to keep "
        f"follow-ups that re-use a report apart, as in the pool pairs above)"
    )
    for name in ("DEV", "TEST"):
        res = results[name]
        p, r, f = res["score"]
        kinds = ", ".join(f"{k} {v:.3f}" for k, v in res["by_kind"].items())
        print(f"{name:<5} pairwise precision {p:.4f}  recall {r:.4f}  F1 {f:.4f}   (module defaults)")
        print(f"      copies found, by kind: {kinds}; LSH candidates per page {res['candidates']:.2f}")
    for name in ("DEV", "TEST"):
        print_pairs(name, results[name]["pairs"])
    pages = sum(res["docs"] for res in results.values())
    words = sum(res["words"] for res in results.values())
    t_sig = sum(res["t_sig"] for res in results.values())
    t_index = sum(res["t_index"] for res in results.values())
    print(
        f"speed:        signature {pages / t_sig:,.0f} pages/s ({1000 * t_sig / pages:.3f} ms a page of "
        f"{words / pages:.0f} words; {words / t_sig:,.0f} words/s); add (query + index) {pages / t_index:,.0f} "
        f"pages/s; both {pages / (t_sig + t_index):,.0f} pages/s, one thread"
    )
    print(
        f"memory:       {results['TEST']['bytes'] / results['TEST']['docs']:,.0f} bytes per indexed page "
        f"(signature + LSH buckets, tracemalloc)"
    )


def print_pairs(name: str, pairs: dict[str, list]) -> None:
    print(f"pairs in {name} (estimated containment C and Jaccard J: min / 5th pct / median / max; share passing):")
    for label, values in sorted(pairs.items()):
        j = np.array([v[0] for v in values])
        c = np.array([v[1] for v in values])
        stats = "  ".join(
            f"{n} {np.min(a):.2f}/{np.percentile(a, 5):.2f}/{np.median(a):.2f}/{np.max(a):.2f}"
            for n, a in (("C", c), ("J", j))
        )
        passed = np.mean((c >= dedup.CONTAINMENT_THRESHOLD) & (j >= dedup.JACCARD_FLOOR))
        print(f"  {label:<16} n={len(values):<5} {stats}   pass {passed:.3f}")


if __name__ == "__main__":
    sys.exit(main())
