"""One page in, one article out: the stages in order.

  1. HTML pages: trafilatura main text and metadata (``clean.html``);
  2. cleaning of the text, line by line (``clean``), unless the input is declared clean;
  3. metadata: outlet, dateline, title, author, publication date (given > page metadata >
     header date line > weekday-anchored date in the text, marked estimated), language;
  4. (later stages add entities, quotes, times and events to the same article).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from warta.article import Article, RawPage, RemovedLine, Skipped, published_day
from warta.clean import CleanResult, LineCounts, clean_text
from warta.clean.html import HtmlExtract, extract_html
from warta.errors import InputError
from warta.limits import MAX_BODY_CHARS, MAX_TEXT_CHARS
from warta.meta.dates import anchored_dates
from warta.meta.language import detect_language
from warta.meta.outlets import outlet_for_domain, outlet_for_form

__all__ = ["analyze_page", "extract_pages", "ExtractFailed", "NOT_EXTRACTED"]

NOT_EXTRACTED = object()  # analyze_page's ``extracted`` when the page's HTML is still to be extracted


@dataclass(frozen=True)
class ExtractFailed:
    """The HTML extractor raised on a page (a fault of trafilatura or lxml, not of warta's input
    checks): what it said, kept as text so that it crosses process boundaries whatever the error."""

    reason: str


def extract_pages(pages: list[tuple[str, str | None]]) -> list[HtmlExtract | None | ExtractFailed]:
    """``extract_html`` of each (html, url): stage 1 alone, which needs no other page, so that it
    can run in worker processes ahead of the ordered stages (``Annotator.extracted``); a failure is
    returned in the page's place and reported where the page is analysed, as one skipped page."""
    out: list[HtmlExtract | None | ExtractFailed] = []
    for html, url in pages:
        try:
            out.append(extract_html(html, url))
        except Exception as err:  # noqa: BLE001  (one page skipped, not the batch)
            out.append(ExtractFailed(f"{type(err).__name__}: {_one_line(str(err))}"))
    return out


def _one_line(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def analyze_page(page: RawPage, *, clean: bool = True, stats: LineCounts | None = None,
                 published: str | None = None, extracted: object = NOT_EXTRACTED,
                 language: bool = True) -> Article:
    """Turn one raw page into an article; raise InputError when it holds no article text.

    ``extracted``: the page's ``extract_pages`` result, when it ran elsewhere. ``language=False``
    leaves the language to ``warta.annotate`` (which detects it when it is not known)."""
    given = dict(page.given)
    if published:
        given.setdefault("published", published)
    article = Article(id=page.id, source=page.source, body="", kind=page.kind, url=page.url)
    article.removed.extend(RemovedLine(0, "", "sanitised", f"the reader repaired the text: {repair}")
                           for repair in page.repairs)
    hint = _given_outlet(given, page.url)
    text = page.content
    if page.kind == "html":
        if extracted is NOT_EXTRACTED:
            (extracted,) = extract_pages([(page.content, page.url)])
        if isinstance(extracted, ExtractFailed):
            raise InputError(page.source, f"the HTML extractor failed on this page ({extracted.reason})")
        if extracted is None:
            raise InputError(page.source, "no article text found in the HTML page")
        text = extracted.text
        article.url = article.url or extracted.url
        _take(article, "title", _strip_site(extracted.title, extracted.sitename), "HTML metadata")
        _take(article, "description", extracted.description, "HTML metadata")
        _take(article, "author", extracted.author, "HTML metadata")
        if extracted.date:
            _take(article, "published", extracted.date.isoformat(), "HTML metadata (htmldate)")
        if extracted.sitename and not hint:
            hint = outlet_for_form(extracted.sitename) or extracted.sitename
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(page.source, f"{len(text):,} characters of page text, over the {MAX_TEXT_CHARS:,} one page "
                                      "may hold; give many articles as JSONL, one per line")
    result = None
    if clean:
        result = clean_text(text, stats, hint, title=(extracted.title or "") if page.kind == "html" else None)
        article.body = result.body
        article.removed += result.removed
        article.line_keys = result.keys
        _apply_clean(article, result)
    else:
        article.body = text  # the page as given; for HTML, trafilatura's main text
    if not article.body.strip():
        raise InputError(page.source, "no article text left after cleaning (the page is all furniture)")
    if len(article.body) > MAX_BODY_CHARS:
        raise InputError(page.source, f"{len(article.body):,} characters of article text after cleaning, over the "
                                      f"{MAX_BODY_CHARS:,} one page may hold (a news article is rarely a tenth of "
                                      "that); give many articles as JSONL, one per line")
    _resolve_outlet(article, given, hint, result)
    _resolve_published(article, given)
    _take(article, "title", given.get("title"), "given in the input", override=True)
    if language:
        article.language = detect_language(article.body)
    return article


def _take(article: Article, name: str, value: str | None, why: str, override: bool = False) -> None:
    if value and (override or not getattr(article, name)):
        setattr(article, name, value)
        article.provenance[name] = why


_TITLE_SUFFIX = re.compile(r"\s+[-|–—:·]\s+(?P<site>[^-|–—:·]{2,40})$")


def _strip_site(title: str | None, sitename: str | None) -> str | None:
    """'Harga Cabai Naik - Kompas.com' -> 'Harga Cabai Naik' when the suffix names the site."""
    if not title:
        return title
    found = _TITLE_SUFFIX.search(title)
    if found:
        site = found["site"].strip()
        if (sitename and site.casefold() == sitename.casefold()) or outlet_for_form(site) or \
                ("." in site and outlet_for_domain(site)):
            return title[:found.start()].strip()
    return title


def _given_outlet(given: dict, url: str | None) -> str | None:
    if given.get("outlet"):
        return outlet_for_form(str(given["outlet"])) or str(given["outlet"])
    return outlet_for_domain(url) if url else None


def _apply_clean(article: Article, result: CleanResult) -> None:
    _take(article, "title", result.title, "headline line of the page")
    _take(article, "description", result.description, "standfirst line under the headline")
    _take(article, "author", result.author, "byline or credit line")
    if result.url:
        _take(article, "url", result.url, "URL line on the page")
    if result.dateline and result.dateline.place:
        _take(article, "dateline", result.dateline.place, f"dateline '{result.dateline.prefix.strip()}'")
    if result.header_date:
        _take(article, "published", result.header_date.isoformat(), "date line in the page header")


def _resolve_outlet(article: Article, given: dict, hint: str | None, result: CleanResult | None) -> None:
    """Outlet, in order of trust: given > dateline > masthead > URL domain or site name >
    an outlet named in the page's furniture (copyright, follow lines)."""
    if given.get("outlet"):
        _take(article, "outlet", hint, "given in the input")
    if result is not None and result.dateline and result.dateline.outlet:
        _take(article, "outlet", result.dateline.outlet, "dateline")
    if result is not None and result.masthead:
        _take(article, "outlet", result.masthead, "masthead or byline in the page header")
    _take(article, "outlet", hint, "URL domain or site name")
    if result is not None and result.url and not article.outlet:
        _take(article, "outlet", outlet_for_domain(result.url), f"URL line on the page ({result.url})")
    if not article.outlet:
        for removed in article.removed:
            if removed.rule in _NAMING_RULES and (named := _named_outlet(removed.text)):
                _take(article, "outlet", named, f"named in page furniture ('{removed.text[:60]}')")
                break


# Furniture lines that name the page's own outlet (a syndication note names another one).
_NAMING_RULES = ("copyright", "follow", "masthead", "header", "share", "comment-disclaimer")
_DOMAIN_TOKEN = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|id|net|co|tv)\b", re.I)


