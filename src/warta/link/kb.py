"""warta's entity knowledge base: countries, places, organisations (and a few people) with aliases.

The data is built offline by ``scripts/build_kb.py`` into ``warta/data/kb/entities.tsv`` and read here
with the standard library only, once per process, on first use::

    kb = KnowledgeBase.load()
    kb.lookup("Korut")          # [Entity(id='loc:country:KP', name='Korea Utara', ...)]
    kb.get("loc:country:KP")

Matching is on a normalised alias: diacritics, case, punctuation, hyphens and spaces are ignored
("Kim Jong-un" == "kim jong un", "Côte d'Ivoire" == "Cote dIvoire"). Some aliases only match with their
exact letter case, because their lower-case form is an ordinary word: short all-caps abbreviations
("AS" is Amerika Serikat, "as" is not; "WHO", "PAN", "BIN") and names that are also Indonesian or
English words ("Medan", "Padang", "Batu", "Nice"). Those also match written fully in capitals
("MEDAN") as in headlines.

Results of :meth:`KnowledgeBase.lookup` are ordered most-likely first: countries, then hand-curated
organisations, people and places, then regions and provinces, then cities by population, then US states.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

__all__ = ["capitals", "Entity", "FAMILIAR", "KnowledgeBase", "entity_slug", "normalize_alias", "strip_alias"]

DATA_PACKAGE = "warta.data"
DATA_FILE = "kb/entities.tsv"
COLUMNS = (
    "id",
    "type",
    "kind",
    "name",
    "name_en",
    "country",
    "lat",
    "lon",
    "population",
    "parent",
    "codes",
    "aliases",
)
ALIAS_SEP = "|"
CASE_SENSITIVE_MARK = "="  # alias prefix in the data file: match with exact letter case only

# Most likely reading first when one alias names several entities ("Georgia", "Washington", "Jambi").
KIND_PRIORITY = {
    "country": 0,
    "territory": 1,
    "org": 2,
    "person": 2,
    "place": 3,
    "region": 4,
    "province": 5,
    "city": 6,
    "state": 7,  # "Washington", "New York": the city, more often than the US state
    "regency": 8,  # "Kabupaten Bogor": a name the city does not have; bare, only where no city has it
}

# familiar honorifics a nickname follows ("Cak Imin", "Gus Imin", "Mbak Mega"), lower case
FAMILIAR = frozenset("cak gus mbak mas bang kang ning neng bung daeng uda kak teh ceu abah".split())
_LOOKUP_CACHE = 1 << 16  # texts whose lookup() answer a knowledge base keeps
_NON_ALNUM = re.compile(r"[\W_]+")


@lru_cache(maxsize=1 << 16)  # called for every candidate name of every article; the same words recur
def strip_alias(text: str) -> str:
    """``text`` without diacritics, punctuation, hyphens or spaces; letter case kept."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return _NON_ALNUM.sub("", text)


