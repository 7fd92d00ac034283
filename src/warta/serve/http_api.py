"""JSON API routes (mounted at /api) and the offline API docs page (/docs).

Every route is a thin, synchronous handler (FastAPI runs it in its threadpool) over the functions
the command line calls: ``Store`` (search, get, quotes, stats), ``warta.store.views`` (listings,
timelines, stories, related articles, entity profiles) and ``warta.api.ingest``. Lists are paged
(``page`` from 1, ``per_page`` 1–100) and carry their total; errors are ``{"error", "detail"}``.
"""

from __future__ import annotations

import hmac
import threading
from datetime import UTC, date, datetime
from html import escape
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, ConfigDict, Field

from warta import api as core
from warta.ingest.readers import read_bytes
from warta.serve.deps import MAX_PAGE, Settings, get_settings, get_store
from warta.store import HIGHLIGHT, Store, views

__all__ = ["router", "docs"]

docs = APIRouter(include_in_schema=False)

StoreDep = Annotated[Store, Depends(get_store)]
Page = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page number, from 1.")]
PerPage = Annotated[int, Query(ge=1, le=100, description="Items per page (1–100).")]
Since = Annotated[date | None, Query(description="Published (or dated) on or after this day, YYYY-MM-DD.")]
Until = Annotated[date | None, Query(description="Published (or dated) on or before this day, YYYY-MM-DD.")]
EntityName = Annotated[str, PathParam(description="A person, organisation or place by any of its names "
                                                  "(\"Trump\", \"Korut\").")]
ArticleId = Annotated[str, PathParam(description="Article id, or a unique prefix of it.")]

# -- response shapes ---------------------------------------------------------------------------


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")  # named fields are always there; extra ones (CONTRACT.md) pass through


class Error(BaseModel):
    error: str = Field(description="Kind of error (NotFound, InputError, Unauthorized, …).")
    detail: Any = Field(description="What went wrong and what to try next.")


class Paged(BaseModel):
    total: int = Field(description="Matching items across all pages.")
    page: int
    per_page: int


