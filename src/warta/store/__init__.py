"""The store: one SQLite file (WAL) with articles, full-text search (FTS5), removed lines with
their reasons, per-outlet line statistics, and skipped inputs with reasons."""

from warta.store.store import DEFAULT_DB, SearchHit, Store

__all__ = ["Store", "SearchHit", "DEFAULT_DB"]
