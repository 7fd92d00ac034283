"""warta's Python API: the operations the CLI (and later the HTTP API) call. One implementation each.

    >>> from warta.api import ingest, analyze
    >>> summary = ingest(["pages/"], db="warta.db")
    >>> for article in analyze(["page.txt"]): print(article.title)
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from warta.annotate import Annotator
from warta.article import Article, RawPage, Skipped
from warta.ingest import iter_pages
from warta.link.kb import FAMILIAR
from warta.nlp.linker import entity_id_from_name
from warta.pipeline import PendingLines, analysis_failed
from warta.run import Repeated, analysed
from warta.store import DEFAULT_DB, Store

__all__ = ["IngestSummary", "ingest", "ingest_items", "analyze", "analyze_items"]

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
           force: bool = False, profile: str = "default", jobs: int = 1, on_item: Progress | None = None,
           on_skip: Callable[[Skipped], None] | None = None) -> IngestSummary:
    """Read, clean, analyse and store every page under ``paths``; safe to run again (see ``ingest_items``)."""
    return ingest_items(iter_pages(paths), db, clean=clean, published=published, force=force, profile=profile,
                        jobs=jobs, on_item=on_item, on_skip=on_skip)


def ingest_items(items: Iterable[RawPage | Skipped], db: str = DEFAULT_DB, *, clean: bool = True,
                 published: str | None = None, force: bool = False, profile: str = "default", jobs: int = 1,
                 on_item: Progress | None = None, on_skip: Callable[[Skipped], None] | None = None) -> IngestSummary:
    """Clean, analyse and store pages already read (``warta.ingest.readers``); a Skipped among them is
    recorded as skipped. Safe to run again.

    Pages are cleaned one by one in input order (each sees the line statistics of every page before
    it, stored or still being analysed), analysed by the language pipeline in batches (in ``jobs``
    worker processes when more than one, which also extract the main text of HTML pages ahead of
    the cleaning), and stored in input order, each article whole or not at all, one commit per
    batch (``Store.batch``): the store is the same whatever ``jobs`` is.
    """
    summary = IngestSummary()

    def skip(item: Skipped) -> None:
        store.record_skip(item)
        summary.skipped.append(item)
        if on_skip:
            on_skip(item)

    def put(results: list[tuple[Article, str | None, bytes | None]]) -> None:
        with store.batch():  # one commit per batch; each article whole or not at all
            put_each(results)

    def put_each(results: list[tuple[Article, str | None, bytes | None]]) -> None:
        for article, error, sig in results:
            pending.remove(article)
            if error is not None or sig is None:
                skip(analysis_failed(article, error or "no signature"))
                continue
            link_across(article, store)
            if article.duplicate_of is None:
                article.duplicate_of = store.duplicates().original_of(sig, article.id)
            if store.put(article, article.line_keys, replace=force, signature=sig):
                summary.stored += 1
                summary.outlets[article.outlet or "(unknown)"] += 1
            else:
                summary.unchanged += 1

    with Store(db) as store, Annotator(profile, jobs) as annotator:
        pending = PendingLines(store)
        for step in analysed(items, annotator, pending, clean=clean, published=published, on_item=on_item,
                             known=lambda page: not force and store.has(page.id)):
            if isinstance(step, Skipped):
                skip(step)
            elif isinstance(step, Repeated):
                summary.unchanged += 1
            else:
                put(step)
    return summary


def analyze_items(paths: Iterable[str], *, clean: bool = True, published: str | None = None,
                  db: str | None = None, profile: str = "default") -> Iterator[Article | Skipped]:
    """Articles (or Skipped) for every page, in input order, nothing stored: the loop of ``ingest``
    (``warta.run``), every page analysed even when it repeats an earlier one. With ``db``, its line
    statistics help the cleaning."""
    store = Store(db, create=False) if db else None
    slots: deque[list[Any]] = deque()  # [result or None] per input, in input order
    analysing: deque[list[Any]] = deque()  # the slots of pages in the language pipeline, in order

    def read(item: RawPage | Skipped) -> None:
        slot: list[Any] = [None, isinstance(item, RawPage)]
        slots.append(slot)
        if slot[1]:
            analysing.append(slot)

    def ready() -> Iterator[Article | Skipped]:
        while slots and slots[0][0] is not None:
            yield slots.popleft()[0]

    try:
        with Annotator(profile) as annotator:
            counts = PendingLines(store, track=False)  # the store's statistics, as before
            for step in analysed(iter_pages(paths), annotator, counts, clean=clean, published=published,
                                 on_item=read, repeats=True):
                if isinstance(step, Skipped):  # the input just read: unreadable, or its cleaning refused
                    if slots[-1][1]:
                        analysing.pop()
                    slots[-1][0] = step
                elif not isinstance(step, Repeated):
                    for article, error, _ in step:
                        analysing.popleft()[0] = article if error is None else analysis_failed(article, error)
                yield from ready()
            yield from ready()
    finally:
        if store is not None:
            store.close()


_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9&-]{1,9}")


def _nickname(mentions: list[dict[str, Any]], body: str) -> str | None:
    """The nickname a person goes by after a familiar honorific ("Gus Imin", "Mbak Mega": "Imin",
    "Mega"), or None."""
    for e in mentions:
        words = e["name"].split()
        if len(words) == 2 and words[0].lower() in FAMILIAR:
            return words[1]
        before = body[max(0, e["start"] - 8):e["start"]].split()
        if len(words) == 1 and before and before[-1].lower() in FAMILIAR:
            return words[0]
    return None


def link_across(article: Article, store: Store) -> None:
    """Names this article does not introduce take the id of what the store knows them as: a person
    named by one word only ("Lee") the one stored person whose fuller name has that word; a nickname
    after a familiar honorific ("Gus Imin") the one stored person another article called by it
    under any such honorific ("Cak Imin" for Muhaimin Iskandar); an acronym ("PKB", "HTI") the one
    stored organisation or place another article wrote it for ("Partai Kebangkitan Bangsa (PKB)"),
    when there is exactly one. Quote speakers and event participants follow their mentions."""
    moved: dict[str, tuple[str, str]] = {}
    for entity_id in {e["id"] for e in article.entities if entity_id_from_name(e["id"])}:
        mentions = [e for e in article.entities if e["id"] == entity_id]
        name, type_ = mentions[0]["name"], mentions[0]["type"]
        found, retyped = None, None
        if _ACRONYM.fullmatch(name) and sum(c.isupper() for c in name) >= 2 and (
                type_ != "PER" or not any(c.islower() for c in name)):  # "FWPL" is no person's name
            acronym = store.entity_for_acronym(name, entity_id)
            if acronym:
                found, retyped = acronym[:2], acronym[2]
        if found is None and type_ == "PER" and " " not in name and name.lower() not in FAMILIAR:
            found = store.person_for_word(name)  # not a familiar honorific read as a name ("Mas" of "Mas Anas")
        if found is None and type_ == "PER" and (nick := _nickname(mentions, article.body)):
            found = store.person_for_nickname(nick, entity_id)
        if found:
            moved[entity_id] = found
            for e in mentions:
                e["id"], e["name"] = found
                if retyped:
                    e["type"] = retyped
    if not moved:
        return
    for quote in article.quotes:
        speaker = quote.get("speaker") or {}
        if speaker.get("id") in moved:
            speaker["id"], speaker["name"] = moved[speaker["id"]]
    for event in article.events:
        for names, ids in (("actors", "actor_ids"), ("targets", "target_ids")):
            for n, entity_id in enumerate(event.get(ids) or []):
                if entity_id in moved:
                    event[ids][n] = moved[entity_id][0]
                    if n < len(event.get(names) or []):
                        event[names][n] = moved[entity_id][1]


def analyze(paths: Iterable[str], **options: object) -> Iterator[Article]:
    """Articles only; skipped inputs are dropped (use ``analyze_items`` to see them)."""
    return (a for a in analyze_items(paths, **options) if isinstance(a, Article))  # type: ignore[arg-type]
