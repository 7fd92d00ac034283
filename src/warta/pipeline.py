"""One page in, one article out: the stages in order.

  1. HTML pages: trafilatura main text and metadata (``clean.html``);
  2. cleaning of the text, line by line (``clean``), unless the input is declared clean;
  3. metadata: outlet, dateline, title, author, publication date (given > page metadata >
     header date line > weekday-anchored date in the text, marked estimated), language;
  4. (later stages add entities, quotes, times and events to the same article).
"""

from __future__ import annotations

from datetime import date

from warta.article import Article, RawPage
from warta.clean import CleanResult, LineCounts, clean_text
from warta.clean.html import extract_html
from warta.errors import InputError
from warta.meta.dates import anchored_dates
from warta.meta.language import detect_language
from warta.meta.outlets import outlet_for_domain, outlet_for_form

__all__ = ["analyze_page"]


def analyze_page(page: RawPage, *, clean: bool = True, stats: LineCounts | None = None,
                 published: str | None = None) -> Article:
    """Turn one raw page into an article; raise InputError when it holds no article text."""
    given = dict(page.given)
    if published:
        given.setdefault("published", published)
    article = Article(id=page.id, source=page.source, body="", kind=page.kind, url=page.url)
    hint = _given_outlet(given, page.url)
    text = page.content
    if page.kind == "html":
        extracted = extract_html(page.content, page.url)
        if extracted is None:
            raise InputError(page.source, "no article text found in the HTML page")
        text = extracted.text
        article.url = article.url or extracted.url
        _take(article, "title", extracted.title, "HTML metadata")
        _take(article, "description", extracted.description, "HTML metadata")
        _take(article, "author", extracted.author, "HTML metadata")
        if extracted.date:
            _take(article, "published", extracted.date.isoformat(), "HTML metadata (htmldate)")
        if extracted.sitename and not hint:
            hint = outlet_for_form(extracted.sitename) or extracted.sitename
    dateline_outlet = None
    if clean:
        result = clean_text(text, stats, hint)
        article.body = result.body
        article.removed = result.removed
        article.line_keys = result.keys
        _apply_clean(article, result)
        dateline_outlet = result.dateline.outlet if result.dateline else None
    else:
        article.body = page.content
    if not article.body.strip():
        raise InputError(page.source, "no article text left after cleaning (the page is all furniture)")
    _resolve_outlet(article, given, hint, dateline_outlet)
    _resolve_published(article, given)
    _take(article, "title", given.get("title"), "given in the input", override=True)
    article.language = detect_language(article.body)
    return article


def _take(article: Article, name: str, value: str | None, why: str, override: bool = False) -> None:
    if value and (override or not getattr(article, name)):
        setattr(article, name, value)
        article.provenance[name] = why


def _given_outlet(given: dict, url: str | None) -> str | None:
    if given.get("outlet"):
        return outlet_for_form(str(given["outlet"])) or str(given["outlet"])
    return outlet_for_domain(url) if url else None


def _apply_clean(article: Article, result: CleanResult) -> None:
    _take(article, "title", result.title, "headline line of the page")
    _take(article, "description", result.description, "standfirst line under the headline")
    _take(article, "author", result.author, "byline or credit line")
    if result.dateline and result.dateline.place:
        _take(article, "dateline", result.dateline.place, f"dateline '{result.dateline.prefix.strip()}'")
    if result.header_date:
        _take(article, "published", result.header_date.isoformat(), "date line in the page header")


def _resolve_outlet(article: Article, given: dict, hint: str | None, dateline_outlet: str | None) -> None:
    if given.get("outlet"):
        _take(article, "outlet", hint, "given in the input")
    _take(article, "outlet", dateline_outlet, "dateline")
    _take(article, "outlet", hint, "URL domain or site name")


def _resolve_published(article: Article, given: dict) -> None:
    if given.get("published"):
        value = str(given["published"])
        try:
            value = date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            raise InputError(article.source, f"'published' is not a date (YYYY-MM-DD): {value!r}") from None
        _take(article, "published", value, "given in the input", override=True)
        article.published_estimated = False
        return
    if article.published:
        return
    anchored = anchored_dates(article.body)
    if anchored:
        value, text = max(anchored)
        _take(article, "published", value.isoformat(), f"weekday-anchored date in the text '{text}'")
        article.published_estimated = True
