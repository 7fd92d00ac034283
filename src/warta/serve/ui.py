"""The web UI: server-rendered HTML pages over the same store queries the CLI and the JSON API use.

    /                  newest articles and the store's statistics (or a search, with ``q``)
    /search            full-text search with facets (outlets, entities, months) and pages
    /article/{id}      one article: body with entities, quotes and times marked; events; what cleaning removed
    /entity/{name}     views.entity_profile: aliases, roles, mentions per month, statements, co-occurring
    /timeline/{name}   views.timeline: events by date, as a chart and a list, each linked to its articles
    /story/{id}        views.story: articles, merged events, where sources disagree

Templates autoescape everything; the only markup built here is the annotated body and the search
snippets, where every piece of text passes through ``markupsafe.escape`` first.
"""

from __future__ import annotations

import calendar
import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Annotated, Any
from urllib.parse import quote, urlencode

import jinja2
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from warta.article import headline
from warta.errors import NotFound
from warta.serve.deps import MAX_PAGE, get_store
from warta.store import HIGHLIGHT, SearchHit, Store, views

__all__ = ["router", "annotated_body", "snippet_html"]

PAGE_SIZE = 20
NEWEST = 15

router = APIRouter(default_response_class=HTMLResponse)
StoreDep = Annotated[Store, Depends(get_store)]


def _url(value: str | None) -> str:
    """A path segment for an entity name, story or article id ("AS/Korsel" stays one segment)."""
    return quote(value or "", safe="")


def _date_label(value: str | None) -> str:
    return value or "no date"


_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(resources.files("warta.serve").joinpath("templates"))),
    autoescape=True, trim_blocks=True, lstrip_blocks=True)
_env.filters["u"] = _url
_env.filters["datelabel"] = _date_label
templates = Jinja2Templates(env=_env)


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    context.setdefault("q", "")
    return templates.TemplateResponse(request, name, context, status_code=status)


def _not_found(request: Request, error: NotFound) -> HTMLResponse:
    return _page(request, "404.html", {"title": "Not found", "message": str(error)}, status=404)


# -- search and the front page ---------------------------------------------------------------------


@dataclass(slots=True)
class Hit:
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    snippet: Markup


_NEXT_MARK = re.compile(r"</mark>(\s+)<mark>")


def snippet_html(snippet: str) -> Markup:
    """An FTS snippet as HTML: the text escaped, then its highlight markers made into <mark>; words
    found side by side are one mark ("<mark>Kim Jong Un</mark>", not three)."""
    html = str(escape(snippet)).replace(HIGHLIGHT[0], "<mark>").replace(HIGHLIGHT[1], "</mark>")
    return Markup(_NEXT_MARK.sub(r"\1", html))


def _hits(store: Store, found: list[SearchHit]) -> list[Hit]:
    """Search hits for display: highlighted snippets, or the opening of the body when browsing."""
    openings = views.openings(store, [h.id for h in found]) if any(not h.snippet for h in found) else {}
    out = []
    for h in found:
        body = openings.get(h.id, "")
        snippet = snippet_html(h.snippet) if h.snippet else escape(body[:240] + ("…" if len(body) > 240 else ""))
        out.append(Hit(h.id, h.title, h.outlet, h.published, snippet))
    return out


