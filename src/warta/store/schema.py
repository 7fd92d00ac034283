"""Schema migrations, each a decorated function run in its own transaction and recorded.

A migration's number is its version; a store is upgraded by running, in order, every migration
newer than the highest version recorded in ``schema_migrations``. Never edit a released
migration: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

__all__ = ["migrate", "MIGRATIONS"]

Migration = Callable[[sqlite3.Connection], None]
MIGRATIONS: list[tuple[int, str, Migration]] = []


def migration(version: int, title: str) -> Callable[[Migration], Migration]:
    def register(fn: Migration) -> Migration:
        MIGRATIONS.append((version, title, fn))
        MIGRATIONS.sort(key=lambda m: m[0])
        return fn
    return register


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Bring the schema up to date; returns the versions applied."""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations("
                 "version INTEGER PRIMARY KEY, title TEXT NOT NULL, applied_at TEXT NOT NULL)")
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    applied = []
    for version, title, fn in MIGRATIONS:
        if version in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            fn(conn)
            conn.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                         (version, title, datetime.now(UTC).isoformat(timespec="seconds")))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


@migration(1, "articles, full-text search, removed lines, line statistics, skipped inputs")
def _initial(conn: sqlite3.Connection) -> None:
    for statement in (
        """CREATE TABLE articles(
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            source TEXT NOT NULL,
            url TEXT,
            kind TEXT NOT NULL,
            outlet TEXT,
            title TEXT,
            description TEXT,
            author TEXT,
            published TEXT,
            published_estimated INTEGER NOT NULL DEFAULT 0,
            dateline TEXT,
            language TEXT,
            body TEXT NOT NULL,
            provenance TEXT NOT NULL DEFAULT '{}',
            annotations TEXT NOT NULL DEFAULT '{}',
            story TEXT,
            duplicate_of TEXT,
            ingested_at TEXT NOT NULL)""",
        "CREATE INDEX articles_outlet ON articles(outlet)",
        "CREATE INDEX articles_published ON articles(published)",
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, body, content='articles', content_rowid='rowid',
            tokenize='unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
        END""",
        """CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
            VALUES ('delete', old.rowid, old.title, old.body);
        END""",
        """CREATE TRIGGER articles_au AFTER UPDATE OF title, body ON articles BEGIN
            INSERT INTO articles_fts(articles_fts, rowid, title, body)
            VALUES ('delete', old.rowid, old.title, old.body);
            INSERT INTO articles_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
        END""",
        """CREATE TABLE removed_lines(
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
            line_no INTEGER NOT NULL,
            rule TEXT NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY(article_id, line_no, rule)) WITHOUT ROWID""",
        "CREATE INDEX removed_lines_rule ON removed_lines(rule)",
        """CREATE TABLE line_stats(
            outlet TEXT NOT NULL,
            key INTEGER NOT NULL,
            n_docs INTEGER NOT NULL,
            sample TEXT NOT NULL,
            PRIMARY KEY(outlet, key)) WITHOUT ROWID""",
        """CREATE TABLE skipped(
            source TEXT NOT NULL,
            line INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL,
            times INTEGER NOT NULL DEFAULT 1,
            first_seen TEXT NOT NULL,
            last_seen TEXT NOT NULL,
            PRIMARY KEY(source, line, reason)) WITHOUT ROWID""",
    ):
        conn.execute(statement)


@migration(2, "entities, their mentions, and the words of their names")
def _entities(conn: sqlite3.Connection) -> None:
    for statement in (
        """CREATE TABLE entities(
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            articles INTEGER NOT NULL DEFAULT 0,
            mentions INTEGER NOT NULL DEFAULT 0)""",
        """CREATE TABLE entity_mentions(
            article_id TEXT NOT NULL REFERENCES articles(id),
            entity_id TEXT NOT NULL,
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            text TEXT NOT NULL,
            role TEXT,
            PRIMARY KEY(article_id, start))""",
        "CREATE INDEX entity_mentions_entity ON entity_mentions(entity_id)",
        # each word of a multi-word name: finds "Lee Sung-kwon" for a later article that says only "Lee"
        """CREATE TABLE entity_words(
            word TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            PRIMARY KEY(word, entity_id)) WITHOUT ROWID""",
    ):
        conn.execute(statement)


@migration(3, "quotes with their speakers (full-text searchable) and time expressions")
def _quotes_times(conn: sqlite3.Connection) -> None:
    for statement in (
        """CREATE TABLE quotes(
            rowid INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            speaker TEXT,
            speaker_name TEXT,
            speaker_id TEXT,
            cue TEXT,
            UNIQUE(article_id, start))""",
        "CREATE INDEX quotes_speaker_id ON quotes(speaker_id)",
        "CREATE INDEX quotes_speaker_name ON quotes(speaker_name COLLATE NOCASE)",
        """CREATE VIRTUAL TABLE quotes_fts USING fts5(
            text, content='quotes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')""",
        """CREATE TRIGGER quotes_ai AFTER INSERT ON quotes BEGIN
            INSERT INTO quotes_fts(rowid, text) VALUES (new.rowid, new.text);
        END""",
        """CREATE TRIGGER quotes_ad AFTER DELETE ON quotes BEGIN
            INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
        END""",
        """CREATE TABLE times(
            article_id TEXT NOT NULL REFERENCES articles(id),
            start INTEGER NOT NULL,
            end INTEGER NOT NULL,
            type TEXT NOT NULL,
            value TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY(article_id, start)) WITHOUT ROWID""",
        "CREATE INDEX times_value ON times(value)",
    ):
        conn.execute(statement)
    # articles stored before this migration keep their (empty) annotations until re-ingested with --force


@migration(4, "events and their cross-article merges, stories, related articles, duplicate signatures")
def _events_stories(conn: sqlite3.Connection) -> None:
    for statement in (
        # one row per event an article reports; `merged` is the id of the real-world event it is a
        # report of (the same for every article that reports it)
        """CREATE TABLE events(
            rowid INTEGER PRIMARY KEY,
            article_id TEXT NOT NULL REFERENCES articles(id),
            n INTEGER NOT NULL,
            merged TEXT NOT NULL,
            type TEXT NOT NULL,
            modality TEXT NOT NULL,
            time TEXT,
            place_id TEXT,
            event TEXT NOT NULL,
            UNIQUE(article_id, n))""",
        "CREATE INDEX events_merged ON events(merged)",
        "CREATE INDEX events_type ON events(type, time)",
        """CREATE TABLE event_entities(
            event INTEGER NOT NULL REFERENCES events(rowid),
            entity_id TEXT NOT NULL,
            role TEXT NOT NULL,
            PRIMARY KEY(entity_id, event, role)) WITHOUT ROWID""",
        """CREATE TABLE stories(
            id TEXT PRIMARY KEY,
            title TEXT,
            first_published TEXT,
            last_published TEXT,
            articles INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX articles_story ON articles(story)",
        """CREATE TABLE related(
            article_id TEXT NOT NULL,
            other_id TEXT NOT NULL,
            score REAL NOT NULL,
            PRIMARY KEY(article_id, other_id)) WITHOUT ROWID""",
        """CREATE TABLE signatures(
            article_id TEXT PRIMARY KEY,
            exact TEXT NOT NULL,
            minhash BLOB)""",
        "CREATE INDEX signatures_exact ON signatures(exact)",
        "CREATE INDEX articles_duplicate_of ON articles(duplicate_of)",
        # who leads or speaks for what, from the roles articles give ("Pemimpin Korea Utara" Kim Jong Un)
        """CREATE TABLE affiliations(
            person_id TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            role TEXT NOT NULL,
            articles INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY(person_id, entity_id)) WITHOUT ROWID""",
    ):
        conn.execute(statement)


@migration(5, "the duplicate index's LSH band keys, so that it lives in the store rather than in memory")
def _lsh(conn: sqlite3.Connection) -> None:
    from warta.link.dedup import Signature
    from warta.store.duplicates import lsh_rows

    conn.execute("CREATE TABLE lsh(key INTEGER NOT NULL, article_id TEXT NOT NULL, "
                 "PRIMARY KEY(key, article_id)) WITHOUT ROWID")
    for article_id, minhash in conn.execute("SELECT article_id, minhash FROM signatures WHERE minhash IS NOT NULL "
                                            "ORDER BY rowid").fetchall():
        conn.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?)", lsh_rows(article_id, Signature.decode(minhash)))


