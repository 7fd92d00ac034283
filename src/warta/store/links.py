"""Across articles: related articles, stories, merged events and who speaks for what.

Runs when an article is stored, inside the store's transaction, against what is stored already, so
ingesting more articles later extends stories and merged events instead of recomputing them:

1. **Related articles.** Each article is a vector of the entities it names, each weighted by how
   rare it is in the store (idf) and how often the article names it. Candidates are the stored
   articles that share one of its rarer entities; the cosine of the two vectors scores them, and
   those above ``RELATED_MIN`` (at most ``MAX_RELATED``) are related, in both directions.
2. **Stories.** The article joins the story of its most similar related article published within
   ``STORY_DAYS`` days of it, when the score reaches ``STORY_MIN``; else it opens a new story. A
   duplicate joins the story of the page it copies.
3. **Merged events.** An event is merged with a stored one (the same real-world event reported
   again) when the type matches, the participants overlap (both parties of a two-party event), the
   times are compatible (equal, or one is a more precise form of the other), the places do not
   contradict and the modalities belong together (occurred/failed; planned/possible). A report
   without a date merges with one in a duplicate page, or, when both its parties are named and the
   same, with one in another article of its story.
4. **Affiliations.** A role such as "Pemimpin Korea Utara" or "Presiden AS" makes the person speak
   for that country or organisation (role heads in ``roles.toml``: ``leaders``); timelines of the
   person then include what the country or organisation did.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sqlite3
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from warta.article import Article, published_day
from warta.link.kb import capitals
from warta.resources import load_toml

__all__ = ["Links", "RelatedCache", "link_article", "participants", "compatible_times", "RELATED_MIN", "STORY_MIN",
           "STORY_DAYS"]

RELATED_MIN = 0.2  # cosine of idf-weighted entity vectors
STORY_MIN = 0.35
STORY_DAYS = 10
MAX_RELATED = 10
_CANDIDATE_ENTITIES = 12  # the article's rarest entities that fetch candidates
_CANDIDATES_PER_ENTITY = 200  # the most recent articles naming each of them (stories are local in time)
_CANDIDATES = 150  # of those, the ones sharing the most weight with the article, scored in full
_GROUPS = ({"occurred", "failed"}, {"planned", "possible"}, {"denied"}, {"negated"})


@dataclass(slots=True)
class Links:
    """What linking decided for one article, written by the store in the same transaction."""

    story: str
    new_story: bool
    related: list[tuple[str, float]] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # per event of the article: its merged event id
    affiliations: list[tuple[str, str, str]] = field(default_factory=list)  # (person, entity, role)


# ---------------------------------------------------------------------------------- related, stories

_TF = tuple(1 + math.log(c) if c else 0.0 for c in range(64))  # _vector's first factor of a count


def _idf(n_articles: int, articles: int) -> float:
    """How rare an entity named in ``articles`` of the store's ``n_articles`` is."""
    return math.log((n_articles + 1) / (articles + 0.5))


def _vector(counts: Counter[str], df: dict[str, int], n_articles: int) -> dict[str, float]:
    return {e: (1 + math.log(c)) * _idf(n_articles, df.get(e, 0)) for e, c in counts.items()}


def _cosine_counts(a: dict[str, float], counts: dict[str, int], idf: dict[str, float]) -> float:
    """Cosine of ``a`` and the vector ``_vector`` makes of ``counts``, without building it; ``idf``
    holds ``_vector``'s second factor of each entity."""
    squares, b = 0.0, {}
    for e, c in counts.items():
        w = (_TF[c] if c < len(_TF) else 1 + math.log(c)) * idf[e]
        squares += w * w
        if e in a:
            b[e] = w
    dot = sum(w * b[e] for e, w in a.items() if e in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(w * w for w in a.values()) * squares)


