"""Reading and writing the store. Each article is written in one transaction, so an interrupted
ingest leaves every article either complete or absent."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warta.article import ANNOTATIONS as ARTICLE_ANNOTATIONS
from warta.article import Article, RemovedLine, Skipped, headline
from warta.errors import NotFound, StoreError
from warta.link.dedup import Signature, exact_key
from warta.store.duplicates import StoredDuplicates, lsh_rows
from warta.store.links import Links, RelatedCache, link_article, participants
from warta.store.schema import MIGRATIONS, migrate

__all__ = ["Store", "SearchHit", "QuoteHit", "DEFAULT_DB"]

DEFAULT_DB = "warta.db"
# kept as JSON, in the export's order (article.ANNOTATIONS); `related` lives in its own table
ANNOTATIONS = tuple(name for name in Article.CONTRACT_FIELDS if name in ARTICLE_ANNOTATIONS)
_COLUMNS = ("id", "source", "url", "kind", "outlet", "title", "description", "author", "published",
            "published_estimated", "dateline", "language", "body", "provenance", "annotations", "story",
            "duplicate_of")
HIGHLIGHT = ("\x02", "\x03")  # snippet markers; the CLI turns them into styling


@dataclass(frozen=True, slots=True)
class SearchHit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    source: str
    snippet: str
    score: float
    story: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteHit:
    """A stored quote with the article it comes from."""

    article_id: str
    title: str | None
    outlet: str | None
    published: str | None
    quote: dict[str, Any]  # the CONTRACT.md quote object

    def to_json(self) -> dict[str, Any]:
        return {"article": {"id": self.article_id, "title": self.title, "outlet": self.outlet,
                            "published": self.published}, **self.quote}


SKIP_WAIT = 120.0  # seconds a skip waits for another process's write lock before the side file
SKIP_SIDE_SUFFIX = ".skipped.jsonl"


def _locked(err: sqlite3.OperationalError) -> bool:
    message = str(err).lower()
    return "locked" in message or "busy" in message


def _cannot_write(err: sqlite3.OperationalError) -> bool:
    """SQLite's way of saying that the store is there but may not be written."""
    message = str(err).lower()
    return "readonly" in message or "read-only" in message or "unable to open" in message


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _line_hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big", signed=True)