@migration(6, "a count of the stored articles kept by triggers, so that idf weights need no table scan")
def _article_count(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE counts(name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID")
    conn.execute("INSERT INTO counts SELECT 'articles', count(*) FROM articles")
    conn.execute("CREATE TRIGGER articles_counted AFTER INSERT ON articles BEGIN "
                 "UPDATE counts SET n = n + 1 WHERE name = 'articles'; END")
    conn.execute("CREATE TRIGGER articles_uncounted AFTER DELETE ON articles BEGIN "
                 "UPDATE counts SET n = n - 1 WHERE name = 'articles'; END")


@migration(7, "an index of each article's entities, so that related-article scoring reads the index alone")
def _article_entities_index(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX entity_mentions_article_entity ON entity_mentions(article_id, entity_id)")


@migration(8, "removed lines numbered in order: one page line may lose several pieces, by one rule or more")
def _removed_pieces(conn: sqlite3.Connection) -> None:
    # A flattened page's one line loses its byline, its dateline and each related-article link in it,
    # and two links are removed by the same rule: (article, line, rule) no longer names one removal.
    conn.execute("ALTER TABLE removed_lines RENAME TO removed_lines_old")
    conn.execute("DROP INDEX removed_lines_rule")
    conn.execute("""CREATE TABLE removed_lines(
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        line_no INTEGER NOT NULL,
        rule TEXT NOT NULL,
        reason TEXT NOT NULL,
        text TEXT NOT NULL,
        PRIMARY KEY(article_id, n)) WITHOUT ROWID""")
    conn.execute("INSERT INTO removed_lines SELECT article_id, row_number() OVER "
                 "(PARTITION BY article_id ORDER BY line_no, rule), line_no, rule, reason, text FROM removed_lines_old")
    conn.execute("DROP TABLE removed_lines_old")
    conn.execute("CREATE INDEX removed_lines_rule ON removed_lines(rule)")


@migration(9, "indexes of mention texts, entity names and quotes' written speakers: a name looked up reads an index")
def _name_indexes(conn: sqlite3.Connection) -> None:
    # An acronym met at ingest ("HTI": which stored body did another article write it for?) and a
    # name asked for by `warta timeline`, `quotes --speaker` or the HTTP API look mentions up by their
    # text and entities by their name, case-insensitively, and quotes by the speaker as written
    # ("pejabat Gedung Putih"); without these each lookup scanned a whole table, ~0.1 s in a store of
    # 100,000 articles, at ingest once per undefined acronym.
    conn.execute("CREATE INDEX entity_mentions_text ON entity_mentions(text COLLATE NOCASE)")
    conn.execute("CREATE INDEX entities_name ON entities(name COLLATE NOCASE)")
    conn.execute("CREATE INDEX quotes_speaker ON quotes(speaker COLLATE NOCASE)")