class RelatedCache:
    """What ``_related`` reads about stored articles, kept between the articles one connection
    stores: each candidate's entity counts (fixed once the article is stored) and each entity's
    article count (which every stored article naming it changes). The store drops what its own
    writes change (``forget``, ``clear``); a commit by any other connection (``PRAGMA
    data_version``) drops everything. Both tables are bounded (the oldest entries go first), so
    memory does not grow with the store. The scores are those of reading the store each time."""

    MAX_ARTICLES = 4000
    MAX_ENTITIES = 100_000

    def __init__(self) -> None:
        self.version: int | None = None
        self.counts: dict[str, dict[str, int]] = {}
        self.df: dict[str, int] = {}

    def sync(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self.version:
            self.clear()
            self.version = version

    def clear(self) -> None:
        self.counts.clear()
        self.df.clear()

    def forget(self, article_id: str, entity_ids: Iterable[str]) -> None:
        self.counts.pop(article_id, None)
        for entity_id in entity_ids:
            self.df.pop(entity_id, None)

    def article_counts(self, conn: sqlite3.Connection, ids: list[str]) -> dict[str, dict[str, int]]:
        """Entity id -> mentions, of each stored article in ``ids``."""
        missing = [i for i in ids if i not in self.counts]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            fetched: dict[str, dict[str, int]] = {i: {} for i in chunk}
            # an index-only scan (schema migration 7)
            for other, entity_id, n in conn.execute(
                    "SELECT article_id, entity_id, count(*) FROM entity_mentions "
                    f"WHERE article_id IN ({', '.join('?' * len(chunk))}) GROUP BY 1, 2", chunk):
                fetched[other][entity_id] = n
            self.counts.update(fetched)
        out = {i: self.counts[i] for i in ids}
        _trim(self.counts, self.MAX_ARTICLES)
        return out

    def articles_naming(self, conn: sqlite3.Connection, entity_ids: Iterable[str]) -> dict[str, int]:
        """Entity id -> the number of stored articles naming it (absent: none)."""
        wanted = list(dict.fromkeys(entity_ids))
        missing = [e for e in wanted if e not in self.df]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            self.df.update(conn.execute(
                f"SELECT id, articles FROM entities WHERE id IN ({', '.join('?' * len(chunk))})", chunk).fetchall())
        out = {e: self.df[e] for e in wanted if e in self.df}
        _trim(self.df, self.MAX_ENTITIES)
        return out


def _trim(table: dict, size: int) -> None:
    if len(table) > size:
        for key in list(itertools.islice(table, len(table) - size)):
            del table[key]


def _related(conn: sqlite3.Connection, article: Article, cache: RelatedCache | None = None
             ) -> list[tuple[str, float, str | None, str | None]]:
    """(article id, score, story, published) of stored articles related to ``article``, best first."""
    counts = Counter(e["id"] for e in article.entities)
    if not counts:
        return []
    if cache is None:
        cache = RelatedCache()
    cache.sync(conn)
    # kept by triggers (schema migration 6): count(*) would walk an index, ~1 ms at 100,000 articles
    n_articles = conn.execute("SELECT n FROM counts WHERE name = 'articles'").fetchone()[0] + 1
    df = cache.articles_naming(conn, counts)
    mine = _vector(counts, df, n_articles)
    rare = sorted((e for e in counts if df.get(e)), key=lambda e: df[e])[:_CANDIDATE_ENTITIES]
    # Candidates are ranked by the weight of the rare entities they share with the article, and
    # only the best _CANDIDATES are scored in full: the cost of an article stays bounded however
    # many stored articles name its entities.
    shared: Counter[str] = Counter()
    for entity_id in rare:
        for (other,) in conn.execute(
                "SELECT DISTINCT article_id FROM entity_mentions WHERE entity_id = ? ORDER BY rowid DESC LIMIT ?",
                (entity_id, _CANDIDATES_PER_ENTITY)):
            shared[other] += mine[entity_id]
    shared.pop(article.id, None)
    if not shared:
        return []
    ids = sorted(other for other, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:_CANDIDATES])
    theirs = _within_reach(mine, df, n_articles, cache.article_counts(conn, ids))
    if not theirs:
        return []
    named = set().union(*theirs.values())
    df.update(cache.articles_naming(conn, named))
    idf = {e: _idf(n_articles, df.get(e, 0)) for e in named}
    scored = [(other, _cosine_counts(mine, c, idf)) for other, c in theirs.items()]
    scored = sorted((s for s in scored if s[1] >= RELATED_MIN), key=lambda s: (-s[1], s[0]))[:MAX_RELATED]
    if not scored:
        return []
    meta = {r[0]: r[1:] for r in conn.execute(
        f"SELECT id, story, published FROM articles WHERE id IN ({', '.join('?' * len(scored))})",
        [s[0] for s in scored])}
    return [(other, round(score, 4), *meta.get(other, (None, None))) for other, score in scored]


