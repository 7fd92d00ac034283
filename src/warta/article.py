"""The article object that flows through warta, and the raw page it is made from.

A ``RawPage`` is what a reader yields: decoded text or HTML plus whatever metadata the
container gave (JSONL fields, WARC target URI). An ``Article`` is what cleaning and
analysis make of it; ``Article.to_json`` is the CONTRACT.md article object.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any, Literal

__all__ = ["RawPage", "Skipped", "RemovedLine", "Article", "page_id"]

PageKind = Literal["text", "html"]


# The annotation fields: each a list of dicts set on the Doc (``doc._.NAME``) by one spaCy component,
# added after the trained pipeline in this order by ``warta.model.load``: field -> (the module that
# registers the component, the component's factory name). Declared here once: the annotator, the
# store, the parts of a batch and the export read their list from here. A new annotation type is
# this entry, a field of ``Article`` (and its place in CONTRACT_FIELDS), and its component's module.
ANNOTATIONS: dict[str, tuple[str, str]] = {
    "entities": ("warta.nlp.linker", "warta_linker"),
    "times": ("warta.extract.times", "warta_times"),
    "quotes": ("warta.extract.quotes", "warta_quotes"),  # reads doc._.entities
    "events": ("warta.extract.events", "warta_events"),  # reads doc._.entities, times and quotes
}


def published_day(value: object) -> date | None:
    """The calendar day of a publication date in any form warta meets it: as stored ("2025-11-05",
    "2025-11-05T14:30:00+07:00"), as a page's metadata gives it, a date or a datetime; None when there
    is none or it names no day. The one parser of publication dates (store, links, times, pages)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-–—") + "…"


def headline(title: str | None, body: str | None) -> str:
    """An article's title, or for one stored without a title its stand-in: the body's first line, clipped."""
    if title:
        return title
    return clip((body or "").split("\n", 1)[0], 90) or "(empty article)"


def page_id(kind: str, content: str) -> str:
    """Stable id from content: the same input always gets the same id."""
    digest = hashlib.blake2b(digest_size=8)
    digest.update(kind.encode())
    digest.update(b"\0")
    digest.update(" ".join(content.split()).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class RawPage:
    source: str
    kind: PageKind
    content: str
    url: str | None = None
    given: dict[str, Any] = field(default_factory=dict)  # JSONL fields: id, title, outlet, published
    repairs: tuple[str, ...] = ()  # what the reader repaired in the text (lone surrogates, control characters)

    @property
    def id(self) -> str:
        given = self.given.get("id")
        return str(given) if given not in (None, "") else page_id(self.kind, self.content)


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that was not turned into an article, with the reason (never a silent None)."""

    source: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line is not None else self.source
        return f"{where}: {self.reason}"


@dataclass(slots=True)
class RemovedLine:
    line_no: int  # 1-based line in the cleaned-up page text
    text: str
    rule: str  # machine name of the rule or decision
    reason: str  # human sentence for `warta explain`


@dataclass(slots=True)
class Article:
    id: str
    source: str
    body: str
    kind: PageKind = "text"
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    description: str | None = None
    author: str | None = None
    published: str | None = None
    published_estimated: bool = False
    dateline: str | None = None
    language: str | None = None
    removed: list[RemovedLine] = field(default_factory=list)
    provenance: dict[str, str] = field(default_factory=dict)  # field -> where its value came from
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    times: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    story: str | None = None
    related: list[str] = field(default_factory=list)
    duplicate_of: str | None = None
    line_keys: list[str] = field(default_factory=list, repr=False)  # for corpus statistics; not exported

    CONTRACT_FIELDS = (
        "id", "source", "outlet", "title", "published", "published_estimated", "dateline", "language",
        "body", "entities", "quotes", "times", "events", "story", "related", "duplicate_of",
    )

    def to_json(self) -> dict[str, Any]:
        """The CONTRACT.md article object, plus warta's extra fields."""
        out = {name: getattr(self, name) for name in self.CONTRACT_FIELDS}
        out.update(url=self.url, description=self.description, author=self.author, kind=self.kind)
        return out

    def explain_json(self) -> dict[str, Any]:
        return {"id": self.id, "provenance": self.provenance, "removed": [asdict(r) for r in self.removed]}
