"""Events (warta_events), judged on cases written as data: tests/cases/events.toml.

The cases run through the fast profile (sentences + NER + linking: events must not need a parse);
those that name it also run through the default profile, where the parse supplies participants.
"""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
import spacy

import warta
from warta.extract.events import EventFinder, find_events
from warta.extract.events.modality import is_future

from .ner_misses import skip_known_ner_miss

CASES = tomllib.loads((Path(__file__).parent / "cases" / "events.toml").read_text(encoding="utf-8"))["case"]
PARAMS = [pytest.param(c, p, id=f"{p}: {c['name']}") for c in CASES for p in c.get("profiles", ["fast"])]
FIELDS = ("type", "actors", "targets", "time", "place", "modality", "source", "text", "trigger", "start", "end",
          "actor_ids", "target_ids", "place_id", "time_text", "count")


def _nlp(profile: str) -> spacy.Language:
    nlp = warta.load(profile)
    if "warta_events" not in nlp.pipe_names:
        nlp.add_pipe("warta_events", last=True)
    return nlp


def _events(text: str, dct: str, profile: str = "fast", title: str | None = None) -> list[dict]:
    nlp = _nlp(profile)
    return nlp(warta.make_doc(nlp, text, date.fromisoformat(dct), title))._.events


def _same_names(got: list[str], want: list[str]) -> bool:
    """The statistical NER may find a name a little shorter or longer; that is judged in test_nlp."""
    return len(got) == len(want) and all(any(w == g or w in g or g in w for g in got) for w in want)


def _matches(event: dict, want: dict) -> bool:
    if event["type"] != want["type"] or ("trigger" in want and event["trigger"] != want["trigger"]):
        return False
    if "in_title" in want and event.get("in_title", False) != want["in_title"]:
        return False
    for key in ("actors", "targets"):
        if key in want and not _same_names(event[key], want[key]):
            return False
    for key in ("time", "place", "source"):
        if key in want and (event[key] or "") != want[key]:
            return False
    return all(event[key] == want[key] for key in ("modality", "count") if key in want)


@pytest.mark.parametrize(("case", "profile"), PARAMS)
def test_case(case: dict, profile: str) -> None:
    skip_known_ner_miss(case, profile, _nlp(profile))
    events = _events(case["text"], case["dct"], profile, case.get("title"))
    shown = [{k: e[k] for k in ("type", "trigger", "actors", "targets", "time", "place", "modality", "source",
                                "count")} | {"in_title": e.get("in_title", False)} for e in events]
    if "count" in case:
        assert len(events) == case["count"], shown
    for trigger in case.get("absent", []):
        assert not any(e["trigger"] == trigger for e in events), shown
    for want in case.get("event", []):
        assert any(_matches(e, want) for e in events), f"no event like {want}: {shown}"
    for unwanted in case.get("unwanted", []):
        assert not any(_matches(e, unwanted) for e in events), f"an event like {unwanted}: {shown}"


@pytest.mark.parametrize("case", [c for c in CASES if "title" in c], ids=lambda c: c["name"])
def test_title_events_point_into_the_title(case: dict) -> None:
    for e in _events(case["text"], case["dct"], title=case["title"]):
        source = case["title"] if e.get("in_title") else case["text"]
        assert source[e["start"]:e["end"]] == e["text"]


def test_case_count() -> None:
    assert len(CASES) >= 35
    modalities = {e.get("modality") for c in CASES for e in c.get("event", [])}
    assert {"occurred", "planned", "possible", "failed", "denied", "negated"} <= modalities


@pytest.mark.parametrize("case", CASES[:25], ids=[c["name"] for c in CASES[:25]])
def test_shape_and_offsets(case: dict) -> None:
    text = case["text"]
    for e in _events(text, case["dct"]):
        assert set(FIELDS) <= set(e)
        assert text[e["start"]:e["end"]] == e["text"]
        assert e["trigger"] in e["text"]
        assert len(e["actors"]) == len(e["actor_ids"]) and len(e["targets"]) == len(e["target_ids"])
        assert e["actors"] or e["targets"]


def test_function_equals_component() -> None:
    nlp = _nlp("fast")
    doc = nlp(warta.make_doc(nlp, CASES[0]["text"], date.fromisoformat(CASES[0]["dct"])))
    assert find_events(doc) == doc._.events


def test_component_registered() -> None:
    assert isinstance(EventFinder(), EventFinder)
    assert "warta_events" in spacy.registry.factories.get_all()


def test_no_entities_no_events() -> None:
    assert _events("Mereka bertemu dan sepakat bekerja sama.", "2024-01-01") == []
    assert _events("", "2024-01-01") == []


def test_lead_event_without_time_takes_the_publication_month() -> None:
    events = _events("Joe Biden bertemu Xi Jinping di Bali.", "2022-11-20")
    assert events and events[0]["time"] == "2022-11" and events[0]["time_from"] == "published"
    nlp = _nlp("fast")
    undated = nlp(warta.make_doc(nlp, "Joe Biden bertemu Xi Jinping di Bali.", None))._.events
    assert undated and undated[0]["time"] is None and undated[0]["time_from"] is None


