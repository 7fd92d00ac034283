"""Scale benchmark: the whole pipeline on HTML news pages, against trafilatura's extraction alone,
and one worker against two — measured side by side in one run.

Builds N HTML pages from IndoSum articles (``news/indosum_devfolds.jsonl`` under --data) in the
shape of an Indonesian news portal (navigation, headline, date line, paragraphs, "Baca juga"
links, related headlines, footer), then times, on the same pages:

1. ``trafilatura.extract`` alone, one process (the baseline the issue measures against);
2. ``warta ingest`` (clean + metadata + language + extraction + linking + store) with the default
   and the fast profile, one job;
3. the same with ``--jobs 2`` (two worker processes for the language analysis).

It prints pages/s, words/s, the ratio to trafilatura, and peak RSS (the largest single process,
and all its processes together).

    python bench/scale.py --data ../shared/data [--n 600] [--profiles default,fast]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from batch import TreeMemory  # bench/batch.py, beside this script

PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8"><title>{title} - Portal Berita</title>
<meta property="og:title" content="{title}"><meta property="article:published_time" content="{date}T10:00:00+07:00">
</head><body><header><nav><a href="/">Beranda</a> <a href="/news">News</a> <a href="/bisnis">Bisnis</a>
<a href="/olahraga">Olahraga</a></nav></header><main><article><h1>{title}</h1>
<div class="date">Senin, {date} 10:00 WIB</div><div class="content">{paragraphs}</div></article>
<aside><h3>Berita Terkait</h3><ul>{related}</ul></aside></main>
<footer><p>Copyright 2025 Portal Berita.</p><a href="/redaksi">Redaksi</a></footer></body></html>"""


def write_pages(source: Path, folder: Path, n: int) -> tuple[list[Path], int]:
    rows = []
    with source.open(encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= n + 5:
                break
    paths, words = [], 0
    for k, row in enumerate(rows[:n]):
        sentences = [" ".join(tokens) for para in row["paragraphs"] for tokens in para] if "paragraphs" in row else []
        text = row["text_detok"]
        paras = [p for p in text.split("\n") if p.strip()] or [text]
        if len(paras) == 1 and sentences:
            paras = [" ".join(sentences[i:i + 3]) for i in range(0, len(sentences), 3)]
        title = " ".join(text.split()[:9])
        body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
        if len(paras) > 2:
            body = (body.replace("</p>", "</p><p><strong>Baca juga:</strong> <a href='/x'>"
                                 f"{html.escape(' '.join(rows[k + 1]['text_detok'].split()[:8]))}</a></p>", 1))
        related = "".join(f"<li><a href='/r{j}'>{html.escape(' '.join(rows[k + j]['text_detok'].split()[:8]))}</a></li>"
                          for j in range(1, 5))
        page = PAGE.format(title=html.escape(title), date=f"2018-01-{1 + k % 28:02d}", paragraphs=body, related=related)
        path = folder / f"{k:05d}.html"
        path.write_text(page, encoding="utf-8")
        paths.append(path)
        words += len(text.split())
    return paths, words


def time_trafilatura(paths: list[Path]) -> float:
    code = ("import sys, time, trafilatura\n"
            "pages = [open(p, encoding='utf-8').read() for p in sys.argv[1:]]\n"
            "trafilatura.extract(pages[0])\n"
            "start = time.perf_counter()\n"
            "for page in pages: trafilatura.extract(page)\n"
            "print(time.perf_counter() - start)\n")
    done = subprocess.run([sys.executable, "-c", code, *map(str, paths)], capture_output=True, text=True, check=True,
                          env={**os.environ, "OMP_NUM_THREADS": "1"})
    return float(done.stdout.strip().splitlines()[-1])


def time_ingest(folder: Path, db: Path, profile: str, jobs: int) -> tuple[float, float, float]:
    """Wall seconds, the peak RSS of the largest single process and of the whole process tree
    (the ingest and its workers, sampled every 0.2 s) of one ingest run in a fresh process."""
    cmd = [sys.executable, "-m", "warta", "ingest", str(folder), "--db", str(db), "--quiet", "--profile", profile,
           "--jobs", str(jobs)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "OMP_NUM_THREADS": "1"})
    memory = TreeMemory(proc.pid, every=0.2)
    _, err = proc.communicate()
    elapsed = time.perf_counter() - start
    memory.stop()
    if proc.returncode:
        sys.exit(f"bench/scale.py: {' '.join(cmd)} failed ({proc.returncode}): {err.strip()[-2000:]}")
    largest = max((s[2] for s in memory.samples), default=0) / 2**20
    tree = max((s[1] for s in memory.samples), default=0) / 2**20
    return elapsed, largest, tree


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="../shared/data", help="folder holding news/indosum_devfolds.jsonl")
    parser.add_argument("--n", type=int, default=600, help="HTML pages to build (default 600)")
    parser.add_argument("--profiles", default="default,fast", help="comma-separated profiles")
    args = parser.parse_args()
    source = Path(args.data) / "news" / "indosum_devfolds.jsonl"
    if not source.exists():
        print(f"bench/scale.py: {source} not found; pass --data", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        paths, words = write_pages(source, folder, args.n)
        n = len(paths)
        base = time_trafilatura(paths)
        print(f"{n} HTML pages ({words:,} article words), process start and model load included for warta\n")
        print(f"trafilatura.extract alone   {base:7.2f} s  {n / base:8.0f} pages/s  (1 process)")
        for profile in args.profiles.split(","):
            one = None
            for jobs in (1, 2):
                secs, rss, tree = time_ingest(folder, Path(tmp) / f"{profile}-{jobs}.db", profile, jobs)
                one = one or secs
                print(f"warta ingest {profile:<8} -j{jobs}  {secs:7.2f} s  {n / secs:8.1f} pages/s  "
                      f"{words / secs:9,.0f} words/s  {secs / base:6.1f}x trafilatura  "
                      f"peak RSS {rss:5.0f} MB (all processes {tree:5.0f} MB)"
                      + (f"  scaling {one / secs:.2f}x" if jobs > 1 else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
