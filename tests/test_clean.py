"""The line cleaner's decisions by context, on small real-shaped pages."""

from __future__ import annotations

from datetime import date

from warta.clean import clean_text

P1 = "Jakarta, CNN Indonesia -- Menteri Keuangan Sri Mulyani mengatakan pemerintah akan menjaga defisit anggaran."
P2 = "Ia menambahkan penerimaan pajak hingga akhir Februari tumbuh lebih cepat dibanding tahun lalu, katanya."
P3 = "Kronologi lanjutannya terjadi pada hari berikutnya, kata polisi dalam keterangan tertulisnya."


def _clean(*lines: str):  # type: ignore[no-untyped-def]
    return clean_text("\n".join(lines))


def test_subheading_between_paragraphs_stays() -> None:
    result = _clean(P1, "Defisit Tetap Terjaga di Bawah Tiga Persen", P2)
    assert "Defisit Tetap Terjaga di Bawah Tiga Persen" in result.body.splitlines()


def test_list_introduced_by_a_colon_stays() -> None:
    result = _clean(P1, "Berikut daftar pemenangnya:", "Tunggal Putra Anthony Ginting", "Ganda Putri Greysia Polii",
                    P2)
    assert "Tunggal Putra Anthony Ginting" in result.body and "Ganda Putri Greysia Polii" in result.body


def test_results_lines_stay_even_next_to_furniture() -> None:
    result = _clean(P1, "Baca juga: Timnas Kalah Lagi", "MS: Son Wan Ho vs Lee Chong Wei 18 - 21, 21 - 10",
                    "WS: Sung Ji Hyun vs Ratchanok Intanon 21 - 13, 21 - 17", P2)
    assert "MS: Son Wan Ho vs Lee Chong Wei 18 - 21, 21 - 10" in result.body
    assert "Baca juga" not in result.body


def test_headlines_next_to_furniture_go() -> None:
    result = _clean(P1, P2, "Berita Terkait", "Harga Emas Antam Hari Ini Turun Tipis",
                    "Polisi Tangkap Dua Pelaku Pencurian Motor di Bekasi")
    assert result.body.splitlines() == [P1.split("-- ", 1)[1], P2]
    assert {r.rule for r in result.removed} >= {"next-article", "after-end"}


def test_headline_run_ending_a_page_goes_but_a_closing_line_stays() -> None:
    ending = _clean(P1, P2, "Harga Emas Antam Hari Ini Turun Tipis Lagi", "Polisi Tangkap Dua Pelaku Pencurian Motor",
                    "Jokowi Resmikan Jalan Tol Baru di Sumatera Utara")
    assert ending.body.splitlines()[-1] == P2
    closing = _clean(P1, P2, "Semoga Bermanfaat")
    assert closing.body.splitlines()[-1] == "Semoga Bermanfaat"


def test_date_stamp_after_the_text_dates_the_page_but_a_dated_entry_stays() -> None:
    result = _clean(P1, "Senin, 27 Maret 2017 14:30 WIB", P3, "Selasa, 28 Maret 2017 09:00 WIB")
    assert "Senin, 27 Maret 2017 14:30 WIB" in result.body
    assert "Selasa, 28 Maret 2017" not in result.body
    assert result.header_date == date(2017, 3, 28)


def test_editor_initials_glued_to_the_last_paragraph_are_trimmed() -> None:
    result = _clean(P1, P2 + " [cob]")
    assert result.body.endswith("katanya.")
    assert ("trailing-initials", "[cob]") in [(r.rule, r.text) for r in result.removed]
    kept = _clean(P1, "Harga naik (red/ast) kata pedagang di pasar itu kepada wartawan, Senin.")
    assert "(red/ast)" in kept.body  # only at the very end of the article


def test_header_roles() -> None:
    result = _clean("detikNews", "Berita", "Jokowi: Kalau PKI Muncul, Gebuk Saja!", "Bayu Ardiansyah - detikNews",
                    "Kamis, 18 Mei 2017 12:35 WIB", "Jakarta - " + P2)
    assert result.title == "Jokowi: Kalau PKI Muncul, Gebuk Saja!"
    assert result.masthead == "detikcom" and result.header_date == date(2017, 5, 18)
    assert result.author == "Bayu Ardiansyah" and result.dateline is not None and result.dateline.place == "Jakarta"
    assert result.body == P2