def test_reported_past_without_time_stays_null_after_the_lead() -> None:
    text = ("Harga minyak dunia naik tajam pekan ini. Pasar saham Asia ditutup melemah. Rupiah menguat. "
            "Joe Biden bertemu Xi Jinping di Bali.")
    events = _events(text, "2022-11-20")
    assert events and events[0]["time"] is None and events[0]["modality"] == "occurred"


def test_an_event_told_as_what_came_before_takes_no_day_of_the_report() -> None:
    events = _events("Sebelumnya, Rachmawati Soekarnoputri mendesak KPK menuntaskan kasus BLBI.", "2017-04-26")
    assert events and events[0]["type"] == "DEMAND" and events[0]["time"] is None
    events = _events("Rachmawati Soekarnoputri mendesak KPK menuntaskan kasus BLBI.", "2017-04-26")
    assert events and events[0]["time"] == "2017-04"
    # a past time told before ("saat itu", "ketika itu") is no day of the report either
    events = _events("Andi Narogong menemui Setya Novanto di Jakarta untuk membahas kaos kampanye saat itu.",
                     "2017-05-29")
    assert events and events[0]["type"] == "CONSULT" and events[0]["time"] is None
    # a recent past of the news's own ("belum lama ini") is no time told before
    events = _events("Densus 88 Antiteror Polri menangkap terduga teroris di Bekasi belum lama ini.", "2017-04-26")
    assert events and events[0]["type"] == "COERCE" and events[0]["time"] == "2017-04"


@pytest.mark.parametrize(("value", "future"), [("2026", True), ("2025", False), ("2025-12", True),
                                               ("2025-11-06", True), ("2025-11-05", False), ("2025-W46", True),
                                               ("FUTURE_REF", True), ("PAST_REF", False), ("P3Y", False)])
def test_is_future(value: str, future: bool) -> None:
    assert is_future(value, date(2025, 11, 5)) is future


def test_person_descriptions_found_as_the_whole_pattern_finds_them() -> None:
    """The description scan tries the titles' pattern only before each closing "itu"/"tersebut" (for
    speed): it finds what the pattern finds over the whole text, no more, no less."""
    from warta.extract.events.context import _person_descriptions, person_descriptions

    text = ("Mantan vokalis band Nidji itu bertemu Prabowo di Jakarta. Politikus PDIP tersebut menolak hadir, "
            "dan wakil rakyat itu mengaku kecewa. Buku itu laris. Menurut pengamat politik dari UI tersebut, "
            "keputusan itu keliru; sang pelatih asal Spanyol itu diam saja, sementara Ketua Umum Partai Golkar "
            "Airlangga Hartarto itu tidak datang.")
    whole = [(m.start(), m.end()) for m in _person_descriptions().finditer(text, 0, len(text))]
    fast = [(m.start(), m.end()) for m in person_descriptions(text, 0, len(text))]
    assert fast == whole
    assert [text[a:b].split()[0].lower() for a, b in whole][:2] == ["mantan", "politikus"]
    part = [(m.start(), m.end()) for m in _person_descriptions().finditer(text, 60, 200)]
    assert [(m.start(), m.end()) for m in person_descriptions(text, 60, 200)] == part


@pytest.mark.parametrize(("text", "trigger", "kept"), [
    # the year names when the case happened, not the arrest
    ("Komisi Pemberantasan Korupsi menahan Siti Fadilah Supari terkait kasus dugaan korupsi pengadaan alat "
     "kesehatan tahun 2007.", "menahan", False),
    # a day after a comma is the arrest's
    ("Komisi Pemberantasan Korupsi menahan Siti Fadilah Supari terkait kasus suap, Senin (24/10/2016).",
     "menahan", True),
    # a relative clause on a person (here named by initials) runs on over a place's comma-joined parts
    ("Polda Metro Jaya menyelidiki kasus pria berinisial MA yang tewas dibakar massa di Pasar Muara Bakti, "
     "Kabupaten Bekasi, Jawa Barat, Selasa (1/8/2017) lalu.", "menyelidiki", False),
])
def test_a_time_describing_a_case_or_a_person_is_not_the_events(text: str, trigger: str, kept: bool) -> None:
    from warta.extract.events.arguments import time_of
    from warta.extract.events.component import doc_text
    from warta.extract.events.context import prepare, sentence_items
    from warta.extract.events.lexicon import lexicon

    nlp = warta.load("default")
    doc = nlp(warta.make_doc(nlp, text, date(2017, 8, 4)))
    ctx = prepare(doc, doc_text(doc), lexicon())
    a, b = ctx.sents[0]
    items = sentence_items(ctx, a, b)
    k = next(n for n, it in enumerate(items) if it.kind == "G" and it.low == trigger)
    assert (time_of(ctx, items, k, 0, len(items), set()) is not None) is kept
