"""Crawl-scale benchmark: a synthetic corpus through ``warta batch`` and ``warta load``, with memory
sampled all along, and one batch worker against two.

The corpus is real IndoSum articles (``news/indosum_devfolds.jsonl`` under --data) resampled with
light edits, as a crawl sees the same story many times: a dropped or repeated sentence, paragraphs
swapped, a number changed, a "Baca juga:" line with another headline, a different outlet, URL and
publication date. Records are JSONL shards (``text``, ``id``, ``url``, ``title``, ``outlet``,
``published``), written with a fixed seed, so the same --n gives the same corpus.

Steps, each a separate ``warta`` process whose whole process tree (Dask scheduler, nanny and
worker processes) is sampled for resident memory twice a second:

1. ``warta batch`` over every shard with --workers W (default 2) and --profile P (default fast);
2. ``warta load`` of its output into a fresh store;
3. with --scaling K: ``warta batch`` over the first K articles with one worker, then two.

It prints pages/s, words/s, the tree's peak RSS and the RSS at each quarter of the run (flat memory
shows as equal quarters), and the store's counts.

    python bench/batch.py --data ../shared/data --n 100000 [--profile fast] [--workers 2] [--scaling 4000]
                          [--batch-only]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import psutil  # installed with dask.distributed

OUTLETS = ["Kompas", "Detik", "Tempo", "CNN Indonesia", "Antara", "Tribunnews", "Liputan6", "Okezone",
           "Republika", "Sindonews", "Suara", "Merdeka", "Kumparan", "Bisnis", "Jawa Pos", "IDN Times"]
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")
NUMBER = re.compile(r"\b\d{2,}\b")


def read_articles(data: Path) -> list[dict]:
    source = data / "news" / "indosum_devfolds.jsonl"
    if not source.exists():
        sys.exit(f"bench/batch.py: {source} not found; pass --data")
    rows = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            paras = [p.strip() for p in row["text_detok"].split("\n") if p.strip()]
            if len(paras) == 1:  # one paragraph: make some from its sentences, three to a paragraph
                sents = SENTENCE_END.split(paras[0])
                paras = [" ".join(sents[i:i + 3]) for i in range(0, len(sents), 3)]
            if sum(len(p.split()) for p in paras) >= 40:
                rows.append({"paras": paras, "title": " ".join(paras[0].split()[:10])})
    return rows


def edit(rng: random.Random, source: dict, other: dict) -> list[str]:
    """A lightly edited copy of ``source``'s paragraphs, as another outlet or a later update prints it."""
    paras = list(source["paras"])
    if len(paras) > 2 and rng.random() < 0.3:
        paras.pop(rng.randrange(1, len(paras)))
    if len(paras) > 3 and rng.random() < 0.2:
        i = rng.randrange(1, len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    if rng.random() < 0.3:
        i = rng.randrange(len(paras))
        paras[i] = NUMBER.sub(lambda m: str(int(m.group()) + rng.randint(1, 9)), paras[i], count=1)
    if rng.random() < 0.2:
        sents = SENTENCE_END.split(paras[-1])
        paras.append(sents[-1])
    if len(paras) > 1 and rng.random() < 0.5:
        paras.insert(rng.randrange(1, len(paras)), f"Baca juga: {other['title']}")
    return paras


def write_corpus(rows: list[dict], folder: Path, n: int, shard_size: int, seed: int = 0) -> tuple[list[Path], int]:
    rng = random.Random(seed)
    start = date(2017, 1, 1)
    paths, words, fh = [], 0, None
    for k in range(n):
        if k % shard_size == 0:
            if fh:
                fh.close()
            paths.append(folder / f"crawl-{len(paths):05d}.jsonl")
            fh = paths[-1].open("w", encoding="utf-8")
        source, other = rng.choice(rows), rng.choice(rows)
        paras = edit(rng, source, other)
        outlet = rng.choice(OUTLETS)
        day = start + timedelta(days=rng.randrange(730))
        slug = "-".join(source["title"].lower().split()[:6])
        record = {"id": f"synth-{k:07d}", "url": f"https://{outlet.lower().replace(' ', '')}.example/{day}/{k}/{slug}",
                  "title": source["title"], "outlet": outlet, "published": day.isoformat(), "text": "\n".join(paras)}
        words += sum(len(p.split()) for p in paras)
        fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    if fh:
        fh.close()
    return paths, words


class TreeMemory:
    """Samples the resident memory of a process and all its descendants until stopped."""

    def __init__(self, pid: int, every: float = 0.5) -> None:
        self.samples: list[tuple[float, int, int]] = []  # (seconds since start, tree RSS, largest process RSS)
        self.per_process: dict[int, list[tuple[float, int]]] = {}  # pid: its (seconds, RSS) samples
        self._root, self._every, self._stop = psutil.Process(pid), every, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._start = time.monotonic()
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                procs = [self._root, *self._root.children(recursive=True)]
            except psutil.NoSuchProcess:
                return
            sizes = []
            for proc in procs:
                with contextlib.suppress(psutil.Error):  # it ended meanwhile
                    rss = proc.memory_info().rss
                    sizes.append(rss)
                    self.per_process.setdefault(proc.pid, []).append((time.monotonic() - self._start, rss))
            if sizes:
                self.samples.append((time.monotonic() - self._start, sum(sizes), max(sizes)))
            self._stop.wait(self._every)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def report(self) -> str:
        if not self.samples:
            return "no samples"
        peak = max(s[1] for s in self.samples)
        biggest = max(s[2] for s in self.samples)
        end = self.samples[-1][0]
        quarters = []
        for q in (0.25, 0.5, 0.75, 1.0):
            window = [s[1] for s in self.samples if (q - 0.25) * end <= s[0] <= q * end] or [0]
            quarters.append(f"{max(window) / 2**20:,.0f}")
        halves = []  # per process: peak RSS in the first and in the second half of the run
        for samples in self.per_process.values():
            first = max((rss for t, rss in samples if t <= end / 2), default=0)
            second = max((rss for t, rss in samples if t > end / 2), default=0)
            halves.append((first, second))
        grown = sorted(halves, key=lambda h: -max(h))[:4]
        each = ", ".join(f"{first / 2**20:,.0f} -> {second / 2**20:,.0f}" for first, second in grown)
        return (f"peak RSS of the process tree {peak / 2**20:,.0f} MB (largest process {biggest / 2**20:,.0f} MB); "
                f"peak per quarter of the run: {' / '.join(quarters)} MB; the biggest processes' peaks, first half "
                f"-> second half: {each} MB")


def worker_memory(out: Path) -> str:
    """Each worker's resident memory after its shards, from the done markers (``rss_mb``): after
    its first shard, after each further quarter of its shards, and how many shards it ran."""
    by_worker: dict[int, list[tuple[float, int]]] = {}
    for marker in (out / "done").iterdir():
        done = json.loads(marker.read_text(encoding="utf-8"))
        if done.get("worker") and done.get("rss_mb"):
            by_worker.setdefault(done["worker"], []).append((marker.stat().st_mtime, done["rss_mb"]))
    rows = []
    for worker, marks in sorted(by_worker.items()):
        rss = [r for _, r in sorted(marks)]
        points = [rss[0], *(rss[max(0, round(len(rss) * q) - 1)] for q in (0.25, 0.5, 0.75, 1.0))]
        rows.append(f"worker {worker}: {' -> '.join(str(r) for r in points)} MB ({len(rss)} shards)")
    return "RSS after each worker's first shard, then after each quarter of its shards: " + "; ".join(rows)


def run(cmd: list[str], label: str) -> tuple[float, TreeMemory]:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(proc.pid)
    out, err = proc.communicate()
    elapsed = time.perf_counter() - started
    memory.stop()
    if proc.returncode not in (0,):
        sys.exit(f"{label} failed ({proc.returncode}): {err.strip()[-2000:]}")
    return elapsed, memory


def warta(*args: str) -> list[str]:
    return [sys.executable, "-m", "warta", *args]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--n", type=int, default=100_000, help="articles in the synthetic corpus")
    parser.add_argument("--shard-size", type=int, default=2_000, help="articles per JSONL shard")
    parser.add_argument("--profile", default="fast")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--scaling", type=int, default=0, help="also time 1 and 2 workers on this many articles")
    parser.add_argument("--batch-only", action="store_true", help="stop after the batch step (no load)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="warta-batch-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        rows = read_articles(args.data)
        corpus = work / "corpus"
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir()
        t = time.perf_counter()
        shards, words = write_corpus(rows, corpus, args.n, args.shard_size)
        size = sum(p.stat().st_size for p in shards)
        print(f"corpus: {args.n:,} articles resampled from {len(rows):,} IndoSum articles, {words:,} words, "
              f"{len(shards)} JSONL shards, {size / 2**20:,.0f} MB, written in {time.perf_counter() - t:.1f} s")
        print(f"machine: {os.cpu_count()} cores; profile {args.profile}")

        out, db = work / "out", work / "store.db"
        shutil.rmtree(out, ignore_errors=True)
        db.unlink(missing_ok=True)
        elapsed, memory = run(warta("batch", str(corpus), "--out", str(out), "--workers", str(args.workers),
                                    "--profile", args.profile, "--quiet"), "warta batch")
        parquet = sum(p.stat().st_size for p in out.rglob("*.parquet"))
        print(f"warta batch --workers {args.workers}: {elapsed:,.0f} s, {args.n / elapsed:,.1f} pages/s, "
              f"{words / elapsed:,.0f} words/s ({args.n / elapsed / args.workers:,.1f} pages/s per worker), "
              f"Parquet {parquet / 2**20:,.0f} MB")
        print(f"  {memory.report()}")
        print(f"  {worker_memory(out)}")
        if args.batch_only:
            return

        elapsed, memory = run(warta("load", str(out), "--db", str(db), "--quiet"), "warta load")
        print(f"warta load: {elapsed:,.0f} s, {args.n / elapsed:,.1f} articles/s, "
              f"store {db.stat().st_size / 2**20:,.0f} MB")
        print(f"  {memory.report()}")
        stats = subprocess.run(warta("stats", "--db", str(db), "--format", "json"), capture_output=True, text=True,
                               check=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
        counts = json.loads(stats.stdout)
        keep = ("articles", "duplicates", "stories", "entities", "quotes", "times", "events", "event_reports",
                "skipped")
        print("  store: " + ", ".join(f"{k} {counts[k]:,}" for k in keep if isinstance(counts.get(k), int)))

        if args.scaling:
            small = work / "scaling"
            shutil.rmtree(small, ignore_errors=True)
            small.mkdir()
            small_shards, small_words = write_corpus(rows, small, args.scaling, max(args.scaling // 16, 1))
            rates = {}
            for workers in (1, 2):
                target = work / f"scaling-out-{workers}"
                shutil.rmtree(target, ignore_errors=True)
                elapsed, memory = run(warta("batch", str(small), "--out", str(target), "--workers", str(workers),
                                            "--profile", args.profile, "--quiet"), "warta batch")
                rates[workers] = args.scaling / elapsed
                print(f"scaling, {args.scaling:,} articles in {len(small_shards)} shards, --workers {workers}: "
                      f"{elapsed:,.1f} s, {rates[workers]:,.1f} pages/s; {memory.report()}")
            print(f"two workers / one worker: {rates[2] / rates[1]:.2f}x")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
