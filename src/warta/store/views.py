"""Read-side views across articles: timelines, stories with their disagreements, related articles,
entity profiles. The CLI and the HTTP API both call these; each query has this one implementation.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from warta.errors import NotFound
from warta.link.kb import KnowledgeBase, entity_slug
from warta.store.links import compatible_places, compatible_times, participants
from warta.store.store import Store

__all__ = ["timeline", "story", "related", "entity_profile", "resolve_entity", "sortable_date", "search_articles",
           "list_entities", "list_events", "list_stories"]


def sortable_date(value: str | None) -> str | None:
    """A TIMEX3 value as an ISO date (prefix) that sorts in time order: "2025-W44" -> "2025-10-27",
    "2017/2021" stays (it starts with its start), "PAST_REF" -> None."""
    if not value or not value[:4].isdigit():
        return None
    if value[4:6] == "-W":
        try:
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1).isoformat()
        except ValueError:
            return value[:4]
    return value


def _marks(items: list[Any] | set[Any]) -> str:
    return ", ".join("?" * len(items))


def resolve_entity(store: Store, name: str) -> tuple[set[str], dict[str, str]]:
    """Ids of the stored entity called ``name`` (any alias) and of what it speaks for ({id: role})."""
    ids = sorted(store.entity_ids(name))
    stored = {r[0] for r in store.conn.execute(f"SELECT id FROM entities WHERE id IN ({_marks(ids)})", ids)}
    if not stored:  # a body an event names that no mention names ("Polisi menangkap …" with "Kapolres
        # Metro Bekasi …" in the text: Polres Metro Bekasi)
        slugs = [f"{kind}:{entity_slug(name)}" for kind in ("org", "per", "loc")]
        stored = {r[0] for r in store.conn.execute(
            f"SELECT DISTINCT entity_id FROM event_entities WHERE entity_id IN ({_marks(slugs)})", slugs)}
    if not stored:
        raise NotFound(f"no stored entity is called {name!r}; 'warta stats' lists the entities named most")
    leads = dict(store.conn.execute(
        f"SELECT entity_id, role FROM affiliations WHERE person_id IN ({_marks(stored)})", sorted(stored)).fetchall())
    return stored, {k: v for k, v in leads.items() if k not in stored}


def _reports(store: Store, where: str, params: list[Any]) -> list[dict[str, Any]]:
    rows = store.conn.execute(
        "SELECT e.merged, e.event, a.id, a.title, a.outlet, a.published, a.duplicate_of FROM events e "
        f"JOIN articles a ON a.id = e.article_id WHERE {where} ORDER BY a.published, a.rowid, e.n", params)
    return [{"merged": m, "event": json.loads(ev), "article": {"id": i, "title": t, "outlet": o, "published": p},
             "duplicate_of": d} for m, ev, i, t, o, p, d in rows]


def _timeline_date(event: dict[str, Any]) -> str | None:
    """Where an event stands in a timeline: its date; a plan's only when the text states it (a plan
    dated by the day it was announced is not expected that day)."""
    if event.get("modality") in ("planned", "possible") and event.get("time_from") not in (None, "text"):
        return None
    return sortable_date(event.get("time"))


def _merged_entries(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One entry per merged event: the most precise date any report gives, the report that gives it,
    and the articles reporting it (copies of one page counted once)."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in reports:
        groups[r["merged"]].append(r)
    entries = []
    for merged, rs in groups.items():
        best = max(rs, key=lambda r: len(_timeline_date(r["event"]) or ""))
        articles = list(dict.fromkeys(r["article"]["id"] for r in rs if not r["duplicate_of"]))
        copies = list(dict.fromkeys(r["article"]["id"] for r in rs if r["duplicate_of"]))
        entries.append({"date": _timeline_date(best["event"]), "event_id": merged,
                        "event": best["event"], "articles": articles or copies[:1],
                        "copies": copies if articles else copies[1:], "reports": len(rs),
                        "titles": {r["article"]["id"]: r["article"]["title"] for r in rs}})
    return entries


def timeline(store: Store, name: str, *, undated: bool = False) -> list[dict[str, Any]]:
    """Merged events involving the entity ``name`` (any alias), or what it speaks for ("Presiden AS"
    -> what the United States did, marked ``via``), oldest first: CONTRACT.md timeline entries.
    Planned and possible events stand at their expected date with their modality."""
    ids, leads = resolve_entity(store, name)
    every = sorted(ids | set(leads))
    reports = _reports(store, f"e.rowid IN (SELECT event FROM event_entities WHERE entity_id IN ({_marks(every)}))",
                       every)
    entries = _merged_entries(reports)
    for entry in entries:
        parties = set(participants(entry["event"]))
        if not parties & ids:
            entry["via"] = sorted({leads[i] for i in parties if i in leads})
    dated = sorted((e for e in entries if e["date"]), key=lambda e: (e["date"], e["event_id"]))
    if undated:
        dated += [e for e in entries if not e["date"]]
    return dated


def related(store: Store, article_id: str) -> list[dict[str, Any]]:
    """Articles related to one article, most similar first, with their scores and stories."""
    article_id = store.resolve(article_id)
    rows = store.conn.execute(
        "SELECT a.id, a.title, a.outlet, a.published, a.story, r.score FROM related r "
        "JOIN articles a ON a.id = r.other_id WHERE r.article_id = ? AND a.duplicate_of IS NULL "
        "ORDER BY r.score DESC, a.id", (article_id,))
    return [{"id": i, "title": t, "outlet": o, "published": p, "story": s, "score": sc} for i, t, o, p, s, sc in rows]


def _compatible(key: str, a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two reports' values of one fact can both be true: a month and a day in it, a place
    and a place inside it or the area around it ("Zona Demiliterisasi Korea" and "Panmunjom")."""
    if str(a[key]) == str(b[key]):
        return True
    if key == "time":  # a vague time (PAST_REF, "XXXX-06") states no date to disagree with
        x, y = str(a[key]), str(b[key])
        return not (x[:4].isdigit() and y[:4].isdigit()) or compatible_times(x, y)
    if key == "place":  # only two places the knowledge base knows can be seen to differ ("Rumah Dinasnya")
        kb = KnowledgeBase.load()
        known = [kb.get(x.get("place_id") or "") for x in (a, b)]
        return None in known or compatible_places(a["place_id"], b["place_id"])
    return False


