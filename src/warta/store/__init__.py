"""The store: one SQLite file (WAL) with articles, full-text search (FTS5), removed lines with
their reasons, per-outlet line statistics, and skipped inputs with reasons. ``views`` holds the
read-side queries across articles (timelines, stories, listings); every query runs here, none in the
command line, the HTTP API or the web UI."""

from warta.store.store import DEFAULT_DB, HIGHLIGHT, QuoteHit, SearchHit, Store

__all__ = ["Store", "SearchHit", "QuoteHit", "DEFAULT_DB", "HIGHLIGHT"]
