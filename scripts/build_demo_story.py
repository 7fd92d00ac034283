#!/usr/bin/env python3
"""Find a developing story across outlets in IndoSum with warta itself, and write it into samples/.

    python scripts/build_demo_story.py [--data ../shared/data] [--profile fast]

The demo (``make demo``) should show what warta is for across articles: a story told by several
outlets, a copy of one page found as a duplicate, one event reported by several articles merged into
one timeline entry. No news text is written here; the story is found, not made:

1. every IndoSum article of the dev folds (CC BY-SA 4.0; Kurniawan & Louvan 2018) is ingested with
   warta into a scratch store (its publication day from the id, its outlet, its URL; the title from
   the URL's last segment, as the publisher wrote it there);
2. of the stories warta forms with at least 4 articles from at least 3 outlets, the one with the most
   events merged across its articles is taken (ties: more outlets, more articles, the id);
3. its articles are written to ``samples/story/indosum_story.jsonl``, and one of them (the first from
   a news agency whose text others republish, else the first) once more as a page in its outlet's
   furniture (``samples/story/republished_<outlet>.txt``): the same article text in a portal's
   header, menus, "Baca juga" links and footer, as a republished page looks.

Deterministic: the same data give the same files.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "samples" / "story"
MIN_ARTICLES, MIN_OUTLETS = 4, 3
AGENCIES = ("antaranews", "ANTARA")  # outlets whose text others republish
_UPPER = {"as", "tni", "pbb", "kpk", "dpr", "ri", "ktp", "mk", "ma", "polri", "psg", "ott", "pdip", "pan", "ppp",
          "pks", "ui", "ham", "ktt", "asean", "dk"}
_LOWER = {"di", "ke", "dan", "soal", "dari", "untuk", "yang", "atau", "pada", "dengan", "tak", "kata"}


def title_of(url: str | None) -> str | None:
    """The headline as the publisher wrote it in the URL's last segment ("presiden-minta-saya-tidak-ke-as"
    -> "Presiden Minta Saya Tidak ke AS")."""
    if not url:
        return None
    slug = url.rstrip("/").rsplit("/", 1)[-1]
    slug = re.sub(r"^\d{8,}-\d+-\d+-?", "", slug)  # cnnindonesia: 20171022182029-20-250164-kronologi-...
    words = [w for w in slug.split("-") if w]
    if len(words) < 3:
        return None
    out = []
    for n, w in enumerate(words):
        out.append(w.upper() if w in _UPPER else w if n and w in _LOWER else w.capitalize())
    return " ".join(out)


def records(data: Path) -> list[dict]:
    rows = []
    for line in (data / "news" / "indosum_devfolds.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        text = "\n\n".join(p.strip() for p in r["text_detok"].split("\n") if p.strip())
        rows.append({"id": r["id"], "published": r["date_from_id"][:10], "outlet": r["source"],
                     "url": r.get("source_url"), "title": title_of(r.get("source_url")), "text": text})
    return rows


def best_story(db: Path) -> tuple[str, list[str]]:
    conn = sqlite3.connect(db)
    scored = []
    for story, n, outlets in conn.execute("SELECT story, count(*), count(DISTINCT outlet) FROM articles GROUP BY story "
                                          "HAVING count(*) >= ? AND count(DISTINCT outlet) >= ?",
                                          (MIN_ARTICLES, MIN_OUTLETS)):
        merged = conn.execute("SELECT count(*) FROM (SELECT e.merged FROM events e "
                              "JOIN articles a ON a.id = e.article_id WHERE a.story = ? "
                              "GROUP BY e.merged HAVING count(DISTINCT e.article_id) >= 2)", (story,)).fetchone()[0]
        scored.append((-merged, -outlets, -n, story))
    if not scored:
        raise SystemExit("no story of 4 articles from 3 outlets found")
    story = sorted(scored)[0][3]
    ids = [r[0] for r in conn.execute("SELECT id FROM articles WHERE story = ? ORDER BY published, id", (story,))]
    return story, ids


FURNITURE_TOP = """{outlet} News
Beranda | Politik | Hukum | Ekonomi | Dunia | Olahraga | Hiburan
Politik
{title}
{published} 19:05 WIB
"""
_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
           "November", "Desember")


def _day_line(day: str) -> str:
    d = date.fromisoformat(day)
    return f"{_DAYS[d.weekday()]}, {d.day} {_MONTHS[d.month - 1]} {d.year}"
FURNITURE_BOTTOM = """
Baca juga: Berita terkini hari ini
Baca juga: Indeks berita politik

COPYRIGHT © {outlet} {year}

Terpopuler
Indeks berita
Kirim berita | Kebijakan privasi | Tentang kami
"""


def republished(article: dict) -> str:
    """The article's own text in a portal page's furniture (header, menus, "Baca juga", footer)."""
    outlet = "ANTARA" if article["outlet"] in AGENCIES else article["outlet"]
    top = FURNITURE_TOP.format(outlet=outlet, title=article["title"] or "", published=_day_line(article["published"]))
    return top + "\n" + article["text"] + "\n" + FURNITURE_BOTTOM.format(outlet=outlet, year=article["published"][:4])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    ap.add_argument("--profile", default="fast", help="profile of the scratch ingest (fast: about a minute)")
    args = ap.parse_args()
    rows = records(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        pages, db = Path(tmp) / "indosum.jsonl", Path(tmp) / "indosum.db"
        pages.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        warta = [sys.executable, "-m", "warta"]
        subprocess.run([*warta, "ingest", str(pages), "--db", str(db), "--profile", args.profile, "--quiet"],
                       check=True)
        story, ids = best_story(db)
    chosen = [r for r in rows if r["id"] in set(ids)]
    chosen.sort(key=lambda r: (r["published"], r["id"]))
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "indosum_story.jsonl").open("w", encoding="utf-8") as fh:
        for r in chosen:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    copy = next((r for r in chosen if r["outlet"] in AGENCIES), chosen[0])
    name = "republished_" + re.sub(r"\W+", "", copy["outlet"].lower()) + ".txt"  # after the JSONL: the copy
    (OUT / name).write_text(republished(copy), encoding="utf-8")
    outlets = sorted({r["outlet"] for r in chosen})
    print(f"{story}: {len(chosen)} articles from {len(outlets)} outlets ({', '.join(outlets)}) -> {OUT}; "
          f"republished copy of {copy['id']} -> {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
