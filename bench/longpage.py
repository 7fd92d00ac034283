"""Cost of one pathological page: time and peak memory of `warta analyze` on single-line pages.

A page of one huge line (a flattened dump, a minified script saved as text, a crawl error) must
cost time and memory in proportion to its size, and a page over the article limit
(``warta.pipeline.MAX_BODY_CHARS``) must be one skip line, not an out-of-memory kill. For each size
(0.1, 1, 5 and 10 MB by default) and each kind of line, this writes the page, runs
``warta analyze PAGE`` in a child process and prints its wall time, the child's peak RSS and what
became of the page (analysed or skipped, with the reason). Kinds:

  words      Indonesian words with no punctuation at all (one sentence, as far as any splitter sees)
  prose      the bundled sample pages' paragraphs joined into one line, repeated
  quotes     words with a quotation mark every few words (quote pairing over one paragraph)
  token      one token with no space (a base64 blob)
  html       the prose kind as one <p> of an HTML page

    python bench/longpage.py [--sizes 0.1,1,5,10] [--kinds words,prose,...] [--profile fast]
"""

from __future__ import annotations

import argparse
import base64
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("Presiden mengatakan bahwa pemerintah akan menaikkan harga BBM pekan depan di Jakarta kata dia "
         "Menteri Keuangan Sri Mulyani menegaskan anggaran tetap terjaga").split()


def _prose() -> str:
    paragraphs = []
    for page in sorted((ROOT / "samples").glob("*.txt")):
        paragraphs += [line.strip() for line in page.read_text(encoding="utf-8", errors="replace").splitlines()
                       if len(line.split()) >= 12]
    return " ".join(paragraphs)


def make(kind: str, size: int, rng: random.Random) -> tuple[str, str]:
    """(text, file suffix) of at most ``size`` bytes in UTF-8."""
    text, suffix = _make(kind, size, rng)
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore"), suffix


def _make(kind: str, size: int, rng: random.Random) -> tuple[str, str]:
    if kind == "words":
        parts, total = [], 0
        while total < size:
            word = rng.choice(WORDS)
            parts.append(word)
            total += len(word) + 1
        return " ".join(parts)[:size], ".txt"
    if kind == "quotes":
        parts, total = [], 0
        while total < size:
            word = rng.choice(WORDS) + ('"' if rng.random() < 0.15 else "")
            parts.append(word)
            total += len(word) + 1
        return " ".join(parts)[:size], ".txt"
    if kind == "token":
        return base64.b64encode(rng.randbytes(size * 3 // 4)).decode("ascii")[:size], ".txt"
    prose = _prose()
    text = (prose + " ") * (size // (len(prose) + 1) + 1)
    text = text[:size]
    if kind == "html":
        page = f"<html><head><title>Halaman panjang</title></head><body><article><p>{text}</p></article></body></html>"
        return page, ".html"
    return text, ".txt"


# Each run goes through a small parent of its own, whose children's peak RSS is that run's alone.
_WRAPPER = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
sys.stdout.write(done.stdout[-2000:])
sys.stderr.write(done.stderr)
sys.stderr.write(f"\\nPEAK_KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}\\n")
sys.exit(done.returncode)
"""


def run(path: Path, profile: str | None) -> tuple[float, float, str]:
    warta = str(Path(sys.executable).with_name("warta"))
    command = [sys.executable, "-c", _WRAPPER, warta, "analyze", str(path)]
    command += ["--profile", profile] if profile else []
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peaks = [line.split()[1] for line in done.stderr.splitlines() if line.startswith("PEAK_KB ")]
    rss = int(peaks[-1]) / 1024 if peaks else float("nan")
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped")]
    if done.returncode not in (0, 1):
        outcome = f"exit {done.returncode}: {done.stderr.strip().splitlines()[-2:-1]}"
    elif skipped:
        outcome = "skipped: " + skipped[0].split(": ", 1)[-1][:70]
    else:
        outcome = f"analysed ({len(done.stdout.splitlines())} article)"
    return elapsed, rss, outcome


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="0.1,1,5,10", help="page sizes in MB, comma-separated")
    parser.add_argument("--kinds", default="words,prose,quotes,token,html")
    parser.add_argument("--profile")
    args = parser.parse_args()
    rng = random.Random(20261206)
    sizes = [float(s) for s in args.sizes.split(",")]
    print(f"{'kind':8s} {'MB':>5s} {'seconds':>8s} {'peak MB':>8s}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for kind in args.kinds.split(","):
            for size in sizes:
                text, suffix = make(kind, int(size * 1024 * 1024), rng)
                path = Path(folder) / f"{kind}-{size}{suffix}"
                path.write_text(text, encoding="utf-8")
                elapsed, rss, outcome = run(path, args.profile)
                print(f"{kind:8s} {size:5.1f} {elapsed:8.2f} {rss:8.0f}  {outcome}", flush=True)
                path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
