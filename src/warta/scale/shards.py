"""Shards: how ``warta batch`` cuts its inputs into units of work, reads them, and lays out its output.

Planning (``plan``), in order:
  1. each input is expanded into files in name order: a folder recursively (hidden entries skipped,
     as ``warta ingest`` does), a glob pattern (``crawl/*.warc.gz``) into its matches; a path that
     does not exist stays as it is, so reading it reports why, like any other skipped input;
  2. a JSONL or WARC file is one shard, or several when it holds more than ``shard_size`` records:
     ranges of ``shard_size`` records (JSONL lines, WARC response records), the last one open-ended;
  3. single-page files (text, HTML) of one input are grouped, in name order, into shards of up to
     ``shard_size`` pages, so that a folder of a million pages is not a million tasks and the
     cleaning of each page sees the line statistics of its neighbours (see ``warta.scale.batch``).

A shard's id is a hash of its absolute file paths and record range, so the same inputs give the
same ids on every run and from any working folder; a changed input under the same path keeps
its id (give a new output folder, or delete its done marker, to recompute it).

The output folder::

    shards.json                          the shards in input order (load reads them in this order)
    articles/shard=<id>/part.parquet     one row per article (``warta.scale.parts``)
    errors/shard=<id>.jsonl              one line per skipped input: source, line, reason
    done/<id>                            written last: the shard is complete (its counts, JSON)
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import json
import os
import re
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from itertools import chain, islice, repeat
from pathlib import Path
from typing import Any, Literal

from warta.article import RawPage, Skipped
from warta.errors import InputError
from warta.ingest.readers import JSONL_SUFFIXES, WARC_SUFFIXES, iter_files, iter_pages, read_jsonl_lines, read_warc

__all__ = ["Shard", "ShardFiles", "plan", "read_shard", "write_manifest", "read_manifest", "write_atomic",
           "SHARD_SIZE"]

SHARD_SIZE = 1000  # pages per shard: ~40 s of default-profile analysis on one core, a few MB of Parquet
MANIFEST = "shards.json"
_GLOB = re.compile(r"[*?[]")

ShardKind = Literal["files", "jsonl", "warc"]


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work. ``files``: the files are read whole, in order; ``jsonl`` / ``warc``: records
    ``start`` (1-based) up to ``stop`` (exclusive; None: to the end) of one file; ``offset`` is the
    byte offset of line ``start`` in an uncompressed JSONL file, so reading seeks instead of scanning."""

    id: str
    kind: ShardKind
    paths: tuple[str, ...]
    start: int = 1
    stop: int | None = None
    offset: int = 0

    @classmethod
    def make(cls, kind: ShardKind, paths: Iterable[str], start: int = 1, stop: int | None = None,
             offset: int = 0) -> Shard:
        paths = tuple(paths)
        key = json.dumps([kind, [os.path.abspath(p) for p in paths], start, stop])
        digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
        return cls(digest, kind, paths, start, stop, offset)

    def describe(self) -> str:
        """What the shard holds, for messages: 'crawl.jsonl records 1001-2000', 'pages/a.txt … (12 files)'."""
        if self.kind != "files":
            end = "end" if self.stop is None else str(self.stop - 1)
            return f"{self.paths[0]} records {self.start}-{end}"
        if len(self.paths) == 1:
            return self.paths[0]
        return f"{self.paths[0]} … {self.paths[-1]} ({len(self.paths)} files)"

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "paths": list(self.paths)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Shard:
        return cls(**{**data, "paths": tuple(data["paths"])})


