"""Expand inputs into pages: plain text and HTML files, JSONL, WARC (.gz), folders and stdin.

Pages are streamed: a folder or a WARC of any size is read one page at a time, so memory stays
flat. Single pages are read whole, up to MAX_PAGE_BYTES.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from warta.article import RawPage, Skipped
from warta.errors import InputError
from warta.ingest.decode import decode_bytes, sanitise

__all__ = ["iter_pages", "iter_files", "count_files", "read_file", "read_jsonl_lines", "read_warc", "read_bytes",
           "MAX_PAGE_BYTES",
           "JSONL_SUFFIXES", "WARC_SUFFIXES"]

MAX_PAGE_BYTES = 10 * 1024 * 1024
STDIN = "-"

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
_HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_SNIFF = re.compile(rb"<(!doctype\s+html|html|head|body|meta|div|p|article)[\s>]", re.I)
_CHARSET = re.compile(r"charset=[\"']?([\w.:-]+)", re.I)

Item = RawPage | Skipped


def iter_files(paths: Iterable[str]) -> Iterator[str | Skipped]:
    """Each path as a file name; folders recursively in sorted order (hidden entries skipped)."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield os.path.join(root, name)
        elif path.is_file():
            yield str(path)
        elif path.exists():
            yield Skipped(raw, "not a regular file")
        else:
            yield Skipped(raw, "no such file or folder")


def count_files(paths: Iterable[str]) -> int:
    return sum(1 for f in iter_files(paths) if not isinstance(f, Skipped))


def iter_pages(paths: Iterable[str]) -> Iterator[Item]:
    """Every page in every input, in order, or a Skipped with its reason."""
    for item in iter_files(paths):
        if isinstance(item, Skipped):
            yield item
        else:
            yield from read_file(item)


def read_file(name: str) -> Iterator[Item]:
    try:
        if name == STDIN:
            yield from _read_stream(sys.stdin.buffer, "<stdin>")
            return
        lower = name.lower()
        if lower.endswith(WARC_SUFFIXES):
            yield from read_warc(name)
        elif lower.endswith(JSONL_SUFFIXES):
            opener = gzip.open if lower.endswith(".gz") else open
            with opener(name, "rb") as fh:
                yield from read_jsonl_lines(fh, name)
        else:
            yield _read_page_file(name, html=lower.endswith(_HTML_SUFFIXES))
    except InputError as err:
        yield Skipped(err.source, err.reason, err.line)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error) as err:
        # a compressed input cut or corrupted mid-stream: the pages before the fault are already read
        detail = err.strerror if isinstance(err, OSError) and err.strerror else str(err) or type(err).__name__
        yield Skipped(name, f"cannot read (corrupt or truncated compressed data?): {detail}"
                      if isinstance(err, (EOFError, zlib.error, gzip.BadGzipFile)) else f"cannot read: {detail}")


def _read_page_file(name: str, html: bool) -> RawPage:
    size = os.path.getsize(name)
    if size == 0:
        raise InputError(name, "empty file")
    if size > MAX_PAGE_BYTES:
        raise InputError(name, f"too large for one page ({size / 2**20:.0f} MB > {MAX_PAGE_BYTES // 2**20} MB);"
                               " split it, or give many pages as JSONL or WARC")
    with open(name, "rb") as fh:
        data = fh.read()
    return _page_from_bytes(data, name, html)


def _page_from_bytes(data: bytes, source: str, html: bool, url: str | None = None,
                     declared: str | None = None) -> RawPage:
    if not data.strip():
        raise InputError(source, "empty page (only whitespace)")
    is_html = html or bool(_HTML_SNIFF.search(data[:4096]))
    if is_html and declared is None:
        found = _CHARSET.search(data[:4096].decode("ascii", "ignore"))
        declared = found.group(1) if found else None
    text, repairs = sanitise(decode_bytes(data, source, declared))
    return RawPage(source=source, kind="html" if is_html else "text", content=text, url=url, repairs=tuple(repairs))


def read_bytes(data: bytes, source: str, kind: str) -> Iterator[Item]:
    """Pages of one input held in memory (an HTTP upload): ``kind`` is "jsonl" (one record a line),
    "html" or "text" (one page). ``source`` names it in the pages and in the reasons for skipping."""
    if kind == "jsonl":
        yield from read_jsonl_lines(io.BytesIO(data), source)
    elif len(data) > MAX_PAGE_BYTES:
        yield Skipped(source, f"too large for one page (> {MAX_PAGE_BYTES // 2**20} MB); give many pages as JSONL")
    else:
        try:
            yield _page_from_bytes(data, source, html=kind == "html")
        except InputError as err:
            yield Skipped(err.source, err.reason)