def _month_range(month: str) -> tuple[str, str]:
    """The first and the last day of a month ("2017-02" -> 2017-02-01, 2017-02-28)."""
    try:
        last = calendar.monthrange(int(month[:4]), int(month[5:7]))[1]
    except (ValueError, calendar.IllegalMonthError):
        return f"{month}-01", f"{month}-31"
    return f"{month}-01", f"{month}-{last:02d}"


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@router.get("/", name="home")
@router.get("/search", name="search")
def search_page(request: Request, store: StoreDep, q: str = "", outlet: str = "", since: str = "",
                until: str = "", entity: str = "", page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1) -> HTMLResponse:
    query, filters = q.strip(), {"outlet": _clean(outlet), "since": _clean(since), "until": _clean(until)}
    entity_id, error, page = _clean(entity), None, max(page, 1)
    found = {"total": 0, "items": [], "facets": {"outlets": [], "entities": [], "months": []}}
    try:  # the one search the API and the CLI use too (warta.store.views.search_articles)
        found = views.search_articles(store, query or None, **filters, entity=entity_id, limit=PAGE_SIZE,
                                      offset=(page - 1) * PAGE_SIZE, top=12)
    except sqlite3.Error:
        error = "This query could not be read as a search; try plain words."
    hits = _hits(store, found["items"])
    untitled = store.headlines([h.id for h in hits if not h.title])
    for h in hits:
        h.title = h.title or untitled.get(h.id)
    facets = found["facets"]
    params = {k: v for k, v in {"q": query, **filters, "entity": entity_id}.items() if v}
    context = {
        "title": f"{query} — search" if query else "warta", "q": query, "params": params, "total": found["total"],
        "shown": hits, "page": page, "pages": max(1, -(-found["total"] // PAGE_SIZE)), "error": error,
        "facets": {"outlets": facets["outlets"], "entities": facets["entities"],
                   "months": sorted(facets["months"], reverse=True)[:12]},
        "entity_name": _entity_name(store, entity_id),
        "link": lambda **change: _search_link(params, change), "month_range": _month_range,
        "browsing": not query and not any(params.values()),
    }
    if context["browsing"]:
        context["stats"] = store.stats()
        context["shown"] = hits[:NEWEST]  # page 1 of the newest articles
        context["known"] = views.entity_names(store, [name for name, _ in context["stats"]["top_speakers"]])
    return _page(request, "search.html", context)


def _search_link(params: dict[str, str], change: dict[str, Any]) -> str:
    merged = {**params, **change}
    if "page" not in change:
        merged.pop("page", None)  # a new filter starts at its first page
    return "/search?" + urlencode({k: v for k, v in merged.items() if v not in (None, "", 1)})


def _entity_name(store: Store, entity_id: str | None) -> str | None:
    if not entity_id:
        return None
    return views.entity_name(store, entity_id) or entity_id


# -- one article -----------------------------------------------------------------------------------


@dataclass(slots=True)
class Span:
    """One annotation of the body: where it is, its nesting rank, and the tag that opens it."""

    start: int
    end: int
    rank: int  # outer kinds first when two spans start together: quote > time > entity
    open: Markup
    close: Markup


def _attrs(**attrs: Any) -> Markup:
    return Markup("").join(Markup(' {}="{}"').format(k.rstrip("_").replace("_", "-"), v) for k, v in attrs.items()
                           if v not in (None, ""))


def _quote_span(n: int, q: dict[str, Any]) -> Span:
    speaker = q.get("speaker") or {}
    who = speaker.get("name") or speaker.get("text") or "speaker not stated"
    cue = q.get("cue") or ""
    tip = f"{who}" + (f" — {cue}" if cue else "") + f" ({q['kind']} quote)"
    tag = Markup("<span{}>").format(_attrs(class_=f"quote quote-{q['kind']}", title=tip, data_speaker=who,
                                           data_cue=cue, data_q=n, tabindex="0"))
    return Span(q["start"], q["end"], 0, tag, Markup("</span>"))


def _time_span(t: dict[str, Any]) -> Span:
    mod = f" {t['mod']}" if t.get("mod") else ""
    tag = Markup("<span{}>").format(_attrs(class_="timex", title=f"{t['type']} {t['value']}{mod}",
                                           data_value=t["value"]))
    return Span(t["start"], t["end"], 1, tag, Markup("</span>"))


def _entity_span(e: dict[str, Any]) -> Span:
    title = f"{e['name']} · {e['type']}" + (f" · {e['role']}" if e.get("role") else "")
    tag = Markup("<a{}>").format(_attrs(class_=f"ent ent-{e['type']}", href=f"/entity/{_url(e['name'])}",
                                        title=title, data_id=e.get("id")))
    return Span(e["start"], e["end"], 2, tag, Markup("</a>"))


def _spans(article: Any) -> list[Span]:
    """Every annotation as a span; entities that overlap an earlier entity are left out (links don't nest)."""
    spans = [_quote_span(n, q) for n, q in enumerate(article.quotes)] + [_time_span(t) for t in article.times]
    last_end = -1
    for e in sorted(article.entities, key=lambda e: (e["start"], -e["end"])):
        if e["start"] >= last_end:
            spans.append(_entity_span(e))
            last_end = e["end"]
    n = len(article.body)
    return [s for s in spans if 0 <= s.start < s.end <= n]


def _render_range(body: str, lo: int, hi: int, spans: list[Span]) -> Markup:
    """``body[lo:hi]`` with the spans that touch it, split at every start and end so tags nest: where
    a span ends inside another, the inner ones are closed and reopened around the boundary."""
    inside = [s for s in spans if s.start < hi and s.end > lo]
    cuts = sorted({lo, hi} | {max(lo, min(hi, p)) for s in inside for p in (s.start, s.end)})
    order = sorted(inside, key=lambda s: (s.start, -s.end, s.rank))
    out: list[Markup] = []
    stack: list[Span] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [s for s in order if s.start <= a and s.end >= b]
        keep = 0
        while keep < len(stack) and keep < len(active) and stack[keep] is active[keep]:
            keep += 1
        out.extend(s.close for s in reversed(stack[keep:]))
        stack = stack[:keep]
        for s in active[keep:]:
            out.append(s.open)
            stack.append(s)
        out.append(escape(body[a:b]))
    out.extend(s.close for s in reversed(stack))
    return Markup("").join(out)


def annotated_body(article: Any) -> list[Markup]:
    """The body's paragraphs as HTML, with entities, quotes and time expressions marked."""
    return [html for _, html in annotated_paragraphs(article)]


def annotated_paragraphs(article: Any) -> list[tuple[str, Markup]]:
    """Each paragraph of the body as ("p" or "h2" for a subheading, its HTML with entities, quotes and
    time expressions marked)."""
    spans = _spans(article)
    lines, pos = [], 0
    for line in article.body.split("\n"):
        if line.strip():
            lines.append((pos, pos + len(line), line.strip()))
        pos += len(line) + 1
    out = []
    for i, (start, end, line) in enumerate(lines):
        following = lines[i + 1][2] if i + 1 < len(lines) else ""
        kind = "h2" if i and is_subheading(line, following) else "p"
        out.append((kind, _render_range(article.body, start, end, spans)))
    return out


_SENTENCE_END = tuple('.!?:;,"”’\')…')


def is_subheading(line: str, following: str) -> bool:
    """A short line that is no sentence (no closing punctuation, a capital first) and opens the
    longer paragraph after it: a subheading ("Kronologi Kejadian"), not a paragraph."""
    words = line.split()
    return (0 < len(words) <= 12 and len(line) <= 90 and not line.endswith(_SENTENCE_END)
            and (line[0].isupper() or line[0].isdigit()) and any(c.isalpha() for c in line)
            and len(following.split()) >= 2 * len(words) + 8)


def _fill_titles(store: Store, items: list[dict[str, Any]]) -> None:
    """Give untitled article summaries ({id, title, …}) their stand-in title, in place."""
    found = store.headlines([a["id"] for a in items if not a.get("title")])
    for a in items:
        a["title"] = a.get("title") or found.get(a["id"])


def _fill_entry_titles(store: Store, entries: list[dict[str, Any]]) -> None:
    found = store.headlines([i for e in entries for i, t in e["titles"].items() if not t])
    for e in entries:
        e["titles"] = {i: t or found.get(i) for i, t in e["titles"].items()}


def _headline(article: Any) -> str:
    return headline(article.title, article.body)


@router.get("/article/{article_id:path}", name="article")
def article_page(request: Request, article_id: str, store: StoreDep) -> HTMLResponse:
    try:
        article = store.get(article_id)
        related = views.related(store, article.id)
    except NotFound as error:
        return _not_found(request, error)
    _fill_titles(store, related)
    entities: dict[str, dict[str, Any]] = {}
    for e in article.entities:
        entities.setdefault(e["id"], {**e, "count": 0})["count"] += 1
    context = {"title": _headline(article), "article": article, "headline": _headline(article),
               "paragraphs": annotated_paragraphs(article), "related": related,
               "entities": sorted(entities.values(), key=lambda e: (-e["count"], e["name"])),
               "story": _story_size(store, article.story)}
    return _page(request, "article.html", context)


def _story_size(store: Store, story_id: str | None) -> int:
    return views.story_size(store, story_id) if story_id else 0


# -- entities, timelines, stories -------------------------------------------------------------------


def _all_months(months: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Months with mentions, and the months between them with none (up to ten years' worth)."""
    if not months or any(not re.fullmatch(r"\d{4}-\d{2}", m) for m, _ in months):
        return months
    counts = dict(months)
    first, last = (int(months[0][0][:4]), int(months[0][0][5:])), (int(months[-1][0][:4]), int(months[-1][0][5:]))
    span = (last[0] - first[0]) * 12 + last[1] - first[1]
    if span > 120:
        return months
    every = [f"{first[0] + (first[1] - 1 + i) // 12:04d}-{(first[1] - 1 + i) % 12 + 1:02d}" for i in range(span + 1)]
    return [(m, counts.get(m, 0)) for m in every]


def bar_chart(months: list[tuple[str, int]], width: int = 420, height: int = 170) -> dict[str, Any]:
    """Geometry of the mentions-per-month bar chart (the template draws it as inline SVG)."""
    months = _all_months(months)
    left, bottom, top = 28, 30, 18
    peak = max((n for _, n in months), default=1) or 1
    slot = (width - left) / max(len(months), 1)
    bar_w = max(2.0, min(44.0, slot * 0.7))
    plot_h = height - bottom - top
    every = max(1, -(-len(months) // 6))
    bars = []
    for i, (month, n) in enumerate(months):
        h = plot_h * n / peak
        x = left + i * slot + (slot - bar_w) / 2
        bars.append({"x": round(x, 1), "y": round(top + plot_h - h, 1), "w": round(bar_w, 1), "h": round(h, 1),
                     "cx": round(x + bar_w / 2, 1), "month": month, "n": n,
                     "label": i % every == 0, "value": n and len(months) <= 24})
    return {"width": width, "height": height, "bars": bars, "peak": peak, "base": top + plot_h,
            "top": top, "left": left}


def _as_date(value: str) -> date | None:
    """The start of a sortable TIMEX3 value ("2019", "2019-06", "2017/2021") as a day."""
    m = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value)
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None


def timeline_chart(entries: list[dict[str, Any]], width: int = 760, height: int = 120) -> dict[str, Any]:
    """Geometry of the horizontal timeline: one dot per entry at its date, stacked where dates meet."""
    dated = [(i, d) for i, e in enumerate(entries) if (d := _as_date(e["date"] or ""))]
    if not dated:
        return {"dots": [], "ticks": [], "width": width, "height": height}
    lo, hi = min(d for _, d in dated), max(d for _, d in dated)
    lo, hi = date(lo.year, 1, 1), date(hi.year + 1, 1, 1)
    pad, axis = 24, height - 34
    span = (hi - lo).days or 1
    scale: Callable[[date], float] = lambda d: pad + (width - 2 * pad) * (d - lo).days / span  # noqa: E731
    dots, seen = [], Counter[int]()
    for i, d in dated:
        x = round(scale(d), 1)
        lane = seen[round(x / 8)]
        seen[round(x / 8)] += 1
        e = entries[i]
        dots.append({"x": x, "y": axis - 12 - 13 * min(lane, 5), "n": i, "modality": e["event"]["modality"],
                     "label": f"{e['date']} {e['event']['type']} ({e['event']['modality']})"})
    step = max(1, (hi.year - lo.year) // 10)
    ticks = [{"x": round(scale(date(y, 1, 1)), 1), "year": y} for y in range(lo.year, hi.year + 1, step)]
    return {"dots": dots, "ticks": ticks, "width": width, "height": height, "axis": axis, "pad": pad}


@router.get("/entity/{name:path}", name="entity")
def entity_page(request: Request, name: str, store: StoreDep) -> HTMLResponse:
    try:
        profile = views.entity_profile(store, name)
    except NotFound as error:
        return _not_found(request, error)
    _fill_entry_titles(store, profile["events"])
    _fill_titles(store, [q["article"] for q in profile["quotes"]])
    speaks_for = [(role, i, _entity_name(store, i)) for i, role in sorted(profile["speaks_for"].items())]
    context = {"title": profile["name"], "p": profile, "chart": bar_chart(profile["mentions_by_month"]),
               "events": profile["events"][-8:][::-1], "speaks_for": speaks_for}
    return _page(request, "entity.html", context)


@router.get("/timeline/{name:path}", name="timeline")
def timeline_page(request: Request, name: str, store: StoreDep) -> HTMLResponse:
    try:
        entries = views.timeline(store, name)
        ids, _ = views.resolve_entity(store, name)
    except NotFound as error:
        return _not_found(request, error)
    _fill_entry_titles(store, entries)
    main = views.main_entity(store, ids) or (name, "")
    context = {"title": f"Timeline: {main[0]}", "name": main[0], "type": main[1], "entries": entries,
               "chart": timeline_chart(entries), "modalities": sorted({e["event"]["modality"] for e in entries})}
    return _page(request, "timeline.html", context)


_SOURCE = re.compile(r"^(?P<source>.*) \((?P<id>[^()\s]+)\)$")


def _sourced(value: str) -> dict[str, str | None]:
    """Split "ANTARA (4af7…)" -> {source: "ANTARA", id: "4af7…"} (views.story gives sources so)."""
    m = _SOURCE.match(value)
    return {"source": m["source"], "id": m["id"]} if m else {"source": value, "id": None}


@router.get("/story/{story_id:path}", name="story")
def story_page(request: Request, story_id: str, store: StoreDep) -> HTMLResponse:
    try:
        data = views.story(store, story_id)
    except NotFound as error:
        return _not_found(request, error)
    _fill_titles(store, data["articles"])
    _fill_entry_titles(store, data["events"])
    for d in data["disagreements"]:
        d["sourced"] = {value: [_sourced(s) for s in sources] for value, sources in d["values"].items()}
    first = data["articles"][0] if data["articles"] else None
    title = data["title"] or (first and first["title"]) or data["id"]
    return _page(request, "story.html", {"title": title, "s": data})


# -- browsing: stories, entities, events -----------------------------------------------------------


def _browse_link(path: str, params: dict[str, Any]) -> Callable[..., str]:
    """A link maker for a browse page: ``link(type="PER")`` keeps the other filters, starts at page 1."""
    def link(**change: Any) -> str:
        merged = {**params, **change}
        if "page" not in change:
            merged.pop("page", None)
        query = urlencode({k: v for k, v in merged.items() if v not in (None, "", 1)})
        return f"{path}?{query}" if query else path
    return link


def _pages(total: int) -> int:
    return max(1, -(-total // PAGE_SIZE))


PageQuery = Annotated[int, Query(ge=1, le=MAX_PAGE)]
_ORDERS = (("size", "largest first"), ("recent", "newest first"))


@router.get("/stories", name="stories")
def stories_page(request: Request, store: StoreDep, order: str = "size",
                 least: Annotated[int, Query(alias="min")] = 1, page: PageQuery = 1) -> HTMLResponse:
    order = order if order in views.STORY_ORDERS else "size"
    least = max(least, 1)
    found = views.list_stories(store, order=order, min_articles=least, limit=PAGE_SIZE,
                               offset=(page - 1) * PAGE_SIZE)
    params = {"order": order, "min": least if least > 1 else None}
    context = {"title": "Stories", "items": found["items"], "total": found["total"], "order": order,
               "orders": _ORDERS, "min_articles": least, "page": page, "pages": _pages(found["total"]),
               "link": _browse_link("/stories", params)}
    return _page(request, "stories.html", context)


_TYPE_LABELS = (("PER", "people"), ("ORG", "organisations"), ("LOC", "places"), ("MISC", "other names"))


@router.get("/entities", name="entities")
def entities_page(request: Request, store: StoreDep, name: str = "", type: str = "",
                  page: PageQuery = 1) -> HTMLResponse:
    kind = type.upper() if type.upper() in dict(_TYPE_LABELS) else None
    found = views.list_entities(store, _clean(name), type=kind, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    params = {"name": _clean(name), "type": kind}
    context = {"title": "Entities", "items": found["items"], "total": found["total"], "types": found["types"],
               "all_types": sum(found["types"].values()), "type_labels": _TYPE_LABELS, "type": kind,
               "name": name.strip(), "page": page, "pages": _pages(found["total"]),
               "link": _browse_link("/entities", params)}
    return _page(request, "entities.html", context)


def _day_or_none(value: str) -> str | None:
    try:
        return date.fromisoformat(value.strip()).isoformat() if value.strip() else None
    except ValueError:
        return None


@router.get("/events", name="events")
def events_page(request: Request, store: StoreDep, type: str = "", modality: str = "", entity: str = "",
                since: str = "", until: str = "", page: PageQuery = 1) -> HTMLResponse:
    f = {"type": _clean(type), "modality": _clean(modality), "entity": _clean(entity),
         "since": _day_or_none(since), "until": _day_or_none(until)}
    error = None
    if (since.strip() and not f["since"]) or (until.strip() and not f["until"]):
        error = "A date was not a day (YYYY-MM-DD); it is left out of the filter."
    found: dict[str, Any] = {"total": 0, "items": []}
    try:
        found = views.list_events(store, **f, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE)
    except NotFound as missing:
        error = str(missing)
    _fill_entry_titles(store, found["items"])
    kinds, modalities = views.event_kinds(store)
    context = {"title": "Events", "items": found["items"], "total": found["total"], "f": f, "error": error,
               "event_types": kinds, "modalities": modalities, "page": page, "page_size": PAGE_SIZE,
               "pages": _pages(found["total"]), "link": _browse_link("/events", f)}
    return _page(request, "events.html", context)
