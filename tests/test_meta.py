"""Datelines, outlets and publication dates (case tables in tests/cases/)."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from warta.meta.dates import anchored_dates, header_date, is_date_line, parse_date_text
from warta.meta.language import detect_language
from warta.meta.outlets import dateline_end, match_dateline, outlet_for_domain

CASES = tomllib.loads((Path(__file__).parent / "cases" / "datelines.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(("line", "place", "outlet"), CASES["cases"])
def test_dateline(line: str, place: str, outlet: str) -> None:
    found = match_dateline(line)
    assert found is not None
    assert (found.place or "") == place
    assert (found.outlet or "") == outlet
    assert line.startswith(found.prefix) and found.prefix.rstrip().endswith(("-", "–", "—", "."))


@pytest.mark.parametrize("line", CASES["negative"])
def test_not_a_dateline(line: str) -> None:
    assert match_dateline(line) is None


@pytest.mark.parametrize(("url", "outlet"), [
    ("https://news.detik.com/berita/d-123/abc", "detikcom"),
    ("https://www.cnnindonesia.com/nasional/2017", "CNN Indonesia"),
    ("https://surabaya.tribunnews.com/2017/03/27/x", "Tribunnews"),
    ("https://example.org/a", None),
])
def test_outlet_for_domain(url: str, outlet: str | None) -> None:
    assert outlet_for_domain(url) == outlet


@pytest.mark.parametrize(("line", "value"), [
    ("Rabu, 05 Nov 2025 14:30 WIB", date(2025, 11, 5)),
    ("Kompas.com - 27/03/2017, 14:30 WIB", date(2017, 3, 27)),
    ("Senin, 27 Maret 2017 | 10:15 WIB", date(2017, 3, 27)),
    ("Diperbarui 2017-03-27 10:00", date(2017, 3, 27)),
    ("Mar 27, 2017 10:00", date(2017, 3, 27)),
])
def test_header_date_lines(line: str, value: date) -> None:
    assert is_date_line(line)
    assert header_date([line]) == value


@pytest.mark.parametrize("line", [
    "Presiden datang pada 5 November 2025 ke Jakarta untuk rapat kerja yang panjang sekali",
    "Harga naik 5 persen",
    "Nomor 31/12/20 bukan tanggal",
])
def test_not_date_lines(line: str) -> None:
    assert not is_date_line(line)


def test_invalid_calendar_dates_are_not_dates() -> None:
    assert parse_date_text("31/02/2017") is None


@pytest.mark.parametrize(("text", "expected"), [
    ("ujar dia, dimuat Rabu (5/11/2025).", [date(2025, 11, 5)]),
    ("mengutip sumber, hari Rabu, 11 Juni 2025 menyebutkan", [date(2025, 6, 11)]),
    ("kata dia di Jakarta, Senin (27/3/2017).", [date(2017, 3, 27)]),
    ("Jumat (27/3/2017) lalu", []),  # 27 March 2017 was a Monday: the weekday disagrees
    ("Senin (27/3) lalu", []),  # no year: not enough to anchor a date
    ("pada Minggu (31/2/2019)", []),  # no such day
])
def test_anchored_dates_need_an_agreeing_weekday(text: str, expected: list[date]) -> None:
    assert [value for value, _ in anchored_dates(text)] == expected


def test_language_of_indonesian_and_english() -> None:
    assert detect_language("Presiden Joko Widodo meresmikan jalan tol baru di Sumatera pada hari Senin.") == "id"
    assert detect_language("The president opened a new toll road in Sumatra on Monday, officials said.") == "en"
    assert detect_language("ok") is None


def test_a_broken_url_names_no_outlet() -> None:
    from warta.meta.outlets import outlet_for_domain

    assert outlet_for_domain("http://[www.kompas.com/read/1") is None  # found by fuzzing a WARC's target URI
    assert outlet_for_domain("https://www.kompas.com/read/1") == outlet_for_domain("kompas.com")


@pytest.mark.parametrize(("text", "prefix"), [
    ("Jakarta, CNN Indonesia -- Anggota Pansus Angket KPK menyatakan ...", "Jakarta, CNN Indonesia -- "),
    ("Bandung (ANTARA News) - PT Jasa Marga menghentikan ...", "Bandung (ANTARA News) - "),
    ("Laporan Reporter Tribunnews.com, Reza Deni TRIBUNNEWS.COM, JAKARTA - Ketua Umum ...",
     "Laporan Reporter Tribunnews.com, Reza Deni TRIBUNNEWS.COM, JAKARTA - "),
    ("Pemain - pemain Persib mengatakan mereka siap.", ""),
])
def test_dateline_end_marks_the_datelines_place_and_outlet(text: str, prefix: str) -> None:
    end = dateline_end(text)
    assert (text[:end] if end >= 0 else "") == prefix
