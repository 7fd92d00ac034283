"""warta's Python API: the operations the CLI (and later the HTTP API) call. One implementation each.

    >>> from warta.api import ingest, analyze
    >>> summary = ingest(["pages/"], db="warta.db")
    >>> for article in analyze(["page.txt"]): print(article.title)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from warta.article import Article, RawPage, Skipped
from warta.errors import InputError
from warta.ingest import iter_pages
from warta.pipeline import analyze_page
from warta.store import DEFAULT_DB, Store

__all__ = ["IngestSummary", "ingest", "analyze", "analyze_items"]

Progress = Callable[[RawPage | Skipped], None]


@dataclass(slots=True)
class IngestSummary:
    stored: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    outlets: Counter[str] = field(default_factory=Counter)

    @property
    def seen(self) -> int:
        return self.stored + self.unchanged + len(self.skipped)


def ingest(paths: Iterable[str], db: str = DEFAULT_DB, *, clean: bool = True, published: str | None = None,
           force: bool = False, on_item: Progress | None = None,
           on_skip: Callable[[Skipped], None] | None = None) -> IngestSummary:
    """Read, clean, analyse and store every page under ``paths``; safe to run again."""
    summary = IngestSummary()
    with Store(db) as store:
        for item in iter_pages(paths):
            if on_item:
                on_item(item)
            if isinstance(item, RawPage):
                if not force and store.has(item.id):
                    summary.unchanged += 1
                    continue
                try:
                    article = _analyze(item, clean, published, store)
                except InputError as err:
                    item = Skipped(err.source, err.reason, err.line)
                else:
                    if store.put(article, article.line_keys):
                        summary.stored += 1
                        summary.outlets[article.outlet or "(unknown)"] += 1
                    else:
                        summary.unchanged += 1
                    continue
            store.record_skip(item)
            summary.skipped.append(item)
            if on_skip:
                on_skip(item)
    return summary


def analyze_items(paths: Iterable[str], *, clean: bool = True, published: str | None = None,
                  db: str | None = None) -> Iterator[Article | Skipped]:
    """Articles (or Skipped) for every page, nothing stored. With ``db``, its line statistics help."""
    store = Store(db, create=False) if db else None
    try:
        for item in iter_pages(paths):
            if isinstance(item, Skipped):
                yield item
                continue
            try:
                yield _analyze(item, clean, published, store)
            except InputError as err:
                yield Skipped(err.source, err.reason, err.line)
    finally:
        if store is not None:
            store.close()


def analyze(paths: Iterable[str], **options: object) -> Iterator[Article]:
    """Articles only; skipped inputs are dropped (use ``analyze_items`` to see them)."""
    return (a for a in analyze_items(paths, **options) if isinstance(a, Article))  # type: ignore[arg-type]


def _analyze(page: RawPage, clean: bool, published: str | None, store: Store | None) -> Article:
    return analyze_page(page, clean=clean, stats=store, published=published)
