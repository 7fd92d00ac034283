"""The store's duplicate index: ``warta.link.dedup``'s MinHash + LSH, kept in the store's own tables
instead of memory, so that finding the page a new one copies costs the same in a store of a hundred
articles or of ten million, and needs no memory that grows with the store.

Tables (migration 5):
    signatures(article_id, exact, minhash)   one per article: exact key and MinHash signature
    lsh(key, article_id)                      one row per LSH band of a signature with enough shingles

For a new page (``original_of``), in order:
  1. candidates: stored articles with the same exact key, and those sharing an LSH band key (one
     indexed lookup of the page's 42 band keys);
  2. verify each from the two signatures (``warta.link.dedup.similarity``) with the index's thresholds;
  3. the answer is the oldest *original* among the matches: a match that is itself a copy stands for
     the article it copies (``articles.duplicate_of``), so copies of copies point to the first page.

The signature and band rows of an article are written by ``Store.put`` in the article's own
transaction (``rows_for``) and deleted with it, so the index is never half-written and always
agrees with what is stored, across processes.
"""

from __future__ import annotations

import sqlite3

from warta.link.dedup import (
    CONTAINMENT_THRESHOLD,
    JACCARD_FLOOR,
    MIN_SHINGLES,
    Candidate,
    Signature,
    band_keys,
    decoded,
    similarity,
)

__all__ = ["StoredDuplicates", "lsh_rows"]

_MAX_CANDIDATES = 5_000  # a band key shared by more pages than this (the same notice over and over) is cut


def _signed(key: int) -> int:
    """A 64-bit band key as SQLite's signed INTEGER."""
    return key - (1 << 64) if key >= 1 << 63 else key


def lsh_rows(article_id: str, sig: Signature, min_shingles: int = MIN_SHINGLES) -> list[tuple[int, str]]:
    """The ``lsh`` rows of one article (none for a body too short for near-duplicate matching)."""
    if sig.shingles < min_shingles:
        return []
    return [(_signed(key), article_id) for key in band_keys(sig.values)]


class StoredDuplicates:
    """Which stored article a page copies, answered from the store's tables (see the module doc)."""

    def __init__(self, conn: sqlite3.Connection, containment: float = CONTAINMENT_THRESHOLD,
                 jaccard: float = JACCARD_FLOOR, min_shingles: int = MIN_SHINGLES) -> None:
        self.conn = conn
        self.containment = containment
        self.jaccard = jaccard
        self.min_shingles = min_shingles

    def __len__(self) -> int:
        return self.conn.execute("SELECT count(*) FROM signatures").fetchone()[0]

    def original_of(self, data: bytes | Signature, article_id: str | None = None) -> str | None:
        """The earliest stored article the page with this signature copies, or None. For an article
        already stored (``article_id``), its stored answer."""
        if article_id is not None:
            row = self.conn.execute("SELECT duplicate_of FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is not None:
                return row[0]
        matches = [c.id for c in self.candidates(data) if self.is_duplicate(c)]
        if not matches:
            return None
        marks = ", ".join("?" * len(matches))
        # each match stands for its original; the oldest original (first stored) wins
        row = self.conn.execute(
            f"SELECT o.id FROM articles a JOIN articles o ON o.id = coalesce(a.duplicate_of, a.id) "
            f"WHERE a.id IN ({marks}) ORDER BY o.rowid LIMIT 1", matches).fetchone()
        return row[0] if row else None

    def candidates(self, data: bytes | Signature) -> list[Candidate]:
        """Every stored article the exact key or LSH proposes, verified or not, oldest first."""
        sig = decoded(data)
        found: dict[str, tuple[int, Candidate]] = {}
        if sig.shingles:
            for article_id, age in self.conn.execute(
                    "SELECT s.article_id, s.rowid FROM signatures s WHERE s.exact = ?", (sig.digest.hex(),)):
                found[article_id] = (age, Candidate(article_id, 1.0, 1.0, True))
        if sig.shingles >= self.min_shingles:
            keys = [_signed(key) for key in band_keys(sig.values)]
            rows = self.conn.execute(
                f"SELECT s.article_id, s.rowid, s.minhash FROM signatures s WHERE s.article_id IN "
                f"(SELECT article_id FROM lsh WHERE key IN ({', '.join('?' * len(keys))}) LIMIT {_MAX_CANDIDATES})",
                keys)
            for article_id, age, minhash in rows:
                if article_id not in found and minhash is not None:
                    jaccard, containment = similarity(sig, decoded(minhash))
                    found[article_id] = (age, Candidate(article_id, jaccard, containment, False))
        return [candidate for _, candidate in sorted(found.values(), key=lambda item: item[0])]

    def is_duplicate(self, candidate: Candidate) -> bool:
        """Whether a candidate passes this index's thresholds."""
        return candidate.exact or (candidate.containment >= self.containment and candidate.jaccard >= self.jaccard)
