"""Language pipeline benchmark: tokens/s and words/s on one core, per profile and per component.

Runs warta's pipeline (``warta.load(profile)``: the trained spaCy components plus entity linking)
over the bodies of real Indonesian news articles (IndoSum dev folds under --data) with
``nlp.pipe``, one thread, after a warm-up, and prints throughput, the time each component takes,
what quotes and times add to the rest of the pipeline, and the process's peak RSS. Each profile
runs in its own child process so that peak RSS is its own.

    python bench/nlp.py --data ../shared/data [--limit 600] [--profiles default,fast] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import datetime, json, resource, sys, time
import warta
profile, path, limit, batch, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
texts = []
with open(path, encoding="utf-8") as fh:
    for line in fh:
        texts.append(json.loads(line)["text_detok"])
        if len(texts) >= limit:
            break
nlp = warta.load(profile)
DCT = datetime.date(2018, 1, 15)  # IndoSum pages carry no date; relative times resolve against this one

def make(text):
    return warta.make_doc(nlp, text, DCT)

list(nlp.pipe((make(t) for t in texts[:20]), batch_size=batch))  # warm-up
words = sum(len(t.split()) for t in texts)
total = 1e9
for _ in range(repeat):  # the whole pipeline: the best of `repeat` runs
    docs = None
    start = time.perf_counter()
    docs = list(nlp.pipe((make(t) for t in texts), batch_size=batch))
    total = min(total, time.perf_counter() - start)
tokens = sum(len(d) for d in docs)
entities = sum(len(d._.entities) for d in docs)
quotes = sum(len(d._.quotes) for d in docs)
times = sum(len(d._.times) for d in docs)
# time per component: run each one over the docs made by the tokenizer (the best of `repeat` passes,
# each over fresh copies of the component's input: a noisy machine slows single passes unevenly)
parts = {}
plain = [make(t) for t in texts]
for _ in range(repeat):
    start = time.perf_counter()
    [nlp.make_doc(t) for t in texts]
    parts["tokenizer"] = min(parts.get("tokenizer", 1e9), time.perf_counter() - start)
for name, proc in nlp.pipeline:
    for _ in range(repeat):
        given = [d.copy() for d in plain] if repeat > 1 else plain
        start = time.perf_counter()
        out = list(proc.pipe(given, batch_size=batch)) if hasattr(proc, "pipe") else [proc(d) for d in given]
        parts[name] = min(parts.get(name, 1e9), time.perf_counter() - start)
    plain = out
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"profile": profile, "docs": len(docs), "tokens": tokens, "words": words, "seconds": total,
                  "entities": entities, "quotes": quotes, "times": times, "parts": parts, "rss_mb": rss,
                  "pipeline": nlp.pipe_names}))
"""


ADDED = ("warta_times", "warta_quotes")  # issue 4's budget: at most 15 % on top of the rest


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data", help="folder holding news/indosum_devfolds.jsonl")
    parser.add_argument("--limit", type=int, default=600, help="articles to process (default 600)")
    parser.add_argument("--batch", type=int, default=32, help="nlp.pipe batch size (default 32)")
    parser.add_argument("--profiles", default="default,fast", help="comma-separated profiles")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the pipeline and each component this many times and keep the fastest "
                             "(default 1; peak RSS then includes the copies the repeats make)")
    args = parser.parse_args()
    source = Path(args.data) / "news" / "indosum_devfolds.jsonl"
    if not source.exists():
        print(f"bench/nlp.py: {source} not found; pass --data", file=sys.stderr)
        return 2
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    print(f"{args.limit} IndoSum articles, nlp.pipe batch {args.batch}, one thread\n")
    for profile in args.profiles.split(","):
        done = subprocess.run([sys.executable, "-c", CHILD, profile, str(source), str(args.limit), str(args.batch),
                               str(args.repeat)],
                              capture_output=True, text=True, env=env)
        if done.returncode:
            print(done.stderr, file=sys.stderr)
            return 1
        r = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"profile {r['profile']:<8} {' '.join(r['pipeline'])}")
        print(f"  {r['tokens']} tokens ({r['words']} words) in {r['seconds']:.2f} s: "
              f"{r['tokens'] / r['seconds']:,.0f} tokens/s, {r['words'] / r['seconds']:,.0f} words/s, "
              f"{r['entities']} entity mentions, {r['quotes']} quotes, {r['times']} time expressions; "
              f"peak RSS {r['rss_mb']:.0f} MB")
        for name, secs in r["parts"].items():
            print(f"    {name:<22} {secs:6.2f} s  {r['tokens'] / secs:>12,.0f} tokens/s  "
                  f"{100 * secs / sum(r['parts'].values()):5.1f} %")
        added = sum(r["parts"].get(name, 0.0) for name in ADDED)
        rest = sum(r["parts"].values()) - added
        print(f"  quotes + times add {100 * added / rest:.1f} % to the rest of the pipeline's time")
        events = r["parts"].get("warta_events", 0.0)
        print(f"  events add {100 * events / (sum(r['parts'].values()) - events):.1f} % to the rest")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
