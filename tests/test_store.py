"""The store: migrations, idempotent ingest, search, statistics that learn furniture, crash safety."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from warta import api
from warta.article import Article
from warta.errors import NotFound, StoreError
from warta.store import Store
from warta.store.schema import MIGRATIONS

from .conftest import ARTICLE


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store(db).close()
    Store(db).close()
    rows = sqlite3.connect(db).execute("SELECT version, title FROM schema_migrations").fetchall()
    assert [v for v, _ in rows] == [m[0] for m in MIGRATIONS]
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_names_are_looked_up_through_indexes(tmp_path: Path) -> None:
    """Looking an entity up by a name (timeline, quotes by speaker), an acronym up at ingest and the
    quotes of a speaker or about an entity read indexes, not every stored mention or quote (migration
    9); a store made before it is upgraded."""
    db = tmp_path / "s.db"
    Store(db).close()
    with sqlite3.connect(db) as conn:  # as a store made before migration 9 was
        conn.execute("DROP INDEX entity_mentions_text")
        conn.execute("DROP INDEX entities_name")
        conn.execute("DROP INDEX quotes_speaker")
        conn.execute("DELETE FROM schema_migrations WHERE version = 9")
    with Store(db) as store:
        def plan(sql: str, *params: str) -> str:
            return " ".join(row[-1] for row in store.conn.execute("EXPLAIN QUERY PLAN " + sql, params))

        assert "USING INDEX entity_mentions_text" in plan(
            "SELECT entity_id FROM entity_mentions WHERE text = ? COLLATE NOCASE", "KPK")
        assert "USING INDEX entities_name" in plan("SELECT id FROM entities WHERE name = ? COLLATE NOCASE", "KPK")
        assert "SCAN m" not in plan(
            "SELECT e.id FROM entity_mentions m JOIN entities e ON e.id = m.entity_id "
            "WHERE m.text = ? COLLATE NOCASE AND m.text = ?", "KPK", "KPK")
        assert store.entity_for_acronym("KPK", "org:x") is None and store.person_for_nickname("Imin", "per:x") is None
        for speaker, entity in (("pejabat Gedung Putih", None), (None, "Komisi Pemberantasan Korupsi")):
            where, params = store._quote_filter(speaker, None, None, entity)  # warta quotes, the entity page
            assert "SCAN q" not in plan(f"SELECT q.start FROM quotes q WHERE {where}", *params)


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("my notes, not a database\n")
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        Store(db)
    assert db.read_text() == "my notes, not a database\n"


def test_ingest_twice_changes_nothing(tmp_path: Path, article_page: Path) -> None:
    db = str(tmp_path / "s.db")
    first = api.ingest([str(article_page.parent)], db)
    second = api.ingest([str(article_page.parent)], db)
    assert (first.stored, first.unchanged) == (1, 0)
    assert (second.stored, second.unchanged) == (0, 1)
    with Store(db) as store:
        (article,) = list(store.iter_articles())
        assert article.outlet == "CNN Indonesia" and article.dateline == "Jakarta"
        assert article.published == "2017-03-27" and article.published_estimated
        assert "(dal/dal)" not in article.body and "Gambas" not in article.body
        assert [r.rule for r in store.get(article.id[:6]).removed] == ["dateline", "editor-initials", "video-marker"]


def test_search_ranks_and_filters(tmp_path: Path, article_page: Path) -> None:
    other = article_page.parent / "other.txt"
    other.write_text("KOMPAS.com - Harga cabai rawit di Pasar Induk Kramat Jati naik tajam menjelang Lebaran.\n")
    db = str(tmp_path / "s.db")
    api.ingest([str(article_page.parent)], db)
    with Store(db) as store:
        hits = store.search("defisit anggaran")
        assert [h.outlet for h in hits] == ["CNN Indonesia"]
        assert "\x02defisit\x03" in hits[0].snippet.lower()
        assert store.search("cabai", outlet="kompas.com")[0].outlet == "Kompas.com"
        assert store.search("cabai", outlet="CNN Indonesia") == []
        assert store.search("defisit", since="2017-03-28") == []
        assert len(store.search("defisit", since="2017-03-27", until="2017-03-27")) == 1
        assert store.search("Kramat-Jati") != []  # not FTS syntax: searched as plain words
        with pytest.raises(NotFound):
            store.get("ffffffff")


def test_recurring_lines_of_an_outlet_become_furniture(tmp_path: Path) -> None:
    """A line printed on many pages of one outlet is learned as furniture (no pattern knows it)."""
    promo = "Nikmati Promo Spesial Akhir Pekan Hanya di Toko Kami"
    topics = ["harga beras", "banjir di Bekasi", "jalan tol Trans Jawa", "vaksinasi anak", "pajak kendaraan"]
    for n, topic in enumerate(topics):
        (tmp_path / f"{n}.txt").write_text(
            f"WARTACONTOH.COM, BANDUNG - Pemerintah daerah membahas {topic} dalam rapat kerja yang digelar pekan ini.\n"
            f"{promo}\n"
            f"Rapat itu dihadiri oleh para kepala dinas dan anggota dewan yang membidangi {topic} di daerah.\n")
    db = str(tmp_path / "s.db")
    api.ingest([str(tmp_path / f"{n}.txt") for n in range(len(topics))], db)
    with Store(db) as store:
        bodies = [a.body for a in store.iter_articles()]
        stats = store.stats()
    assert all(promo in body for body in bodies[:3])
    assert all(promo not in body for body in bodies[3:])
    assert ("Wartacontoh.com", 5, promo.casefold()) in stats["recurring_lines"]


def _many_pages(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        (folder / f"{i:04d}.txt").write_text(ARTICLE.replace("tahun ini", f"tahun ini (catatan {i})"))


def test_kill_9_during_ingest_leaves_a_consistent_store(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    _many_pages(pages, 400)
    db = tmp_path / "s.db"
    proc = subprocess.Popen([sys.executable, "-m", "warta", "ingest", str(pages), "--db", str(db), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if db.exists():
            try:
                stored = sqlite3.connect(db, timeout=1).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                continue
            if stored >= 20:
                break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert stored >= 20, "ingest did not get going"
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    partial = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert partial < 400
    # every stored article is complete: its removed lines and search index entry are there
    assert conn.execute("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                        "(SELECT 1 FROM removed_lines r WHERE r.article_id = a.id)").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'defisit'").fetchone()[0] == partial
    conn.close()
    summary = api.ingest([str(pages)], str(db))
    assert summary.unchanged == partial and summary.stored == 400 - partial
    with Store(db) as store:
        assert store.stats()["articles"] == 400


def test_force_replaces_an_article_and_what_was_derived_from_it(tmp_path: Path, article_page: Path) -> None:
    db = str(tmp_path / "s.db")
    tables = ("articles", "entity_mentions", "quotes", "quotes_fts", "times", "removed_lines", "line_stats")

    def counts(store: Store) -> dict[str, object]:
        rows = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
        rows["seen"] = store.conn.execute("SELECT sum(n_docs) FROM line_stats").fetchone()[0]
        rows["entities"] = store.conn.execute("SELECT id, articles, mentions FROM entities ORDER BY id").fetchall()
        return rows

    api.ingest([str(article_page)], db)
    with Store(db) as store:
        before = counts(store)
    assert before["quotes"] > 0 and before["times"] > 0 and before["entities"]
    again = api.ingest([str(article_page)], db, force=True)
    assert (again.stored, again.unchanged) == (1, 0)
    with Store(db) as store:
        assert counts(store) == before, "replacing an article must not double what was derived from it"


def test_a_syndicated_copy_is_stored_as_a_duplicate_of_the_first_page(tmp_path: Path) -> None:
    from .conftest import SAMPLES

    original = (SAMPLES / "kompas_regional.txt").read_text(encoding="utf-8")
    body_lines = [line for line in original.splitlines() if len(line.split()) > 12]
    # another portal runs the same report: its own header and dateline, a trimmed ending, a credit line
    copy = ("Regional · Tribunnews.com\n\nAMBON, TRIBUN - " + "\n\n".join(body_lines[1:-2])
            + "\n\nArtikel ini telah tayang di Kompas.com\n")
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a_original.txt").write_text(original, encoding="utf-8")
    (pages / "b_copy.txt").write_text(copy, encoding="utf-8")
    (pages / "c_other.txt").write_text((SAMPLES / "tempo_nasional.txt").read_text(encoding="utf-8"), encoding="utf-8")
    db = str(tmp_path / "s.db")
    api.ingest([str(pages)], db)
    with Store(db) as store:
        by_source = {Path(a.source).name: a for a in store.iter_articles()}
        first, second, other = by_source["a_original.txt"], by_source["b_copy.txt"], by_source["c_other.txt"]
        assert first.duplicate_of is None and other.duplicate_of is None
        assert second.duplicate_of == first.id and second.story == first.story
        assert store.conn.execute("SELECT count(*) FROM signatures").fetchone()[0] == 3
    # a later run finds copies of pages stored before it (the index is rebuilt from the store)
    (pages / "d_copy_again.txt").write_text(copy.replace("AMBON, TRIBUN - ", "AMBON - "), encoding="utf-8")
    api.ingest([str(pages / "d_copy_again.txt")], db)
    with Store(db) as store:
        again = next(a for a in store.iter_articles() if a.source.endswith("d_copy_again.txt"))
        assert again.duplicate_of == first.id


def test_worker_processes_give_the_same_store_as_one_process(tmp_path: Path, monkeypatch) -> None:
    from warta import run

    from .conftest import SAMPLES

    monkeypatch.setattr(run, "BATCH_SIZE", 3)  # many batches in flight at once across the two workers

    def exported(db: str) -> list[dict]:
        with Store(db) as store:
            return [a.to_json() | {"ingested": None} for a in store.iter_articles()]

    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    first = api.ingest([str(SAMPLES)], one, profile="fast")
    second = api.ingest([str(SAMPLES)], two, profile="fast", jobs=2)
    assert (first.stored, len(first.skipped)) == (second.stored, len(second.skipped)) and first.stored > 10
    assert exported(one) == exported(two)
    with Store(one) as a, Store(two) as b:
        for table in ("line_stats", "entities", "events", "related", "signatures"):
            sql = f"SELECT * FROM {table} ORDER BY 1, 2"
            assert a.conn.execute(sql).fetchall() == b.conn.execute(sql).fetchall(), table


def test_the_article_count_follows_inserts_replacements_and_older_stores(tmp_path: Path, article_page: Path) -> None:
    other = article_page.parent / "other.txt"
    other.write_text("KOMPAS.com - Harga cabai rawit di Pasar Induk Kramat Jati naik tajam menjelang Lebaran.\n")
    db = str(tmp_path / "s.db")

    def counts() -> tuple[int, int]:
        with sqlite3.connect(db) as conn:
            return (conn.execute("SELECT n FROM counts WHERE name = 'articles'").fetchone()[0],
                    conn.execute("SELECT count(*) FROM articles").fetchone()[0])

    api.ingest([str(article_page.parent)], db, profile="fast")
    assert counts() == (2, 2)
    api.ingest([str(article_page.parent)], db, profile="fast", force=True)  # delete + insert each
    assert counts() == (2, 2)
    with sqlite3.connect(db) as conn:  # as a store made before migration 6 was
        conn.execute("DROP TABLE counts")
        conn.execute("DROP TRIGGER articles_counted")
        conn.execute("DROP TRIGGER articles_uncounted")
        conn.execute("DELETE FROM schema_migrations WHERE version = 6")
    Store(db).close()
    assert counts() == (2, 2)


def test_worker_processes_extract_html_pages_ahead_with_the_same_store(tmp_path: Path, monkeypatch) -> None:
    """With --jobs, HTML pages are extracted in the workers, a few batches ahead of the cleaning:
    the same articles, languages and skips as one process, a bad page among them included."""
    from warta import annotate, run

    from .conftest import SAMPLES

    monkeypatch.setattr(run, "BATCH_SIZE", 3)
    monkeypatch.setattr(annotate, "EXTRACT_BATCH", 2)
    pages = tmp_path / "pages"
    pages.mkdir()
    for n, path in enumerate(sorted(SAMPLES.glob("*.txt"))[:8]):
        lines = [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
        body = "".join(f"<p>{line}</p>" for line in lines[1:])
        (pages / f"{n:02d}.html").write_text(
            f"<html><head><title>{lines[0]}</title></head><body><nav><a href='/'>Beranda</a></nav>"
            f"<article><h1>{lines[0]}</h1>{body}</article></body></html>", encoding="utf-8")
    (pages / "03a_truncated.html").write_text("<html><body><article><p>Presiden Joko Widodo mengata", encoding="utf-8")
    (pages / "05a_menu_only.html").write_text("<html><body><nav><a href='/'>Beranda</a></nav></body></html>",
                                               encoding="utf-8")

    def stored(db: str) -> list[tuple]:
        with Store(db) as store:
            return [(a.source, a.title, a.language, a.body, [e["id"] for e in a.entities])
                    for a in store.iter_articles()]

    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    first = api.ingest([str(pages)], one, profile="fast")
    second = api.ingest([str(pages)], two, profile="fast", jobs=2)
    assert first.stored >= 8 and second.stored == first.stored
    assert [(s.source, s.reason) for s in first.skipped] == [(s.source, s.reason) for s in second.skipped]
    assert any(s.source.endswith("05a_menu_only.html") for s in second.skipped)
    assert stored(one) == stored(two)
    assert all(language == "id" for _, _, language, _, _ in stored(two))
    again = api.ingest([str(pages)], two, profile="fast", jobs=2)  # a rerun: every page already stored
    assert again.stored == 0 and again.unchanged == first.stored


def test_clip_cuts_at_a_word_and_says_so() -> None:
    from warta.article import clip, headline

    text = "Presiden meresmikan jembatan baru di Samarinda pada Rabu pagi bersama gubernur"
    cut = clip(text, 40)
    assert cut.endswith("…") and len(cut) <= 40
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] == " "  # a whole word before the mark
    assert clip("pendek", 40) == "pendek"
    assert headline(None, "Baris pertama.\nBaris kedua.") == "Baris pertama."
    assert headline("Judul", "isi") == "Judul"


def test_published_day_reads_every_form_of_a_publication_date() -> None:
    from datetime import date, datetime

    from warta.article import published_day

    day = date(2025, 11, 5)
    for value in ("2025-11-05", "2025-11-05T14:30:00+07:00", " 2025-11-05 ", day, datetime(2025, 11, 5, 14, 30)):
        assert published_day(value) == day, value
    for value in (None, "", "kemarin", "2025-13-45", "2025"):
        assert published_day(value) is None, value


def _ingested_pair(tmp_path: Path, first: tuple[str, str], later: tuple[str, str]) -> tuple[Article, Article]:
    """Two pages, (published, text) each, ingested in order into a new store (fast profile): the
    stored articles "a1" and "a2"."""
    pages = tmp_path / "pages.jsonl"
    pages.write_text("".join(json.dumps({"id": ident, "published": day, "text": text}) + "\n"
                             for ident, (day, text) in (("a1", first), ("a2", later))), encoding="utf-8")
    db = str(tmp_path / "s.db")
    api.ingest([str(pages)], db, profile="fast")
    with Store(db) as store:
        return store.get("a1"), store.get("a2")


def test_an_acronym_takes_the_id_another_article_defined_it_for(tmp_path: Path) -> None:
    """One article writes "Forum Warga Peduli Lingkungan (FWPL)"; a later one only "FWPL": one id,
    its events' participants included (issue 24: an acronym and its expansion are one id across the store)."""
    first, later = _ingested_pair(
        tmp_path, ("2025-11-03", "Ketua Forum Warga Peduli Lingkungan (FWPL) Budi Santoso mendesak Pemerintah Kota "
                   "Bekasi menutup tempat pembuangan sampah liar."),
        ("2025-11-05", "FWPL kembali menggelar unjuk rasa di depan Balai Kota Bekasi, Rabu (5/11/2025)."))
    expansion = {e["id"] for e in first.entities if e["text"] == "Forum Warga Peduli Lingkungan"}
    assert len(expansion) == 1
    assert {e["id"] for e in later.entities if e["text"] == "FWPL"} == expansion
    assert any(set(ev["actor_ids"]) & expansion for ev in later.events)
