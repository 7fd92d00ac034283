"""Ingest benchmark: articles/s and peak RSS for the whole of `warta ingest` on real news pages.

Writes every article of IndoSum's dev folds (``news/indosum_devfolds.jsonl`` under --data) as a
plain-text page, then runs ``warta ingest`` on them in a child process (one core: warta ingest is
single-process) and prints the figures. A second run on the same store measures re-ingest (every
page unchanged).

    python bench/ingest.py --data ../shared/data [--limit N] [--profile default|fast] [--jobs N]

With ``--jobs N`` the language analysis runs in N worker processes (``warta ingest --jobs``);
peak RSS is then that of the largest single process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def write_pages(source: Path, folder: Path, limit: int | None) -> tuple[int, int]:
    count = words = 0
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record["text_detok"]
            (folder / f"{count:05d}.txt").write_text(text, encoding="utf-8")
            words += len(text.split())
            count += 1
            if limit and count >= limit:
                break
    return count, words


def run_ingest(pages: Path, db: Path, profile: str, jobs: int = 1) -> tuple[float, float]:
    """Wall seconds and the child's peak RSS in MB."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    cmd = [sys.executable, "-c", "from warta.cli import main; main()", "ingest", str(pages), "--db", str(db), "--quiet",
           "--profile", profile, "--jobs", str(jobs)]
    subprocess.run(cmd, check=True, env={**os.environ, "OMP_NUM_THREADS": "1"})
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data", help="folder holding news/indosum_devfolds.jsonl")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument("--profile", default="default", help="default or fast (default: default)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes for the language analysis")
    args = parser.parse_args()
    source = Path(args.data) / "news" / "indosum_devfolds.jsonl"
    if not source.exists():
        print(f"bench/ingest.py: {source} not found; pass --data", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "pages"
        pages.mkdir()
        n, words = write_pages(source, pages, args.limit)
        db = Path(tmp) / "bench.db"
        first, peak = run_ingest(pages, db, args.profile, args.jobs)
        again, _ = run_ingest(pages, db, args.profile)
        size = db.stat().st_size / 2**20
    print(f"pages:             {n} text pages, {words} words (IndoSum dev folds)")
    jobs = f"{args.jobs} job{'s' if args.jobs > 1 else ''}"
    print(f"ingest ({jobs}):    {first:.2f} s  = {n / first:.0f} articles/s, {words / first:.0f} words/s"
          f" (clean + metadata + language + {args.profile} NLP + linking + store, process start included)")
    print(f"peak RSS:          {peak:.0f} MB")
    print(f"re-ingest:         {again:.2f} s  = {n / again:.0f} articles/s (all unchanged)")
    print(f"store size:        {size:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