class Store:
    """An open warta store. Use as a context manager, or call ``close``."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, create: bool = True) -> None:
        self.path = str(path)
        self._related = RelatedCache()  # what linking read of the store, for the next articles
        self._batch = False  # inside ``batch``: puts are savepoints of its transaction
        self.read_only = False
        if not create and not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; run 'warta ingest PATH --db {self.path}' first")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            self.conn.execute("PRAGMA busy_timeout=10000")
            migrate(self.conn)
            self._take_side_skips()
        except sqlite3.OperationalError as err:
            if not _cannot_write(err):
                raise StoreError(f"{self.path}: not a usable SQLite database ({err}); "
                                 "give another file with --db") from None
            if create:
                raise StoreError(f"{self.path}: the store cannot be written here ({err}: a read-only file, "
                                 "folder or file system); give a writable --db") from None
            self.conn = self._open_read_only()
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{self.path}: not a usable SQLite database ({err}); "
                             "give another file with --db") from None

    def _open_read_only(self) -> sqlite3.Connection:
        """A store on read-only media (a read-only folder, file system or file): readable by every
        command that only reads. SQLite opens a WAL store read-only where it can make the store's
        shared-memory file beside it; where it cannot, as immutable, which is safe because nothing
        can write there either."""
        self.read_only = True
        location = "file:" + urllib.parse.quote(str(Path(self.path).resolve()))
        for flags in ("?mode=ro", "?immutable=1"):
            conn = sqlite3.connect(location + flags, uri=True, isolation_level=None, check_same_thread=False)
            try:
                done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
            except sqlite3.OperationalError:
                conn.close()
                continue
            if {version for version, _, _ in MIGRATIONS} - done:
                conn.close()
                raise StoreError(f"{self.path}: the store is read-only and was made by an older warta; "
                                 "open it once where it can be written to upgrade it")
            return conn
        raise StoreError(f"{self.path}: cannot open the store, even read-only")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    # -- writing -------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None

    def duplicates(self) -> StoredDuplicates:
        """The duplicate index of every stored article, kept in the store's tables (nothing in memory)."""
        return StoredDuplicates(self.conn)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Store several articles in one transaction: each ``put`` inside still stores its article
        whole or not at all (a savepoint of its own), and they are committed together, when the
        block ends or is left by an error. Committing is most of what storing costs (each commit
        writes the full-text index a new segment); what a crash loses is the uncommitted batch,
        which a rerun stores again. Other writers wait (``busy_timeout``) while a batch is open;
        readers do not. Nested batches are part of the outer one."""
        if self._batch:
            yield
            return
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot start a transaction: {err}") from None
        self._batch = True
        try:
            yield
        finally:
            self._batch = False
            try:
                conn.execute("COMMIT")  # every article put in the batch is whole (savepoints)
            except sqlite3.Error as err:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StoreError(f"{self.path}: cannot commit the stored articles: {err}") from None

    def put(self, article: Article, line_keys: Iterable[str] = (), *, replace: bool = False,
            signature: bytes | None = None) -> bool:
        """Store an article (one transaction, or a savepoint inside ``batch``). False when it was
        already stored, unless ``replace``: then the stored one and everything derived from it is
        replaced by this one. Related articles, story and merged events are decided here, against
        what is stored; ``signature`` (warta.link.dedup) is kept so that later pages can be found to
        copy this one."""
        keys = {_line_hash(k): k for k in line_keys}
        conn = self.conn
        begin, commit, rollback = (("SAVEPOINT article", "RELEASE article", "ROLLBACK TO article; RELEASE article")
                                   if self._batch else ("BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"))
        try:
            conn.execute(begin)
            try:
                if not replace and self.has(article.id):
                    _roll_back(conn, rollback)
                    return False
                replaced = replace and _delete(conn, article.id)
                if replaced:
                    self._related.clear()  # (the replaced article's entities: counts changed)
                links = link_article(conn, article, article.duplicate_of, self._related)
                article.story = links.story
                for event, merged in zip(article.events, links.merged, strict=True):
                    event["event_id"] = merged
                conn.execute(f"INSERT INTO articles({', '.join(_COLUMNS)}, ingested_at) "
                             f"VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})", _row(article))
                conn.executemany("INSERT INTO removed_lines VALUES (?, ?, ?, ?, ?, ?)",
                                 [(article.id, n, r.line_no, r.rule, r.reason, r.text)
                                  for n, r in enumerate(article.removed)])
                _put_entities(conn, article)
                _put_quotes_times(conn, article)
                _put_links(conn, article, links)
                if signature is not None:
                    conn.execute("INSERT INTO signatures VALUES (?, ?, ?)",
                                 (article.id, exact_key(article.body), signature))
                    conn.executemany("INSERT OR IGNORE INTO lsh VALUES (?, ?)",
                                     lsh_rows(article.id, Signature.decode(signature)))
                if article.outlet and keys and not replaced:  # its lines were counted when first stored
                    conn.executemany(
                        "INSERT INTO line_stats VALUES (?, ?, 1, ?) "
                        "ON CONFLICT(outlet, key) DO UPDATE SET n_docs = n_docs + 1",
                        [(article.outlet, h, k[:300]) for h, k in keys.items()])
                conn.execute(commit)
            except BaseException:
                _roll_back(conn, rollback)
                raise
            finally:
                # the entities this article names now count one article more (or, rolled back, the same)
                self._related.forget(article.id, (e["id"] for e in article.entities))
        except sqlite3.Error as err:
            raise StoreError(f"{self.path}: cannot store article {article.id}: {err}") from None
        return True

    def person_for_word(self, word: str) -> tuple[str, str] | None:
        """The one stored person whose multi-word name contains ``word`` ("Lee" -> ("per:lee-sung-kwon",
        "Lee Sung-kwon")); None when there is none or more than one."""
        rows = self.conn.execute(
            "SELECT e.id, e.name FROM entity_words w JOIN entities e ON e.id = w.entity_id "
            "WHERE w.word = ? AND e.type = 'PER' LIMIT 2", (word.casefold(),)).fetchall()
        return (rows[0][0], rows[0][1]) if len(rows) == 1 else None

    def person_for_nickname(self, nick: str, entity_id: str) -> tuple[str, str] | None:
        """The one stored person, other than ``entity_id``, with a fuller name that an article called
        by ``nick`` alone or after a familiar honorific ("Imin" -> ("per:muhaimin-iskandar", "Muhaimin
        Iskandar"), from "Cak Imin" in an article that named him in full); None when there is none or
        more than one."""
        from warta.link.kb import FAMILIAR

        forms = [nick, *(f"{word} {nick}" for word in sorted(FAMILIAR))]
        rows = self.conn.execute(
            "SELECT DISTINCT e.id, e.name FROM entity_mentions m JOIN entities e ON e.id = m.entity_id "
            f"WHERE m.text COLLATE NOCASE IN ({', '.join('?' * len(forms))}) AND e.id != ? AND e.type = 'PER' "
            "AND e.name != m.text AND instr(e.name, ' ') > 0 LIMIT 2", (*forms, entity_id)).fetchall()
        return (rows[0][0], rows[0][1]) if len(rows) == 1 else None

    def entity_for_acronym(self, acronym: str, entity_id: str) -> tuple[str, str, str] | None:
        """The one stored organisation or place, other than ``entity_id``, that an article wrote as
        ``acronym`` under a longer name ("FWPL" -> ("org:forum-warga-peduli-lingkungan", "Forum Warga
        Peduli Lingkungan", "ORG"): an article that defined the acronym); None when there is none or
        more than one."""
        rows = self.conn.execute(
            "SELECT DISTINCT e.id, e.name, e.type FROM entity_mentions m JOIN entities e ON e.id = m.entity_id "
            "WHERE m.text = ? COLLATE NOCASE AND m.text = ? AND e.id != ? AND e.type IN ('ORG', 'LOC') "
            "AND e.name != m.text LIMIT 2",  # the first test reads the case-blind index of mention texts
            (acronym, acronym, entity_id)).fetchall()
        return (rows[0][0], rows[0][1], rows[0][2]) if len(rows) == 1 else None

    def record_skip(self, skipped: Skipped) -> None:
        """Record a skipped input. When another process holds the store's write lock past the busy
        timeout (a long batch of its own), the skip waits its turn up to SKIP_WAIT seconds, and if
        the lock is still held it goes to a side file (``<db>.skipped.jsonl``) that the next
        writable open of the store takes in: a skip is never lost and never ends the run."""
        deadline = time.monotonic() + SKIP_WAIT
        while True:
            try:
                self._insert_skip(skipped.source, skipped.line or 0, skipped.reason, _now())
                return
            except sqlite3.OperationalError as err:
                if not _locked(err) or self.read_only:
                    raise StoreError(f"{self.path}: cannot record a skipped input: {err}") from None
                if time.monotonic() >= deadline:
                    break
                time.sleep(0.5)
        with open(self.path + SKIP_SIDE_SUFFIX, "a", encoding="utf-8") as fh:
            fh.write(json.dumps({"source": skipped.source, "line": skipped.line or 0, "reason": skipped.reason,
                                 "at": _now()}, ensure_ascii=False) + "\n")

    def _insert_skip(self, source: str, line: int, reason: str, at: str, times: int = 1) -> None:
        self.conn.execute(
            "INSERT INTO skipped VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(source, line, reason) "
            "DO UPDATE SET times = times + excluded.times, last_seen = excluded.last_seen",
            (source, line, reason, times, at, at))

    def _take_side_skips(self) -> None:
        """Skips another run left in the side file while this store was locked: into the table."""
        side = Path(self.path + SKIP_SIDE_SUFFIX)
        if not side.exists():
            return
        taken = side.with_name(side.name + f".{os.getpid()}")
        try:
            side.rename(taken)  # one process takes the file; a run still appending starts a new one
        except OSError:
            return
        rows = []
        for raw in taken.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                row = json.loads(raw)
                rows.append((str(row["source"]), int(row["line"]), str(row["reason"]), str(row["at"])))
            except (ValueError, KeyError, TypeError):
                continue  # a line cut by a crash of the run that wrote it
        try:
            with self.batch():
                for row in rows:
                    self._insert_skip(*row)
        except StoreError:  # locked again: the file waits for the next open
            with open(side, "a", encoding="utf-8") as fh:
                fh.write(taken.read_text(encoding="utf-8", errors="replace"))
        taken.unlink()

    # -- corpus statistics (the LineCounts protocol of warta.clean) ------------------------

    def counter(self, outlet: str) -> Callable[[str], int]:
        """In how many stored pages of ``outlet`` a line (by its key) occurs. Each lookup is one
        indexed query, so memory stays flat however large the statistics grow."""
        sql = "SELECT n_docs FROM line_stats WHERE outlet = ? AND key = ?"

        def count(key: str) -> int:
            row = self.conn.execute(sql, (outlet, _line_hash(key))).fetchone()
            return int(row[0]) if row else 0

        return count

    # -- reading -------------------------------------------------------------------------

    def resolve(self, id_or_prefix: str) -> str:
        """The full id of an article given its id or a unique prefix of it."""
        rows = self.conn.execute("SELECT id FROM articles WHERE id = ? OR id LIKE ? ESCAPE '\\' LIMIT 2",
                                 (id_or_prefix, id_or_prefix.replace("%", r"\%").replace("_", r"\_") + "%"
                                  )).fetchall()
        if not rows:
            raise NotFound(f"no article with id {id_or_prefix!r}; 'warta search' or 'warta export' lists ids")
        if len(rows) > 1 and rows[0][0] != id_or_prefix:
            raise NotFound(f"id prefix {id_or_prefix!r} is ambiguous; give more characters")
        return str(rows[0][0])

    def headlines(self, ids: list[str]) -> dict[str, str]:
        """Each article's title, or for one stored without a title its stand-in (``article.headline``)."""
        if not ids:
            return {}
        rows = self.conn.execute("SELECT id, title, substr(body, 1, 300) FROM articles WHERE id IN "
                                 "(SELECT value FROM json_each(?))", (json.dumps(sorted(set(ids))),))
        return {i: headline(t, b) for i, t, b in rows}

    def get(self, id_or_prefix: str) -> Article:
        article_id = self.resolve(id_or_prefix)
        row = self.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM articles WHERE id = ?", (article_id,)).fetchone()
        article = _article(row)
        article.related = self.related_ids(article_id)
        article.removed = [RemovedLine(*r) for r in self.conn.execute(
            "SELECT line_no, text, rule, reason FROM removed_lines WHERE article_id = ? ORDER BY line_no, n",
            (article_id,))]
        return article

    def iter_articles(self) -> Iterator[Article]:
        cur = self.conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM articles ORDER BY rowid")
        for row in cur:
            article = _article(row)
            article.related = self.related_ids(article.id)
            yield article

    def related_ids(self, article_id: str) -> list[str]:
        """Articles related to this one, most similar first (duplicates are not listed)."""
        return [r[0] for r in self.conn.execute(
            "SELECT r.other_id FROM related r JOIN articles a ON a.id = r.other_id "
            "WHERE r.article_id = ? AND a.duplicate_of IS NULL ORDER BY r.score DESC, r.other_id", (article_id,))]

    def search(self, query: str, *, outlet: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 20) -> list[SearchHit]:
        """Ranked full-text hits (BM25, title weighted) with highlighted snippets."""
        return self.find(query, outlet=outlet, since=since, until=until, limit=limit)[1]

    def article_filter(self, query: str | None = None, *, outlet: str | None = None, since: str | None = None,
                       until: str | None = None, entity: str | None = None, story: str | None = None
                       ) -> tuple[str, list[Any]]:
        """A WHERE clause over ``articles a`` and its parameters: a full-text query (searched as plain
        words when it is not FTS5 syntax: "AS-Korsel"), outlet, publication dates (inclusive), an
        entity (any alias, or its id) the article mentions, a story (its id, "story:" optional)."""
        where, params = self._filters(outlet, since, until, entity, story)
        if query and query.strip():
            where.insert(0, "a.rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.insert(0, self._match(query))
        return " AND ".join(where) or "1", params

    def find(self, query: str | None = None, *, outlet: str | None = None, since: str | None = None,
             until: str | None = None, entity: str | None = None, story: str | None = None, limit: int = 20,
             offset: int = 0) -> tuple[int, list[SearchHit]]:
        """How many articles match (``article_filter``) and one page of them: with a query, ranked
        hits (BM25, title weighted) with highlighted snippets; without, newest first."""
        where, params = self.article_filter(query, outlet=outlet, since=since, until=until, entity=entity,
                                            story=story)
        total = self.conn.execute(f"SELECT count(*) FROM articles a WHERE {where}", params).fetchone()[0]
        if query and query.strip():
            rest, rest_params = self._filters(outlet, since, until, entity, story)
            sql = ("SELECT a.id, a.title, a.outlet, a.published, a.source, "
                   f"snippet(articles_fts, 1, '{HIGHLIGHT[0]}', '{HIGHLIGHT[1]}', '…', 16), "
                   "bm25(articles_fts, 5.0, 1.0) AS score, a.story FROM articles_fts "
                   "JOIN articles a ON a.rowid = articles_fts.rowid "
                   f"WHERE {' AND '.join(['articles_fts MATCH ?', *rest])} ORDER BY score, a.rowid LIMIT ? OFFSET ?")
            rows = self.conn.execute(sql, (params[0], *rest_params, limit, offset)).fetchall()
            return total, [SearchHit(*row[:6], score=-float(row[6]), story=row[7]) for row in rows]
        rows = self.conn.execute(
            "SELECT a.id, a.title, a.outlet, a.published, a.source, a.story FROM articles a "
            f"WHERE {where} ORDER BY a.published IS NULL, a.published DESC, a.rowid DESC LIMIT ? OFFSET ?",
            (*params, limit, offset)).fetchall()
        return total, [SearchHit(*row[:5], snippet="", score=0.0, story=row[5]) for row in rows]

    def _match(self, query: str) -> str:
        """The query as given when it is FTS5 syntax, else its words as plain terms."""
        try:
            self.conn.execute("SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? LIMIT 1", (query,)).fetchone()
            return query
        except sqlite3.OperationalError:
            return " ".join('"' + term.replace('"', '""') + '"' for term in query.split())

    def _filters(self, outlet: str | None, since: str | None, until: str | None, entity: str | None,
                 story: str | None) -> tuple[list[str], list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        for value, clause in ((outlet, "a.outlet = ? COLLATE NOCASE"), (since, "a.published >= ?"),
                              (until, "a.published <= ?"), (story, "a.story IN (?, 'story:' || ?)")):
            if value:
                where.append(clause)
                params += [value] * clause.count("?")
        if entity:
            ids = sorted(self.entity_ids(entity) | {entity})
            where.append("a.id IN (SELECT article_id FROM entity_mentions "
                         f"WHERE entity_id IN ({', '.join('?' * len(ids))}))")
            params += ids
        return where, params

    def entity_ids(self, name: str) -> set[str]:
        """Entity ids a name may refer to: stored entities with that name or id or mentioned by that
        text, and the knowledge-base entity that has it as an alias."""
        from warta.link.kb import KnowledgeBase

        rows = self.conn.execute(
            "SELECT id FROM entities WHERE name = ? COLLATE NOCASE OR id = ? UNION "
            "SELECT entity_id FROM entity_mentions WHERE text = ? COLLATE NOCASE", (name, name, name)).fetchall()
        ids = {r[0] for r in rows}
        ids.update(e.id for e in KnowledgeBase.load().lookup(name))
        return ids

    def quotes(self, *, speaker: str | None = None, query: str | None = None, article: str | None = None,
               limit: int = 50, entity: str | None = None, offset: int = 0) -> list[QuoteHit]:
        """Stored quotes, newest article first: by a speaker (an entity's name or any alias, or a
        speaker as written, "pejabat Gedung Putih"), matching a full-text query, or in one article;
        ``entity``: said by that entity or naming it in the quoted words."""
        where, params = self._quote_filter(speaker, query, article, entity)
        sql = ("SELECT a.id, a.title, a.outlet, a.published, a.annotations, q.start FROM quotes q "
               f"JOIN articles a ON a.id = q.article_id WHERE {where} "
               "ORDER BY a.published IS NULL, a.published DESC, a.rowid DESC, q.start LIMIT ? OFFSET ?")
        hits, cache = [], {}
        for article_id, title, outlet, published, stored, start in self.conn.execute(sql, (*params, limit, offset)):
            if article_id not in cache:
                cache[article_id] = {q["start"]: q for q in json.loads(stored).get("quotes", [])}
            quote = cache[article_id].get(start)
            if quote is not None:
                hits.append(QuoteHit(article_id, title, outlet, published, quote))
        return hits

    def count_quotes(self, *, speaker: str | None = None, query: str | None = None, article: str | None = None,
                     entity: str | None = None) -> int:
        """How many quotes ``quotes`` finds with the same filters (for paging)."""
        where, params = self._quote_filter(speaker, query, article, entity)
        return self.conn.execute(f"SELECT count(*) FROM quotes q WHERE {where}", params).fetchone()[0]

    def _quote_filter(self, speaker: str | None, query: str | None, article: str | None,
                      entity: str | None) -> tuple[str, list[Any]]:
        where: list[str] = []
        params: list[Any] = []
        if speaker:
            ids = sorted(self.entity_ids(speaker))
            by_id = f"q.speaker_id IN ({', '.join('?' * len(ids))}) OR " if ids else ""  # "IN ()" reads no index
            where.append(f"({by_id}q.speaker_name = ? COLLATE NOCASE OR q.speaker = ? COLLATE NOCASE)")
            params += [*ids, speaker, speaker]
        if entity:
            ids = sorted(self.entity_ids(entity) | {entity})
            marks = ", ".join("?" * len(ids))
            # the quotes around the entity's mentions, found from the mentions (an index), not by
            # testing every stored quote for a mention inside it
            where.append(f"(q.speaker_id IN ({marks}) OR q.rowid IN (SELECT n.rowid FROM entity_mentions m "
                         "JOIN quotes n ON n.article_id = m.article_id AND m.start >= n.start AND m.end <= n.end "
                         f"WHERE m.entity_id IN ({marks})))")
            params += ids + ids
        if query:
            where.append("q.rowid IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(" ".join('"' + term.replace('"', '""') + '"' for term in query.split()))
        if article:
            where.append("q.article_id = ?")
            params.append(self.resolve(article))
        return " AND ".join(where) or "1", params

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self.conn.execute(sql).fetchone()[0]  # noqa: E731
        rows = lambda sql: self.conn.execute(sql).fetchall()  # noqa: E731
        return {
            "articles": one("SELECT count(*) FROM articles"),
            "outlets": rows("SELECT coalesce(outlet, '(unknown)'), count(*) FROM articles GROUP BY 1 "
                            "ORDER BY 2 DESC, 1"),
            "languages": rows("SELECT coalesce(language, '(unknown)'), count(*) FROM articles GROUP BY 1 "
                              "ORDER BY 2 DESC"),
            "published": rows("SELECT min(published), max(published), sum(published_estimated), "
                              "sum(published IS NULL) FROM articles")[0],
            "removed_by_rule": rows("SELECT rule, count(*) FROM removed_lines GROUP BY 1 ORDER BY 2 DESC"),
            "recurring_lines": rows("SELECT outlet, n_docs, sample FROM line_stats WHERE n_docs >= 3 "
                                    "ORDER BY n_docs DESC LIMIT 10"),
            "entities": one("SELECT count(*) FROM entities"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "events": one("SELECT count(DISTINCT merged) FROM events"),
            "event_reports": one("SELECT count(*) FROM events"),
            "stories": one("SELECT count(*) FROM stories"),
            "duplicates": one("SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL"),
            "times": one("SELECT count(*) FROM times"),
            "top_speakers": rows("SELECT coalesce(speaker_name, speaker), count(*) FROM quotes "
                                 "WHERE coalesce(speaker_name, speaker) IS NOT NULL GROUP BY 1 "
                                 "ORDER BY 2 DESC, 1 LIMIT 10"),
            "top_entities": rows("SELECT name, type, id, articles, mentions FROM entities "
                                 "ORDER BY articles DESC, mentions DESC, name LIMIT 10"),
            "skipped": one("SELECT count(*) FROM skipped"),
            "skipped_reasons": rows("SELECT source, line, reason, times FROM skipped "
                                    "ORDER BY last_seen DESC LIMIT 10"),
        }


def _article(row: tuple[Any, ...]) -> Article:
    data = dict(zip(_COLUMNS, row, strict=True))
    annotations = json.loads(data.pop("annotations") or "{}")
    data["provenance"] = json.loads(data["provenance"] or "{}")
    data["published_estimated"] = bool(data["published_estimated"])
    article = Article(**data)
    for name in ANNOTATIONS:
        setattr(article, name, annotations.get(name, []))
    return article


def _row(article: Article) -> tuple[Any, ...]:
    annotations = {name: getattr(article, name) for name in ANNOTATIONS}
    return (article.id, article.source, article.url, article.kind, article.outlet, article.title,
            article.description, article.author, article.published, int(article.published_estimated),
            article.dateline, article.language, article.body,
            json.dumps(article.provenance, ensure_ascii=False), json.dumps(annotations, ensure_ascii=False),
            article.story, article.duplicate_of, _now())


def _put_links(conn: sqlite3.Connection, article: Article, links: Links) -> None:
    """Events with their merged ids, related articles (both ways), the story, affiliations."""
    for n, event in enumerate(article.events):
        cur = conn.execute(
            "INSERT INTO events(article_id, n, merged, type, modality, time, place_id, event) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (article.id, n, links.merged[n], event["type"], event["modality"], event.get("time"),
             event.get("place_id"), json.dumps(event, ensure_ascii=False)))
        conn.executemany("INSERT OR IGNORE INTO event_entities VALUES (?, ?, ?)",
                         [(cur.lastrowid, i, role) for i, role in sorted(participants(event).items())])
    conn.executemany("INSERT OR REPLACE INTO related VALUES (?, ?, ?)",
                     [pair for other, score in links.related
                      for pair in ((article.id, other, score), (other, article.id, score))])
    conn.execute(
        "INSERT INTO stories VALUES (?, ?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET articles = articles + 1, "
        "first_published = min(coalesce(first_published, excluded.first_published), "
        "coalesce(excluded.first_published, first_published)), "
        "last_published = max(coalesce(last_published, excluded.last_published), "
        "coalesce(excluded.last_published, last_published))",
        (links.story, article.title, article.published, article.published))
    conn.executemany(
        "INSERT INTO affiliations VALUES (?, ?, ?, 1) ON CONFLICT(person_id, entity_id) DO UPDATE SET "
        "articles = articles + 1, role = excluded.role", links.affiliations)


def _roll_back(conn: sqlite3.Connection, how: str) -> None:
    """Undo an unfinished put (its transaction, or its savepoint in a batch)."""
    for statement in how.split("; "):
        conn.execute(statement)


def _delete(conn: sqlite3.Connection, article_id: str) -> bool:
    """Remove a stored article and what was derived from it (inside a transaction); False if absent."""
    if conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is None:
        return False
    counts = conn.execute("SELECT entity_id, count(*) FROM entity_mentions WHERE article_id = ? GROUP BY 1",
                          (article_id,)).fetchall()
    conn.executemany("UPDATE entities SET articles = articles - 1, mentions = mentions - ? WHERE id = ?",
                     [(n, entity_id) for entity_id, n in counts])
    conn.execute("DELETE FROM entities WHERE articles <= 0")
    conn.execute("DELETE FROM event_entities WHERE event IN (SELECT rowid FROM events WHERE article_id = ?)",
                 (article_id,))
    conn.execute("DELETE FROM related WHERE other_id = ?", (article_id,))
    conn.execute("UPDATE stories SET articles = articles - 1 WHERE id = (SELECT story FROM articles WHERE id = ?)",
                 (article_id,))
    conn.execute("DELETE FROM stories WHERE articles <= 0")
    stored = conn.execute("SELECT minhash FROM signatures WHERE article_id = ?", (article_id,)).fetchone()
    if stored and stored[0] is not None:  # its band keys, by their primary key (lsh has no index on article_id)
        conn.executemany("DELETE FROM lsh WHERE key = ? AND article_id = ?",
                         lsh_rows(article_id, Signature.decode(stored[0])))
    for table in ("entity_mentions", "quotes", "times", "removed_lines", "events", "related", "signatures"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article_id,))
    conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))
    return True


def _put_quotes_times(conn: sqlite3.Connection, article: Article) -> None:
    """Quotes and time expressions of one article as rows (inside ``put``'s transaction)."""
    rows = []
    for q in article.quotes:
        speaker = q.get("speaker") or {}
        rows.append((article.id, q["start"], q["end"], q["kind"], q["text"], speaker.get("text"),
                     speaker.get("name"), speaker.get("id"), q.get("cue")))
    conn.executemany("INSERT OR IGNORE INTO quotes(article_id, start, end, kind, text, speaker, speaker_name, "
                     "speaker_id, cue) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.executemany("INSERT OR IGNORE INTO times VALUES (?, ?, ?, ?, ?, ?)",
                     [(article.id, t["start"], t["end"], t["type"], t["value"], t["text"]) for t in article.times])


def _put_entities(conn: sqlite3.Connection, article: Article) -> None:
    """Mentions, entity counts and name words of one article (inside ``put``'s transaction)."""
    if not article.entities:
        return
    conn.executemany("INSERT OR IGNORE INTO entity_mentions VALUES (?, ?, ?, ?, ?, ?)",
                     [(article.id, e["id"], e["start"], e["end"], e["text"], e.get("role"))
                      for e in article.entities])
    groups: dict[str, dict] = {}
    counts: dict[str, int] = {}
    for e in article.entities:
        groups.setdefault(e["id"], e)
        counts[e["id"]] = counts.get(e["id"], 0) + 1
    conn.executemany(
        "INSERT INTO entities VALUES (?, ?, ?, 1, ?) ON CONFLICT(id) DO UPDATE SET "
        "articles = articles + 1, mentions = mentions + excluded.mentions",
        [(i, e["name"], e["type"], counts[i]) for i, e in groups.items()])
    words = {(w.casefold(), i) for i, e in groups.items() if len(parts := e["name"].split()) > 1
             for w in parts if len(w) > 1}
    conn.executemany("INSERT OR IGNORE INTO entity_words VALUES (?, ?)", sorted(words))
