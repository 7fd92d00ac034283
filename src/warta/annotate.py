"""Run the language pipeline over articles in batches and fill their annotation fields."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from multiprocessing.pool import AsyncResult, Pool
from typing import Any

from threadpoolctl import threadpool_limits

from warta.article import ANNOTATIONS, Article, RawPage, Skipped, published_day
from warta.link.dedup import signature
from warta.meta.language import detect_language
from warta.model import load
from warta.nlp import make_doc, warm_vocab
from warta.pipeline import NOT_EXTRACTED, extract_pages

__all__ = ["annotate", "Annotator", "reference_date", "BATCH_SIZE", "CHUNK_CHARS"]

FIELDS = tuple(ANNOTATIONS)  # doc._.NAME -> Article.NAME

BATCH_SIZE = 32  # articles per nlp.pipe call: large enough for spaCy's batching, small for memory
EXTRACT_BATCH = 16  # HTML pages per extraction task (Annotator.extracted)
CHUNK_CHARS = 100_000  # longer bodies are analysed in pieces cut at paragraph ends (memory stays flat)


def _chunks(body: str) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most about CHUNK_CHARS, cut after a newline where possible."""
    if len(body) <= CHUNK_CHARS:
        return [(0, body)]
    pieces, start = [], 0
    while start < len(body):
        end = min(start + CHUNK_CHARS, len(body))
        if end < len(body):
            cut = body.rfind("\n", start, end)
            end = cut + 1 if cut > start else end
        pieces.append((start, body[start:end]))
        start = end
    return pieces


def reference_date(published: str | None) -> date | None:
    """The article's publication day ("2025-11-05", "2025-11-05T14:30:00+07:00") as a date."""
    return published_day(published)


def _shifted(item: Any, offset: int) -> Any:
    """A copy of an annotation with every ``start``/``end`` (nested too) moved by ``offset``."""
    if isinstance(item, dict):
        return {k: (v + offset if k in ("start", "end") and isinstance(v, int) else _shifted(v, offset))
                for k, v in item.items()}
    if isinstance(item, list):
        return [_shifted(v, offset) for v in item]
    return item


def annotate(articles: Sequence[Article], profile: str = "default") -> Iterator[tuple[Article, Exception | None]]:
    """Fill ``entities``, ``times``, ``quotes`` and ``events`` of each article (and its ``language``
    when it is not known); yields each article with the error that stopped it, if any. Times are
    resolved against the article's publication date.

    One bad article does not cost the batch: when the batch fails, its articles run one by one.
    """
    nlp = load(profile)
    for article in articles:  # ingest leaves it here, to the workers (analyze_page(language=False))
        if article.language is None:
            article.language = detect_language(article.body)
    pieces = [(k, offset, text) for k, a in enumerate(articles) for offset, text in _chunks(a.body)]
    dcts = [reference_date(a.published) for a in articles]
    titles = [a.title for a in articles]

    found: dict[int, dict[str, list[dict]]] = {k: {name: [] for name in FIELDS} for k in range(len(articles))}
    failed: dict[int, Exception] = {}
    # The words this batch adds to the vocabulary are dropped at the end of the zone, so that a
    # long run's memory does not grow with every new name and number it reads (the model's known
    # words are made permanent first: warm_vocab). Nothing of a Doc leaves the zone: the results are
    # plain dicts.
    warm_vocab(nlp, (text for _, _, text in pieces))
    # one BLAS thread: warta runs in parallel by processes (--jobs, Dask workers), and BLAS threads
    # of several processes would fight over the same cores
    with threadpool_limits(1, user_api="blas"), nlp.memory_zone():
        try:
            docs = list(nlp.pipe((make_doc(nlp, text, dcts[k], titles[k] if not offset else None)
                                  for k, offset, text in pieces), batch_size=BATCH_SIZE))
        except Exception:  # noqa: BLE001  (retried one by one below, each error reported)
            docs = None
        for n, (k, offset, text) in enumerate(pieces):
            if k in failed:
                continue
            try:
                doc = docs[n] if docs is not None else \
                    nlp(make_doc(nlp, text, dcts[k], titles[k] if not offset else None))
            except Exception as err:  # noqa: BLE001
                failed[k] = err
                continue
            for name in FIELDS:
                items = getattr(doc._, name) or []
                found[k][name].extend(_shifted(items, offset) if offset else items)
        del docs
    for k, article in enumerate(articles):
        if k in failed:
            yield article, failed[k]
        else:
            for name in FIELDS:
                setattr(article, name, found[k][name])
            yield article, None


