"""Readers: turn paths (files, folders, WARC, JSONL, stdin) into a stream of RawPage or Skipped.

Steps, in order: expand paths into files (``sources.iter_files``), pick a reader by name and by
sniffing the first bytes, decode (``decode.decode_bytes``), and yield one ``RawPage`` per page or
record. Every failure is a ``Skipped`` with its reason; nothing is read whole except single pages.
"""

from warta.ingest.readers import MAX_PAGE_BYTES, iter_pages

__all__ = ["iter_pages", "MAX_PAGE_BYTES"]
