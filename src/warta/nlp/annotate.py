"""Run the language pipeline over articles in batches and fill their annotation fields."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from warta.article import Article
from warta.nlp import load

__all__ = ["annotate", "BATCH_SIZE", "CHUNK_CHARS"]

BATCH_SIZE = 32  # articles per nlp.pipe call: large enough for spaCy's batching, small for memory
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


def annotate(articles: Sequence[Article], profile: str = "default") -> Iterator[tuple[Article, Exception | None]]:
    """Fill ``entities`` of each article; yields each article with the error that stopped it, if any.

    One bad article does not cost the batch: when the batch fails, its articles run one by one.
    """
    nlp = load(profile)
    pieces = [(k, offset, text) for k, a in enumerate(articles) for offset, text in _chunks(a.body)]
    try:
        docs = list(nlp.pipe([text for _, _, text in pieces], batch_size=BATCH_SIZE))
    except Exception:  # noqa: BLE001  (retried one by one below, each error reported)
        docs = None
    entities: dict[int, list[dict]] = {k: [] for k in range(len(articles))}
    failed: dict[int, Exception] = {}
    for n, (k, offset, text) in enumerate(pieces):
        if k in failed:
            continue
        try:
            doc = docs[n] if docs is not None else nlp(text)
        except Exception as err:  # noqa: BLE001
            failed[k] = err
            continue
        for e in doc._.entities or []:
            entities[k].append({**e, "start": e["start"] + offset, "end": e["end"] + offset})
    for k, article in enumerate(articles):
        if k in failed:
            yield article, failed[k]
        else:
            article.entities = entities[k]
            yield article, None