# each article with the reason its analysis failed, if it did, else its duplicate signature
# (warta.link.dedup.signature of the body: computed here, in the workers when there are some)
Result = list[tuple[Article, str | None, bytes | None]]


def _annotate_batch(batch: list[Article], profile: str) -> Result:
    return [(article, str(error), None) if error is not None else (article, None, signature(article.body))
            for article, error in annotate(batch, profile)]


def _load_worker(profile: str) -> None:
    load(profile)  # each worker process loads the pipeline once, before its first batch


class Annotator:
    """:func:`annotate` over a stream of batches, in this process (``jobs=1``) or in ``jobs`` worker
    processes. Batches come back in the order they were submitted, so what is stored, and in which
    order, does not depend on ``jobs``; at most ``2 * jobs`` batches are in flight (memory stays
    bounded by the batch size, never by the input).

        with Annotator("default", jobs=2) as annotator:
            for batch in batches:
                for result in annotator.submit(batch): store(result)
            for result in annotator.drain(): store(result)
    """

    def __init__(self, profile: str = "default", jobs: int = 1):
        self.profile, self.jobs = profile, max(1, jobs)
        self._pool: Pool | None = None
        self._flight: deque[AsyncResult[Result]] = deque()

    def __enter__(self) -> Annotator:
        if self.jobs > 1:  # forkserver: workers start clean even when this process runs threads (progress bars)
            context = multiprocessing.get_context("forkserver")
            self._pool = context.Pool(self.jobs, initializer=_load_worker, initargs=(self.profile,))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()

    def extracted(self, items: Iterable[RawPage | Skipped], wanted: Callable[[RawPage], bool] = lambda page: True
                  ) -> Iterator[tuple[RawPage | Skipped, object]]:
        """Each item in input order with its HTML main text (``warta.pipeline.extract_pages``): with
        workers, the HTML pages ``wanted`` are extracted there, a few batches ahead, so that this
        process keeps only the stages that must run in order (cleaning, storing); otherwise, and
        for every other item, with ``NOT_EXTRACTED`` (``analyze_page`` extracts it)."""
        if self._pool is None:
            for item in items:
                yield item, NOT_EXTRACTED
            return
        ahead: deque[tuple[list[RawPage | Skipped], list[int], AsyncResult[list]]] = deque()

        def send(chunk: list[RawPage | Skipped]) -> None:
            html = [k for k, item in enumerate(chunk) if isinstance(item, RawPage) and item.kind == "html"
                    and wanted(item)]
            pages = [(chunk[k].content, chunk[k].url) for k in html]
            ahead.append((chunk, html, self._pool.apply_async(extract_pages, (pages,))))

        def done() -> Iterator[tuple[RawPage | Skipped, object]]:
            chunk, html, result = ahead.popleft()
            found = dict(zip(html, result.get(), strict=True))
            for k, item in enumerate(chunk):
                yield item, found.get(k, NOT_EXTRACTED)

        chunk: list[RawPage | Skipped] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= EXTRACT_BATCH:
                send(chunk)
                chunk = []
                while len(ahead) > 2 * self.jobs:
                    yield from done()
        if chunk:
            send(chunk)
        while ahead:
            yield from done()

    def submit(self, batch: list[Article]) -> Iterator[Result]:
        """Queue a batch; yields the batches that are done, oldest first."""
        if not batch:
            return
        if self._pool is None:
            yield _annotate_batch(batch, self.profile)
            return
        self._flight.append(self._pool.apply_async(_annotate_batch, (batch, self.profile)))
        while len(self._flight) > 2 * self.jobs:
            yield self._flight.popleft().get()

    def drain(self) -> Iterator[Result]:
        while self._flight:
            yield self._flight.popleft().get()
