"""Duplicate pages (warta.link.dedup): copies get the earliest article's id, other reports of one story do not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.errors import StoreError
from warta.link.dedup import BANDS, DuplicateIndex, Signature, exact_key, normalise, signature

ARTICLE = "\n\n".join(
    [
        "Jakarta, CNN Indonesia -- Badan Penanggulangan Bencana Daerah (BPBD) DKI Jakarta mencatat sedikitnya"
        " 42 rukun warga di Jakarta Timur dan Jakarta Selatan terendam banjir setelah hujan deras mengguyur "
        "ibu kota sejak Minggu malam hingga Senin pagi (3/2).",
        "Kepala Pusat Data dan Informasi BPBD DKI Jakarta Mohamad Yohan mengatakan ketinggian air di sejumlah"
        " permukiman mencapai 150 sentimeter. Ratusan warga di Kampung Melayu dan Bidara Cina telah "
        "dievakuasi ke masjid dan sekolah terdekat.",
        '"Petugas kami sudah berada di lokasi sejak dini hari untuk membantu evakuasi warga, terutama lansia '
        'dan anak-anak," kata Yohan di Jakarta, Senin (3/2).',
        "Menurut dia, luapan Sungai Ciliwung menjadi penyebab utama banjir karena debit air dari Bendung "
        "Katulampa di Bogor naik tajam sejak Minggu sore. Status Katulampa sempat berada di Siaga 1 sebelum "
        "turun menjadi Siaga 2 pada Senin pagi.",
        "Dinas Sosial DKI Jakarta menyiapkan dapur umum di empat titik pengungsian. Pemerintah Provinsi juga "
        "mengerahkan 120 pompa air untuk mempercepat surutnya genangan di jalan-jalan utama.",
        "Hingga Senin siang, BPBD belum menerima laporan korban jiwa. Warga diimbau tetap waspada karena "
        "Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) memperkirakan hujan dengan intensitas sedang "
        "hingga lebat masih akan turun dalam tiga hari ke depan.",
    ]
)

# The same flood, reported independently by another outlet: same people, places and numbers, other words.
SAME_STORY = "\n\n".join(
    [
        "Liputan6.com, Jakarta - Banjir kembali melanda sejumlah kawasan di Jakarta pada Senin (3/2/2025). "
        "Genangan paling parah terjadi di Kampung Melayu, Jakarta Timur, tempat air setinggi hampir satu "
        "setengah meter memaksa warga mengungsi sejak subuh.",
        "Camat Jatinegara Kusmanto menyebut sekitar 800 jiwa kini tinggal sementara di posko pengungsian. Ia "
        "meminta bantuan selimut, makanan siap saji dan obat-obatan karena banyak pengungsi mulai terserang "
        "flu.",
        "BPBD DKI Jakarta melaporkan 42 RW terdampak. Banjir dipicu naiknya muka air Sungai Ciliwung setelah "
        "Bendung Katulampa di Bogor berstatus Siaga 1 pada Minggu sore.",
        "Gubernur DKI Jakarta meninjau lokasi pengungsian pada Senin siang dan berjanji mempercepat "
        "normalisasi sungai. Menurutnya, pengerukan Ciliwung di ruas Manggarai hingga Kampung Melayu akan "
        "dimulai bulan depan.",
        "BMKG mengingatkan potensi hujan lebat masih tinggi sepekan ke depan, sehingga warga di bantaran "
        "sungai diminta menyiapkan tas siaga berisi dokumen penting.",
    ]
)


def furnished(text: str) -> str:
    """The article as another portal serves it: its dateline, a related link, an ad marker, a syndication line."""
    paragraphs = text.split("\n\n")
    paragraphs[0] = paragraphs[0].replace("Jakarta, CNN Indonesia -- ", "JAKARTA, KOMPAS.com - ")
    paragraphs.insert(2, "Baca juga: Jakarta Dikepung Banjir, Ini Daftar Wilayah yang Terendam")
    paragraphs.insert(4, "ADVERTISEMENT")
    paragraphs.append('Artikel ini telah tayang di Kompas.com dengan judul "42 RW di Jakarta Terendam Banjir"')
    paragraphs.append("Editor: Sabrina Asril")
    return "\n\n".join(paragraphs)


def trimmed(text: str, paragraphs: int = 2) -> str:
    """The last paragraphs dropped (two are 30 % of the words of ARTICLE, one is 15 %)."""
    return "\n\n".join(text.split("\n\n")[:-paragraphs])


def edited(text: str) -> str:
    """A copy-editor's pass: a few words changed, one inserted, a sentence removed."""
    return (
        text.replace("sedikitnya 42", "setidaknya 42")
        .replace("Ratusan warga", "Ratusan warga pun")
        .replace("naik tajam", "meningkat tajam")
        .replace(" Status Katulampa sempat berada di Siaga 1 sebelum turun menjadi Siaga 2 pada Senin pagi.", "")
    )