def _read_stream(stream: BinaryIO, source: str) -> Iterator[Item]:
    """stdin: JSONL when it starts with '{', else one text or HTML page."""
    buffered = io.BufferedReader(stream) if not isinstance(stream, io.BufferedReader) else stream
    head = buffered.peek(64)[:64].lstrip()
    if head.startswith(b"{"):
        yield from read_jsonl_lines(buffered, source)
        return
    data = buffered.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        yield Skipped(source, f"too large for one page (> {MAX_PAGE_BYTES // 2**20} MB); give many pages as JSONL")
    elif not data.strip():
        yield Skipped(source, "empty input")
    else:
        try:
            yield _page_from_bytes(data, source, html=False)
        except InputError as err:
            yield Skipped(err.source, err.reason)


def read_jsonl_lines(fh: Iterable[bytes], source: str) -> Iterator[Item]:
    """Pages of JSONL lines (numbered from 1; blank lines count but yield nothing), a Skipped per bad one."""
    for number, raw in enumerate(fh, start=1):
        if not raw.strip():
            continue
        try:
            yield _jsonl_record(raw, source, number)
        except InputError as err:
            yield Skipped(err.source, err.reason, err.line)


def _jsonl_record(raw: bytes, source: str, number: int) -> RawPage:
    if len(raw) > MAX_PAGE_BYTES:
        raise InputError(source, f"record too large ({len(raw) / 2**20:.0f} MB)", number)
    try:
        record = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(source, f"invalid JSON ({err.msg if hasattr(err, 'msg') else err})", number) from None
    if not isinstance(record, dict):
        raise InputError(source, f"expected a JSON object, got {type(record).__name__}", number)
    text, html = record.get("text"), record.get("html")
    content, kind = (html, "html") if isinstance(html, str) and html.strip() else (text, "text")
    if not isinstance(content, str) or not content.strip():
        raise InputError(source, "record has no non-empty 'text' or 'html' field", number)
    content, repairs = sanitise(content)
    given = {}
    for key in ("id", "title", "outlet", "published"):
        value = record.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            # a list or an object where a string belongs: the article stays, the field is dropped
            repairs.append(f"field {key!r} is a JSON {type(value).__name__}, not a string: ignored")
            continue
        given[key] = _clean_field(value)
    url = _clean_field(record["url"]) if isinstance(record.get("url"), str) else None
    return RawPage(source=url or f"{source}:{number}", kind=kind, content=content, url=url, given=given,
                   repairs=tuple(repairs))


def _clean_field(value: object) -> object:
    """A JSONL field as text warta can store and print: strings sanitised, other values kept."""
    return sanitise(value)[0] if isinstance(value, str) else value


def read_warc(name: str) -> Iterator[Item]:
    """One item per WARC response record of ``name`` (a page, or a Skipped with its reason), then at
    most one Skipped about a broken stream."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    number = 0
    try:
        records = ArchiveIterator(name, record_types=WarcRecordType.response, parse_http=True, stream_detect=True,
                                  fsspec_args=False)
        for record in records:
            number += 1
            url = record.headers.get("WARC-Target-URI") or None
            where = f"record {number}" + (f" ({url})" if url else "")
            http = record.http_headers
            ctype = (http.get("Content-Type") if http is not None else None) or ""
            if "html" not in ctype.lower():
                yield Skipped(name, f"{where}: not an HTML response ({ctype or 'no content type'})")
                continue
            if http is not None and http.status_code and http.status_code != 200:
                yield Skipped(name, f"{where}: HTTP status {http.status_code}")
                continue
            data = record.reader.read(MAX_PAGE_BYTES + 1)
            if len(data) > MAX_PAGE_BYTES:
                yield Skipped(name, f"{where}: response larger than {MAX_PAGE_BYTES // 2**20} MB")
                continue
            if record.content_length and len(data) < record.content_length:
                # the file ends inside this record: what was read is a fragment of the page, not an article
                yield Skipped(name, f"{where}: truncated record ({len(data):,} of {record.content_length:,} bytes; "
                                    "the WARC file is cut)")
                continue
            found = _CHARSET.search(ctype)
            try:
                yield _page_from_bytes(data, url or f"{name}#{number}", html=True, url=url,
                                       declared=found.group(1) if found else None)
            except InputError as err:
                yield Skipped(name, f"{where}: {err.reason}")
    except Exception as err:  # fastwarc raises plain exceptions on corrupt streams
        yield Skipped(name, f"WARC stream broken after record {number}: {err}")
        return
    if number == 0:
        yield Skipped(name, "no WARC response records found (is this a WARC file?)")
