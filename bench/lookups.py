"""Name lookups in a large store: what ingest asks for each undefined acronym and familiar nickname
(``Store.entity_for_acronym``, ``Store.person_for_nickname``), what ``warta timeline``, ``warta
quotes --speaker`` and the HTTP API ask for a name (``Store.entity_ids``), and the quotes of a speaker
or about an entity (``Store.quotes(speaker=...)``, ``Store.quotes(entity=...)``: ``warta quotes``,
the entity page).

Fills a fresh store with --articles synthetic articles of --mentions mentions each and three
quotes each (random person names drawn from a pool, one real organisation and its acronym among
them, one person quoted and named in quotes), then times each lookup,
averaged over --repeat calls, with the store as it is (migration 9's indexes of mention texts and
entity names) and with those indexes dropped (as stores were before it).

    python bench/lookups.py [--articles 100000] [--mentions 20] [--repeat 20]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from warta.store import Store  # noqa: E402


def fill(store: Store, articles: int, mentions: int, seed: int = 0) -> None:
    rng = random.Random(seed)
    pool = articles * 2
    conn = store.conn
    conn.execute("PRAGMA foreign_keys = OFF")  # mentions of articles that are not stored: lookups only
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO entity_mentions VALUES (?, ?, ?, ?, ?, ?)", (
        (f"a{a}", f"per:p{(n := rng.randrange(pool))}", k * 10, k * 10 + 5, f"Nama{n}", None)
        for a in range(articles) for k in range(mentions)))
    conn.executemany("INSERT INTO quotes(article_id, start, end, kind, text, speaker, speaker_name, speaker_id, cue) "
                     "VALUES (?, ?, ?, 'direct', ?, ?, ?, ?, 'kata')", (
        (f"a{a}", k * 100, k * 100 + 50, f"kutipan {a} {k}", f"Nama{(n := rng.randrange(pool))}", f"Nama{n} Santoso",
         f"per:p{n}") for a in range(articles) for k in range(3)))
    conn.executemany("INSERT OR IGNORE INTO entities VALUES (?, ?, 'PER', 1, 1)",
                     ((f"per:p{n}", f"Nama{n} Santoso") for n in range(pool)))
    conn.executemany("INSERT INTO entity_mentions VALUES (?, ?, ?, ?, ?, ?)", [
        ("b1", "org:forum-warga", 0, 20, "Forum Warga Peduli Lingkungan", None),
        ("b1", "org:forum-warga", 30, 34, "FWPL", None),
        ("b1", "per:muhaimin-iskandar", 40, 57, "Muhaimin Iskandar", None),
        ("b1", "per:muhaimin-iskandar", 60, 68, "Cak Imin", None),
        ("b2", "per:muhaimin-iskandar", 110, 118, "Cak Imin", None)])
    conn.executemany("INSERT INTO articles(id, source, kind, body, annotations, ingested_at) "
                     "VALUES (?, ?, 'text', '', ?, '2026-12-07')",
                     [(a, f"{a}.txt", json.dumps({"quotes": [{"start": start}]}))
                      for a, start in (("b1", 70), ("b2", 100))])
    conn.executemany("INSERT INTO quotes(article_id, start, end, kind, text, speaker, speaker_name, speaker_id, cue) "
                     "VALUES (?, ?, ?, 'direct', ?, ?, ?, ?, 'kata')", [
                         ("b1", 70, 90, "kami siap", "Cak Imin", "Muhaimin Iskandar", "per:muhaimin-iskandar"),
                         ("b2", 100, 130, "kata Cak Imin itu", "pejabat", None, None)])
    conn.executemany("INSERT INTO entities VALUES (?, ?, ?, 1, 2)", [
        ("org:forum-warga", "Forum Warga Peduli Lingkungan", "ORG"),
        ("per:muhaimin-iskandar", "Muhaimin Iskandar", "PER")])
    conn.execute("COMMIT")


def timed(call, repeat: int) -> tuple[float, object]:
    start = time.perf_counter()
    for _ in range(repeat):
        result = call()
    return (time.perf_counter() - start) / repeat * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--mentions", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(str(Path(tmp) / "lookups.db"))
        fill(store, args.articles, args.mentions)
        store.entity_ids("warm")  # the knowledge base loads once
        print(f"{args.articles:,} articles, {args.articles * args.mentions:,} mentions")
        calls = {"entity_for_acronym('FWPL')": lambda: store.entity_for_acronym("FWPL", "org:x"),
                 "person_for_nickname('Imin')": lambda: store.person_for_nickname("Imin", "per:x"),
                 "entity_ids('Muhaimin Iskandar')": lambda: store.entity_ids("Muhaimin Iskandar"),
                 "quotes(speaker='Cak Imin')": lambda: len(store.quotes(speaker="Cak Imin")),
                 "quotes(entity='Muhaimin Iskandar')": lambda: len(store.quotes(entity="Muhaimin Iskandar"))}
        for label in ("with the indexes", "without them"):
            if label == "without them":
                store.conn.execute("DROP INDEX entity_mentions_text")
                store.conn.execute("DROP INDEX entities_name")
                store.conn.execute("DROP INDEX quotes_speaker")
            for name, call in calls.items():
                ms, result = timed(call, args.repeat)
                print(f"  {label:17s} {name:34s} {ms:9.3f} ms  {result}")
        store.close()


if __name__ == "__main__":
    main()
