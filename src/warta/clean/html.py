"""HTML pages: trafilatura finds the main text and the metadata; warta's line cleaner then
removes what trafilatura keeps ("ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Baca juga")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from warta.article import published_day

__all__ = ["HtmlExtract", "extract_html"]


@dataclass(slots=True)
class HtmlExtract:
    text: str
    title: str | None
    description: str | None
    author: str | None
    date: date | None
    sitename: str | None
    url: str | None


def extract_html(html: str, url: str | None = None) -> HtmlExtract | None:
    """Main text and metadata of an HTML page, or None when it has no main text."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        include_images=False, deduplicate=False, favor_recall=True,
    )
    if doc is None or not (doc.text or "").strip():
        return None
    published = published_day(doc.date)
    return HtmlExtract(text=doc.text, title=doc.title or None, description=doc.description or None,
                       author=doc.author or None, date=published, sitename=doc.sitename or None,
                       url=doc.url or url)
