"""The one loop from pages to analysed articles: read → clean → annotate, for ``warta ingest`` (which
stores), ``warta analyze`` (which prints) and ``warta batch`` (which writes parts).

Pages are cleaned one by one in input order, each seeing the line statistics of every page before it
(``PendingLines``: the store's, plus those of pages cleaned and not yet stored); the language pipeline
analyses them in batches (``Annotator``: in this process, or in worker processes, which also extract
HTML pages' main text ahead of the cleaning). What the loop yields, in input order of the events
that make it:

- a ``Skipped`` for an unreadable input or a page cleaning refuses (the reason says which);
- a ``Repeated`` for a page the caller knows already (stored) or met earlier in this run;
- a list of ``(article, error, signature)`` for each batch whose analysis finished (the error is why
  it failed; the signature is the article's duplicate signature).

The caller settles each article of a batch (stores, prints or writes it) and calls
``counts.remove(article)`` once the article's lines count elsewhere (stored) or never will (failed).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from warta.annotate import BATCH_SIZE, Annotator, Result
from warta.article import RawPage, Skipped
from warta.errors import InputError
from warta.pipeline import PendingLines, analyze_page

__all__ = ["Repeated", "Step", "analysed"]


@dataclass(frozen=True, slots=True)
class Repeated:
    """A page whose article is stored already, or that came earlier in this run."""

    page: RawPage


Step = Skipped | Repeated | Result


def analysed(items: Iterable[RawPage | Skipped], annotator: Annotator, counts: PendingLines, *,
             clean: bool = True, published: str | None = None,
             known: Callable[[RawPage], bool] = lambda page: False,
             on_item: Callable[[RawPage | Skipped], None] | None = None, repeats: bool = False) -> Iterator[Step]:
    """Each input's fate, as the module says: Skipped, Repeated, or its article in a finished batch.
    ``repeats``: a page met earlier in this run is analysed again rather than Repeated."""
    batch = []
    for item, extracted in annotator.extracted(items, lambda page: not known(page)):
        if on_item:
            on_item(item)
        if isinstance(item, Skipped):
            yield item
            continue
        if known(item) or (item.id in counts.ids and not repeats):
            yield Repeated(item)
            continue
        try:
            article = analyze_page(item, clean=clean, stats=counts, published=published, extracted=extracted,
                                   language=False)
        except InputError as err:
            yield Skipped(err.source, err.reason, err.line)
            continue
        counts.add(article)
        batch.append(article)
        if len(batch) >= BATCH_SIZE:
            yield from annotator.submit(batch)
            batch = []
    yield from annotator.submit(batch)
    yield from annotator.drain()