class ArticleHit(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    snippet: str | None = Field(None, description="Matching words in context (with a query); matches marked "
                                                  "with [[ and ]].")
    score: float | None = Field(None, description="BM25 relevance (with a query); higher is better.")


class Facets(BaseModel):
    outlets: list[tuple[str, int]] = Field(description="[outlet, matching articles]")
    entities: list[tuple[str, str, int]] = Field(description="[name, entity id, matching articles naming it], "
                                                             "most first")
    months: list[tuple[str, int]] = Field(description="[YYYY-MM, matching articles published then]")


class ArticlePage(Paged):
    items: list[ArticleHit]
    facets: Facets


class Removed(BaseModel):
    line_no: int
    text: str
    rule: str
    reason: str


class ArticleOut(_Open):
    """The CONTRACT.md article object, with what cleaning removed and where metadata came from."""

    id: str
    source: str
    outlet: str | None
    title: str | None
    published: str | None
    published_estimated: bool
    dateline: str | None
    language: str | None
    body: str
    entities: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    times: list[dict[str, Any]]
    events: list[dict[str, Any]]
    story: str | None
    related: list[str]
    duplicate_of: str | None
    removed: list[Removed]
    provenance: dict[str, str]


class CoOccurring(BaseModel):
    id: str
    name: str
    type: str
    articles: int


class EntityItem(CoOccurring):
    mentions: int


class EntityPage(Paged):
    items: list[EntityItem]
    types: dict[str, int] = Field({}, description="Entities of each type that match the name prefix.")


class ArticleRef(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None


class QuoteOut(_Open):
    article: ArticleRef
    text: str
    start: int
    end: int
    kind: str = Field(description="direct, partial or indirect")
    speaker: dict[str, Any] | None
    cue: str | None = None


class QuotePage(Paged):
    items: list[QuoteOut]


class TimelineEntry(_Open):
    date: str | None = Field(description="TIMEX3 value of the event's time (a week as its Monday).")
    event_id: str
    event: dict[str, Any]
    articles: list[str] = Field(description="Ids of the articles reporting it (copies counted once).")
    copies: list[str] = []
    via: list[str] | None = Field(None, description="Roles through which the entity took part.")
    titles: dict[str, str | None] = Field({}, description="Article id -> title.")


class EventPage(Paged):
    items: list[TimelineEntry]


class StoryItem(BaseModel):
    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    articles: int
    outlets: list[str] = Field([], description="Outlets that published its articles, most articles first.")
    copies: int = Field(0, description="How many of its articles are copies of another page.")


class StoryPage(Paged):
    items: list[StoryItem]


class StoryArticle(ArticleRef):
    duplicate_of: str | None


class Disagreement(BaseModel):
    event: str
    actors: list[str]
    fact: str = Field(description="count, place or date")
    values: dict[str, list[str]] = Field(description="value -> who states it (source (article id))")


class StoryOut(BaseModel):
    id: str
    title: str | None
    first_published: str | None
    last_published: str | None
    articles: list[StoryArticle]
    events: list[TimelineEntry]
    disagreements: list[Disagreement]


class RelatedItem(ArticleRef):
    story: str | None
    score: float


class EntityProfile(BaseModel):
    id: str
    name: str
    type: str
    articles: int
    mentions: int
    ids: list[str] = Field(description="Every entity id the name resolves to.")
    aliases: list[tuple[str, int]] = Field(description="[as written, mentions]")
    roles: list[tuple[str, int]] = Field(description="[title written before the name, mentions]")
    speaks_for: dict[str, str] = Field(description="Entity id -> role (\"Pemimpin Korea Utara\").")
    mentions_by_month: list[tuple[str, int]]
    co_occurring: list[CoOccurring]
    quotes: list[QuoteOut]
    events: list[TimelineEntry]


class Stats(_Open):
    articles: int
    outlets: list[tuple[str, int]]
    languages: list[tuple[str, int]]
    published: tuple[str | None, str | None, int | None, int | None] = Field(
        description="[first, last, how many estimated, how many undated]")
    removed_by_rule: list[tuple[str, int]]
    recurring_lines: list[tuple[str, int, str]] = Field(description="[outlet, pages, sample]: learned furniture")
    entities: int
    quotes: int
    events: int = Field(description="Real-world events (merged across articles).")
    event_reports: int
    stories: int
    duplicates: int
    times: int
    top_speakers: list[tuple[str, int]]
    top_entities: list[tuple[str, str, str, int, int]] = Field(description="[name, type, id, articles, mentions]")
    skipped: int
    skipped_reasons: list[tuple[str, int, str, int]] = Field(description="[source, line, reason, times]")


class IngestOut(BaseModel):
    stored: int
    unchanged: int
    skipped: list[str] = Field(description="One reason per input that was not stored.")
    outlets: dict[str, int] = Field(description="Stored articles per outlet.")


router = APIRouter(tags=["api"], responses={422: {"model": Error, "description": "Invalid parameters (see detail)."}})
_NOT_FOUND = {404: {"model": Error, "description": "Nothing stored under that id or name."}}


def _paged(found: dict[str, Any], page: int, per_page: int, items: list[Any] | None = None) -> dict[str, Any]:
    return {**found, "items": found["items"] if items is None else items, "page": page, "per_page": per_page}


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


# -- reading -----------------------------------------------------------------------------------


@router.get("/articles", summary="Search articles", response_model=ArticlePage)
def articles(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Full-text query (FTS5: \"exact phrase\", OR, NOT, pre*); "
                                               "without it, newest first.")] = None,
    outlet: Annotated[str | None, Query(description="Only this outlet (any case).")] = None,
    since: Since = None,
    until: Until = None,
    entity: Annotated[str | None, Query(description="Only articles naming this entity (any alias, or id).")] = None,
    story: Annotated[str | None, Query(description="Only articles of this story (id).")] = None,
    page: Page = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    """Articles matching every filter given, best hits first for a query (else newest first), with
    facets over all matches: outlets, the entities named most, months of publication."""
    q = q.strip() if q else None
    found = views.search_articles(store, q, outlet=outlet, since=_day(since), until=_day(until), entity=entity,
                                  story=story, limit=per_page, offset=(page - 1) * per_page)
    items = [{"id": h.id, "title": h.title, "outlet": h.outlet, "published": h.published, "story": h.story,
              "snippet": h.snippet.replace(HIGHLIGHT[0], "[[").replace(HIGHLIGHT[1], "]]") if q else None,
              "score": h.score if q else None} for h in found["items"]]
    return _paged(found, page, per_page, items)


@router.get("/articles/{article_id:path}", summary="One article", response_model=ArticleOut, responses=_NOT_FOUND)
def article(store: StoreDep, article_id: ArticleId) -> dict[str, Any]:
    """The CONTRACT.md article object (entities, quotes, times and events as offsets into `body`),
    plus `removed` (each line cleaning removed, with its rule and reason) and `provenance` (where
    each metadata value came from)."""
    found = store.get(article_id)
    return found.to_json() | found.explain_json()


@router.get("/entities", summary="Find entities", response_model=EntityPage)
def entities(
    store: StoreDep,
    q: Annotated[str | None, Query(description="Prefix of a name or of a way articles write it (any case).")] = None,
    type: Annotated[Literal["PER", "ORG", "LOC", "MISC"] | None, Query(description="Only this type.")] = None,
    page: Page = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    """People, organisations, places and other names (MISC), most mentioned first."""
    return _paged(views.list_entities(store, q, type=type, limit=per_page, offset=(page - 1) * per_page), page,
                  per_page)


@router.get("/entities/{name:path}", summary="Entity profile", response_model=EntityProfile, responses=_NOT_FOUND)
def entity(store: StoreDep, name: EntityName) -> dict[str, Any]:
    """Names and aliases used, roles, mentions per month, the entities named with it most, its
    statements and its timeline."""
    return views.entity_profile(store, name)


@router.get("/quotes", summary="Find quotes", response_model=QuotePage)
def quotes(
    store: StoreDep,
    speaker: Annotated[str | None, Query(description="Said by this person or organisation (any alias), or a "
                                                     "speaker as written (\"pejabat Gedung Putih\").")] = None,
    entity: Annotated[str | None, Query(description="Said by this entity or naming it in the quoted words.")]
    = None,
    q: Annotated[str | None, Query(description="Words the quote contains.")] = None,
    page: Page = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    """Statements with their speakers, newest article first, each with the article it comes from."""
    filters = {"speaker": speaker, "entity": entity, "query": q.strip() if q else None}
    hits = store.quotes(**filters, limit=per_page, offset=(page - 1) * per_page)
    found = {"total": store.count_quotes(**filters), "items": [h.to_json() for h in hits]}
    return _paged(found, page, per_page)


@router.get("/events", summary="Find events", response_model=EventPage, responses=_NOT_FOUND)
def events(
    store: StoreDep,
    entity: Annotated[str | None, Query(description="Involving this entity (any alias) or what it speaks for; "
                                                    "404 when no entity has that name.")] = None,
    type: Annotated[str | None, Query(description="PLOVER type: CONSULT, AGREE, REJECT, …")] = None,
    modality: Annotated[str | None, Query(description="occurred, planned, possible, failed, denied, negated")]
    = None,
    since: Since = None,
    until: Until = None,
    page: Page = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    """Events merged across articles (one item per real-world event, with every article reporting
    it), oldest first and undated last; a date of lower precision ("2019-06") counts when it overlaps
    since … until."""
    found = views.list_events(store, entity=entity, type=type, modality=modality, since=_day(since),
                              until=_day(until), limit=per_page, offset=(page - 1) * per_page)
    return _paged(found, page, per_page)


@router.get("/timeline/{name:path}", summary="Timeline of an entity", response_model=EventPage,
            responses=_NOT_FOUND)
def timeline(
    store: StoreDep,
    name: EntityName,
    undated: Annotated[bool, Query(description="Also list events without a date, last.")] = False,
    page: Page = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    """CONTRACT.md timeline entries, one page of them: events involving the entity, merged across
    articles, oldest first (paged as the other lists)."""
    entries = views.timeline(store, name, undated=undated)
    start = (page - 1) * per_page
    return _paged({"total": len(entries), "items": entries[start:start + per_page]}, page, per_page)


@router.get("/stories", summary="List stories", response_model=StoryPage)
def stories(
    store: StoreDep,
    order: Annotated[Literal["recent", "size"], Query(description="'recent': the most recently updated "
                                                                  "first; 'size': the largest first.")] = "recent",
    page: Page = 1,
    per_page: PerPage = 20,
) -> dict[str, Any]:
    """Developing stories (clusters of articles) with their outlets and dates."""
    found = views.list_stories(store, order=order, limit=per_page, offset=(page - 1) * per_page)
    return _paged(found, page, per_page)


@router.get("/stories/{story_id:path}", summary="One story", response_model=StoryOut, responses=_NOT_FOUND)
def story(store: StoreDep,
          story_id: Annotated[str, PathParam(description="Story id (\"story:\" optional).")]) -> dict[str, Any]:
    """A story's articles (oldest first), merged events, and the facts its sources state differently."""
    return views.story(store, story_id)


@router.get("/related/{article_id:path}", summary="Related articles", response_model=list[RelatedItem],
            responses=_NOT_FOUND)
def related(store: StoreDep, article_id: ArticleId) -> list[dict[str, Any]]:
    """Articles sharing people, organisations and places with this one, most similar first."""
    return views.related(store, article_id)


@router.get("/stats", summary="Store statistics", response_model=Stats)
def stats(store: StoreDep) -> dict[str, Any]:
    """What `warta stats` shows: articles per outlet and language, publication dates, removed lines per
    rule, entity/quote/event/story counts, top speakers and entities, skipped inputs."""
    return store.stats()


# -- writing -----------------------------------------------------------------------------------

_KIND = {"text/plain": "text", "text/html": "html", "application/x-ndjson": "jsonl",
         "application/jsonl": "jsonl", "application/json-lines": "jsonl"}
_INGEST_LOCK = threading.Lock()  # one ingest at a time: each sees what the one before stored


def _authorized(settings: Annotated[Settings, Depends(get_settings)],
                credentials: Annotated[HTTPAuthorizationCredentials | None,
                                       Depends(HTTPBearer(auto_error=False))]) -> None:
    if not settings.allow_ingest:
        raise HTTPException(403, "ingest is disabled on this server; start it with "
                                 "'warta serve --allow-ingest --token TOKEN' to enable POST /api/ingest")
    given = credentials.credentials if credentials else ""
    if not settings.token or not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(401, "missing or wrong token: send 'Authorization: Bearer TOKEN' with the token "
                                 "the server was started with", headers={"WWW-Authenticate": "Bearer"})


async def _upload(request: Request, settings: Annotated[Settings, Depends(get_settings)],
                  _: Annotated[None, Depends(_authorized)]) -> tuple[bytes, str]:
    """The request body (streamed, refused once over the size limit) and the kind of input its type says."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in _KIND:
        raise HTTPException(415, f"unsupported Content-Type {kind or '(none)'!r}; send one of {', '.join(_KIND)}")
    too_large = HTTPException(413, f"request body over the {settings.max_upload} byte limit; send fewer pages "
                                   "per request")
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > settings.max_upload:
        raise too_large
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > settings.max_upload:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks), _KIND[kind]


_BODY = {"requestBody": {"required": True, "description": "One page (text or HTML), or JSONL records as "
                         "'warta ingest' reads them ({text|html, id?, url?, title?, outlet?, published?} a line).",
                         "content": {kind: {"schema": {"type": "string"}} for kind in _KIND}}}


@router.post("/ingest", summary="Ingest pages", response_model=IngestOut, openapi_extra=_BODY,
             responses={401: {"model": Error, "description": "Missing or wrong bearer token."},
                        403: {"model": Error, "description": "The server was started without --allow-ingest."},
                        413: {"model": Error, "description": "Body over the size limit."},
                        415: {"model": Error, "description": "Content-Type is not one of those listed."}})
def ingest(
    upload: Annotated[tuple[bytes, str], Depends(_upload)],
    settings: Annotated[Settings, Depends(get_settings)],
    published: Annotated[date | None, Query(description="Publication date (YYYY-MM-DD): the reference "
                                                        "date for relative expressions.")] = None,
    no_clean: Annotated[bool, Query(description="The body is already clean article text.")] = False,
) -> dict[str, Any]:
    """Clean, analyse and store the pages in the body, as `warta ingest` does (pages already stored
    are left unchanged). Needs a server started with --allow-ingest and `Authorization: Bearer TOKEN`."""
    data, kind = upload
    # Pages without a URL are named by the upload's time: "upload 2025-11-05T09:30:00Z" (JSONL: ":LINE").
    source = f"upload {datetime.now(UTC):%Y-%m-%dT%H:%M:%SZ}"
    with _INGEST_LOCK:
        summary = core.ingest_items(read_bytes(data, source, kind), settings.db, clean=not no_clean,
                                    published=_day(published))
    return {"stored": summary.stored, "unchanged": summary.unchanged, "skipped": [str(s) for s in summary.skipped],
            "outlets": dict(summary.outlets)}


# -- /docs: the OpenAPI schema as one plain HTML page (no scripts, no CDN) -----------------------

_CSS = ("body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}"
        "h2{margin-top:2rem;font-size:1.1rem}code{background:#f3f3f3;padding:0 .25rem}"
        "table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border-bottom:1px solid #ddd;"
        "padding:.25rem .5rem;text-align:left;vertical-align:top}.m{font-weight:bold;color:#064}")


def _type(schema: dict[str, Any]) -> str:
    options = schema.get("anyOf") or [schema]
    names = [o.get("format") or o.get("type") or o.get("$ref", "").rsplit("/", 1)[-1] for o in options]
    limits = [f"{k} {schema[k]}" for k in ("minimum", "maximum") if k in schema]
    return " | ".join(n for n in names if n) + (f" ({', '.join(limits)})" if limits else "")


def _operation(path: str, method: str, op: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p['in'])}</td>"
        f"<td>{escape(_type(p.get('schema', {})))}</td><td>{'yes' if p.get('required') else 'no'}</td>"
        f"<td>{escape(str(p.get('schema', {}).get('default', '')))}</td>"
        f"<td>{escape(p.get('description', ''))}</td></tr>" for p in op.get("parameters", []))
    table = (f"<table><tr><th>parameter</th><th>in</th><th>type</th><th>required</th><th>default</th>"
             f"<th>description</th></tr>{rows}</table>") if rows else ""
    body = op.get("requestBody", {})
    kinds = ", ".join(f"<code>{escape(k)}</code>" for k in body.get("content", {}))
    request = f"<p>Body: {kinds}. {escape(body.get('description', ''))}</p>" if body else ""
    answers = "".join(f"<li><code>{escape(code)}</code> {escape(r.get('description', ''))}</li>"
                      for code, r in op.get("responses", {}).items())
    return (f"<h2><span class=m>{method.upper()}</span> <code>{escape(path)}</code> — "
            f"{escape(op.get('summary', ''))}</h2><p>{escape(op.get('description', ''))}</p>"
            f"{table}{request}<ul>{answers}</ul>")


@docs.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> str:
    """Every /api route, its parameters and responses, from the app's OpenAPI schema."""
    schema = request.app.openapi()
    info = schema.get("info", {})
    ops = "".join(_operation(path, method, op) for path, item in schema.get("paths", {}).items()
                  if path.startswith("/api/") for method, op in item.items())
    return (f"<!doctype html><html lang=en><meta charset=utf-8><title>{escape(info.get('title', ''))} API</title>"
            f"<style>{_CSS}</style><h1>{escape(info.get('title', ''))} API {escape(info.get('version', ''))}</h1>"
            f"<p>{escape(info.get('description', ''))}</p><p>Machine-readable: <a href=/openapi.json>"
            f"/openapi.json</a>. Errors are JSON <code>{{\"error\", \"detail\"}}</code>.</p>{ops}</html>")