@dataclass(frozen=True, slots=True)
class ShardFiles:
    """Where one shard's outputs live under the output folder."""

    out: Path
    shard_id: str

    @property
    def part(self) -> Path:
        return self.out / "articles" / f"shard={self.shard_id}" / "part.parquet"

    @property
    def errors(self) -> Path:
        return self.out / "errors" / f"shard={self.shard_id}.jsonl"

    @property
    def done(self) -> Path:
        return self.out / "done" / self.shard_id

    def finished(self) -> dict[str, Any] | None:
        """The counts the done marker holds, or None when the shard is not complete (no marker, or
        its part is gone)."""
        try:
            done = json.loads(self.done.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return done if self.part.exists() else None


# -- planning ------------------------------------------------------------------------------------


def plan(inputs: Iterable[str], shard_size: int = SHARD_SIZE) -> list[Shard]:
    """The shards of ``inputs``, in input order (see the module docstring)."""
    if shard_size < 1:
        raise ValueError("shard_size must be at least 1")
    shards: list[Shard] = []
    for raw in inputs:
        if raw == "-":
            raise InputError("-", "warta batch reads files, not standard input; use 'warta ingest -'")
        group: list[str] = []
        for name in _expand(raw):
            if name.lower().endswith(JSONL_SUFFIXES + WARC_SUFFIXES):
                if group:
                    shards.append(Shard.make("files", group))
                    group = []
                shards.extend(_split(name, shard_size))
            else:
                group.append(name)
                if len(group) >= shard_size:
                    shards.append(Shard.make("files", group))
                    group = []
        if group:
            shards.append(Shard.make("files", group))
    return shards


def _expand(raw: str) -> list[str]:
    if not os.path.exists(raw) and _GLOB.search(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        if not matches:
            return [raw]  # reading reports "no such file or folder"
        return [name for match in matches for name in _expand(match)]
    return [item if isinstance(item, str) else item.source for item in iter_files([raw])]


def _split(name: str, shard_size: int) -> list[Shard]:
    """One shard for the file, or one per ``shard_size`` records when it holds more."""
    try:
        if name.lower().endswith(JSONL_SUFFIXES):
            starts = _jsonl_starts(name, shard_size)
            kind: ShardKind = "jsonl"
        else:
            starts = [(n, 0) for n in range(1, _warc_records(name) + 1, shard_size)]
            kind = "warc"
    except (OSError, EOFError, gzip.BadGzipFile):
        starts = []  # unreadable: one shard, whose reading reports why
    if len(starts) <= 1:
        return [Shard.make("files", [name])]
    stops: list[int | None] = [start for start, _ in starts[1:]] + [None]
    return [Shard.make(kind, [name], start, stop, offset) for (start, offset), stop in zip(starts, stops, strict=True)]


def _jsonl_starts(name: str, shard_size: int) -> list[tuple[int, int]]:
    """(first line, its byte offset) of every run of ``shard_size`` lines (offsets only matter uncompressed)."""
    starts, offset = [], 0
    opener = gzip.open if name.lower().endswith(".gz") else open
    with opener(name, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if (number - 1) % shard_size == 0:
                starts.append((number, offset))
            offset += len(line)
    return starts


def _warc_records(name: str) -> int:
    """How many response records the WARC reader will number (it numbers only those)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    count = 0
    try:
        for _ in ArchiveIterator(name, record_types=WarcRecordType.response, parse_http=False, stream_detect=True,
                                 fsspec_args=False):
            count += 1
    except Exception:  # noqa: BLE001  (a broken stream: the records before the break are what reading sees)
        pass
    return count


# -- reading -------------------------------------------------------------------------------------


def read_shard(shard: Shard) -> Iterator[RawPage | Skipped]:
    """The pages of one shard, or a Skipped with its reason, as ``warta ingest`` reads them."""
    if shard.kind == "files":
        yield from iter_pages(shard.paths)
    elif shard.kind == "jsonl":
        yield from _jsonl_range(shard)
    else:
        yield from _warc_range(shard)


def _jsonl_range(shard: Shard) -> Iterator[RawPage | Skipped]:
    name = shard.paths[0]
    count = None if shard.stop is None else shard.stop - shard.start
    try:
        if name.lower().endswith(".gz"):
            with gzip.open(name, "rb") as fh:
                lines: Iterable[bytes] = islice(fh, shard.start - 1, None if count is None else shard.start - 1 + count)
                yield from _numbered_jsonl(lines, name, shard.start)
        else:
            with open(name, "rb") as fh:
                fh.seek(shard.offset)
                yield from _numbered_jsonl(islice(fh, count), name, shard.start)
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        yield Skipped(name, f"cannot read: {err.strerror if isinstance(err, OSError) and err.strerror else err}")


def _numbered_jsonl(lines: Iterable[bytes], name: str, start: int) -> Iterator[RawPage | Skipped]:
    # The ingest reader numbers lines from 1 and passes over blank ones: leading blanks make its
    # numbers (and so sources "file.jsonl:1234" and error lines) the same as a whole-file read.
    return read_jsonl_lines(chain(repeat(b"", start - 1), lines), name)


def _warc_range(shard: Shard) -> Iterator[RawPage | Skipped]:
    # The ingest reader yields exactly one item per response record (then, at most, one about a
    # broken stream, which falls to the open-ended last range). Records before the range are
    # decoded and dropped: cheap next to their analysis, and the reader has no seek.
    for number, item in enumerate(read_warc(shard.paths[0]), start=1):
        if number >= shard.start and (shard.stop is None or number < shard.stop):
            yield item
        elif shard.stop is not None and number >= shard.stop:
            return


# -- output folder -------------------------------------------------------------------------------


def write_atomic(path: Path, text: str) -> None:
    """Write a file so that readers see either the old one or the whole new one (temp, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def write_manifest(out: Path, shards: list[Shard]) -> list[Shard]:
    """Record the shards in input order. Shards an earlier run into the same folder planned stay
    listed first, so ``load`` still finds their parts; returns the whole list."""
    known = read_manifest(out) if (out / MANIFEST).exists() else []
    ids = {s.id for s in known}
    merged = known + [s for s in shards if s.id not in ids]
    write_atomic(out / MANIFEST, json.dumps([s.to_json() for s in merged], ensure_ascii=False, indent=0) + "\n")
    return merged


def read_manifest(out: Path) -> list[Shard]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(out), f"not a 'warta batch' output folder (no {MANIFEST}); "
                                   f"run 'warta batch INPUT... --out {out}' first") from None
    except (OSError, ValueError) as err:
        raise InputError(str(out / MANIFEST), f"cannot read the shard list: {err}") from None
    return [Shard.from_json(item) for item in data]
