"""warta: reads Indonesian news the way an analyst does.

Stages, in the order data flows: ``ingest`` (readers of text, HTML, JSONL, WARC) → ``pipeline``
(a page to an article: ``clean`` the page, ``meta`` its outlet, dateline, dates and language) →
``annotate`` (the language pipeline over articles in batches: ``model`` assembles the trained spaCy
pipeline with ``nlp``'s components and ``extract``'s times, quotes and events) → ``link`` (across
articles: duplicates, stories, merged events) → ``store`` (SQLite + FTS5) → ``cli``, ``serve``
(HTTP API and web UI), ``scale`` (Dask batches). ``warta.api`` is the Python API;
``warta.article.Article`` the object that flows through.
"""

from warta.article import Article, RawPage, Skipped
from warta.errors import InputError, NotFound, StoreError, WartaError

__version__ = "0.1.0"
__all__ = ["Article", "RawPage", "Skipped", "WartaError", "InputError", "StoreError", "NotFound", "load",
           "make_doc", "__version__"]


def load(profile: str = "default"):  # -> spacy.Language
    """warta's trained spaCy pipeline for Indonesian news with warta's components (``warta.model.load``)."""
    from warta.model import load as _load

    return _load(profile)


def make_doc(nlp, text: str, dct=None, title=None):  # (Language, str, date | None, str | None) -> Doc
    """A Doc to run ``nlp`` on, with its reference date and the article's title (``warta.nlp.make_doc``)."""
    from warta.nlp import make_doc as _make_doc

    return _make_doc(nlp, text, dct, title)