def entity_slug(name: str) -> str:
    """Readable id part from a name: "Lee Sung-kwon" -> "lee-sung-kwon" (accents and case dropped)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return re.sub(r"[^0-9a-z]+", "-", text).strip("-") or "x"


@lru_cache(maxsize=1 << 16)
def normalize_alias(text: str) -> str:
    """Case-insensitive matching key: ``strip_alias`` then casefold ("Kim Jong-un" -> "kimjongun")."""
    return strip_alias(text).casefold()


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    name: str
    type: str  # PER, ORG, LOC
    aliases: tuple[str, ...] = ()
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    kind: str = ""  # country, territory, region, province, state, city, place, org, person
    name_en: str | None = None
    population: int | None = None
    parent: str | None = None  # id of the enclosing entity (city -> province or country)
    codes: tuple[str, ...] = ()  # countries: ISO alpha-2, alpha-3, numeric; provinces: ISO 3166-2

    @property
    def has_coordinates(self) -> bool:
        return self.lat is not None and self.lon is not None


class KnowledgeBase:
    """All entities with an alias index. Build one with :meth:`load` (cached per process)."""

    def __init__(self, entities: list[Entity], case_sensitive: dict[str, set[str]]):
        self._by_id: dict[str, Entity] = {e.id: e for e in entities}
        self._ci: dict[str, list[str]] = {}
        self._cs: dict[str, list[str]] = {}
        self._cs_aliases: dict[str, set[str]] = case_sensitive
        self._found: dict[str, tuple[Entity, ...]] = {}  # lookup() answers by text
        for e in entities:
            sensitive = case_sensitive.get(e.id, ())
            for alias in e.aliases:
                if alias in sensitive:
                    key = strip_alias(alias)
                    _add(self._cs, key, e.id)
                    upper = key.upper()
                    if upper != key and key[0].isupper():  # "Medan" -> "MEDAN" (headlines), but "dpa" stays
                        _add(self._cs, upper, e.id)
                else:
                    _add(self._ci, normalize_alias(alias), e.id)

    @classmethod
    def load(cls) -> KnowledgeBase:
        """The knowledge base shipped with warta, read once per process."""
        return _load_default()

    @classmethod
    def from_lines(cls, lines: Iterator[str] | list[str]) -> KnowledgeBase:
        """Parse the ``entities.tsv`` format (comment lines start with ``#``)."""
        entities: list[Entity] = []
        case_sensitive: dict[str, set[str]] = {}
        ncols = len(COLUMNS)
        for line in lines:
            if not line or line[0] == "#" or line == "\n":
                continue
            f = line.rstrip("\n").split("\t")
            if len(f) != ncols:
                raise ValueError(f"knowledge base row with {len(f)} columns, expected {ncols}: {line[:80]!r}")
            aliases: list[str] = []
            sensitive: set[str] = set()
            for a in f[11].split(ALIAS_SEP) if f[11] else ():
                if a[0] == CASE_SENSITIVE_MARK:
                    a = a[1:]
                    sensitive.add(a)
                aliases.append(a)
            if sensitive:
                case_sensitive[f[0]] = sensitive
            entities.append(
                Entity(
                    id=f[0],
                    type=f[1],
                    kind=f[2],
                    name=f[3],
                    name_en=f[4] or None,
                    country=f[5] or None,
                    lat=float(f[6]) if f[6] else None,
                    lon=float(f[7]) if f[7] else None,
                    population=int(f[8]) if f[8] else None,
                    parent=f[9] or None,
                    codes=tuple(f[10].split(ALIAS_SEP)) if f[10] else (),
                    aliases=tuple(aliases),
                )
            )
        return cls(entities, case_sensitive)

    # -- queries -------------------------------------------------------------------------------------

    def lookup(self, text: str, type: str | None = None) -> list[Entity]:
        """Entities one of whose aliases is ``text`` (normalised), most likely first.

        ``type`` ("PER", "ORG", "LOC") keeps only entities of that type.
        """
        found = self._found.get(text)
        if found is None:
            found = self._find(text)
            if len(self._found) >= _LOOKUP_CACHE:  # bounded: a crawl's names never stop coming
                self._found.clear()
            self._found[text] = found
        if type is not None:
            return [e for e in found if e.type == type]
        return list(found)

    def _find(self, text: str) -> tuple[Entity, ...]:
        key = strip_alias(text)
        if not key:
            return ()
        ids = self._cs.get(key, [])
        ci = self._ci.get(key.casefold())
        if ci:
            ids = ids + [i for i in ci if i not in ids] if ids else ci
        found = [self._by_id[i] for i in ids]
        if len(found) > 1:
            found.sort(key=_rank)
        return tuple(found)

    def get(self, entity_id: str) -> Entity | None:
        return self._by_id.get(entity_id)

    def __getitem__(self, entity_id: str) -> Entity:
        return self._by_id[entity_id]

    def __contains__(self, entity_id: object) -> bool:
        return entity_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Entity]:
        return iter(self._by_id.values())

    def is_case_sensitive(self, entity_id: str, alias: str) -> bool:
        """Whether ``alias`` of ``entity_id`` only matches with its exact letter case."""
        return alias in self._cs_aliases.get(entity_id, ())

    def iter_aliases(self) -> Iterator[tuple[str, Entity, bool]]:
        """Every (alias, entity, case_sensitive) triple: for building a phrase matcher over text."""
        for e in self._by_id.values():
            sensitive = self._cs_aliases.get(e.id, ())
            for a in e.aliases:
                yield a, e, a in sensitive


def _add(index: dict[str, list[str]], key: str, entity_id: str) -> None:
    if not key:
        return
    ids = index.get(key)
    if ids is None:
        index[key] = [entity_id]
    elif entity_id not in ids:
        ids.append(entity_id)


def _rank(e: Entity) -> tuple[int, int, str]:
    return (KIND_PRIORITY.get(e.kind, 9), -(e.population or 0), e.id)


@cache
def _load_default() -> KnowledgeBase:
    with resources.files(DATA_PACKAGE).joinpath(DATA_FILE).open("r", encoding="utf-8") as fh:
        return KnowledgeBase.from_lines(fh)


@cache
def capitals() -> dict[str, str]:
    """City id -> country id for national capitals (``capitals.tsv``): "Pyongyang menolak" is an act
    of North Korea's government."""
    text = resources.files(DATA_PACKAGE).joinpath("kb", "capitals.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))
