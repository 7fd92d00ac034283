"""The files a shard writes: its Parquet part (one row per article) and its errors (JSONL).

A row holds the CONTRACT.md article fields, with ``entities``, ``quotes``, ``times``, ``events`` and
``related`` as JSON strings; the fields ``warta explain`` needs (``removed``, ``provenance``) and the
rest of the article (``url``, ``kind``, ``description``, ``author``) so that ``load`` rebuilds the
same ``Article`` ingest would have stored; ``line_keys`` (JSON) for the store's line statistics; and
``signature``, the article's dedup signature (``warta.link.dedup.signature``, 536 bytes).
``story``, ``related`` and ``duplicate_of`` are empty in the part: they are decided against the
store when ``warta load`` stores the article.

Parts are written one row group per batch of analysed articles (``PartWriter``) and read back one
row group at a time (``iter_part``), so neither side holds more than a batch.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

from warta.article import ANNOTATIONS, Article, RemovedLine, Skipped

__all__ = ["SCHEMA", "PartWriter", "iter_part", "write_skip", "iter_errors"]

# CONTRACT.md order first, then the rest of the article; JSON holds lists and dicts as JSON text
_KINDS = {"published_estimated": "bool", "related": "json", "removed": "json", "provenance": "json",
          "line_keys": "json", **{name: "json" for name in ANNOTATIONS}}
_COLUMNS = tuple((name, _KINDS.get(name, "str")) for name in (
    *Article.CONTRACT_FIELDS, "url", "kind", "description", "author", "removed", "provenance", "line_keys"))
_JSON = tuple(name for name, kind in _COLUMNS if kind == "json")
SCHEMA = pa.schema(
    [pa.field(name, pa.bool_() if kind == "bool" else pa.string(), nullable=name not in ("id", "source", "body"))
     for name, kind in _COLUMNS] + [pa.field("signature", pa.binary())],
    metadata={"warta.part": "1"},
)


def _row(article: Article, signature: bytes) -> dict[str, Any]:
    row: dict[str, Any] = {name: getattr(article, name) for name, _ in _COLUMNS}
    row["removed"] = [asdict(r) for r in article.removed]
    for name in _JSON:
        row[name] = json.dumps(row[name], ensure_ascii=False)
    row["signature"] = signature
    return row


def _article(row: dict[str, Any]) -> tuple[Article, bytes]:
    signature = row.pop("signature")
    for name in _JSON:
        row[name] = json.loads(row[name])
    row["removed"] = [RemovedLine(**r) for r in row["removed"]]
    return Article(**row), signature


class PartWriter:
    """Appends analysed articles to one Parquet file, one row group per ``write``."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._writer = pq.ParquetWriter(str(path), SCHEMA, compression="zstd")

    def write(self, articles: list[tuple[Article, bytes]]) -> None:
        if articles:
            self._writer.write_table(pa.Table.from_pylist([_row(a, s) for a, s in articles], schema=SCHEMA))

    def close(self) -> None:
        self._writer.close()

    def __enter__(self) -> PartWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def iter_part(path: Path, batch_size: int = 64) -> Iterator[tuple[Article, bytes]]:
    """The articles of one part, in the order they were written, with their dedup signatures."""
    part = pq.ParquetFile(str(path))
    try:
        for batch in part.iter_batches(batch_size=batch_size):
            for row in batch.to_pylist():
                yield _article(row)
    finally:
        part.close()


def write_skip(fh: TextIO, skipped: Skipped, **extra: Any) -> None:
    fh.write(json.dumps({"source": skipped.source, "line": skipped.line, "reason": skipped.reason, **extra},
                        ensure_ascii=False) + "\n")


def iter_errors(path: Path) -> Iterator[Skipped]:
    """The skipped inputs one errors file lists (none when it is absent)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                yield Skipped(item["source"], item["reason"], item.get("line"))