def _within_reach(mine: dict[str, float], df: dict[str, int], n_articles: int,
                  theirs: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """The candidates whose cosine with ``mine`` can reach ``RELATED_MIN``. A candidate's cosine is
    at most its dot product with the article over the norm of the entities the two share (its
    full norm, over all its entities, is larger), and that bound needs only the article's own
    entities' weights; the candidates below it are never scored in full, which spares reading and
    weighting every other entity they name. The scores of the rest are unchanged."""
    norm = math.sqrt(sum(w * w for w in mine.values()))
    idf = {e: _idf(n_articles, df.get(e, 0)) for e in mine}
    out = {}
    for other, counts in theirs.items():
        dot = squares = 0.0
        for e, w in mine.items():
            c = counts.get(e)
            if c:
                x = (_TF[c] if c < len(_TF) else 1 + math.log(c)) * idf[e]
                dot += w * x
                squares += x * x
        if dot > 0 and dot / (norm * math.sqrt(squares)) >= RELATED_MIN - 1e-9:  # (margin for rounding)
            out[other] = counts
    return out


def _story(article: Article, related: list[tuple[str, float, str | None, str | None]],
           duplicate_story: str | None) -> tuple[str, bool]:
    if duplicate_story:
        return duplicate_story, False
    day = published_day(article.published)
    for _, score, story, published in related:
        other = published_day(published)
        if story and score >= STORY_MIN and (day is None or other is None or abs((day - other).days) <= STORY_DAYS):
            return story, False
    return f"story:{article.id}", True


# ----------------------------------------------------------------------------------- merged events

def compatible_times(a: str | None, b: str | None) -> bool:
    """Equal, or one a more precise form of the other ("2019-06" and "2019-06-30")."""
    if not a or not b:
        return False
    return a == b or (a[:4].isdigit() and b[:4].isdigit() and (a.startswith(b) or b.startswith(a)))


def participants(event: dict[str, Any]) -> dict[str, str]:
    """Entity id -> "actor" or "target" for everyone taking part in an event; a capital acting
    ("Pyongyang menepis …") stands for its country too."""
    roles: dict[str, str] = {}
    capital_of = capitals()
    for role, key in (("target", "target_ids"), ("actor", "actor_ids")):
        for i in event.get(key) or []:
            if i:
                roles[i] = role
                if i in capital_of:
                    roles.setdefault(capital_of[i], role)
    return roles


def _parties(event: dict[str, Any]) -> set[str]:
    return set(participants(event))


PLACE_NEAR_KM = 100  # two places this close may be named for one event ("Panmunjom", "the DMZ") ...
_AREAS = ("place", "region")  # ... when both are sites or areas: two cities are two places (Jakarta, Bogor)


def compatible_places(a: str | None, b: str | None) -> bool:
    """Places that may name where one event happened: either unknown, the same, one inside the
    other (the knowledge base's parents), or two sites or areas within PLACE_NEAR_KM of each other
    ("Panmunjom" and "Zona Demiliterisasi Korea": a village and the zone it lies in, which the
    knowledge base gives as two places with coordinates and no parent). Cities are never near: a
    meeting in Seoul is not one at Panmunjom, 50 km away."""
    if not a or not b or a == b:
        return True
    from warta.link.kb import KnowledgeBase

    kb = KnowledgeBase.load()
    x, y = kb.get(a), kb.get(b)
    if x is None or y is None:
        return False
    if _inside(kb, x.id, y.id) or _inside(kb, y.id, x.id):
        return True
    if x.has_coordinates and y.has_coordinates and x.kind in _AREAS and y.kind in _AREAS:
        return _km(x.lat, x.lon, y.lat, y.lon) <= PLACE_NEAR_KM  # type: ignore[arg-type]
    return False


def _inside(kb: Any, inner: str, outer: str) -> bool:
    seen = 0
    entity = kb.get(inner)
    while entity is not None and entity.parent and seen < 8:
        if entity.parent == outer:
            return True
        entity, seen = kb.get(entity.parent), seen + 1
    return False


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _dated(event: dict[str, Any]) -> bool:
    return str(event.get("time") or "")[:4].isdigit()  # PAST_REF, "XXXX-06" date nothing


def _stated(event: dict[str, Any]) -> bool:
    """A date the text gives the event, not the day it was reported ("said", "occasion", "published")."""
    return _dated(event) and event.get("time_from") in (None, "text")


def _happened_on(event: dict[str, Any]) -> bool:
    """A date says when the event took place: a stated one, or the day of report of something that
    happened (a plan, a denial or a failure dated by the day it was told is one report among several
    of the same plan)."""
    return _dated(event) and (_stated(event) or event.get("modality") == "occurred")


def _same_event(mine: dict[str, Any], theirs: dict[str, Any], duplicate: bool, same_story: bool = False) -> bool:
    """Two reports of one event: the same happening at compatible times. Where a report has no date
    of its own (none, or only the day it was reported), it joins one in a copy of its page, or, when
    both its parties are named and the same, one in another article of its story ("Menhan AS meminta
    maaf kepada Menhan RI" in two reports of that week); two dates the texts state must agree."""
    if not _same_happening(mine, theirs):
        return False
    mine_dated, theirs_dated = _happened_on(mine), _happened_on(theirs)
    if mine_dated and theirs_dated and compatible_times(mine.get("time"), theirs.get("time")):
        return True
    if mine_dated and theirs_dated and (_stated(mine) == _stated(theirs)):
        return False  # two dates the texts state, or two days of report, that differ: two events
    return duplicate or (same_story and len(_parties(mine) & _parties(theirs)) >= 2)


def _same_happening(mine: dict[str, Any], theirs: dict[str, Any]) -> bool:
    """The same kind of thing between the same parties, with the same standing (happened, planned,
    denied, ...), in places that may be one: what two reports of one event share, whatever their
    times."""
    a, b = _parties(mine), _parties(theirs)
    if len(a & b) < min(2, len(a), len(b)) or not (a & b) or mine["type"] != theirs.get("type"):
        return False
    if not any(mine["modality"] in g and theirs.get("modality") in g for g in _GROUPS):
        return False
    return compatible_places(mine.get("place_id"), theirs.get("place_id"))


def _earlier_mention(events: list[dict[str, Any]], merged: list[str], n: int) -> str | None:
    """The merged id of an earlier mention of event n in the same article: one event mentioned
    several times ("pertemuan itu", "saat bertemu di Panmunjom pada 30 Juni 2019") is one event.
    A mention with a time joins the earlier one whose time it refines or equals; one without a time
    joins the earlier one only when a single such event is mentioned before it."""
    event = events[n]
    same = [m for m in range(n) if _same_happening(event, events[m])]
    if event.get("time"):
        timed = [m for m in same if compatible_times(event["time"], events[m].get("time"))]
        return merged[timed[0]] if timed else None
    ids = {merged[m] for m in same}
    return ids.pop() if len(ids) == 1 else None


def _conflicts(event: dict[str, Any], members: list[tuple[str, dict[str, Any], str]]) -> bool:
    """Whether a merged event already holds a report whose stated date the event's stated date
    contradicts (it joined through a report without a date of its own)."""
    return _stated(event) and any(_stated(other) and not compatible_times(event.get("time"), other.get("time"))
                                  for _, other, _ in members)


def _merge(conn: sqlite3.Connection, article: Article, duplicate_of: str | None, story: str | None = None) -> list[str]:
    merged: list[str] = []
    for n, event in enumerate(article.events):
        parties = sorted(_parties(event))
        found = _earlier_mention(article.events, merged, n)
        if parties and found is None:
            rows = conn.execute(
                "SELECT e.merged, e.article_id, e.event, a.story FROM events e "
                "JOIN event_entities x ON x.event = e.rowid JOIN articles a ON a.id = e.article_id "
                f"WHERE x.entity_id IN ({', '.join('?' * len(parties))}) AND e.type = ? "
                "GROUP BY e.rowid ORDER BY e.rowid LIMIT 2000", [*parties, event["type"]])
            groups: dict[str, list[tuple[str, dict[str, Any], str]]] = {}
            for merged_id, other_article, stored, other_story in rows:
                groups.setdefault(merged_id, []).append((other_article, json.loads(stored), other_story))
            for merged_id, members in groups.items():
                if any(_same_event(event, other, other_article == duplicate_of,
                                   story is not None and other_story == story)
                       for other_article, other, other_story in members) and not _conflicts(event, members):
                    found = merged_id
                    break
        merged.append(found or f"event:{article.id}:{n}")
    return merged


# ------------------------------------------------------------------------------------ affiliations

@cache
def _leaders() -> re.Pattern[str]:
    heads = sorted(load_toml("roles.toml")["leaders"], key=len, reverse=True)
    return re.compile(r"^(?:wakil\s+)?(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in heads) + r")\b",
                      re.IGNORECASE)