@pytest.mark.parametrize(
    "copy",
    [
        pytest.param(ARTICLE, id="exact"),
        pytest.param(ARTICLE.upper().replace("\n\n", "\n").replace('"', "“"), id="reformatted"),
        pytest.param(furnished(ARTICLE), id="furniture"),
        pytest.param(trimmed(ARTICLE), id="trimmed"),
        pytest.param(edited(ARTICLE), id="edited"),
        pytest.param(furnished(edited(trimmed(ARTICLE, 1))), id="combined"),
    ],
)
def test_copies_are_duplicates(copy: str) -> None:
    index = DuplicateIndex()
    assert index.add("original", ARTICLE) is None
    assert [found for found, _ in index.query(copy)] == ["original"]
    assert index.add("copy", copy) == "original"
    assert index.duplicate_of("copy") == "original"


def test_copy_arriving_first_is_the_original() -> None:
    index = DuplicateIndex()
    assert index.add("trimmed", trimmed(ARTICLE)) is None
    assert index.add("full", ARTICLE) == "trimmed"


def test_other_report_of_the_same_story_is_not_a_duplicate() -> None:
    index = DuplicateIndex()
    index.add("cnn", ARTICLE)
    assert index.add("liputan6", SAME_STORY) is None
    assert index.query(SAME_STORY) == [("liputan6", 1.0)]
    # the LSH may or may not propose it; if it does, the similarity is far below the thresholds
    for candidate in index.candidates(furnished(SAME_STORY)):
        assert candidate.id == "liputan6" or candidate.containment < 0.3


def test_short_texts_are_not_near_duplicates() -> None:
    index = DuplicateIndex()
    assert index.add("a", "Foto: Dok. Humas Polda Metro Jaya") is None
    assert index.add("b", "Foto: Dok. Humas Polda Jawa Barat") is None
    assert index.add("c", "Banjir merendam 42 RW di Jakarta, ribuan warga mengungsi.") is None
    assert index.add("d", "Banjir merendam 42 RW di Jakarta, ratusan warga mengungsi.") is None
    assert index.add("e", "banjir MERENDAM 42 rw di Jakarta - ribuan warga mengungsi") == "c"  # exact still counts


def test_empty_bodies_are_not_duplicates_of_each_other() -> None:
    index = DuplicateIndex()
    assert index.add("a", "") is None
    assert index.add("b", " \n ... ") is None


def test_earliest_article_is_the_one_others_point_to() -> None:
    index = DuplicateIndex()
    assert index.add("first", ARTICLE) is None
    assert index.add("second", furnished(ARTICLE)) == "first"
    assert index.add("third", furnished(edited(ARTICLE))) == "first"
    assert index.add("fourth", trimmed(furnished(ARTICLE))) == "first"
    assert index.add("other", SAME_STORY) is None
    assert index.add("other copy", furnished(SAME_STORY)) == "other"


def test_adding_again_is_safe() -> None:
    index = DuplicateIndex()
    index.add("a", ARTICLE)
    index.add("b", ARTICLE)
    assert index.add("a", SAME_STORY) is None
    assert index.add("b", ARTICLE) == "a"
    assert len(index) == 2 and "b" in index


def test_signature_is_deterministic_and_compact() -> None:
    assert signature(ARTICLE) == signature(ARTICLE)
    assert signature(ARTICLE) == signature(ARTICLE.replace("\n\n", "\n").upper())
    assert signature(ARTICLE) != signature(edited(ARTICLE))
    assert len(signature(ARTICLE)) <= 600
    assert exact_key(ARTICLE) == exact_key("  " + ARTICLE.lower() + "!")
    assert normalise('"Petugas kami -- sudah," kata Yohan.') == "petugas kami sudah kata yohan"