def _named_outlet(text: str) -> str | None:
    for token in _DOMAIN_TOKEN.findall(text):
        if found := outlet_for_domain(token) or outlet_for_form(token):
            return found
    return None


def _resolve_published(article: Article, given: dict) -> None:
    if given.get("published"):
        day = published_day(given["published"])
        if day is None:
            raise InputError(article.source, f"'published' is not a date (YYYY-MM-DD): {str(given['published'])!r}")
        _take(article, "published", day.isoformat(), "given in the input", override=True)
        article.published_estimated = False
        return
    if article.published:
        return
    anchored = anchored_dates(article.body)
    if anchored:
        value, text = max(anchored)
        _take(article, "published", value.isoformat(), f"weekday-anchored date in the text '{text}'")
        article.published_estimated = True


class PendingLines:
    """Line statistics for the cleaning (the LineCounts protocol of warta.clean): those of ``base``
    (a store's, when there is one) plus those of the articles cleaned but not yet stored or written,
    so that batching and worker processes do not change what the cleaning sees; and those articles'
    ids. The one counter of ``warta ingest``, ``warta analyze`` and ``warta batch``."""

    def __init__(self, base: LineCounts | None = None, track: bool = True) -> None:
        """``track=False``: only ``base`` counts, and nothing of the run is kept (``warta analyze``, whose
        output streams and whose memory must not grow with its input)."""
        self.base, self.track = base, track
        self.ids: set[str] = set()
        self.keys: Counter[tuple[str, str]] = Counter()

    def add(self, article: Article) -> None:
        """The article is cleaned: its lines count until it is stored or given up."""
        self._count(article, 1)

    def remove(self, article: Article) -> None:
        """The article is stored (its lines now count in ``base``) or given up."""
        self._count(article, -1)

    def _count(self, article: Article, sign: int) -> None:
        if not self.track:
            return
        (self.ids.add if sign > 0 else self.ids.discard)(article.id)
        if article.outlet:
            for key in set(article.line_keys):
                self.keys[(article.outlet, key)] += sign

    def counter(self, outlet: str) -> Callable[[str], int]:
        keys = self.keys
        if self.base is None:
            return lambda key: keys[(outlet, key)]
        stored = self.base.counter(outlet)
        return lambda key: stored(key) + keys[(outlet, key)]


def analysis_failed(article: Article, error: str) -> Skipped:
    """What a page whose language analysis failed leaves in the record of skipped inputs."""
    return Skipped(article.source, f"language analysis failed: {error}")
