"""Across articles: related articles, stories, merged events, timelines, disagreements.

The articles here carry their annotations already (as the language pipeline would give them), so
these tests judge the cross-article linking and the store's views alone; test_cli runs the whole way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from warta.article import Article
from warta.errors import NotFound
from warta.store import Store, views

PEOPLE = {"Donald Trump": ("PER", "per:donald-trump"), "Kim Jong Un": ("PER", "per:kim-jong-un"),
          "Korea Utara": ("LOC", "loc:country:KP"), "Amerika Serikat": ("LOC", "loc:country:US"),
          "Singapura": ("LOC", "loc:country:SG"), "Hanoi": ("LOC", "loc:city:hanoi"),
          "Sri Mulyani": ("PER", "per:sri-mulyani"), "Bank Indonesia": ("ORG", "org:bank-indonesia"),
          "Persib": ("ORG", "org:persib"), "Bandung": ("LOC", "loc:city:bandung"),
          "Israel": ("LOC", "loc:country:IL"), "Gaza": ("LOC", "loc:gaza"), "Hamas": ("ORG", "org:hamas")}


def _article(aid: str, published: str, body: str, events: list[dict] | None = None,
             roles: dict[str, str] | None = None, duplicate_of: str | None = None) -> Article:
    entities = []
    for name, (kind, eid) in PEOPLE.items():
        start = body.find(name)
        while start >= 0:
            entities.append({"text": name, "start": start, "end": start + len(name), "type": kind, "id": eid,
                             "name": name, **({"role": roles[name]} if roles and name in roles else {})})
            start = body.find(name, start + 1)
    for role_holder, role in (roles or {}).items():  # the role is written before the name, inside the span
        for e in entities:
            if e["name"] == role_holder:
                e["start"] = body.rfind(role, 0, e["start"])
                e["text"] = body[e["start"]:e["end"]]
    return Article(id=aid, source=f"{aid}.txt", body=body, title=f"Berita {aid}", outlet="Contoh",
                   published=published, entities=sorted(entities, key=lambda e: e["start"]),
                   events=events or [], duplicate_of=duplicate_of)


def _event(kind: str, actors: list[str], time: str | None, modality: str = "occurred", **extra: object) -> dict:
    return {"type": kind, "actors": actors, "targets": [], "actor_ids": [PEOPLE[a][1] for a in actors],
            "target_ids": [], "time": time, "place": None, "place_id": None, "modality": modality,
            "source": None, "text": f"{kind} {' '.join(actors)}", **extra}


KOREA = ("Donald Trump bertemu Kim Jong Un di Singapura. Korea Utara dan Amerika Serikat berunding di Hanoi. "
         "Trump dan Kim Jong Un kembali bertemu.")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    with Store(tmp_path / "s.db") as s:
        yield s


def test_articles_on_the_same_thread_are_related_and_share_a_story_within_days(store: Store) -> None:
    store.put(_article("a1", "2019-06-30", KOREA))
    store.put(_article("a2", "2019-07-02", "Kim Jong Un menerima surat Donald Trump. Korea Utara menyambutnya."))
    store.put(_article("b1", "2019-07-01", "Sri Mulyani dan Bank Indonesia membahas inflasi di Bandung."))
    store.put(_article("a3", "2019-12-01", "Donald Trump menyebut Kim Jong Un sahabat. Korea Utara diam."))
    a1, a2, b1, a3 = (store.get(i) for i in ("a1", "a2", "b1", "a3"))
    assert a2.story == a1.story and b1.story != a1.story
    assert a3.story != a1.story, "five months later is a new story, though related"
    assert {"a2", "a3"} <= set(a1.related) and "b1" not in a1.related and b1.related == []
    assert views.related(store, "a1")[0]["score"] >= views.related(store, "a1")[-1]["score"]
    assert [a["id"] for a in views.story(store, a1.story)["articles"]] == ["a1", "a2"]


def test_reports_of_one_event_merge_and_the_timeline_is_in_date_order(store: Store) -> None:
    meet = ["Donald Trump", "Kim Jong Un"]
    store.put(_article("a1", "2019-07-01", KOREA, [_event("CONSULT", meet, "2019-06-30"),
                                                   _event("CONSULT", meet, "2018-06", place="Singapura"),
                                                   _event("CONSULT", meet, "2026", "planned")]))
    store.put(_article("a2", "2019-07-02", KOREA + " Lagi.", [_event("CONSULT", meet, "2019-06")]))
    store.put(_article("a3", "2019-07-03", KOREA + " Sekali lagi.", [_event("CONSULT", meet, "2019-02")]))
    entries = views.timeline(store, "Kim Jong Un")
    assert [e["date"] for e in entries] == ["2018-06", "2019-02", "2019-06-30", "2026"]
    june = entries[2]
    assert june["articles"] == ["a1", "a2"], "one event, reported twice"
    assert entries[-1]["event"]["modality"] == "planned"
    # any alias: "Trump" is a knowledge-base alias of the person named "Donald Trump" in these articles
    assert [e["date"] for e in views.timeline(store, "Trump")] == [e["date"] for e in entries]


def test_one_event_mentioned_several_times_in_an_article_is_one_event(store: Store) -> None:
    meet = ["Donald Trump", "Kim Jong Un"]
    store.put(_article("a1", "2019-07-05", KOREA, [
        _event("CONSULT", meet, "2019-06", place_id="loc:place:korean-dmz"),  # "bertemu pada Juni di DMZ"
        _event("CONSULT", meet, "2019-02", place_id="loc:city:1581130"),  # another meeting, in Hanoi
        _event("CONSULT", meet, "2019-06-30", place_id="loc:place:panmunjom"),  # the June one, its day and village
        _event("CONSULT", meet, None),  # "pertemuan itu": two meetings before it, so it joins neither
    ]))
    ids = [e["event_id"] for e in store.get("a1").events]
    assert ids[0] == ids[2] and len({ids[0], ids[1], ids[3]}) == 3
    assert [e["date"] for e in views.timeline(store, "Kim Jong Un")] == ["2019-02", "2019-06-30"]
    store.put(_article("a2", "2019-07-06", KOREA + " Lagi.", [_event("CONSULT", meet, "2019-06-30"),
                                                              _event("CONSULT", meet, None)]))
    again = [e["event_id"] for e in store.get("a2").events]
    assert again == [ids[0], ids[0]], "a later mention without a time joins the one event mentioned before it"


def test_places_that_may_name_one_event() -> None:
    from warta.store.links import compatible_places

    assert compatible_places("loc:place:panmunjom", "loc:place:korean-dmz")  # a village in the zone, 70 km
    hanoi, seoul = "loc:city:1581130", "loc:city:1835848"
    assert compatible_places(None, hanoi) and compatible_places(hanoi, hanoi)
    assert not compatible_places(hanoi, "loc:place:panmunjom")
    assert not compatible_places(seoul, "loc:place:panmunjom"), "a city 50 km away is another place"
    assert not compatible_places("loc:country:KP", "loc:country:KR")  # countries are never "near"


def test_a_leader_s_timeline_includes_what_the_country_did(store: Store) -> None:
    body = "Pemimpin Korea Utara Kim Jong Un diam. Korea Utara menolak tawaran Amerika Serikat."
    rejected = _event("REJECT", ["Korea Utara"], "2025-11-01")
    store.put(_article("a1", "2025-11-05", body, [rejected], roles={"Kim Jong Un": "Pemimpin Korea Utara"}))
    (entry,) = views.timeline(store, "Kim Jong Un")
    assert entry["event"]["type"] == "REJECT" and entry["via"] == ["Pemimpin Korea Utara"]
    assert views.entity_profile(store, "Kim Jong Un")["speaks_for"] == {"loc:country:KP": "Pemimpin Korea Utara"}


def test_a_copy_counts_once_and_joins_the_story_of_its_original(store: Store) -> None:
    meet = ["Donald Trump", "Kim Jong Un"]
    store.put(_article("a1", "2019-07-01", KOREA, [_event("CONSULT", meet, None)]))
    store.put(_article("a2", "2019-07-01", KOREA + " Tayang di Contoh.", [_event("CONSULT", meet, None)],
                       duplicate_of="a1"))
    a1, a2 = store.get("a1"), store.get("a2")
    assert a2.story == a1.story and a2.duplicate_of == "a1"
    assert "a2" not in a1.related, "a copy is not listed as a related article"
    (entry,) = views.timeline(store, "Kim Jong Un", undated=True)
    assert entry["articles"] == ["a1"] and entry["copies"] == ["a2"]


def test_sources_that_state_different_counts_are_shown_side_by_side(store: Store) -> None:
    body = "Israel menyerang Gaza. Hamas membalas."
    store.put(_article("n1", "2024-01-10", body, [_event("ASSAULT", ["Israel"], "2024-01-09", count=3,
                                                         source="Reuters")]))
    store.put(_article("n2", "2024-01-11", body + " Korban bertambah.",
                       [_event("ASSAULT", ["Israel"], "2024-01-09", count=5, source="AFP")]))
    found = views.story(store, store.get("n1").story)
    (disagreement,) = found["disagreements"]
    assert disagreement["fact"] == "count" and set(disagreement["values"]) == {"3", "5"}
    assert any("Reuters" in s for s in disagreement["values"]["3"])


def test_replacing_an_article_keeps_one_copy_of_its_links(store: Store) -> None:
    meet = ["Donald Trump", "Kim Jong Un"]
    store.put(_article("a1", "2019-07-01", KOREA, [_event("CONSULT", meet, "2019-06-30")]))
    store.put(_article("a2", "2019-07-02", KOREA + " Lagi.", [_event("CONSULT", meet, "2019-06-30")]))
    store.put(_article("a2", "2019-07-02", KOREA + " Lagi.", [_event("CONSULT", meet, "2019-06-30")]), replace=True)
    counts = {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
              for t in ("events", "event_entities", "related", "stories")}
    assert counts == {"events": 2, "event_entities": 4, "related": 2, "stories": 1}
    assert views.timeline(store, "Kim Jong Un")[0]["articles"] == ["a1", "a2"]


def test_unknown_names_and_stories_are_reported(store: Store) -> None:
    store.put(_article("a1", "2019-07-01", KOREA))
    with pytest.raises(NotFound, match="no stored entity"):
        views.timeline(store, "Nobody Here")
    with pytest.raises(NotFound, match="no story"):
        views.story(store, "nothing-like-this")


def test_a_body_only_an_event_names_has_a_timeline(store: Store) -> None:
    """'Polisi menangkap …' with the police named only in a chief's title: the event's actor is the
    body, which no mention names; its timeline is still there."""
    body = "Polisi menangkap Budi. Kapolres Metro Bekasi Kombes Mustofa membenarkannya."
    arrest = {**_event("COERCE", [], "2025-03-03"), "actors": ["Polres Metro Bekasi"],
              "actor_ids": ["org:polres-metro-bekasi"]}
    store.put(_article("p1", "2025-03-04", body, [arrest]))
    (entry,) = views.timeline(store, "Polres Metro Bekasi")
    assert entry["event"]["type"] == "COERCE" and entry["date"] == "2025-03-03"
    with pytest.raises(NotFound, match="no stored entity"):
        views.timeline(store, "Polres Metro Jakarta")


def test_a_capital_acting_stands_for_its_country_in_timelines(store: Store) -> None:
    body = "Pemimpin Korea Utara Kim Jong Un diam. Pyongyang menepis tawaran Amerika Serikat."
    rejected = _event("REJECT", [], "2025-11-01") | {"actors": ["Pyongyang"], "actor_ids": ["loc:city:1871859"]}
    store.put(_article("a1", "2025-11-05", body, [rejected], roles={"Kim Jong Un": "Pemimpin Korea Utara"}))
    (entry,) = views.timeline(store, "Korea Utara")
    assert entry["event"]["actors"] == ["Pyongyang"]
    assert [e["event"]["type"] for e in views.timeline(store, "Kim Jong Un")] == ["REJECT"]


def test_related_scores_kept_between_articles_follow_every_write(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """The store keeps what linking read of earlier articles (RelatedCache); the related articles and
    scores are those of reading the store afresh after its own puts, a replaced article, and a
    commit by another connection, and the kept tables stay within their bounds."""
    from warta.store import links as stories

    texts = [KOREA, "Kim Jong Un menerima Donald Trump di Hanoi.", "Sri Mulyani dan Bank Indonesia di Singapura.",
             "Bank Indonesia menaikkan bunga. Sri Mulyani menyambut.", "Donald Trump dan Kim Jong Un di Hanoi lagi.",
             "Kim Jong Un kembali ke Hanoi.", "Donald Trump bicara soal Kim Jong Un, Israel dan Gaza.",
             "Persib menang di Bandung atas tamu dari Singapura.", "Hamas dan Israel berunding di Gaza."]

    def check(db: Path, bounded: bool) -> None:
        def fresh(article: Article) -> list:
            with Store(db) as reader:  # no memory of earlier reads
                return stories._related(reader.conn, article)

        with Store(db) as store, Store(db) as other:
            for k, text in enumerate(texts):
                article = _article(f"a{k}", f"2019-02-{10 + k:02d}", text)
                if k == 4:  # another connection writes in between: what was kept is dropped
                    other.put(_article("b0", "2019-02-13", "Kim Jong Un, Donald Trump. Kim Jong Un di Hanoi."))
                if k == 6:  # a stored article replaced by a version naming other entities
                    replacement = _article("a1", "2019-02-11", "Kim Jong Un ke Hanoi, Bandung dan Singapura.")
                    store.put(replacement, replace=True)
                expected = fresh(article)
                assert stories._related(store.conn, article, store._related) == expected, k
                if k == 4:
                    assert any(r[0] == "b0" for r in expected), expected
                store.put(article)
                if bounded:
                    assert len(store._related.counts) <= 2 and len(store._related.df) <= 4

    check(tmp_path / "s.db", bounded=False)
    monkeypatch.setattr(stories.RelatedCache, "MAX_ARTICLES", 2)
    monkeypatch.setattr(stories.RelatedCache, "MAX_ENTITIES", 4)
    check(tmp_path / "bounded.db", bounded=True)


def test_related_articles_are_those_every_stored_articles_cosine_gives(store: Store) -> None:
    """The candidates whose bound cannot reach RELATED_MIN are not scored in full; what comes out is
    what scoring every stored article with an entity in common gives (full vectors, fresh counts)."""
    import math
    from collections import Counter

    from warta.store import links as stories

    texts = [KOREA, "Persib menang di Bandung atas tamu dari Singapura.",
             "Sri Mulyani dan Bank Indonesia di Singapura.", "Hamas dan Israel berunding di Gaza. Singapura.",
             # many names, one in common with the football report: that one cannot reach RELATED_MIN
             "Donald Trump, Kim Jong Un, Korea Utara, Amerika Serikat, Hanoi, Sri Mulyani, Bank Indonesia, Hamas, "
             "Israel, Gaza dan Singapura.",
             "Kim Jong Un menerima Donald Trump di Hanoi.", "Bank Indonesia menaikkan bunga. Sri Mulyani menyambut."]
    pruned = 0
    for k, text in enumerate(texts):
        article = _article(f"a{k}", f"2019-02-{10 + k:02d}", text)
        got = stories._related(store.conn, article, store._related)
        conn = store.conn
        n = conn.execute("SELECT n FROM counts WHERE name = 'articles'").fetchone()[0] + 1
        df = dict(conn.execute("SELECT id, articles FROM entities"))
        counts = Counter(e["id"] for e in article.entities)
        mine = stories._vector(counts, df, n)
        expected = []
        for (other,) in conn.execute("SELECT id FROM articles"):
            theirs = Counter(dict(conn.execute("SELECT entity_id, count(*) FROM entity_mentions WHERE article_id = ? "
                                               "GROUP BY 1", (other,))))
            if not set(theirs) & set(counts):
                continue
            vec = stories._vector(theirs, df, n)
            cosine = sum(w * vec.get(e, 0.0) for e, w in mine.items()) / math.sqrt(
                sum(w * w for w in mine.values()) * sum(w * w for w in vec.values()))
            if cosine >= stories.RELATED_MIN:
                expected.append((other, round(cosine, 4)))
            else:
                pruned += not stories._within_reach(mine, df, n, {other: theirs})
        expected.sort(key=lambda s: (-s[1], s[0]))
        assert [(r[0], r[1]) for r in got] == expected[:stories.MAX_RELATED], k
        store.put(article)
    assert pruned  # the bound did leave some candidates out here


def test_a_batch_commits_whole_articles_and_none_of_one_that_fails(tmp_path: Path) -> None:
    """Store.batch: one commit for many puts; an article whose put fails half-way (here after its
    row, entities and mentions were written) leaves nothing behind, the others are kept, and
    leaving the block by an error commits what was put before it."""
    import sqlite3

    db = tmp_path / "s.db"
    good = [_article(f"g{k}", f"2019-02-1{k}", KOREA) for k in range(3)]
    bad = _article("bad", "2019-02-15", KOREA + " Sri Mulyani hadir.")
    bad.quotes = [{"start": 0, "end": 5, "text": "Donald"}]  # no "kind": fails writing the quotes
    with Store(db) as store:
        with store.batch():
            assert store.put(good[0])
            with pytest.raises(KeyError):
                store.put(bad)
            assert store.put(good[1])
            assert not store.put(good[1])  # already stored (inside the same transaction)
            assert sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()[0] == 0  # not committed yet
        with pytest.raises(RuntimeError), store.batch():
            store.put(good[2])
            raise RuntimeError("interrupted")
        assert store.put(_article("g3", "2019-02-16", KOREA))  # a put on its own after the batches
    conn = sqlite3.connect(db)
    assert [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id")] == ["g0", "g1", "g2", "g3"]
    assert conn.execute("SELECT n FROM counts WHERE name = 'articles'").fetchone()[0] == 4
    for table in ("entity_mentions", "quotes", "related"):
        assert conn.execute(f"SELECT count(*) FROM {table} WHERE article_id = 'bad'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM entities WHERE id = 'per:sri-mulyani'").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH 'Mulyani'").fetchone()[0] == 0
    assert conn.execute("SELECT articles FROM entities WHERE id = 'per:kim-jong-un'").fetchone()[0] == 4
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_disagreements_are_between_articles_and_between_values_that_cannot_both_hold(store: Store) -> None:
    meet = ["Donald Trump", "Kim Jong Un"]
    one = _event("CONSULT", meet, "2019-06-30", count=3)
    other = {**_event("CONSULT", meet, "2019-06", count=4), "place": "Panmunjom", "place_id": "loc:place:panmunjom"}
    dmz = {**one, "place": "Zona Demiliterisasi Korea", "place_id": "loc:place:korean-dmz"}
    # one article stating two counts is not two sources disagreeing
    store.put(_article("d1", "2019-07-01", KOREA, [one, {**one, "count": 5}]))
    assert views.story(store, store.get("d1").story)["disagreements"] == []
    # another article: a month against a day in it, a village against the zone it lies in: no clash;
    # a count of 4 against 3 and 5: a clash, shown with both articles
    store.put(_article("d2", "2019-07-02", KOREA + " Lagi.", [other]))
    store.put(_article("d3", "2019-07-02", KOREA + " Sekali lagi.", [dmz]))
    vague = {**one, "time": "PAST_REF", "count": None, "place": "rumah dinasnya", "place_id": "loc:rumah-dinasnya"}
    store.put(_article("d4", "2019-07-03", KOREA + " Dulu.", [vague]))
    store.put(_article("d5", "2019-07-04", KOREA + " Lalu.", [{**one, "time": "2019-07-04", "count": None,
                                                              "time_from": "occasion"}]))  # the day it was reported
    found = views.story(store, store.get("d1").story)
    facts = {d["fact"]: d for d in found["disagreements"]}
    # PAST_REF and the day of a report state no date to disagree with; a place no knowledge base knows
    # ("rumah dinasnya") cannot be told apart from Panmunjom
    assert set(facts) == {"count"}
    assert {"3", "4"} <= set(facts["count"]["values"])
    assert any("d2" in s for s in facts["count"]["values"]["4"])


def test_a_report_without_its_own_date_joins_the_same_event_in_its_story(store: Store) -> None:
    meet = ["Donald Trump", "Kim Jong Un"]
    store.put(_article("u1", "2019-07-01", KOREA, [_event("CONSULT", meet, "2019-06-30")]))
    store.put(_article("u2", "2019-07-02", KOREA + " Lagi.", [_event("CONSULT", meet, None)]))
    store.put(_article("u3", "2019-07-03", KOREA + " Sekali lagi.",
                       [_event("CONSULT", meet, "2019-07-03", time_from="occasion")]))
    assert store.get("u2").story == store.get("u1").story == store.get("u3").story
    (entry,) = views.timeline(store, "Kim Jong Un", undated=True)
    assert entry["articles"] == ["u1", "u2", "u3"] and entry["date"] == "2019-06-30"
    # two dates the texts state that differ are two events, whatever the story
    store.put(_article("u4", "2019-07-04", KOREA + " Lain.", [_event("CONSULT", meet, "2019-02-28")]))
    assert len(views.timeline(store, "Kim Jong Un")) == 2


def test_two_known_places_that_cannot_both_hold_are_a_disagreement(store: Store) -> None:
    meet = ["Donald Trump", "Kim Jong Un"]
    at = {"place": "Hanoi", "place_id": "loc:city:1581130"}
    store.put(_article("p1", "2019-02-28", KOREA, [{**_event("CONSULT", meet, "2019-02-27"), **at}]))
    store.put(_article("p2", "2019-03-01", KOREA + " Lagi.", [{**_event("CONSULT", meet, "2019-02-27"),
                                                              "place": "Panmunjom",
                                                              "place_id": "loc:place:panmunjom"}]))
    facts = {d["fact"]: d for d in views.story(store, store.get("p1").story)["disagreements"]}
    assert set(facts) == {"place"} and set(facts["place"]["values"]) == {"Hanoi", "Panmunjom"}


def test_a_plan_stands_in_the_timeline_only_at_a_date_the_text_states(store: Store) -> None:
    meet = ["Donald Trump", "Kim Jong Un"]
    announced = _event("CONSULT", meet, "2019-06-20", modality="planned", time_from="said")
    store.put(_article("p1", "2019-06-20", KOREA, [announced]))
    assert views.timeline(store, "Kim Jong Un") == [], "a plan dated by its announcement is not expected that day"
    (entry,) = views.timeline(store, "Kim Jong Un", undated=True)
    assert entry["date"] is None
    stated = _event("CONSULT", meet, "2019-06-30", modality="planned", time_from="text")
    store.put(_article("p2", "2019-06-21", KOREA + " Lagi.", [stated]))
    (entry,) = views.timeline(store, "Kim Jong Un")
    assert entry["date"] == "2019-06-30" and entry["articles"] == ["p1", "p2"], "the two reports of one plan"


def test_one_plan_reported_on_two_days_is_one_event(store: Store) -> None:
    meet = ["Donald Trump", "Kim Jong Un"]
    store.put(_article("q1", "2019-06-20", KOREA, [_event("CONSULT", meet, "2019-06-20", modality="planned",
                                                          time_from="said")]))
    store.put(_article("q2", "2019-06-21", KOREA + " Lagi.", [_event("CONSULT", meet, "2019-06-21", modality="planned",
                                                                     time_from="occasion")]))
    (entry,) = views.timeline(store, "Kim Jong Un", undated=True)
    assert entry["articles"] == ["q1", "q2"], "a plan dated by each day it was told is still one plan"