def test_round_trip_through_stored_signatures() -> None:
    bodies = {"a": ARTICLE, "b": furnished(ARTICLE), "c": SAME_STORY, "d": trimmed(ARTICLE), "e": "Foto: Dok."}
    live = DuplicateIndex()
    answers = {article_id: live.add(article_id, body) for article_id, body in bodies.items()}
    stored = [(article_id, signature(body)) for article_id, body in bodies.items()]
    rebuilt = DuplicateIndex.from_signatures(stored)
    assert {article_id: rebuilt.duplicate_of(article_id) for article_id in bodies} == answers
    for probe in (edited(ARTICLE), furnished(SAME_STORY), "Foto: Dok."):
        assert rebuilt.query(probe) == live.query(probe)
    assert rebuilt.add("f", furnished(trimmed(ARTICLE))) == live.add("f", furnished(trimmed(ARTICLE))) == "a"
    assert Signature.decode(signature(ARTICLE)).encode() == signature(ARTICLE)


def test_a_foreign_signature_is_refused_with_a_reason() -> None:
    with pytest.raises(StoreError, match="recompute"):
        DuplicateIndex().add_signature("x", b"\x00" * 20)
    data = bytearray(signature(ARTICLE))
    data[0] = 99
    with pytest.raises(StoreError, match="version 99"):
        DuplicateIndex.from_signatures([("x", bytes(data))])


@given(st.text(max_size=400))
def test_any_text_round_trips(text: str) -> None:
    data = signature(text)
    assert Signature.decode(data).encode() == data
    index = DuplicateIndex.from_signatures([("a", data)])
    assert index.query(text) == ([("a", 1.0)] if normalise(text) else [])


# -- the store's index (warta.store.duplicates): the same answers, from SQLite instead of memory ----


def _store_in_order(db, bodies: dict[str, str]) -> dict[str, str | None]:
    """Store bodies in order as ingest does (find the original, then put); each one's duplicate_of."""
    from warta.article import Article
    from warta.store import Store

    answers = {}
    with Store(db) as store:
        for article_id, body in bodies.items():
            sig = signature(body)
            article = Article(id=article_id, source=article_id, body=body)
            article.duplicate_of = store.duplicates().original_of(sig, article_id)
            store.put(article, signature=sig)
            answers[article_id] = article.duplicate_of
    return answers


BODIES = {"a": ARTICLE, "b": furnished(ARTICLE), "c": SAME_STORY, "d": trimmed(ARTICLE), "e": "Foto: Dok.",
          "f": edited(SAME_STORY), "g": "Foto: Dok.", "h": furnished(trimmed(edited(ARTICLE)))}


def test_the_store_index_answers_as_the_memory_index_does(tmp_path) -> None:
    live = DuplicateIndex()
    expected = {article_id: live.add(article_id, body) for article_id, body in BODIES.items()}
    assert expected["b"] == expected["d"] == expected["h"] == "a" and expected["f"] == "c"
    assert _store_in_order(tmp_path / "s.db", BODIES) == expected


def test_an_older_store_gets_its_band_keys_from_the_migration(tmp_path) -> None:
    import sqlite3

    from warta.store import Store

    db = tmp_path / "s.db"
    _store_in_order(db, {k: BODIES[k] for k in "abc"})
    with sqlite3.connect(db) as conn:  # as a store made before migration 5 was
        rows = conn.execute("SELECT count(*) FROM lsh").fetchone()[0]
        conn.execute("DROP TABLE lsh")
        conn.execute("DELETE FROM schema_migrations WHERE version = 5")
    with Store(db) as store:
        assert store.conn.execute("SELECT count(*) FROM lsh").fetchone()[0] == rows > 0
    assert _store_in_order(db, {"d": BODIES["d"], "f": BODIES["f"]}) == {"d": "a", "f": "c"}


def test_a_replaced_article_leaves_no_band_keys_behind(tmp_path) -> None:
    from warta.article import Article
    from warta.store import Store

    db = tmp_path / "s.db"
    _store_in_order(db, {"a": ARTICLE})
    with Store(db) as store:
        store.put(Article(id="a", source="a", body=SAME_STORY), replace=True, signature=signature(SAME_STORY))
        assert store.duplicates().original_of(signature(furnished(ARTICLE))) is None
        assert store.duplicates().original_of(signature(furnished(SAME_STORY))) == "a"
        keys = store.conn.execute("SELECT count(*) FROM lsh WHERE article_id = 'a'").fetchone()[0]
        assert keys == BANDS