def _affiliations(article: Article) -> list[tuple[str, str, str]]:
    """(person id, organisation or country id, role) for people whose role leads something named."""
    out = {}
    others = [e for e in article.entities if e["type"] in ("ORG", "LOC")]
    for e in article.entities:
        role = e.get("role")
        if e["type"] != "PER" or not role or not _leaders().match(role) or role.lower().startswith("wakil"):
            continue
        inside = [o for o in others if e["start"] <= o["start"] and o["end"] <= e["end"]]
        named = inside or [o for o in others if re.search(rf"\b{re.escape(o['text'])}\b", role)]
        if named:
            best = max(named, key=lambda o: len(o["text"]))
            out[(e["id"], best["id"])] = role
    return [(p, o, role) for (p, o), role in out.items()]


def link_article(conn: sqlite3.Connection, article: Article, duplicate_of: str | None = None,
                 cache: RelatedCache | None = None) -> Links:
    """Related articles, story, merged event ids and affiliations of ``article`` (not yet stored).
    ``cache``: what earlier calls on this connection read of the store (``RelatedCache``)."""
    related = _related(conn, article, cache)
    duplicate_story = None
    if duplicate_of:
        row = conn.execute("SELECT story FROM articles WHERE id = ?", (duplicate_of,)).fetchone()
        duplicate_story = row[0] if row else None
    story, new = _story(article, related, duplicate_story)
    return Links(story, new, [(r[0], r[1]) for r in related], _merge(conn, article, duplicate_of, story),
                 _affiliations(article))

