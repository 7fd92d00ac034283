"""How much one page may hold, so that no page costs unbounded time or memory.

The language analysis of a page costs time and memory in proportion to its article text (200,000
characters: ~7 s and ~750 MB with the default profile, ``bench/longpage.py``), and a news article is
rarely a tenth of that (IndoSum's longest is under 9,000 characters). A page with more is a dump of
many pages, or not news: it is skipped with its size, before the expensive stages, and the batch
goes on. The page's file itself is refused over ``warta.ingest.MAX_PAGE_BYTES``.
"""

from __future__ import annotations

__all__ = ["MAX_BODY_CHARS", "MAX_TEXT_CHARS"]

MAX_BODY_CHARS = 200_000  # article text after cleaning
MAX_TEXT_CHARS = 5 * MAX_BODY_CHARS  # a page's text before cleaning (mojibake repair and cleaning are linear in it)
