"""Time expressions (TIMEX3): the case table in tests/cases/times.toml, offsets, and the spaCy component."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
import spacy

from warta.extract.times import TimeTagger, find_times

CASES = tomllib.loads((Path(__file__).parent / "cases" / "times.toml").read_text(encoding="utf-8"))["case"]


def _dct(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_case(case: dict) -> None:
    found = find_times(case["text"], _dct(case["dct"]))
    got = [[t["text"], t["value"]] for t in found]
    assert got == [e[:2] for e in case["expected"]]
    for t, e in zip(found, case["expected"], strict=True):
        if len(e) > 2:
            assert t["type"] == e[2], t
        if len(e) > 3:
            assert t.get("mod") == e[3], t


def test_case_count() -> None:
    assert len(CASES) >= 60


@pytest.mark.parametrize("case", CASES[:20], ids=[c["text"][:40] for c in CASES[:20]])
def test_offsets(case: dict) -> None:
    text = case["text"]
    for t in find_times(text, _dct(case["dct"])):
        assert text[t["start"]:t["end"]] == t["text"]
        assert t["type"] in {"DATE", "TIME", "DURATION", "SET"}


def test_anchor() -> None:
    text = "Pemilu digelar pada 2019. Tahun itu juga, kemarin, ia berkata."
    by_text = {t["text"]: t for t in find_times(text, date(2025, 11, 5))}
    assert "anchor" not in by_text["2019"]
    assert by_text["Tahun itu"]["anchor"] == "text"
    assert by_text["kemarin"]["anchor"] == "dct"


def test_day_under_discussion_is_the_anchor() -> None:
    """A clock time and a quoted "hari ini" take the day the text talks about, and say so."""
    text = ("Pesawat hilang kontak Minggu (2/11/2025). Kontak terakhir sekitar pukul 06.14 WIB.\n"
            "\"Hari ini tim kembali mencari,\" kata Kepala Basarnas, Senin (3/11/2025).\n"
            "Pencarian dilanjutkan hari ini pukul 08.00 WIB.")
    by_text = {t["text"]: t for t in find_times(text, date(2025, 11, 5))}
    assert by_text["sekitar pukul 06.14 WIB"]["value"] == "2025-11-02T06:14"
    assert by_text["sekitar pukul 06.14 WIB"]["anchor"] == "text"
    assert (by_text["Hari ini"]["value"], by_text["Hari ini"]["anchor"]) == ("2025-11-03", "text")
    assert (by_text["hari ini"]["value"], by_text["hari ini"]["anchor"]) == ("2025-11-05", "dct")
    assert by_text["pukul 08.00 WIB"]["value"] == "2025-11-05T08:00"
    assert not any(k.startswith("_") for t in by_text.values() for k in t)


def test_far_dates_do_not_anchor_a_clock_time() -> None:
    """Without a paragraph break, a date five sentences back is not the day under discussion."""
    text = ("Rapat digelar Senin (3/11/2025). Rapat membahas anggaran. Anggaran dinilai kurang. "
            "Beberapa fraksi menolak. Fraksi lain diam. Sidang ditutup pukul 21.00 WIB.")
    clock = [t for t in find_times(text, date(2025, 11, 5)) if t["type"] == "TIME"][0]
    assert (clock["value"], clock["anchor"]) == ("2025-11-05T21:00", "dct")


def test_sentences_bound_tense_cues() -> None:
    text = "Ia akan datang. Rapat digelar hari Sabtu."
    # in its own sentence "hari Sabtu" is past; the whole text as one sentence makes it future
    assert find_times(text, date(2025, 11, 5), [(0, 15), (16, len(text))])[0]["value"] == "2025-11-01"
    assert find_times(text, date(2025, 11, 5), [(0, len(text))])[0]["value"] == "2025-11-08"


def test_empty_and_no_dct() -> None:
    assert find_times("", date(2025, 11, 5)) == []
    assert find_times("Minggu depan", None)[0]["value"] == "FUTURE_REF"


def test_spacy_component() -> None:
    nlp = spacy.blank("id")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("warta_times")
    text = "Menteri itu berbicara Rabu (5/11/2025). Ia akan kembali pekan depan."
    doc = nlp.make_doc(text)
    doc._.dct = date(2025, 11, 5)
    doc = nlp(doc)
    assert [(t["text"], t["value"]) for t in doc._.times] == [
        ("Rabu (5/11/2025)", "2025-11-05"), ("pekan depan", "2025-W46")]
    assert isinstance(nlp.get_pipe("warta_times"), TimeTagger)


def test_spacy_component_without_sentences() -> None:
    nlp = spacy.blank("id")
    nlp.add_pipe("warta_times")
    doc = nlp("Harga naik tahun lalu.")
    assert doc._.times == [{"text": "tahun lalu", "start": 11, "end": 21, "type": "DATE", "value": "PAST_REF"}]
