"""``warta load``: store what ``warta batch`` wrote, linking each article across the store.

Steps, in order (``load``):
  1. read the shard list of the output folder; shards without a done marker are left out and
     reported (run ``warta batch`` again, then load again);
  2. for each complete shard, in input order, read its part one row group at a time and store
     each article as ``warta ingest`` does: an article already stored is left as it is; else
     people named by one word take the id of the one stored person with that word
     (``warta.api.link_across``), the duplicate index says which earlier page it copies, and
     ``Store.put`` decides its story, related articles and merged events and adds its lines to
     the store's statistics; articles are committed ``COMMIT_EVERY`` at a time, each whole;
  3. record the shard's skipped inputs in the store's skipped table (``warta stats``).

Loading the same folder again stores nothing new (every article is already stored), so an
interrupted load is finished by running it again. Skipped inputs are counted again, as a new
``warta ingest`` of the same inputs counts them again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from warta.api import link_across
from warta.article import Article
from warta.scale.parts import iter_errors, iter_part
from warta.scale.shards import Shard, ShardFiles, read_manifest
from warta.store import Store

__all__ = ["load_parts", "LoadSummary"]

COMMIT_EVERY = 64  # articles stored per commit (Store.batch)
T = TypeVar("T")


@dataclass(slots=True)
class LoadSummary:
    shards: int = 0  # loaded
    unfinished: list[str] = field(default_factory=list)  # shard ids with no done marker: not loaded
    stored: int = 0
    unchanged: int = 0
    skipped: int = 0
    outlets: Counter[str] = field(default_factory=Counter)

    @property
    def seen(self) -> int:
        return self.stored + self.unchanged + self.skipped


OnShard = Callable[[Shard, LoadSummary], None]


def load_parts(out: str, db: str, *, on_start: Callable[[int], None] | None = None,
         on_shard: OnShard | None = None) -> LoadSummary:
    """Store every article of the complete shards under ``out`` into the store ``db``, in input
    order, with cross-article linking; safe to run again. ``on_start`` gets the number of shards,
    ``on_shard`` is called after each."""
    root = Path(out)
    shards = read_manifest(root)
    summary = LoadSummary()
    if on_start:
        on_start(len(shards))
    with Store(db) as store:
        for shard in shards:
            files = ShardFiles(root, shard.id)
            if files.finished() is None:
                summary.unfinished.append(shard.id)
            else:
                for chunk in _chunks(iter_part(files.part), COMMIT_EVERY):
                    with store.batch():  # one commit per chunk, each article whole or not at all
                        for article, sig in chunk:
                            _put(store, article, sig, summary)
                for skipped in iter_errors(files.errors):
                    store.record_skip(skipped)
                    summary.skipped += 1
                summary.shards += 1
            if on_shard:
                on_shard(shard, summary)
    return summary


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _put(store: Store, article: Article, sig: bytes, summary: LoadSummary) -> None:
    """One article into the store, as ``warta.api.ingest`` stores an analysed one."""
    if store.has(article.id):
        summary.unchanged += 1
        return
    link_across(article, store)
    if article.duplicate_of is None:
        article.duplicate_of = store.duplicates().original_of(sig, article.id)
    if store.put(article, article.line_keys, signature=sig):
        summary.stored += 1
        summary.outlets[article.outlet or "(unknown)"] += 1
    else:
        summary.unchanged += 1
