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


# Paragraph-flattened scrapes: the article is one line that opens with furniture.
S1 = "Ketua KPU Hasyim Asy'ari mengatakan pendaftaran calon anggota legislatif dibuka pekan depan."
S2 = "Menurut dia, partai politik diminta menyiapkan berkas para calon sejak sekarang."
S3 = "Ia juga meminta partai memeriksa ulang ijazah dan surat keterangan sehat para calon."
S4 = "Pendaftaran akan ditutup dua minggu kemudian di kantor KPU masing-masing daerah."


def test_a_flattened_page_loses_its_byline_and_dateline_never_the_article() -> None:
    result = _clean("Laporan Wartawan Tribunnews.com, Ilham Rian TRIBUNNEWS.COM, JAKARTA - " + " ".join((S1, S2, S3)))
    assert result.body == " ".join((S1, S2, S3))
    assert result.author == "Ilham Rian"
    assert result.dateline is not None and result.dateline.place == "Jakarta"


def test_a_byline_before_a_broken_dateline_goes_alone() -> None:
    result = _clean("Laporan Wartawan Tribunnews.com Willem Sukma " + " ".join((S1, S2, S3)))
    assert result.body == " ".join((S1, S2, S3))
    assert result.author == "Willem Sukma"


def test_a_headline_glued_before_the_dateline_is_the_title() -> None:
    headline = "KPU Buka Pendaftaran Calon Legislatif Pekan Depan"
    result = _clean(f"{headline} TRIBUNNEWS.COM- " + " ".join((S1, S2, S3)))
    assert result.title == headline
    assert result.body == " ".join((S1, S2, S3))


def test_a_related_link_inside_a_flattened_paragraph_goes_and_the_sentences_around_it_stay() -> None:
    link = "Baca juga: Bawaslu Awasi Tahapan Pendaftaran Caleg di Seluruh Daerah"
    result = _clean("TRIBUNNEWS.COM, JAKARTA - " + " ".join((S1, S2, link, S3, S4)))
    assert result.body == " ".join((S1, S2, S3, S4))
    assert [(r.rule, r.text) for r in result.removed if r.rule == "read-also"] == [("read-also", link)]
    # a link line on its own, whether in brackets or not, still goes whole
    alone = _clean(P1, "(Baca: Bawaslu awasi tahapan pendaftaran caleg di seluruh daerah)", P2)
    assert alone.body.splitlines()[1:] == [P2]


def test_an_end_marker_word_opening_a_paragraph_of_text_ends_nothing() -> None:
    paragraph = "Rekomendasi Komnas HAM itu akan dibahas dalam rapat kerja bersama DPR pekan depan, kata dia."
    result = _clean(P1, paragraph, P2)
    assert result.body.splitlines()[1:] == [paragraph, P2]
    # the bare label still ends the article
    assert _clean(P1, P2, "Rekomendasi untuk Anda", P3).body.splitlines()[-1] == P2


def test_a_page_that_would_lose_most_of_its_words_keeps_its_running_text() -> None:
    # a navigation label after the first short paragraph would end the article before most of it
    result = _clean("Harga cabai rawit di Jakarta naik lagi pekan ini.", "Terpopuler", S1, S2, S3, S4)
    assert result.body.splitlines() == ["Harga cabai rawit di Jakarta naik lagi pekan ini.", S1, S2, S3, S4]
    # where the rest is headlines, the label still ends the article
    related = _clean(P1, P2, "Terpopuler", "Harga Emas Antam Hari Ini Turun Tipis", "Polisi Tangkap Dua Pelaku")
    assert related.body.splitlines()[-1] == P2


def test_bracketed_credits_closing_a_paragraph_are_cut() -> None:
    caption = "Suasana rapat pleno di gedung KPU, Jakarta, Senin (3/6/2024)."
    result = _clean(P1, f"{caption} (Wartakota/ARI)", f"{P2} (Tribunnews.com/Irwan Rismawan)", P3)
    assert result.body.splitlines()[1:3] == [caption, P2]
    assert [r.text for r in result.removed if r.rule == "credit-bracket"] == \
        ["(Wartakota/ARI)", "(Tribunnews.com/Irwan Rismawan)"]
    # a bracket of the text itself stays
    kept = _clean(P1, "Koalisi itu didukung dua partai (PDIP/PKB) sejak awal pencalonan, kata dia.", P2)
    assert "(PDIP/PKB)" in kept.body


def test_indonesian_conventions_do_not_fire_on_other_languages() -> None:
    english = ("The meter reaches class 1 accuracy for active energy in the standard version. "
               "It was tested by the manufacturer against the relevant norm in the laboratory. (IEC/EN 62053-21)")
    lines = [
        "The new meters were shipped to the first customers in the spring, the company said on Monday.",
        english,
        "Prices for the larger models will be announced at the trade fair in the autumn, it said.",
    ]
    result = _clean(*lines)
    assert result.body.splitlines() == lines


def test_html_main_text_keeps_a_first_line_that_is_not_the_title() -> None:
    text = "\n".join(("Pendaftaran Calon Legislatif", S1, S2))
    assert clean_text(text, title="KPU Buka Pendaftaran Caleg Pekan Depan").body.splitlines()[0] == \
        "Pendaftaran Calon Legislatif"
    repeated = clean_text("\n".join(("KPU Buka Pendaftaran Caleg Pekan Depan", S1, S2)),
                          title="KPU Buka Pendaftaran Caleg Pekan Depan - Tribunnews.com")
    assert repeated.body.splitlines() == [S1, S2]


def test_a_flattened_paragraph_keeps_the_quotation_marks_that_close_its_sentences() -> None:
    # the cleaner cuts a long line into its sentences and joins them again: a closing mark after a
    # full stop belongs to its sentence ('... di daerah." Laporan ...'), or the next quotation swallows it
    line = ("TRIBUNNEWS.COM, JAKARTA - " + S1 + ' "Pemimpin daerah adalah ujung tombak kesejahteraan warga di daerah."'
            " Laporan praktik kecurangan banyak bermunculan di berbagai daerah. “Hal itu kami yakini kelanjutan"
            " dari konflik yang tidak tuntas,” ujarnya. " + " ".join((S2, S3, S4)))
    body = _clean(line).body
    assert 'di daerah." Laporan' in body
    assert body.count('"') == 2 and body.count("“") == body.count("”") == 1