def _disagreements(reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Facts sources state differently: the same kind of event between the same parties, reported
    by two different articles with counts, places or dates that cannot both be true (never one
    article against itself, a month against a day in it, or a place against a place inside it).
    Only dates the text states count, not the day an event was taken to happen because it was
    reported then (``time_from`` "said", "occasion", "published")."""
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for r in reports:
        e = r["event"]
        parties = frozenset(e.get("actor_ids", [])) | frozenset(e.get("target_ids", []))
        if parties and not r["duplicate_of"]:
            groups[(e["type"], parties, e["modality"])].append(r)
    out = []
    for (kind, _, _), rs in groups.items():
        for fact, key in (("count", "count"), ("place", "place"), ("date", "time")):
            stating = [r for r in rs if r["event"].get(key) not in (None, "")
                       and (key != "time" or r["event"].get("time_from") in (None, "text"))]  # a date stated
            clash = [(a, b) for i, a in enumerate(stating) for b in stating[i + 1:]
                     if a["article"]["id"] != b["article"]["id"] and not _compatible(key, a["event"], b["event"])]
            if not clash:
                continue
            values: dict[str, set[str]] = defaultdict(set)
            for r in {id(r): r for pair in clash for r in pair}.values():
                source = r["event"].get("source") or r["article"]["outlet"] or r["article"]["id"]
                values[str(r["event"][key])].add(f"{source} ({r['article']['id']})")
            out.append({"event": kind, "actors": rs[0]["event"].get("actors", []), "fact": fact,
                        "values": {v: sorted(sources) for v, sources in values.items()}})
    return out


def story(store: Store, story_id: str) -> dict[str, Any]:
    """A story: its articles (oldest first), merged events and the facts its sources disagree on."""
    row = store.conn.execute("SELECT id, title, first_published, last_published, articles FROM stories "
                             "WHERE id = ? OR id = ?", (story_id, f"story:{story_id}")).fetchone()
    if row is None:
        rows = store.conn.execute("SELECT id, title, first_published, last_published, articles FROM stories "
                                  "WHERE id LIKE ? LIMIT 2", (f"%{story_id}%",)).fetchall()
        if len(rows) != 1:
            raise NotFound(f"no story {story_id!r}; 'warta story' ids are printed by 'warta show' and export")
        row = rows[0]
    sid = row[0]
    articles = [{"id": i, "title": t, "outlet": o, "published": p, "duplicate_of": d} for i, t, o, p, d in
                store.conn.execute("SELECT id, title, outlet, published, duplicate_of FROM articles WHERE story = ? "
                                   "ORDER BY published, rowid", (sid,))]
    reports = _reports(store, "a.story = ?", [sid])
    events = sorted(_merged_entries(reports), key=lambda e: (e["date"] or "9999", e["event_id"]))
    return {"id": sid, "title": row[1], "first_published": row[2], "last_published": row[3],
            "articles": articles, "events": events, "disagreements": _disagreements(reports)}


def entity_profile(store: Store, name: str) -> dict[str, Any]:
    """An entity: names and aliases used, roles, mentions per month, quotes, events, and the
    entities named with it most often."""
    ids, leads = resolve_entity(store, name)
    marks, params = _marks(ids), sorted(ids)
    conn = store.conn
    main = conn.execute(f"SELECT id, name, type, articles, mentions FROM entities WHERE id IN ({marks}) "
                        "ORDER BY mentions DESC LIMIT 1", params).fetchone()
    aliases = Counter(dict(conn.execute(f"SELECT text, count(*) FROM entity_mentions WHERE entity_id IN ({marks}) "
                                        "GROUP BY text", params).fetchall()))
    roles = Counter(dict(conn.execute(f"SELECT role, count(*) FROM entity_mentions WHERE entity_id IN ({marks}) "
                                      "AND role IS NOT NULL GROUP BY role", params).fetchall()))
    months = conn.execute(
        f"SELECT substr(a.published, 1, 7), count(*) FROM entity_mentions m JOIN articles a ON a.id = m.article_id "
        f"WHERE m.entity_id IN ({marks}) AND a.published IS NOT NULL GROUP BY 1 ORDER BY 1", params).fetchall()
    together = conn.execute(
        "SELECT e.id, e.name, e.type, count(DISTINCT m.article_id) AS n FROM entity_mentions m "
        "JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN "
        f"(SELECT article_id FROM entity_mentions WHERE entity_id IN ({marks})) AND m.entity_id NOT IN ({marks}) "
        "GROUP BY e.id ORDER BY n DESC, e.name LIMIT 10", params + params).fetchall()
    quotes = [hit.to_json() for hit in store.quotes(speaker=name, limit=20)]
    return {"id": main[0], "name": main[1], "type": main[2], "articles": main[3], "mentions": main[4],
            "ids": sorted(ids), "aliases": aliases.most_common(), "roles": roles.most_common(),
            "speaks_for": leads, "mentions_by_month": months,
            "co_occurring": [{"id": i, "name": n, "type": t, "articles": c} for i, n, t, c in together],
            "quotes": quotes, "events": timeline(store, name)}


# -- listings with totals, for paging (the HTTP API and the web UI) ------------------------------


def search_articles(store: Store, query: str | None = None, *, outlet: str | None = None, since: str | None = None,
                    until: str | None = None, entity: str | None = None, story: str | None = None, limit: int = 20,
                    offset: int = 0, top: int = 20) -> dict[str, Any]:
    """One page of the articles that match (``Store.find``: ranked with a query, else newest first),
    the total, and facets over every match: outlets, the ``top`` entities named in most of them, and
    months of publication."""
    filters = {"outlet": outlet, "since": since, "until": until, "entity": entity, "story": story}
    total, hits = store.find(query, limit=limit, offset=offset, **filters)
    where, params = store.article_filter(query, **filters)
    conn = store.conn
    outlets = conn.execute(f"SELECT coalesce(a.outlet, '(unknown)'), count(*) FROM articles a WHERE {where} "
                           "GROUP BY 1 ORDER BY 2 DESC, 1", params).fetchall()
    months = conn.execute(f"SELECT substr(a.published, 1, 7), count(*) FROM articles a WHERE {where} "
                          "AND a.published IS NOT NULL GROUP BY 1 ORDER BY 1", params).fetchall()
    entities = conn.execute(
        "SELECT e.name, e.id, count(DISTINCT m.article_id) AS n FROM entity_mentions m "
        f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN (SELECT a.id FROM articles a WHERE {where}) "
        "GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?", (*params, top)).fetchall()
    return {"total": total, "items": hits,
            "facets": {"outlets": outlets, "entities": entities, "months": months}}


def list_entities(store: Store, prefix: str | None = None, *, type: str | None = None, limit: int = 20,
                  offset: int = 0) -> dict[str, Any]:
    """Stored entities whose name, or a way an article wrote it, starts with ``prefix`` (any case),
    of one type (PER, ORG, LOC, MISC) if given, most mentioned first; ``types``: how many of each
    type match the prefix."""
    where, params = "1", []
    if prefix and prefix.strip():
        like = prefix.strip().replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_") + "%"
        where = ("(name LIKE ? ESCAPE '\\' OR id IN (SELECT entity_id FROM entity_mentions "
                 "WHERE text LIKE ? ESCAPE '\\'))")
        params = [like, like]
    types = dict(store.conn.execute(f"SELECT type, count(*) FROM entities WHERE {where} GROUP BY type "
                                    "ORDER BY 2 DESC", params).fetchall())
    if type:
        where += " AND type = ?"
        params = [*params, type.upper()]
    total = store.conn.execute(f"SELECT count(*) FROM entities WHERE {where}", params).fetchone()[0]
    rows = store.conn.execute(f"SELECT id, name, type, articles, mentions FROM entities WHERE {where} "
                              "ORDER BY mentions DESC, articles DESC, name LIMIT ? OFFSET ?", (*params, limit, offset))
    items = [{"id": i, "name": n, "type": t, "articles": a, "mentions": m} for i, n, t, a, m in rows]
    return {"total": total, "items": items, "types": types}


def _in_range(value: str | None, since: str | None, until: str | None) -> bool:
    """Whether a date of any precision ("2025", "2025-11", "2025-11-05") or an interval ("2017/2021")
    overlaps since … until."""
    if not value:
        return not (since or until)
    first, _, last = value.partition("/")
    last = last or first
    return (not since or last >= since[:len(last)]) and (not until or first <= until[:len(first)])


def list_events(store: Store, *, entity: str | None = None, type: str | None = None, modality: str | None = None,
                since: str | None = None, until: str | None = None, limit: int = 20,
                offset: int = 0) -> dict[str, Any]:
    """Merged events (one entry per real-world event, as in ``timeline``, with every article that
    reports it), oldest first, undated last: involving an entity (any alias), of a PLOVER type, with
    a modality, dated within since … until (a date of lower precision counts when it overlaps)."""
    where, params = [], []
    if entity:
        ids, leads = resolve_entity(store, entity)
        every = sorted(ids | set(leads))
        where.append(f"rowid IN (SELECT event FROM event_entities WHERE entity_id IN ({_marks(every)}))")
        params += every
    for value, clause in ((type, "type = ? COLLATE NOCASE"), (modality, "modality = ? COLLATE NOCASE")):
        if value:
            where.append(clause)
            params.append(value)
    rows = store.conn.execute(
        "SELECT e.merged, e.time, e.modality, json_extract(e.event, '$.time_from') FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.merged IN "
        f"(SELECT merged FROM events WHERE {' AND '.join(where) or '1'}) ORDER BY a.published, a.rowid, e.n", params)
    dates: dict[str, str | None] = {}
    for merged, time, mode, source in rows:  # the most precise date any report gives, as _merged_entries picks it
        value = _timeline_date({"time": time, "modality": mode, "time_from": source})
        if len(value or "") > len(dates.get(merged) or "") or merged not in dates:
            dates[merged] = value
    chosen = sorted((m for m, d in dates.items() if _in_range(d, since, until)),
                    key=lambda m: (dates[m] is None, dates[m] or "", m))
    page = chosen[offset:offset + limit]
    order = {m: n for n, m in enumerate(page)}
    entries = _merged_entries(_reports(store, f"e.merged IN ({_marks(page)})", page)) if page else []
    return {"total": len(chosen), "items": sorted(entries, key=lambda e: order[e["event_id"]])}


STORY_ORDERS = {
    "recent": "last_published IS NULL, last_published DESC, articles DESC, id",
    "size": "articles DESC, last_published IS NULL, last_published DESC, id",
}


def list_stories(store: Store, *, limit: int = 20, offset: int = 0, order: str = "recent",
                 min_articles: int = 1) -> dict[str, Any]:
    """Stories, the most recently updated first (``order="size"``: the largest first), with the
    outlets that published their articles (copies included) and how many of their articles are copies."""
    total = store.conn.execute("SELECT count(*) FROM stories WHERE articles >= ?", (min_articles,)).fetchone()[0]
    rows = store.conn.execute("SELECT id, title, first_published, last_published, articles FROM stories "
                              f"WHERE articles >= ? ORDER BY {STORY_ORDERS[order]} LIMIT ? OFFSET ?",
                              (min_articles, limit, offset)).fetchall()
    outlets: dict[str, list[str]] = defaultdict(list)
    copies: Counter[str] = Counter()
    for sid, outlet, copy, n in store.conn.execute(
            "SELECT story, outlet, duplicate_of IS NOT NULL, count(*) FROM articles WHERE story IN "
            "(SELECT value FROM json_each(?)) GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC, 2",
            (json.dumps([r[0] for r in rows]),)):
        if outlet and outlet not in outlets[sid]:
            outlets[sid].append(outlet)
        copies[sid] += n if copy else 0
    firsts = dict(store.conn.execute(  # a story without a title: its first article's headline
        "SELECT s.id, (SELECT a.id FROM articles a WHERE a.story = s.id ORDER BY a.published, a.rowid LIMIT 1) "
        "FROM stories s WHERE s.title IS NULL AND s.id IN (SELECT value FROM json_each(?))",
        (json.dumps([r[0] for r in rows]),)).fetchall())
    heads = store.headlines([a for a in firsts.values() if a])
    items = [{"id": i, "title": t or heads.get(firsts.get(i) or "") or i, "first_published": f,
              "last_published": la, "articles": n, "outlets": outlets[i], "copies": copies[i]}
             for i, t, f, la, n in rows]
    return {"total": total, "items": items}


# -- small lookups the pages and the command line need ---------------------------------------------


def openings(store: Store, ids: list[str], chars: int = 260) -> dict[str, str]:
    """The first ``chars`` characters of each article's body (the UI's snippet when browsing)."""
    return dict(store.conn.execute("SELECT id, substr(body, 1, ?) FROM articles WHERE id IN "
                                   "(SELECT value FROM json_each(?))", (chars, json.dumps(ids))))


def entity_names(store: Store, names: list[str]) -> set[str]:
    """Those of ``names`` that are a stored entity's name (a speaker may be a description instead)."""
    return {r[0] for r in store.conn.execute("SELECT value FROM json_each(?) WHERE value IN "
                                             "(SELECT name FROM entities)", (json.dumps(names),))}


def entity_name(store: Store, entity_id: str) -> str | None:
    row = store.conn.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone()
    return row[0] if row else None


def main_entity(store: Store, ids: set[str]) -> tuple[str, str] | None:
    """(name, type) of the most mentioned of the stored entities ``ids``."""
    row = store.conn.execute("SELECT name, type FROM entities WHERE id IN (SELECT value FROM json_each(?)) "
                             "ORDER BY mentions DESC LIMIT 1", (json.dumps(sorted(ids)),)).fetchone()
    return (row[0], row[1]) if row else None


def story_size(store: Store, story_id: str) -> int:
    row = store.conn.execute("SELECT articles FROM stories WHERE id = ?", (story_id,)).fetchone()
    return int(row[0]) if row else 0


def event_kinds(store: Store) -> tuple[list[str], list[str]]:
    """The event types and the modalities stored events have (the events page's choices)."""
    types = [r[0] for r in store.conn.execute("SELECT DISTINCT type FROM events ORDER BY 1")]
    modalities = [r[0] for r in store.conn.execute("SELECT DISTINCT modality FROM events ORDER BY 1")]
    return types, modalities
