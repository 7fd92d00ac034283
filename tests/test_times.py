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


def test_a_clock_time_takes_the_last_day_written_before_it() -> None:
    """With no day in its sentence or the two before, a clock time takes the last day written out
    before it (TimeML's day under discussion), in its paragraph or an earlier one: the hour of a
    death told after the paragraph that dates it is that day's, not the publication day's."""
    text = ("Rapat digelar Senin (3/11/2025). Rapat membahas anggaran. Anggaran dinilai kurang. "
            "Beberapa fraksi menolak. Fraksi lain diam. Sidang ditutup pukul 21.00 WIB.\n\n"
            "Aktor itu meninggal di rumah sakit pada Sabtu (8/11) dini hari.\n\n"
            "\"Papa meninggal jam setengah 3 subuh. Jam 9 malamnya sempat buka mata,\" tuturnya.")
    clocks = [(t["text"], t["value"], t["anchor"]) for t in find_times(text, date(2025, 11, 9)) if t["type"] == "TIME"]
    assert clocks == [("pukul 21.00 WIB", "2025-11-03T21:00", "text"),
                      ("Sabtu (8/11) dini hari", "2025-11-08TNI", "dct"),
                      ("jam setengah 3 subuh", "2025-11-08T02:30", "text"),
                      ("Jam 9 malamnya", "2025-11-08T21:00", "text")]
    alone = find_times("Sidang ditutup pukul 21.00 WIB.", date(2025, 11, 5))
    assert [(t["value"], t["anchor"]) for t in alone] == [("2025-11-05T21:00", "dct")]


def test_a_weekday_written_with_its_day_picks_the_year() -> None:
    """'Senin (19/6)' published on Friday 16/6/2017 is the coming Monday (19/6/2016 was a Sunday);
    a weekday that matches no year near the DCT (a writer's slip) leaves the tense to choose."""
    by_text = {t["text"]: t["value"] for t in find_times(
        "Jembatan mulai beroperasi pada Senin (19/6). Peninjauan dilakukan Kamis (16/6).", date(2017, 6, 16))}
    assert by_text == {"Senin (19/6)": "2017-06-19", "Kamis (16/6)": "2017-06-16"}


def test_the_weekday_of_an_attribution_is_past() -> None:
    """A bare weekday closing an attribution is the day the words were said, even when the
    quotation speaks of the future; elsewhere the tense still chooses."""
    said = find_times('"Lahan akan difungsikan sebagai jalur darurat," kata Humas Jasa Marga, Handoyono, '
                      "di Bekasi, Selasa.", date(2017, 12, 20))
    assert [(t["text"], t["value"]) for t in said] == [("Selasa", "2017-12-19")]
    planned = find_times("Rapat itu akan digelar Selasa.", date(2017, 12, 20))
    assert [(t["text"], t["value"]) for t in planned] == [("Selasa", "2017-12-26")]


def test_a_weekday_slip_two_days_on_is_the_coming_day() -> None:
    """'Kamis (22/12)' published Wednesday 20/12/2017 (the 22nd is a Friday that year): the day two
    days on, not 22/12/2016, a Thursday a year back."""
    got = find_times("Pengerjaan proyek dihentikan, Kamis (22/12).", date(2017, 12, 20))
    assert [(t["text"], t["value"]) for t in got] == [("Kamis (22/12)", "2017-12-22")]


def test_holidays_take_the_day_indonesia_fixed() -> None:
    """Lebaran of a year is the day the government fixed (2017: 25 June), "H-3 Lebaran" three days
    before; a holiday without its year is the one of the year around the publication; the end of a
    longer name is no holiday ("Kabupaten Mandailing Natal")."""
    got = [(t["text"], t["value"]) for t in find_times(
        "Arus mudik Lebaran 2017 memuncak pada H-3 Lebaran. Banjir melanda Kabupaten Mandailing Natal.",
        date(2017, 6, 10))]
    assert got == [("Lebaran 2017", "2017-06-25"), ("H-3 Lebaran", "2017-06-22")]
    season = [(t["text"], t["value"]) for t in find_times("Proyek dihentikan selama libur Natal dan Tahun Baru.",
                                                        date(2017, 12, 20))]
    assert season == [("Natal", "2017-12-25"), ("Tahun Baru", "2018-01-01")]


def test_a_day_without_its_year_follows_the_year_written_before_it() -> None:
    """In one paragraph, a day written without its year after one written with it takes the first
    such day on or after it ('mulai 15 Februari 2018 ... hingga 23 Juni'); a birth year far from the
    DCT lends nothing, nor does a date in another paragraph."""
    text = ("Mulai 15 Februari 2018 akan dimulai kampanye hingga 23 Juni. Sedangkan 24 - 26 Juni adalah masa tenang.\n"
            "Ia lahir 5 Mei 1970. Pada 3 Juni ia dilantik.\nRapat digelar 22 hingga 24 Desember.")
    got = [(t["text"], t["value"]) for t in find_times(text, date(2017, 7, 2))]
    assert got == [("15 Februari 2018", "2018-02-15"), ("23 Juni", "2018-06-23"),
                   ("24 - 26 Juni", "2018-06-24/2018-06-26"), ("5 Mei 1970", "1970-05-05"),
                   ("3 Juni", "2017-06-03"), ("22 hingga 24 Desember", "2017-12-22/2017-12-24")]


def test_clock_times_without_pukul() -> None:
    """A bare hour is a clock time only before a part of the day or a time zone, never as a number."""
    got = [(t["text"], t["value"]) for t in find_times(
        "Ia ditahan pada 4.37 dini hari, dan dilepas 18.30 waktu setempat. Inflasi naik 4.37 persen.",
        date(2017, 10, 10))]
    assert got == [("4.37 dini hari", "2017-10-10T04:37"), ("18.30 waktu setempat", "2017-10-10T18:30")]


def test_sentences_bound_tense_cues() -> None:
    text = "Ia akan datang. Rapat digelar hari Sabtu."
    # in its own sentence "hari Sabtu" is past; the whole text as one sentence makes it future
    assert find_times(text, date(2025, 11, 5), [(0, 15), (16, len(text))])[0]["value"] == "2025-11-01"
    assert find_times(text, date(2025, 11, 5), [(0, len(text))])[0]["value"] == "2025-11-08"


def test_a_clock_time_takes_the_day_after_a_lone_quotation_mark() -> None:
    """The sentence splitter may cut a quotation's opening mark off as a sentence of its own; the day
    of the attribution after it still dates the clock time before it."""
    text = ('Rizal mengatakan akun itu kembali dikendalikan sekira pukul 18.00 WIB. " Account secured, '
            'sudah kita kendalikan lagi," kata Rizal, Selasa (16/1/2024).')
    first = text.index('"')
    sentences = [(0, first - 1), (first, first + 1), (first + 2, len(text))]
    clock = find_times(text, date(2024, 1, 18), sentences)[0]
    assert (clock["text"], clock["value"]) == ("sekira pukul 18.00 WIB", "2024-01-16T18:00")


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
