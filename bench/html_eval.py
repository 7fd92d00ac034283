"""HTML main text: warta against trafilatura alone, on trafilatura's own evaluation pages.

trafilatura's repository holds its evaluation set: ``tests/evaldata.json`` (per page, text
chunks that must be in the main text, ``with``, and chunks that must not, ``without``) and the
pages under ``tests/eval/``. This script is not given them: fetch the repository (Apache-2.0)
yourself and point ``--eval`` at its ``tests`` folder. The pages are many languages; few are
Indonesian, so the comparison asks whether warta's line cleaner after trafilatura removes text it
should not (its furniture rules firing on other languages' prose).

Both sides run the same ``bare_extraction`` call (``warta.clean.html.extract_html``); trafilatura's
side is its text as it comes, warta's is the body of ``warta.pipeline.analyze_page``. Scoring is
trafilatura's: a chunk counts when its whitespace-normalised form is a substring of the
whitespace-normalised output; precision, recall and F1 over all pages' chunk counts.

Pages named by a 32-hex-digit hash are left out (``--include-hashed`` keeps them): they look like
the pages of the ScrapingHub article-extraction benchmark, which warta must not be tuned on.

    python bench/html_eval.py --eval /path/to/trafilatura/tests [--limit N] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

from warta.article import RawPage
from warta.clean.html import extract_html
from warta.errors import InputError
from warta.ingest.decode import decode_bytes
from warta.pipeline import analyze_page

_HASHED = re.compile(r"^[0-9a-f]{32}\.html?$")


def norm(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def count(item: dict, output: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one page, as trafilatura's evaluation counts them."""
    out = norm(output)
    tp = sum(1 for chunk in item["with"] if norm(chunk) in out) if out else 0
    fp = sum(1 for chunk in item["without"] if norm(chunk) in out) if out else 0
    return tp, fp, len(item["with"]) - tp, len(item["without"]) - fp


def scores(c: list[int]) -> tuple[float, float, float]:
    tp, fp, fn, _ = c
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval", required=True, help="trafilatura's tests folder (evaldata.json and eval/)")
    parser.add_argument("--limit", type=int, help="first N pages only")
    parser.add_argument("--include-hashed", action="store_true", help="keep the hash-named pages")
    parser.add_argument("--show", type=int, default=0, help="print N pages where warta loses a chunk")
    args = parser.parse_args()
    folder = Path(args.eval)
    evaldata = json.loads((folder / "evaldata.json").read_text(encoding="utf-8"))
    totals = {"trafilatura": [0, 0, 0, 0], "warta": [0, 0, 0, 0]}
    pages = skipped = 0
    losses: list[tuple[str, list[str]]] = []
    elapsed = {"trafilatura": 0.0, "warta": 0.0}
    for url, item in evaldata.items():
        name = item["file"]
        path = folder / "eval" / name
        if (_HASHED.match(name) and not args.include_hashed) or not path.exists():
            skipped += 1
            continue
        if args.limit and pages >= args.limit:
            break
        html = decode_bytes(path.read_bytes(), str(path))
        start = time.perf_counter()
        extracted = extract_html(html, url)
        elapsed["trafilatura"] += time.perf_counter() - start
        start = time.perf_counter()
        try:
            body = analyze_page(RawPage(source=name, kind="html", content=html, url=url),
                                extracted=extracted, language=False).body
        except InputError:
            body = ""
        elapsed["warta"] += time.perf_counter() - start
        base = extracted.text if extracted else ""
        for side, output in (("trafilatura", base), ("warta", body)):
            for index, value in enumerate(count(item, output)):
                totals[side][index] += value
        lost = [chunk for chunk in item["with"] if norm(chunk) in norm(base) and norm(chunk) not in norm(body)]
        if lost:
            losses.append((name, lost))
        pages += 1
    print(f"pages: {pages} (left out: {skipped} hash-named or missing)")
    print(f"{'':12s} {'precision':>9s} {'recall':>7s} {'F1':>7s}   tp/fp/fn/tn")
    for side, c in totals.items():
        p, r, f = scores(c)
        print(f"{side:12s} {p:9.4f} {r:7.4f} {f:7.4f}   {'/'.join(map(str, c))}")
    print(f"warta's cleaning after trafilatura: {elapsed['warta']:.1f} s; trafilatura {elapsed['trafilatura']:.1f} s")
    print(f"pages where warta's cleaning loses a chunk trafilatura kept: {len(losses)}")
    for name, lost in losses[: args.show]:
        print(f"  {name}: " + " | ".join(chunk[:70] for chunk in lost))
    return 0


if __name__ == "__main__":
    sys.exit(main())
