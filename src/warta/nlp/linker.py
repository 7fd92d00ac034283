"""Entity linking inside one article: every mention gets the id and canonical name of what it names.

Runs after the NER as the spaCy component ``warta_linker``. In order:

0. The NER's spans are mended where they run over what no name runs over: a line break, a dateline's
   dash after a web domain, brackets, a punctuation mark at an edge, a rank ("Polda Metro Jaya
   Kombes Argo Yuwono" is an organisation and a person), an organisation's acronym before a person
   ("FPI Maman Suryadi"), a person's name after a title ("Kementerian Kesehatan Barlian"; a person
   named elsewhere in the article, or words of persons' names, ``person_words.txt``; a region's word
   and name, "Kecamatan Fatuleu Yohanes Mite"; a word that closes a body's name, "Setara Institute
   Hendardi"), a person opened by an honorific ("Kecamatan Cibatu KH Ahmad Jaelani"). A building,
   site or town run on into its city or province is two places ("Gedung Sate Bandung", "Balige
   Sumatera Utara"). A unit word and its place are one organisation ("Polda" + "Jawa Barat", "Pemkot
   Bandung"), and so are a party's board, its party and place ("DPD Partai Golkar Jawa Barat";
   ``org_units.toml``); a name opening with an organisation's word is one ("Laskar Pembela Islam").
   A span with no letter, a lone pronoun and the acronym of a common noun are no names
   (``not_names.toml``).
1. Person mentions lose titles, ranks and honorifics, which become the mention's ``role``
   ("Presiden AS Donald Trump" -> name "Donald Trump", role "Presiden AS"); a first name the NER
   left out after a comma or a title joins the person ("Panggah Susanto"); an office and its place
   with no person named is the place ("Kapolrestabes Surabaya").
2. Acronyms and short forms defined in the text itself ("Korea Utara (Korut)",
   "Badan Intelijen Nasional (NIS)", "Joko Widodo (Jokowi)") become aliases of the mention before
   them, and every later use of the alias is a mention of the same thing, found by the NER or not.
3. Names from the knowledge base that the NER missed are added where the match is unambiguous
   (countries, large cities, organisations written exactly as the knowledge base spells them).
4. Laws, programmes, products, works and events are typed MISC (``misc.toml``: "UU Cipta Kerja",
   "program MBG", "akun Instagram"). Mentions are grouped: the same normalised name, an in-text
   alias, a person's short form ("Trump", "Lee" -> the fuller name of a person in this article, or
   the full name the knowledge base gives a person of the article: "Rakabuming Raka" -> Gibran), or
   the same knowledge-base entity. Each group resolves to a knowledge-base entity when one of its
   names is an alias of one (type permitting); otherwise it gets an id made from its normalised
   canonical name, so the same person or organisation gets the same id in every article.

The result is ``doc._.entities``: one dict per mention (``text``, ``start``, ``end``, ``type``,
``id``, ``name``; ``role`` when a title was found; ``found_by`` when the NER did not find it:
"alias", "kb", "name-part", "outlet", "address", "initials", "title" (an organisation a title
names) or "title-name" (a person named after a title)), with character offsets into the text. A web domain
("CNNIndonesia.com") is always a news outlet: an organisation with the outlet's canonical name.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from spacy.attrs import IDX, ORTH, SPACY
from spacy.lang.id.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.tokens import Doc, Span

from warta.link.kb import FAMILIAR, Entity, KnowledgeBase, entity_slug, normalize_alias
from warta.meta.outlets import outlet_for_domain, outlet_for_form
from warta.nlp import sentence_starts
from warta.nlp.factories import typed
from warta.resources import load_toml, load_words

__all__ = ["EntityLinker", "link_doc", "entity_slug", "entity_id_from_name", "role_words", "spelled_as_person",
           "verb_words", "generic_place_word"]

LINKED_TYPES = ("PER", "ORG", "LOC")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&.\-]{1,11}$")
_BIG_CITY = 1_000_000
# a web domain written as a name ("CNNIndonesia.com", "JUARA.NET", "news.detik.com"): a news site
_WEB_DOMAIN = re.compile(r"^(?:[A-Za-z0-9][A-Za-z0-9-]*\.)*[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*"
                         r"\.(?:co\.id|go\.id|or\.id|ac\.id|com|co|id|net|org|tv|news)$", re.IGNORECASE)
_DASHES = frozenset("- -- – —".split())
_RETIRED = frozenset({"purn", "purnawirawan"})
# legal forms written in brackets after a company name: part of the name ("PT PLN (Persero)")
LEGAL_FORMS = frozenset({"persero", "tbk", "tbk.", "ltd", "ltd.", "inc", "inc.", "plc"})
_NAME_PARTICLES = frozenset("bin binti van von der de den da di du la le al el ibn abu".split())
# capitalised words that are also place names elsewhere ("Kota" in India, "Bursa" in Turkey)
_GENERIC = frozenset("kota bursa pulau desa gunung sungai teluk selat laut danau tanjung kampung pasar jalan "
                     "bandar negeri kabupaten provinsi wilayah daerah pusat barat timur utara selatan tengah "
                     "raya baru lama agung mulia jaya indah negara".split())


def generic_place_word(word: str) -> bool:
    """A word that names a kind of place or a compass point ("Kota", "Bandar", "Barat"), also some
    place's name somewhere."""
    return word.lower() in _GENERIC


if not Doc.has_extension("entities"):
    Doc.set_extension("entities", default=None)


def _person_words() -> frozenset[str]:
    """Capitalised words that are parts of persons' names (scripts/build_person_words.py)."""
    return load_words("person_words.txt")


def _common_words() -> frozenset[str]:
    """Words news writes in lower case (scripts/build_common_words.py)."""
    return load_words("common_words.txt")


@dataclass(frozen=True, slots=True)
class _Lexicon:
    heads: frozenset[str]
    continuations: frozenset[str]
    honorifics: frozenset[str]
    ranks: dict[str, list[tuple[str, ...]]]  # first word -> the rank phrases it opens, longest first
    rank_tails: frozenset[str]
    rank_named: frozenset[str]
    chiefs: frozenset[str]
    in_title: frozenset[str]  # words inside a title chain between capitalised parts ("dari", "untuk")


@cache
def role_words() -> frozenset[str]:
    """The words of titles and honorifics (``roles.toml``: heads, continuations, honorifics), lower case."""
    lex = _lexicon()
    return lex.heads | lex.continuations | lex.honorifics


def spelled_as_person(name: str) -> bool:
    """Whether a name the NER did not mark is spelled as a person's: one to six capitalised words
    (initials too), none a title's or honorific's word, a word of places ("Kota", "Barat") or one
    that opens or closes an organisation's name ("Partai", "Tim", "Foundation"), and at most one of
    two or more a word news writes in lower case (a given name may be one: "I Made Dana M. Tangkas"),
    none of one alone."""
    words = name.split()
    if not 1 <= len(words) <= 6:
        return False
    names = [w for w in words if not _INITIAL.fullmatch(w)]
    common = sum(w.lower() in _common_words() for w in names)
    return bool(names) and common <= (len(names) >= 2) and common < len(names) \
        and all(w[:1].isupper() and w.isalpha() and not (w.isupper() and len(w) > 1)
                and w.lower() not in _not_person_words() and w not in _org_words().units
                and w.lower() not in _ORG_TAILS
                and (not _DERIVED_NOUN.fullmatch(w.lower()) or w in _person_words()) for w in names)


_INITIAL = re.compile(r"[A-Z]\.?")


@cache
def _not_person_words() -> frozenset[str]:
    """Words of titles, places and organisations' names (lower case): none of a person's name."""
    return role_words() | _GENERIC | {w.lower() for w in _org_words().heads} \
        | {w.lower() for w in _org_words().party_words} | {w.lower() for w in _SUBUNITS}


@cache
def _lexicon() -> _Lexicon:
    data = load_toml("roles.toml")
    ranks: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(data["ranks"], key=lambda p: -len(p.split())):
        words = tuple(phrase.split())
        ranks.setdefault(words[0], []).append(words)
    return _Lexicon(frozenset(data["heads"]), frozenset(data["continuations"]), frozenset(data["honorifics"]),
                    ranks, frozenset(data["rank_tails"]), frozenset(data["rank_named"]), frozenset(data["chiefs"]),
                    frozenset(data["in_title"]))


@dataclass(slots=True)
class _Mention:
    start: int  # token indices into the doc, end exclusive
    end: int
    label: str
    how: str  # who found it: "ner", "alias" (an in-text alias), "kb" (a knowledge-base name the NER
    #           missed), "name-part" (a word of a person's full name used alone), "outlet" (a news
    #           outlet's web domain, "Tribunnews.com")
    role: str | None = None
    kb: list[Entity] = field(default_factory=list)
    # the name inside the span: a person's span may start with a title ("Presiden Joko Widodo")
    nstart: int = -1
    nend: int = -1
    outlet: str | None = None  # a news outlet's canonical name, for its web domain ("CNN Indonesia")
    rstart: int = -1  # where a person's title starts (``_role_before``), -1 with none

    def __post_init__(self) -> None:
        if self.nstart < 0:
            self.nstart, self.nend = self.start, self.end

    def name(self, tx: _Text) -> str:
        return self.outlet or " ".join(tx.span(self.nstart, self.nend).split())  # one space between words


class _Text:
    """A doc's words and their character offsets, read once per article: the scans below index these
    lists, where ``doc[k]`` would make a Token and ``doc[a:b]`` a Span for every look."""

    __slots__ = ("text", "words", "idx")

    def __init__(self, doc: Doc):
        if not len(doc):
            self.text, self.words, self.idx = "", [], []
            return
        strings = doc.vocab.strings
        self.words = [strings[h] for h in doc.to_array(ORTH).tolist()]
        # doc.text, put together from the words and their trailing spaces: faster than spaCy's join
        spaces = doc.to_array(SPACY).tolist()
        self.text = "".join([w + " " if space else w for w, space in zip(self.words, spaces, strict=True)])
        self.idx = doc.to_array(IDX).tolist()

    def span(self, start: int, end: int) -> str:
        """What ``doc[start:end].text`` is: the words and the spaces between them."""
        if end <= start:
            return ""
        return self.text[self.idx[start]:self.end_char(end)]

    def end_char(self, end: int) -> int:
        return self.idx[end - 1] + len(self.words[end - 1])


@lru_cache(maxsize=1 << 14)
def entity_id_from_name(entity_id: str) -> bool:
    """Whether an id was made from a name in the text (not taken from the knowledge base)."""
    prefix, _, rest = entity_id.partition(":")
    return bool(rest) and ":" not in rest and prefix in ("per", "org", "loc") \
        and KnowledgeBase.load().get(entity_id) is None


def link_doc(doc: Doc, kb: KnowledgeBase, *, gazetteer: bool = True) -> list[dict[str, Any]]:
    """Link the entities of ``doc`` (its ``doc.ents``); set ``doc.ents`` and ``doc._.entities``."""
    lex = _lexicon()
    tx = _Text(doc)
    words = tx.words
    ents = doc.ents  # (spaCy reads every token's entity tag for this)
    mentions = [_Mention(e.start, e.end, e.label_, "ner") for e in ents if e.label_ in LINKED_TYPES]
    others = [e for e in ents if e.label_ not in LINKED_TYPES]
    mentions = _split_at_line_breaks(doc, mentions)
    mentions = _split_at_web_domains(doc, tx, mentions)
    mentions = _trim_lower_edges(tx, _trim_marks(tx, _split_bracketed(doc, mentions)), kb)
    mentions = _org_tail_first(tx, _split_leading_place(doc, mentions, kb))
    _titled_places(tx, mentions, kb, lex)
    mentions = _split_at_ranks(doc, mentions, lex)
    mentions = _org_heads(tx, _unit_places(tx, mentions), kb)
    mentions = _coordinated_names(doc, tx, mentions, kb)
    mentions = _split_at_honorific(tx, _split_trailing_province(tx, _split_trailing_place(tx, mentions, kb), kb), kb)
    mentions = _split_pairs(tx, _merge_adjacent_people(tx, mentions), kb)
    mentions = _named_after_person(doc, tx, mentions)
    _retype(doc, tx, mentions, kb)
    _clubs(doc, tx, mentions, kb)
    held = {k for m in mentions for k in range(m.start, m.end)}
    bodies = {m.end: m for m in mentions if m.label in ("LOC", "ORG")}  # where a place or body ends
    for m in mentions:
        if m.label == "PER":
            _strip_person(doc, m, lex)
            _first_name_before(tx, m, lex, kb, held, bodies)
            _name_words_before(tx, m, lex, kb, held)
            _last_name_after(tx, m, lex, kb, held)
            _balinese_article(tx, m, held)
            if m.role and m.nend - m.nstart <= 3 and not _person_known(kb, tx.span(m.nstart, m.nend)) and \
                    any(e.type in ("LOC", "ORG") for e in kb.lookup(tx.span(m.nstart, m.nend))):
                # "Kapolrestabes Surabaya": an office and its place, no person named
                m.label = next(e.type for e in kb.lookup(tx.span(m.nstart, m.nend)) if e.type in ("LOC", "ORG"))
                m.start, m.end, m.role = m.nstart, m.nend, None
    # a person split off a place ("Banten Ratu" + "Atut Chosiyah") may touch the rest of its name
    mentions = _merge_adjacent_people(tx, _split_trailing_person(doc, tx, mentions, kb, lex))
    mentions = _initials(tx, mentions)
    # names are written with capitals; an all-lower-case phrase is an NER slip ("desa gencatan"),
    # though one word may be a brand written in lower case ("detikcom"), unless it is common words
    # joined ("kementerian/lembaga")
    mentions = [m for m in mentions if m.end - m.start == 1 and not _lower_common(words[m.start]) or
                any(not w.islower() for w in words[m.start:m.end] if any(c.isalpha() for c in w))]
    # nor is a lone pronoun or the acronym of a common noun ("Ia", "TPS", "CCTV": not_names.toml),
    # nor a lone word that cannot be a name ("C", "Kesetiaannya", a title alone: "Kapolsek")
    mentions = [m for m in mentions if tx.span(m.start, m.end) not in _not_names()
                and not _shouted(words[m.start:m.end], kb)
                and not (m.end - m.start == 1 and _not_a_name(words[m.start], lex, kb))
                and not (m.label != "PER" and words[m.start].lower() in lex.chiefs)  # "Kapolres Metro Bekasi": a role
                and not (m.label == "PER" and words[m.nstart] in _SUBUNITS)  # "Kepala Seksi Pengawasan": a post
                and not (m.label == "PER" and any(_DIGIT.search(w) for w in words[m.nstart:m.nend]))]  # "Vitamin B12"
    mentions = _without_opening_words(doc, tx, mentions, kb)
    _without_opening_verbs(doc, tx, mentions, kb)
    # what an opening word leaves may be a title alone ("Sang Pangeran"): no name
    mentions = [m for m in mentions if not (m.end - m.start == 1 and _not_a_name(words[m.start], lex, kb))
                # nor a person's name opening with a noun derived with ke-/pe-...-an and holding no word of
                # persons' names ("Jaga" + "Kebersihan Pertama"; not "Pebrian Hidayat")
                and not (m.label == "PER" and _DERIVED_NOUN.fullmatch(words[m.nstart].lower())
                         and not any(w in _person_words() for w in words[m.nstart:m.nend]))
                and not (m.label == "ORG" and _common_phrase(tx, m, kb))]
    mentions = _without_terms(doc, tx, mentions, kb)
    mentions = _kb_joined(tx, _kb_extended(tx, mentions, kb), kb)
    taken = _covered(mentions, others)
    aliases = _defined_aliases(doc, mentions, kb)
    mentions += _alias_mentions(words, aliases, taken)
    mentions += _outlet_mentions(doc, words, taken)
    if gazetteer:
        mentions += _kb_mentions(doc, tx, kb, taken)
        mentions = _absorb_places(tx, mentions)
    mentions += _addressed_mentions(tx, taken, kb)
    mentions += _titled_names(tx, taken, kb, lex)
    mentions += _name_part_mentions(doc, words, mentions, taken, lex)
    mentions += _hyphen_pairs(doc, words, mentions, taken, kb)
    mentions += _aged_names(doc, words, taken, kb, lex)
    _persons_parts_retyped(tx, mentions, kb)
    _org_short_names_retyped(tx, mentions, kb)
    mentions = _state_bodies(tx, mentions, kb)
    for m in mentions:
        if m.label == "PER":
            m.role = _role_before(doc, m, lex, taken) or _role_after(doc, m, lex, taken)
    mentions += _title_orgs(doc, tx, mentions, kb, lex)
    mentions.sort(key=lambda m: m.start)
    # a unit word left alone once places are absorbed ("Polres" + "Bekasi" is Polres Bekasi) refers back
    mentions = [m for m in mentions if tx.span(m.start, m.end) not in _units_alone()]
    mentions = _commissions(tx, mentions, lex)
    mentions = _misc(tx, mentions, kb)
    mentions = _without_overlaps(mentions, others)
    groups = _group(tx, mentions, aliases, kb)
    out: list[dict[str, Any]] = []
    spans: list[Span] = []
    for m in mentions:
        g = groups[id(m)]
        start, end = tx.idx[m.start], tx.end_char(m.end)
        item: dict[str, Any] = {"text": tx.text[start:end], "start": start, "end": end,
                                "type": g.type, "id": g.id, "name": g.name}
        if m.role:
            item["role"] = m.role
        if m.how != "ner":
            item["found_by"] = m.how
        out.append(item)
        spans.append(Span(doc, m.start, m.end, label=g.type))
    doc.set_ents(sorted([*spans, *others], key=lambda s: s.start), default="outside")  # (= doc.ents = ...)
    doc._.entities = out
    return out


# ----------------------------------------------------------------- roles and names


def _split_at_line_breaks(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """A name never runs over a line break: "... di Mata Trump" (a subheading) + "Donald Trump
    beberapa waktu lalu" is two mentions, whatever the NER joined."""
    out: list[_Mention] = []
    for m in mentions:
        breaks = [k for k in range(m.start, m.end) if doc[k].is_space and "\n" in doc[k].text]
        if not breaks:
            out.append(m)
            continue
        edges = [m.start - 1, *breaks, m.end]
        for a, b in itertools.pairwise(edges):
            if b - (a + 1) > 0:
                out.append(_Mention(a + 1, b, m.label, m.how))
    return out


_MARKS = frozenset(",.;:!?\"“”'‘’–—")  # not brackets: "PT PLN (Persero)"; not a hyphen: "Al-"


def _trim_marks(tx: _Text, mentions: list[_Mention]) -> list[_Mention]:
    """A name neither starts nor ends with a punctuation or a space token ("Salemba ," where the NER took
    the comma), and has a letter: a list number the NER read as an organisation ("5. Surat …") is none."""
    out = []
    words = tx.words
    for m in mentions:
        a, b = m.start, m.end
        if words[a][0].isalpha() and words[b - 1][-1].isalnum():
            out.append(m)  # the usual case: a word at each edge, so a letter inside
            continue
        while a < b and all(ch in _MARKS or ch.isspace() for ch in words[a]):  # or spaces the NER took
            a += 1
        while b > a and all(ch in _MARKS or ch.isspace() for ch in words[b - 1]):
            b -= 1
        if any(ch.isalpha() for k in range(a, b) for ch in words[k]):
            out.append(m if (a, b) == (m.start, m.end) else _Mention(a, b, m.label, m.how))
    return out


_NAME_PARTICLES = frozenset(("bin", "binti", "van", "von", "der", "de", "da", "di", "al", "el", "la", "le", "dos"))
# a place's kind written in lower case before its name is part of it, as the NER corpora mark it
# ("kota Semarang", "desa Kramas", "jalan Menoreh Raya", "danau Tondano")
_PLACE_KINDS = frozenset(("kota", "desa", "kecamatan", "kabupaten", "provinsi", "kelurahan", "dusun", "kampung",
                          "jalan", "jl", "danau", "gunung", "sungai", "pulau", "pantai", "teluk", "selat",
                          "stasiun", "bandara", "pelabuhan", "museum", "taman", "pasar", "candi", "masjid",
                          "gereja", "pura", "prefektur", "negara", "negeri", "wilayah", "kawasan", "hotel",
                          "lapangan", "komplek", "kompleks", "pangkalan", "kedutaan", "gletser"))
# a compass word written in lower case closes a place's name ("Afrika barat", "Sumatera selatan")
_COMPASS = frozenset(("barat", "timur", "utara", "selatan", "tengah", "tenggara", "laut", "daya"))


@cache
def _lower_heads() -> frozenset[str]:
    """The words that open an organisation's name, in lower case (not "kantor", "pusat")."""
    return frozenset(w.lower() for w in _org_words().heads - _NOT_BEFORE_A_NAME)


def _trim_lower_edges(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """A name neither opens nor closes with a word written in lower case: "kantor LBH" is LBH,
    "The Argonauts karya" is The Argonauts (an all-lower-case phrase is dropped later; a particle of a
    name stays, "Abdullah bin Zayed", and so do an organisation's word or a place's kind written in
    lower case, "kementerian PU", "kota Semarang")."""
    words = tx.words
    heads = _lower_heads()  # "kementerian PU" stays whole
    people = {tx.span(m.start, m.end) for m in mentions if m.label == "PER"}
    out = []
    for m in mentions:
        a, b = m.start, m.end
        while b - a > 1 and words[a].isalpha() and words[a].islower() and words[a] not in _NAME_PARTICLES \
                and words[a] not in heads and words[a] not in _PLACE_KINDS:
            a += 1
        while b - a > 1 and words[b - 1].isalpha() and words[b - 1].islower() and words[b - 1] not in _NAME_PARTICLES \
                and (words[b - 1] not in _COMPASS or _adverb_at(words, b, kb)) and words[b - 2] not in ("-", "–"):
            b -= 1  # ("Son Wan-ho"; "Kementerian Agama tengah menyiapkan": "tengah" is "now" before a verb)
        if b - a == 1 and (words[a].lower() in heads or words[a].lower() in _common_words()):
            a, b = m.start, m.end  # "Kementerian kesehatan": the head alone would name nothing
        if (a, b) == (m.start, m.end) or words[a].islower():
            out.append(m)  # untouched, or a particle or a kind still opens it: the span as the NER gave it
            continue
        # "kantor Setya Novanto", "rumah Novel Baswedan": the person named elsewhere, not a place
        label = "PER" if a > m.start and tx.span(a, b) in people else m.label
        out.append(_Mention(a, b, label, m.how))
    return out


def _adverb_at(words: list[str], k: int, kb: KnowledgeBase) -> bool:
    """Whether the lower-case compass word before k is an adverb: a verb of the meN-/ber-/di- forms
    follows ("tengah menyiapkan": "now preparing") and the word before it makes no place with it
    ("Jawa tengah" is Jawa Tengah written in lower case)."""
    verb = k < len(words) and words[k].islower() and words[k].startswith(("me", "ber", "di")) and len(words[k]) > 4
    return verb and not kb.lookup(f"{words[k - 2]} {words[k - 1].capitalize()}")


def _outlet_name(domain: str) -> str | None:
    return outlet_for_form(domain) or outlet_for_domain(domain)


def _split_at_web_domains(doc: Doc, tx: _Text, mentions: list[_Mention]) -> list[_Mention]:
    """A web domain in a span is a news site of its own, whatever the NER made of it: "CNNIndonesia.com"
    typed PER becomes an organisation named as the outlet ("CNN Indonesia"), and so does a span that
    is an outlet's name ("kumparan" typed LOC). A span run over a dateline ("Suara.com - Komisi
    Pemberantasan Korupsi") keeps only the name after the dash, unless that starts with an ordinary
    word ("Suara.com - Sebuah"): the sentence, not a name."""
    out: list[_Mention] = []
    for m in mentions:
        at = [k for k in range(m.start, m.end) if "." in tx.words[k] and _WEB_DOMAIN.match(tx.words[k])]
        if not at:
            outlet = outlet_for_form(tx.span(m.start, m.end))
            if outlet is not None:  # "kumparan", "Tempo" found by the NER: the outlet, whatever its type
                m.label, m.outlet = "ORG", outlet
            out.append(m)
            continue
        edges = [m.start - 1, *at, m.end]
        for a, b in itertools.pairwise(edges):
            part = [k for k in range(a + 1, b) if not (doc[k].is_space or doc[k].text in _DASHES)]
            if part and doc[part[0]].text[:1].isupper() and doc[part[0]].lower_ not in _common_words():
                out.append(_Mention(part[0], part[-1] + 1, m.label, m.how))
            if b < m.end and not _dateline_outlet(doc, b):
                out.append(_Mention(b, b + 1, "ORG", m.how, outlet=_outlet_name(doc[b].text)))
    return out


def _dateline_outlet(doc: Doc, i: int) -> bool:
    """'KOMPAS.com -' opening a paragraph (text read without cleaning): the outlet that published the
    page, which is the article's metadata, not something the story names."""
    k = i + 1
    while k < len(doc) and (doc[k].is_space or doc[k].text == ","):
        k += 1
    return k < len(doc) and doc[k].text in _DASHES


def _outlet_mentions(doc: Doc, words: list[str], taken: dict[int, str]) -> list[_Mention]:
    """Known news outlets written as their web domain ("dilansir Tribunnews.com") that the NER missed."""
    out = []
    for i, word in enumerate(words):
        if i not in taken and "." in word and _WEB_DOMAIN.match(word):
            outlet = _outlet_name(word)
            if outlet is not None and not _dateline_outlet(doc, i):
                out.append(_Mention(i, i + 1, "ORG", "outlet", outlet=outlet))
                taken[i] = "ORG"
    return out


def _titled_places(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase, lex: _Lexicon) -> None:
    """A place or body span that opens with a title and ends in a place the knowledge base knows by
    that name ("PM Singapura", "Gubernur Jawa Barat" with no name after it): the title names an
    office, the place is the mention."""
    for m in mentions:
        if m.label not in ("LOC", "ORG") or m.end - m.start < 2:
            continue
        k = m.start
        while k < m.end - 1 and tx.words[k].lower() in lex.heads:
            k += 1
        rest = tx.span(k, m.end)
        if k > m.start and any(e.type == "LOC" and (rest in e.aliases or rest == e.name) for e in kb.lookup(rest)):
            m.start = m.nstart = k
            m.label = "LOC"


def _split_leading_place(doc: Doc, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """A person's span that starts with a known place or institution written as an abbreviation
    ("Kepala Dinas Kesehatan DKI Widyastuti" -> "DKI" + "Widyastuti"): the abbreviation is where
    the person works, not part of the name. Only all-capital abbreviations the knowledge base
    knows, which no given name is; a full place name may well start a name ("Georgia")."""
    out: list[_Mention] = []
    honorifics = _lexicon().honorifics
    for m in mentions:
        first = doc[m.start]
        country = _title_country(doc, m, kb) if m.label == "PER" else 0
        if country:
            # "Presiden Filipina Rodrigo Duterte": after a title, the country is the title's, the
            # name starts after it
            out.append(_Mention(m.start, m.start + country, "LOC", m.how))
            out.append(_Mention(m.start + country, m.end, "PER", m.how))
        elif m.label == "PER" and m.end - m.start >= 2 and first.is_upper and first.is_alpha and \
                2 <= len(first) <= 6 and doc[m.start + 1].text[:1].isupper() and \
                any(first.text in e.aliases for e in kb.lookup(first.text) if e.type in ("LOC", "ORG")):
            ent = next(e for e in kb.lookup(first.text) if e.type in ("LOC", "ORG"))
            out.append(_Mention(m.start, m.start + 1, ent.type, m.how))
            out.append(_Mention(m.start + 1, m.end, "PER", m.how))
        elif m.label == "PER" and m.end - m.start >= 2 and _acronym(first.text) and len(first) >= 3 \
                and first.lower_ not in honorifics and first.lower_ not in _lexicon().heads \
                and first.text not in _org_words().named_after_people \
                and all(t.text[:1].isupper() and t.lower_ not in honorifics for t in doc[m.start + 1:m.end]):
            # "FPI Maman Suryadi": an organisation's acronym of three letters or more (a person's
            # initials take two: "JK", "HM"), then a name; not a hospital or
            # a campus named after a person ("RSUP Fatmawati")
            out.append(_Mention(m.start, m.start + 1, "ORG", m.how))
            out.append(_Mention(m.start + 1, m.end, "PER", m.how))
        elif m.label == "PER" and m.end - m.start >= 2 and _blended_org(first.text, kb) \
                and all(t.text[:1].isupper() for t in doc[m.start + 1:m.end]):
            # "Kepala BPPI Kemenperin Haris Munandar": a ministry's blended short name the knowledge
            # base knows, then the person who works there; the NER, which took the ministry for a
            # first name, may have left the surname out: a name word right after joins
            end = m.end
            while end < min(len(doc), m.end + 2) and doc[end].is_title and doc[end].is_alpha \
                    and doc[end].lower_ not in _common_words() and not kb.lookup(doc[end].text) \
                    and not any(x.start == end for x in mentions):
                end += 1
            if end < len(doc) and doc[end].is_title:
                end = m.end  # more capitalised words follow: not sure where the name ends
            out.append(_Mention(m.start, m.start + 1, "ORG", m.how))
            out.append(_Mention(m.start + 1, end, "PER", m.how))
        else:
            out.append(m)
    return out


# words that open the name of a building, a site or a road ("Gedung Sate", "Stadion Jakabaring")
_FACILITIES = frozenset("gedung stadion bandara bundaran masjid gereja pura vihara klenteng pasar terminal stasiun "
                        "pelabuhan taman lapangan monumen museum istana hotel mal mall plaza jalan jl jl. simpang "
                        "gelanggang gelora tugu candi pantai rs rsud rsup kampus".split())
# words of a facility's name that do not name it by themselves ("Bandara Internasional", "Jalan Tol")
_FACILITY_WORDS = _FACILITIES | _GENERIC | frozenset("internasional tol umum besar kecil lama baru".split())


def _split_trailing_place(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """A place span that runs on into the city or province it lies in, no comma between, is two
    places: a building, site or road and its city ("Gedung Sate Bandung", "Stadion Gelora
    Sriwijaya Jakabaring Palembang", "Bundaran Hotel Indonesia Jakarta"), a town and its province
    ("Balige Sumatera Utara"). The facility's part keeps a word that names it ("Jalan Raya Bogor" and
    "Hotel Indonesia" are names); a town's part is one to three capitalised words that are no unit
    ("Polda Jawa Barat" is an organisation), no compass or generic place word ("Bandar Lampung"), and
    the whole is no place the knowledge base knows ("Padang Pariaman")."""
    words = tx.words
    org_heads = {w.lower() for w in _org_words().heads}
    out: list[_Mention] = []
    for m in mentions:
        cut = 0
        if m.label == "LOC" and m.end - m.start >= 2 and not kb.lookup(tx.span(m.start, m.end)):
            for n in (3, 2, 1):
                p = m.end - m.start - n  # words before the place
                if p < 1:
                    continue
                tail = tx.span(m.end - n, m.end)
                kinds = {e.kind for e in kb.lookup(tail) if e.type == "LOC" and tail in e.aliases}
                if not kinds & {"city", "province"} or n == 1 and tail.lower() in _GENERIC:  # "Sekretariat Negara"
                    continue
                before = words[m.start:m.end - n]
                low = [w.lower() for w in before]
                if not all(w[:1].isupper() or w[:1].isdigit() for w in before) or low[-1] in _REGION_WORDS \
                        or _unit_at(words, m.start):
                    break
                if low[0] in _FACILITIES:
                    cut = n if p >= 2 and any(w not in _FACILITY_WORDS and w.isalpha() for w in low[1:]) else 0
                elif "province" in kinds and p <= 3 and not any(
                        w in _GENERIC or w in _COMPASS or w in role_words() or w in org_heads
                        or not w.isalpha() for w in low) and _unit_at(before, 0) == 0:
                    cut = n
                break
        out += _place_cut_off(m, cut)
    return out


def _place_cut_off(m: _Mention, cut: int) -> list[_Mention]:
    """The mention with its last ``cut`` words made a place of their own (none cut: the mention)."""
    if not cut:
        return [m]
    return [_Mention(m.start, m.end - cut, m.label, m.how), _Mention(m.end - cut, m.end, "LOC", m.how)]


def _split_trailing_province(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """A body named after its town whose span runs on into the town's province, no comma between, is
    the body and the province, a place: "Polres Jember Jawa Timur", "Pemkab Bogor Jawa Barat", "DPRD
    Kota Bekasi Jawa Barat" (the province says where, the body's name ends with its town). The part
    before keeps two words at least and ends with a town or regency the knowledge base places in that
    very province ("Polresta Banda Aceh" is no "Banda" in Aceh: the town and the province's name are
    one city); the whole is no name the knowledge base knows."""
    out: list[_Mention] = []
    for m in mentions:
        cut = 0
        if m.label == "ORG" and m.end - m.start >= 3 and not kb.lookup(tx.span(m.start, m.end)):
            for n in (3, 2, 1):
                if m.end - m.start - n < 2:
                    continue
                tail = tx.span(m.end - n, m.end)
                provinces = {e.id for e in kb.lookup(tail)
                             if e.type == "LOC" and e.kind == "province" and tail in e.aliases}
                if not provinces:
                    continue
                town = any(e.type == "LOC" and e.kind in ("city", "regency") and e.parent in provinces
                           and not any(x.type == "LOC" for x in kb.lookup(tx.span(m.end - n - k, m.end)))
                           for k in (1, 2, 3) if m.end - n - k > m.start
                           for e in kb.lookup(tx.span(m.end - n - k, m.end - n)))
                cut = n if town else 0
                break
        out += _place_cut_off(m, cut)
    return out


# religious titles that open a person's name besides roles.toml's honorifics ("Habib Ali", "TGH Zainul")
_RELIGIOUS_TITLES = frozenset(("habib", "syekh", "tgh"))


def _split_at_honorific(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """A place's or a body's span that runs on into a person opened by an honorific is the place or
    body and the person ("Ketua MUI Kecamatan Cibatu KH Ahmad Jaelani", "Desa Sukamaju H. Udin
    Saprudin"): the part before opens with a place's or a unit's word or is a name the knowledge base
    knows, and two capitalised words at least follow the honorific. A road, a building or a school
    named after a person keeps its name ("Jalan KH Wahid Hasyim")."""
    words = tx.words
    titles = _lexicon().honorifics | _RELIGIOUS_TITLES
    out: list[_Mention] = []
    for m in mentions:
        texts = words[m.start:m.end]
        at = next((p for p in range(1, len(texts) - 2) if texts[p].lower() in titles
                   and all(w[:1].isupper() for w in texts[p + 1:p + 3])), 0) if m.label in ("LOC", "ORG") else 0
        first = texts[0].lower()
        if m.label in ("LOC", "ORG") and len(texts) >= 2 and texts[-1].lower() in titles \
                and any(x.start == m.end and x.label == "PER" for x in mentions):
            out.append(_Mention(m.start, m.end - 1, m.label, m.how))  # "Desa Sukamaju H." + "Udin Saprudin"
            continue
        if at and first not in _FACILITIES and (first in _REGION_WORDS or _unit_at(texts, 0)
                                               or kb.lookup(" ".join(texts[:at]))):
            out.append(_Mention(m.start, m.start + at, m.label, m.how))
            out.append(_Mention(m.start + at, m.end, "PER", m.how))
        else:
            out.append(m)
    return out


def _org_tail_first(tx: _Text, mentions: list[_Mention]) -> list[_Mention]:
    """A person's span that opens with the word closing a body's name ("MNC" + "Group Hary
    Tanoesoedibjo"): the word goes back to the body right before it (or is left out), the person
    keeps the rest, two capitalised words at least."""
    words = tx.words
    out: list[_Mention] = []
    for m in mentions:
        if m.label == "PER" and m.end - m.start >= 3 and words[m.start].lower() in _ORG_TAILS \
                and words[m.start][:1].isupper() and all(w[:1].isupper() for w in words[m.start + 1:m.end]):
            if out and out[-1].end == m.start and out[-1].label == "ORG":
                out[-1].end = out[-1].nend = m.start + 1
            out.append(_Mention(m.start + 1, m.end, "PER", m.how))
        else:
            out.append(m)
    return out


def _title_country(doc: Doc, m: _Mention, kb: KnowledgeBase) -> int:
    """How many words of a person's span, right after a title word, name a country (one or two:
    "Presiden Filipina Rodrigo Duterte", "Menteri Luar Negeri Korea Selatan Kang Kyung-wha"), when
    two or more capitalised words stay for the name, or, after a regional head's title, the
    Indonesian region it heads when one or more stay ("Bupati Sleman Kustini"); 0 otherwise."""
    if m.start == 0 or doc[m.start - 1].lower_ not in role_words():
        return 0
    # after a regional head's title the region it heads, then a name of one word or more ("Wakil Bupati
    # Sleman Danang Maharsa", "Gubernur Bali Koster")
    region = _heads_region([t.lower_ for t in doc[max(0, m.start - 2):m.start]])
    for n in (2, 1):
        if m.end - m.start - n < (1 if region else 2) or not all(t.is_title for t in doc[m.start + n:m.end]):
            continue
        text = doc[m.start:m.start + n].text
        if any(e.kind == "country" and text in e.aliases for e in kb.lookup(text)) and m.end - m.start - n >= 2 \
                or region and _indonesian_place(kb, text) and not _person_known(kb, doc[m.start:m.end].text):
            return n
    return 0


def _blended_org(word: str, kb: KnowledgeBase) -> bool:
    """An organisation's blended short name as the knowledge base knows it ("Kemenperin", "Kemnaker"):
    capitalised, six letters or more, no word news writes in lower case, no person's name."""
    if not (len(word) >= _BLEND_LETTERS and word[0].isupper() and word[1:].islower() and word.isalpha()
            and word.lower() not in _common_words()):
        return False
    found = kb.lookup(word)
    return any(e.kind == "org" and word in e.aliases for e in found) and not any(e.type == "PER" for e in found)


def _acronym(word: str) -> bool:
    return word.isupper() and word.isalpha() and 2 <= len(word) <= 6


def _split_bracketed(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """A name and its short form in brackets are two mentions: "Susilo Bambang Yudhoyono (SBY)" ->
    "Susilo Bambang Yudhoyono" + "SBY", as most corpora and the in-text alias rule want them; a
    span that is only a bracketed name loses its brackets. A legal form stays part of the name
    ("PT PLN (Persero)"), and so does a bracket inside a name ("Kepolisian Resor Kota (Polresta)
    Binjai")."""
    out: list[_Mention] = []
    for m in mentions:
        start, end = m.start, m.end
        close = next((k for k in range(start, end) if doc[k].text == ")"), None)
        if close is not None and not any(doc[k].text == "(" for k in range(start, close)):
            # a span that opens inside brackets: "(RSUD) Kardinah Kota Tegal" tagged from "RSUD"
            for a, b in ((start, close), (close + 1, end)):
                if b > a:
                    out.append(_Mention(a, b, m.label, m.how))
            continue
        if end - start >= 3 and doc[start].text == "(" and doc[end - 1].text == ")":
            start, end = start + 1, end - 1
        opened = next((k for k in range(start + 1, end - 2) if doc[k].text == "("), None)
        if opened is not None and doc[end - 1].text == ")" and \
                doc[opened + 1:end - 1].text.lower() not in LEGAL_FORMS and \
                not any(t.text in "()" for t in doc[opened + 1:end - 1]):
            out.append(_Mention(start, opened, m.label, m.how))
            out.append(_Mention(opened + 1, end - 1, m.label, m.how))
        elif (start, end) != (m.start, m.end):
            out.append(_Mention(start, end, m.label, m.how))
        else:
            out.append(m)
    return out


def _split_trailing_person(doc: Doc, tx: _Text, mentions: list[_Mention], kb: KnowledgeBase,
                           lex: _Lexicon) -> list[_Mention]:
    """An organisation or place span that runs on into a person's name: "Kementerian Kesehatan
    Barlian", with "Barlian" a person in this article, is the ministry and the person, when a title
    comes before the span and the knowledge base knows the part before the name as an organisation
    or a place. A person's name here is a PER mention's name, or its first or last word, or two
    words or more that are all parts of persons' names in the NER training data
    (``person_words.txt``: "PT Semen Padang Iskandar Zulkarnain Lubis", where the part before
    need only be two words or more), that the knowledge base knows as nothing else; after an
    acronym, any two or three words spelled as a name that the knowledge base does not know
    ("Kepala Bidang Persaingan Bisnis UE Margrethe Vestager"; one after an acronym the knowledge base knows as
    an organisation: "Kepala BNPB Suharyanto"; two or three after a one-word organisation it knows: "anggota
    Bawaslu Lolly Suhenty") or after a word the knowledge base knows
    as an organisation ("Kepala Pusat Penerangan Hukum Kejagung Harli Siregar") or after two or three
    words it knows as one ("... Kejaksaan Agung Harli Siregar"), and after an
    organisation of two words or more that the knowledge base knows, one to three such words ("Pejabat
    Kementerian Dalam Negeri Josue Boji"); after a place the knowledge base knows, two or three such words
    ("Bupati Kupang Ayub Titu Eki"), and one after a place of two words or more or an office or body named
    after a place ("... Divre II Sumatera Barat Sulthon", "Ketua Pengadilan Negeri Bengkulu Kaswanto",
    "Kepala Dinas Pendidikan Kota Bogor Sujatmiko"). The title may stand up to ten words before."""
    names: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.label == "PER":
            words = tuple(tx.words[m.nstart:m.nend])
            names.update((words, words[:1], words[-1:]))
    common = _common_words()
    person_words = _person_words()

    def person(rest: tuple[str, ...]) -> bool:
        known = rest in names or (len(rest) >= 2 and all(w in person_words for w in rest)) \
            or (len(rest) == 2 and rest[-1:] in names)  # "Jose Mourinho", with "Mourinho" a person
        return known and all(w[:1].isupper() and w.isalpha() and w.lower() not in _GENERIC
                             and w.lower() not in common for w in rest) \
            and not any(e.type in ("ORG", "LOC") for e in kb.lookup(" ".join(rest)))

    org = _org_words()
    org_heads = _lower_org_heads()

    def spelled(rest: tuple[str, ...], shortest: int = 2) -> bool:  # "Ketua KPK Agus Rahardjo", "UE Margrethe Vestager"
        return shortest <= len(rest) <= 3 and all(
            w[:1].isupper() and w[1:].islower() and w.isalpha() and w.lower() not in _GENERIC
            and not _DERIVED_NOUN.fullmatch(w.lower())
            and w.lower() not in common and w.lower() not in org_heads
            and (w.lower() not in lex.heads or 0 < i == len(rest) - 1)  # a title's word may end a name ("Lucky Hakim")
            and _unit_at(list(rest), i) == 0 and not kb.lookup(w) for i, w in enumerate(rest)) \
            and not kb.lookup(" ".join(rest))

    org_openers = org.heads | frozenset(org.units) | _OFFICES

    def placed(texts: list[str], p: int) -> bool:  # "Bupati Kupang", "Pengadilan Negeri Bengkulu": a place ends it
        return any(e.type == "LOC" for e in kb.lookup(" ".join(texts[:p]))) \
            or p >= 2 and texts[0] in org_openers and any(e.type == "LOC" for e in kb.lookup(texts[p - 1]))

    full_names = {tuple(tx.words[m.start:m.end]) for m in mentions if m.label == "PER" and m.end - m.start >= 2}
    # organisations the article names elsewhere, and the first words of those named before a place
    # ("Persib" of "Persib Bandung"): "Pelatih Persib Bojan Hodak" is the club's coach
    named_orgs = {tuple(tx.words[m.start:m.end]) for m in mentions if m.label == "ORG"}
    named_orgs |= {(word,) for word in _names_before_home(tx, mentions, kb)}
    out: list[_Mention] = []
    for m in mentions:
        # only after a title: "Staf Ahli ... Kementerian Kesehatan Barlian", "Wakil Wali Kota Tegal Nur
        # Sholeh"; without one, a team or a place is likelier ("Denver Nuggets", "Kota Bogor")
        titled = m.label != "PER" and m.end - m.start >= 2 and \
            (any(w.lower() in lex.heads for w in tx.words[max(0, m.start - _TITLE_REACH_WORDS):m.start])
             or m.start > 0 and tx.words[m.start - 1].lower() in _NATIONALITY)  # "warga negara Polandia Lukasz Herba"
        texts = tx.words[m.start:m.end]
        # the longest start the knowledge base knows as an organisation, then a name of two words or
        # more: "manajer Manchester United Jose Mourinho" is the club and the person, not the city and
        # "United Jose Mourinho" ("di NasDem Tower" is a building)
        known_split = next((p for p in range(len(texts) - 1, 0, -1)
                            if any(e.type == "ORG" for e in kb.lookup(" ".join(texts[:p])))
                            and (spelled(tuple(texts[p:])) or person(tuple(texts[p:])))), None) \
            if titled and m.label != "PER" else None
        if known_split is not None and not kb.lookup(tx.span(m.start, m.end)):
            out.append(_Mention(m.start, m.start + known_split, "ORG", m.how))
            out.append(_Mention(m.start + known_split, m.end, "PER", m.how))
        elif titled and not kb.lookup(tx.span(m.start, m.end)) and not _facility_name(texts):
            for p in range(1, len(texts)):
                rest = tuple(texts[p:])
                if any(w.lower() in _ORG_TAILS for w in rest):
                    continue  # no name holds "Group": "MNC Group Hary Tanoesoedibjo", "Songwriters Association"
                if any(w.lower() in _LEGAL_FORMS or w.lower() in LEGAL_FORMS for w in rest) or \
                        p == 1 and texts[0].lower() in _LEGAL_FORMS:
                    continue  # "PT Indosat Tbk": after "PT" comes the company's name; no name holds "Tbk"
                known_org = any(e.type == "ORG" for e in kb.lookup(" ".join(texts[:p])))
                if person(rest) and (known_org or any(e.type == "LOC" for e in kb.lookup(" ".join(texts[:p])))
                                     or p >= 2 and rest not in names and all(w in person_words for w in rest)
                                     or p == 1 and _acronym(texts[0])) \
                        or p == 1 and (_acronym(texts[0]) or (texts[0],) in named_orgs) and spelled(rest) \
                        or p == 1 and _acronym(texts[0]) and known_org and spelled(rest, 1) \
                        or p == 1 and known_org and spelled(rest) \
                        or p >= 2 and known_org and spelled(rest, 1) \
                        or p >= 2 and spelled(rest) and any(e.type == "ORG" for e in kb.lookup(texts[p - 1])) \
                        or p >= 3 and spelled(rest) and any(e.type == "ORG" for k in (2, 3) if p - k >= 1
                                                            for e in kb.lookup(" ".join(texts[p - k:p]))) \
                        or len(rest) >= 2 and any(e.type == "PER" for e in kb.lookup(" ".join(rest))) \
                        or placed(texts, p) and (spelled(rest) or (p >= 2 or _acronym(texts[0])) and spelled(rest, 1)) \
                        or p == 1 and _heads_region([w.lower() for w in tx.words[max(0, m.start - 2):m.start]]) \
                        and _indonesian_place(kb, texts[0]) \
                        and spelled(rest, 1) and not _person_known(kb, " ".join(texts)) \
                        or p == 2 and texts[0].lower() in _REGION_WORDS and spelled(rest) \
                        or p >= 2 and texts[p - 1].lower() in _ORG_TAILS and spelled(rest, 1):
                    # "Ketua Setara Institute Hendardi": a word that closes a body's name, then the person
                    # "tokoh masyarakat Kecamatan Fatuleu Lambertus Paut": a region's word, its one-word name
                    # "Pejabat Kementerian Dalam Negeri Josue Boji"; "Partai Republik Donald Trump" (a known person)
                    out.append(_Mention(m.start, m.start + p, m.label, m.how))
                    out.append(_Mention(m.start + p, m.end, "PER", m.how))
                    break
            else:
                out += _cut_full_name(tx, m, full_names)
        else:
            out += _cut_full_name(tx, m, full_names)
    return out


def _lower_common(word: str) -> bool:
    """A word in lower case joined of words news writes in lower case ("kementerian/lembaga"; not
    "kumparan", an outlet's name that is also a word)."""
    parts = re.split(r"[/-]", word)
    return len(parts) >= 2 and word.islower() and all(p in _common_words() for p in parts)


_GLUE = frozenset(("dan", "untuk", "dari", "di", "&"))


def _common_phrase(tx: _Text, m: _Mention, kb: KnowledgeBase) -> bool:
    """An organisation's mention of two or more words, each a word news writes in lower case, none
    opening a body's or an institution's name and unknown to the knowledge base, is a capitalised term
    ("Pertambahan Nilai Ditanggung Pemerintah"), no body's name. (On the NER corpora's train files, 5 of
    the 4,883 organisations the annotators marked are such: "Gudang Garam", "Barisan Pelopor".)"""
    names = [w for w in tx.words[m.start:m.end] if w.lower() not in _GLUE]
    first = tx.words[m.start].lower()
    return len(names) >= 2 and all(w[:1].isupper() and w.lower() in _common_words() for w in names) \
        and first not in _org_name_words() and not kb.lookup(tx.span(m.start, m.end))


@cache
def _org_name_words() -> frozenset[str]:
    """Words that open or close a body's or an institution's name (lower case)."""
    org = _org_words()
    return frozenset(w.lower() for w in org.heads) | frozenset(w.lower() for w in org.units) \
        | _lower_org_heads() | _INSTITUTION_WORDS | _ORG_TAILS


_DIGIT = re.compile(r"\d")  # a person's name is written without digits
# a noun derived with pe(r)-/ke- ... -an ("Perparkiran", "Pembangunan", "Kesehatan") names an office's
# field, never a person
_DERIVED_NOUN = re.compile(r"(?:per|pen|pem|peng|peny|pe|ke)[a-z]{3,}an")


def _facility_name(words: list[str]) -> bool:
    """The span names a building, a site or a road ("Gedung Telkom Grha Cipta Caraka", "Bandar Udara
    Juwata"): whatever words follow its opening word are its name, no person's."""
    low = [w.lower() for w in words[:2]]
    return low[0] in _FACILITIES or low == ["bandar", "udara"]


# the heads of a region's government, whose title names the region right before the person's name
# ("Bupati Sleman Kustini", "Wali Kota Solo Gibran", "Gubernur Bali Koster")
_REGION_HEADS = frozenset("bupati wabup gubernur wagub walikota walkot camat lurah".split())


def _heads_region(before: list[str]) -> bool:
    """The (lower-case) words right before a span end with a regional head's title: "Bupati", "Wakil
    Bupati", "Gubernur", "Wali Kota", "Walikota"."""
    return bool(before) and (before[-1] in _REGION_HEADS or before[-2:] == ["wali", "kota"])


# words that close a body's name ("Lippo Group", "Setara Institute", "Indonesia Corruption Watch")
_ORG_TAILS = frozenset("group grup institute institut foundation watch center centre corporation corp holdings "
                       "network initiative association endowment society council company agency federation "
                       "union league committee alliance cheerleaders".split())
# words after which a place names where a person is from ("warga negara Polandia Lukasz Pawel Herba",
# "WNA asal Nigeria John Okafor"): a place and a name
_NATIONALITY = frozenset("negara wn wna wni asal kebangsaan berkebangsaan kewarganegaraan".split())
# words a title may stand before a span it heads ("Kepala PT Kereta Api Indonesia (KAI) Divre II
# Sumatera Barat Sulthon")
_TITLE_REACH_WORDS = 10
# government offices whose names end in the place they serve ("Dinas Pendidikan Kota Bogor")
_OFFICES = frozenset(("Dinas", "Balai", "Biro", "Sudin"))


def _cut_full_name(tx: _Text, m: _Mention, full_names: set[tuple[str, ...]]) -> list[_Mention]:
    """The span, or the body or place it opens with and the person whose full name ends it
    ("Kabupaten Kupang Christina Titu Eki", "Setara Institute Hendardi Saputra", where the article names
    "Christina Titu Eki" as a person elsewhere)."""
    cut = _full_name_at_end(tx, m, full_names) if m.label != "PER" and m.end - m.start >= 3 else None
    if cut is None:
        return [m]
    return [_Mention(m.start, cut, m.label, m.how), _Mention(cut, m.end, "PER", m.how)]


# words opening a name given after a person ("Jalan Jenderal Sudirman", "Bandara Soekarno Hatta")
_NAMED_AFTER = frozenset("Jalan Jl Jln Bandara Stadion Universitas Masjid Gedung Museum Taman Yayasan Rumah Tol "
                         "Gelanggang Institut Sekolah Pondok Makam Monumen Lapangan Hotel Kapal Gang Perumahan "
                         "Pelabuhan Terminal Stasiun Balai Aula Wisma Graha Kampus Piala".split())


def _named_after_person(doc: Doc, tx: _Text, mentions: list[_Mention]) -> list[_Mention]:
    """A place or building the NER closed before the person it is named after, which it tagged a
    person ("Bandara Internasional" + "John F. Kennedy", "Stadion Kapten I" + "Wayan Dipta"): one
    place, when the person's name follows after a single space and the place opens with a word of
    such names (``_NAMED_AFTER``: "Bandara", "Stadion", "Jalan")."""
    out: list[_Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and m.label == "PER" and prev.label in ("LOC", "ORG") and prev.end == m.start \
                and doc[prev.end - 1].whitespace_ == " " and tx.words[prev.start] in _NAMED_AFTER:
            prev.end = prev.nend = m.end
            continue
        out.append(m)
    return out


def _full_name_at_end(tx: _Text, m: _Mention, full_names: set[tuple[str, ...]]) -> int | None:
    """Where a person's full name (two words or more, a PER mention elsewhere in the article) ends an
    organisation's or a place's span, leaving a capitalised part before it; None when none does or
    when the span is named after someone ("Jalan ...", "Bandara ...", "RSUD ...")."""
    words = tx.words[m.start:m.end]
    if words[0] in _NAMED_AFTER or words[0] in _org_words().named_after_people:
        return None
    for p in range(1, len(words) - 1):
        if tuple(words[p:]) in full_names and words[p - 1][:1].isupper():
            return m.start + p
    return None


def _rank_at(doc: Doc, k: int, end: int, lex: _Lexicon) -> int:
    """The end of a rank written at token ``k`` ("Kombes", "Komisaris Besar Polisi", "Brigjen TNI
    (Purn)"), its force and corps words included; ``k`` when none starts there."""
    for phrase in lex.ranks.get(doc[k].lower_, ()):
        j = k + len(phrase)
        if j <= end and tuple(t.lower_ for t in doc[k:j]) == phrase:
            while j < end and doc[j].lower_ in lex.rank_tails:
                j += 1
            return j
    return k


def _split_at_ranks(doc: Doc, mentions: list[_Mention], lex: _Lexicon) -> list[_Mention]:
    """A rank inside a span starts a person's name: "Polda Metro Jaya Kombes Argo Yuwono" typed ORG
    is the organisation "Polda Metro Jaya" and the person "Argo Yuwono" (the rank becomes the role),
    "AKP Eduard Tobing" typed ORG is a person, "Gugus Keamanan Laut Barat Laksma" loses the rank
    that belongs to the name after it. A person's span that opens with the rank is left to the
    title stripping, one that ends with it keeps it ("Lex Laksamana"); places named after ranked
    people keep their name ("Jalan Letjen S Parman"), and "(Purn)" after a rank is no organisation."""
    out: list[_Mention] = []
    for m in mentions:
        first = 1 if m.label == "PER" else 0
        if doc[m.start].lower_ in lex.rank_named:
            out.append(m)
            continue
        k, j = m.start + first, m.start + first
        while k < m.end:
            j = _rank_at(doc, k, m.end, lex)
            if j > k and doc[k].text[:1].isupper():
                break
            k += 1
        named = j < m.end and doc[j].text[:1].isupper() and doc[j].is_alpha
        if k >= m.end or (m.label == "PER" and not named):
            if not (m.end - m.start == 1 and doc[m.start].lower_.rstrip(".") in _RETIRED):
                out.append(m)
            continue
        if k > m.start:
            out.append(_Mention(m.start, k, "ORG" if m.label == "PER" else m.label, m.how))
        if named:
            out.append(_Mention(k, m.end, "PER", m.how))  # the rank stays as a title, stripped later
    return out


_OPENING_MARKS = frozenset('"“‘\'(')
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def _opens_sentence(doc: Doc, words: list[str], k: int) -> bool:
    """Word ``k`` opens a sentence or a quotation (opening marks before it skipped)."""
    j = k
    while j > 0 and (words[j - 1] in _OPENING_MARKS or words[j - 1].isspace()):  # or a line break
        j -= 1
    return j == 0 or doc[k].is_sent_start is True or doc[j].is_sent_start is True or words[j - 1] in _SENTENCE_ENDS


def _without_opening_words(doc: Doc, tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """Less the one-word mentions that are a common word capitalised only because it opens a sentence
    or a quotation ("Kebijakan itu ...", "Vonis dijatuhkan ...", '"Account secured ..."'): a word
    news writes in lower case (``common_words.txt``) that the knowledge base does not know and that
    the article never writes capitalised inside a sentence ("Novel" stays where "penyidik KPK Novel
    Baswedan" is written too)."""
    common = _common_words()
    words = tx.words

    def opening(k: int) -> bool:
        return _opens_sentence(doc, words, k)

    suspects = {id(m) for m in mentions if m.end - m.start == 1 and words[m.start].lower() in common
                and opening(m.start) and not kb.lookup(words[m.start])}
    if not suspects:
        return mentions  # most articles: no scan of their words
    inside = {w for k, w in enumerate(words) if w[:1].isupper() and k and not opening(k)}
    return [m for m in mentions if id(m) not in suspects or words[m.start] in inside]


def _without_opening_verbs(doc: Doc, tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> None:
    """A verb that opens a sentence is no part of the name after it ("Papar Bambang kepada
    wartawan", "Ada Luna Maya dan ...", "Ungkap Kasat Reskrim ..."), nor is a common noun before a
    person's name ("Akun Ahmad Sopandi mengeluhkan ...", "Presenter Robby Purba ..."): the mention
    starts after it when the word is a verb news writes in lower case (``verbs.txt``,
    ``common_words.txt``), or any word news writes in lower case before a person's name, no word of
    persons' names, the knowledge base knows neither it nor the whole span, a capitalised word follows
    it in the span, and the article never writes it capitalised inside a sentence."""
    words = tx.words
    verbs, common, person_words = verb_words(), _common_words(), _person_words()

    def opening(k: int) -> bool:
        return _opens_sentence(doc, words, k)

    suspects = [m for m in mentions if m.end - m.start >= 2 and m.nstart == m.start
                and (low := words[m.start].lower()) in common and (low in verbs or m.label == "PER")
                and words[m.start][:1].isupper()
                and words[m.start] not in person_words and words[m.start + 1][:1].isupper() and opening(m.start)
                and not kb.lookup(words[m.start]) and not kb.lookup(tx.span(m.start, m.end))]
    if not suspects:
        return  # most articles: no scan of their words
    inside = {w for k, w in enumerate(words) if w[:1].isupper() and k and not opening(k)}
    for m in suspects:
        if words[m.start] not in inside:
            m.start = m.nstart = m.start + 1


_PLACE_UNITS = frozenset(("kabupaten", "provinsi", "kecamatan", "kelurahan", "desa", "wilayah", "daerah"))


def _not_a_name(word: str, lex: _Lexicon, kb: KnowledgeBase) -> bool:
    """A one-word mention that names nothing: a single letter, a word written in lower case the
    knowledge base and the outlets do not know ("man"; not "kumparan"), a common word with "-nya"
    attached ("Kesetiaannya") or "-mu"/"-ku" ("Presidenmu"), a compass word or a generic place word
    alone ("Selatan", "Kabupaten"), or a person's title alone ("Kapolsek")."""
    low = word.lower()
    if len(word) == 1 and word.isalpha():
        return True
    if word.islower() and (word.isalpha() or not any(c in word for c in ".@")) and not kb.lookup(word) \
            and not outlet_for_form(word):  # "man", "kementerian/lembaga" (not a domain: "detik.com")
        return True
    if low.endswith("nya") and len(low) > 6 and low[:-3] in _common_words():
        return True
    stem = low[:-2] if low.endswith(("mu", "ku")) and len(low) > 5 else None
    if stem is not None and (stem in _common_words() or stem in role_words()) and not kb.lookup(word):
        return True  # "Presidenmu", "Bapakmu": a title or a word with "your"/"my" attached
    if (low in _COMPASS or low in _PLACE_UNITS) and not kb.lookup(word):
        return True  # "Selatan", "Kabupaten": a word of a place's name, cut from it
    return low in lex.heads and not kb.lookup(word)


def _shouted(words: list[str], kb: KnowledgeBase) -> bool:
    """Common words in a passage written in capitals ("KEIMANAN", "JANGANLAH KAMU", "HAWA NAFSU"):
    every word all capitals, of four letters or more, a word news writes in lower case (with
    "-lah"/"-kah"/"-nya" attached or not), and the knowledge base knows none of them."""
    def word(w: str) -> bool:
        return w.isupper() and w.isalpha() and len(w) >= 4 and _common_form(w.lower()) and not kb.lookup(w)

    return all(map(word, words)) and not kb.lookup(" ".join(words))


_CLITICS = ("lah", "kah", "nya")
_AFFIXED = (("ke", "an"), ("ber", ""), ("ber", "an"), ("di", ""), ("di", "i"), ("di", "kan"), ("ter", ""),
            ("per", "an"), ("", "an"), ("", "kan"))  # a prefix and a suffix news words are made with


@lru_cache(maxsize=4096)
def _common_form(low: str) -> bool:
    """A word news writes in lower case, or one made from such a word of three letters or more by a
    clitic ("-lah", "-kah", "-nya") and one common affix pair ("keimanan" from "iman", "beriman",
    "dikehendaki" from "kehendak", "tuhannya")."""
    common = _common_words()
    if low in common:
        return True
    forms = [low] + [low[:-3] for c in _CLITICS if low.endswith(c)]
    return any(f in common or any(f.startswith(pre) and f.endswith(suf) and len(f) - len(pre) - len(suf) >= 3
                                  and f[len(pre):len(f) - len(suf)] in common for pre, suf in _AFFIXED)
               for f in forms)


@cache
def _not_names() -> frozenset[str]:
    data = load_toml("not_names.toml")
    return frozenset(data["pronouns"]) | frozenset(data["generic_acronyms"]) | frozenset(data["holidays"]) \
        | frozenset(data["titles"]) | frozenset(data["interjections"])


@cache
def _units_alone() -> frozenset[str]:
    return frozenset(load_toml("not_names.toml")["units_alone"])


_ADMIN_WORDS = frozenset(("Kabupaten", "Kota", "Provinsi", "Kab.", "Kecamatan", "Metro"))  # "Polres Metro Bekasi"
# words that open a region's name, lower case ("Kecamatan Fatuleu", "Kota Bogor", "Kab. Garut")
_REGION_WORDS = _PLACE_UNITS | frozenset(w.lower() for w in _ADMIN_WORDS) | {"kab"}


@dataclass(frozen=True, slots=True)
class _OrgWords:
    """org_units.toml, read once."""
    units: dict[str, tuple[tuple[str, ...], ...]]  # unit words by their first word, longest first
    party_units: frozenset[str]
    party_words: frozenset[str]
    heads: frozenset[str]  # words that open an organisation's name
    named_after_people: frozenset[str]


@cache
def _lower_org_heads() -> frozenset[str]:
    """The words that head organisations' and parties' names, lower case."""
    org = _org_words()
    return frozenset(w.lower() for w in (*org.heads, *org.party_words))


@cache
def _counted_heads() -> frozenset[str]:
    """Words that head a body's, a party's, a facility's or a region's name: a number in brackets
    after such a name counts something ("Partai Garuda (1)"), it is no person's age."""
    return _lower_org_heads() | _FACILITY_WORDS | _REGION_WORDS | {"warung", "toko"}


@cache
def _org_words() -> _OrgWords:
    data = load_toml("org_units.toml")
    units: dict[str, list[tuple[str, ...]]] = {}
    for unit in sorted((tuple(u.split()) for u in data["units"]), key=len, reverse=True):
        units.setdefault(unit[0], []).append(unit)
    return _OrgWords({first: tuple(u) for first, u in units.items()}, frozenset(data["party_units"]),
                     frozenset(data["party_words"]), frozenset(data["org_heads"]),
                     frozenset(data["named_after_people"]))


def _unit_at(words: list[str], k: int) -> int:
    """How many words a unit word ("Polda", "Pemerintah Kota") takes at word k; 0 for none."""
    for unit in _org_words().units.get(words[k], ()) if 0 <= k < len(words) else ():
        if tuple(words[k:k + len(unit)]) == unit:
            return len(unit)
    return 0


def _unit_places(tx: _Text, mentions: list[_Mention]) -> list[_Mention]:
    """A unit word and the place right after it are one organisation ("Polda" + "Jawa Barat",
    "Pemkot" untagged + "Bandung"), and an organisation span coordinating two units is two
    ("Polres Bogor dan Pemkot Bandung") (``org_units.toml``). News gold names the institution
    this way; NER-UI mostly tags the place alone (MODEL.md)."""
    words = tx.words
    split: list[_Mention] = []
    for m in mentions:
        cuts = [k for k in range(m.start + 1, m.end - 1)
                if words[k] in ("dan", "serta", ",") and _unit_at(words, k + 1) and _unit_at(words, m.start)]
        if m.label != "ORG" or not cuts:
            split.append(m)
            continue
        for a, b in itertools.pairwise([m.start, *cuts, m.end]):
            a = a if a == m.start else a + 1
            if b > a:
                split.append(_Mention(a, b, "ORG", m.how))
    out: list[_Mention] = []
    party_units, party_words = _org_words().party_units, _org_words().party_words
    for m in split:
        prev = out[-1] if out else None
        if m.label == "ORG" and words[m.start] in party_words and m.start > 0 and words[m.start - 1] in party_units \
                and (prev is None or prev.end <= m.start):
            if prev is not None and prev.end == m.start:
                out.pop()  # "DPD" (the NER's ORG) + "Partai Golkar": the party's regional board
            out.append(_Mention(m.start - 1, m.end, "ORG", m.how))
            continue
        if m.label == "LOC" and _unit_at(words, m.start) and _unit_at(words, m.start) < m.end - m.start:
            m = _Mention(m.start, m.end, "ORG", m.how)  # "Polsek Kuta" typed a place
        if m.label != "LOC" or (prev is not None and prev.label == "ORG" and prev.end == m.start
                                and words[prev.start] in party_units):
            if m.label == "LOC" and prev is not None:
                out[-1] = _Mention(prev.start, m.end, "ORG", prev.how)  # "DPD Partai Golkar" + "Jawa Barat"
                continue
            out.append(m)
            continue
        start = m.start  # "KPU Kabupaten Bekasi": an administrative word between the unit and the place
        while start > 0 and words[start - 1] in _ADMIN_WORDS and (prev is None or prev.end < start):
            start -= 1
        if prev is not None and prev.end == start and prev.label in ("ORG", "LOC") \
                and (_unit_at(words, prev.start) == prev.end - prev.start
                     or prev.label == "ORG" and _ends_in_unit(words, prev)):
            out[-1] = _Mention(prev.start, m.end, "ORG", prev.how)  # "Polda" + "Jawa Barat" ("Ditreskrimum Polda" + …)
            continue
        size = next((n for n in range(1, 3) if start - n >= 0 and _unit_at(words, start - n) >= n
                     and (prev is None or prev.end <= start - n)), 0)  # "Pemerintah" + "Kota Bekasi"
        out.append(_Mention(start - size, m.end, "ORG", m.how) if size else m)  # "Pemkot" + "Bandung"
    return out


def _without_overlaps(mentions: list[_Mention], others: list[Span]) -> list[_Mention]:
    """Mentions that share no token with an earlier one or with the NER's other spans: the rules
    above each keep their own spans apart, and this keeps any slip between them from failing the
    article (spaCy refuses overlapping entities)."""
    held = {k for span in others for k in range(span.start, span.end)}
    out = []
    for m in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if any(k in held for k in range(m.start, m.end)):
            continue
        held.update(range(m.start, m.end))
        out.append(m)
    return out


@cache
def _misc_words() -> tuple[dict[str, tuple[tuple[str, ...], ...]], frozenset[str]]:
    """misc.toml's openers by their first word (as word tuples), and its cues."""
    data = load_toml("misc.toml")
    openers: dict[str, list[tuple[str, ...]]] = {}
    for opener in data["openers"]:
        words = tuple(opener.split())
        openers.setdefault(words[0], []).append(words)
    return {first: tuple(o) for first, o in openers.items()}, frozenset(data["cues"])


def _misc(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """Laws, programmes, products, works and events are MISC, not persons or organisations
    (misc.toml): a name that opens with a law's or programme's word, or stands right after a
    product's or work's word, unless the knowledge base knows it as an organisation or a place.
    A product's name that runs on into a person the article names is the product and the person
    ("akun Instagram Mahfud MD")."""
    openers, cues = _misc_words()
    words = tx.words
    people = {tuple(words[m.nstart:m.nend]) for m in mentions if m.label == "PER"}
    out: list[_Mention] = []
    for m in mentions:
        if m.how in ("kb", "outlet"):
            out.append(m)
            continue
        opens = m.end - m.start > 1 and any(tuple(words[m.start:m.start + len(o)]) == o
                                            for o in openers.get(words[m.start], ()))
        cued = m.start > 0 and words[m.start - 1] in cues
        if cued and not opens and words[m.start - 1] in _OWNER_CUES and \
                (m.label == "PER" and m.end - m.start >= 2 or words[m.start].lower() in _LEGAL_FORMS):
            cued = False  # "kebijakan Susi Pudjiastuti", "proyek PT Anandya Breka Konstruksi": whose it is
        if not (opens or cued) or any(e.type in ("ORG", "LOC", "PER") for e in kb.lookup(tx.span(m.start, m.end))):
            out.append(m)
            continue
        cut = next((k for k in range(m.start + 1, m.end) if tuple(words[k:m.end]) in people), None) if cued else None
        if cut is not None:
            out.append(_Mention(m.start, cut, "MISC", m.how))
            out.append(_Mention(cut, m.end, "PER", m.how))
        else:
            m.label = "MISC"
            out.append(m)
    return out


# cues of misc.toml after which a person's or a company's name is whose the thing is, not its name
_OWNER_CUES = frozenset(("kebijakan", "proyek", "program", "programnya", "skema", "operasi"))
_COMMISSION = re.compile(r"(?:[IVX]{1,4}|[A-E])")
_LEGISLATURES = ("DPR", "DPRD", "DPD", "MPR")


def _commissions(tx: _Text, mentions: list[_Mention], lex: _Lexicon) -> list[_Mention]:
    """A legislature's numbered commission is a body of its own ("rapat dengan Komisi IV DPR", "Komisi A
    DPRD DKI Jakarta"): "Komisi" and its number join the legislature's mention, unless a title opens
    them ("Anggota Komisi III DPR Habiburokhman": a role, the legislature stays its own)."""
    words = tx.words
    for m in mentions:
        k = m.start
        if m.label == "ORG" and k >= 2 and words[k].startswith(_LEGISLATURES) and words[k - 2] == "Komisi" \
                and _COMMISSION.fullmatch(words[k - 1]) and not (k >= 3 and words[k - 3].lower() in lex.heads) \
                and not any(x.end > k - 2 and x.start < k for x in mentions if x is not m):
            m.start = m.nstart = k - 2
            m.kb = []
    return mentions


def _ends_in_unit(words: list[str], m: _Mention) -> bool:
    """The organisation's span ends with a unit word ("Ditreskrimum Polda", "Satreskrim Polres")."""
    return any(m.end - n > m.start and _unit_at(words, m.end - n) == n for n in (1, 2))


def _unit_then_admin(words: list[str], start: int, end: int) -> bool:
    """words[start:end] is a unit word, then administrative words at most ("Polres", "Polres Metro",
    "Pemkot Kota")."""
    size = _unit_at(words, start)
    return 0 < size <= end - start and all(w in _ADMIN_WORDS for w in words[start + size:end])


def _absorb_places(tx: _Text, mentions: list[_Mention]) -> list[_Mention]:
    """A place the knowledge base found right after a unit's or a party board's organisation
    becomes part of it ("DPD Partai Golkar" + "Provinsi Jawa Barat"); the organisation mention is
    extended in place (in-text aliases point to it). After a unit word no mention holds, the place
    becomes the unit's organisation ("Pemkot" + "Tangerang")."""
    words = tx.words
    party_units, party_words = _org_words().party_units, _org_words().party_words
    drop: set[int] = set()
    prev: _Mention | None = None
    for m in sorted(mentions, key=lambda m: m.start):
        if prev is not None and prev.label == "ORG" and prev.end == m.start and (
                m.label == "LOC" and m.how == "kb" and (words[prev.start] in party_units
                                                        or _unit_then_admin(words, prev.start, prev.end)
                                                        or _ends_in_unit(words, prev))
                or m.label == "ORG" and prev.end - prev.start == 1 and words[prev.start] in party_units
                and words[m.start] in party_words):
            prev.end = prev.nend = m.end  # "DPD" + "Partai Golkar" + "Provinsi Jawa Barat"
            prev.kb = []
            drop.add(id(m))
            continue
        if m.label == "LOC" and m.how == "kb" and (prev is None or prev.end < m.start):
            # the NER saw neither: "Pemkot" + "Tangerang" (a city the knowledge base found) is the city's government
            # ("Pemerintah" + "Provinsi Lampung": the unit "Pemerintah Provinsi" runs into the place's name)
            floor, at = prev.end if prev else 0, m.start
            while at - 1 > floor and words[at - 1] in _ADMIN_WORDS:  # "Polres" + "Metro" + "Bekasi"
                at -= 1
            size = next((n for n in (1, 2) if at - n >= floor
                         and n <= _unit_at(words, at - n) < n + m.end - at), 0)
            if size:
                m.start, m.nstart, m.label, m.kb = at - size, at - size, "ORG", []
        prev = m
    return [m for m in mentions if id(m) not in drop]


_COORDINATORS = frozenset(("dan", "&"))
_COORDINATED_WORDS = 4  # capitalised words after "dan" a name may run on with


def _coordinated_names(doc: Doc, tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """An organisation's name that coordinates its fields runs on past "dan" when the longer name is
    the one the knowledge base knows ("Lembaga Perlindungan Saksi dan Korban", "Badan Meteorologi,
    Klimatologi, dan Geofisika") or the one its bracketed acronym spells ("Balai Besar Pengawas Obat dan
    Makanan (BBPOM)"): the NER's shorter name is cut at the conjunction."""
    words, n = tx.words, len(tx.words)
    drop: set[int] = set()
    for m in mentions:
        if m.label != "ORG" or m.nstart != m.start:
            continue
        k = m.end + (1 if m.end < n and words[m.end] == "," else 0)
        if k >= n or words[k].lower() not in _COORDINATORS:
            continue
        run = k + 1
        while run < n and run - k <= _COORDINATED_WORDS and words[run][:1].isupper() and words[run].isalpha():
            run += 1
        for end in range(run, k + 1, -1):
            name = tx.span(m.start, end)
            spelled = end + 2 < n and words[end] == "(" and words[end + 2] == ")" and \
                _expansion_before(doc, end, words[end + 1]) == m.start
            if spelled or any(e.type == "ORG" for e in kb.lookup(name)):
                drop.update(id(x) for x in mentions if x is not m and m.end <= x.start < end)
                m.end = m.nend = end
                break
    return [m for m in mentions if id(m) not in drop] if drop else mentions


def _split_pairs(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """A person's span that is two people joined by a dash, as news writes a ticket or a duo
    ("Anies - Sandi", "Jokowi - JK"), is the two of them: each side one to three capitalised words,
    one side a person the article or the knowledge base knows by that word or name, or both two
    words or more spelled as persons' names ("Dedi Mulyadi-Erwan Setiawan"). An organisation's span
    that is two bodies the knowledge base knows joined by a dash is the two ("Persija-Persib"). Not a
    hyphenated given name the article writes inside a longer name or holding one ("Eun - Hye" beside
    "Yoon Eun - Hye")."""
    out: list[_Mention] = []
    for m in mentions:
        words = tx.words[m.start:m.end]
        dashes = [k for k, w in enumerate(words) if w in _DASHES]
        if m.label not in ("PER", "ORG") or len(dashes) != 1 or not 0 < dashes[0] < len(words) - 1:
            out.append(m)
            continue
        d = dashes[0]
        sides = (words[:d], words[d + 1:])
        if m.label == "ORG":  # "Persija-Persib": two bodies the knowledge base knows, a match between them
            if all(any(e.type == "ORG" for e in kb.lookup(" ".join(side))) for side in sides):
                out += [_Mention(m.start, m.start + d, "ORG", m.how), _Mention(m.start + d + 1, m.end, "ORG", m.how)]
            else:
                out.append(m)
            continue
        others = [tx.words[o.start:o.end] for o in mentions if o is not m and o.label == "PER"]
        known = {w for other in others for w in other}
        one_name = any(_within_longer(words, other) or _DASHES.intersection(other) and _within_longer(other, words)
                       for other in others)
        spelled = all(1 <= len(side) <= 3 and all(w[:1].isupper() for w in side) for side in sides)
        person = any(set(side) & known or any(e.type == "PER" for e in kb.lookup(" ".join(side))) for side in sides) \
            or all(len(side) >= 2 and spelled_as_person(" ".join(side)) for side in sides)  # "Dedi Mulyadi-Erwan S"
        if spelled and person and not one_name:
            out.append(_Mention(m.start, m.start + d, "PER", m.how))
            out.append(_Mention(m.start + d + 1, m.end, "PER", m.how))
        else:
            out.append(m)
    return out


def _within_longer(words: list[str], longer: list[str]) -> bool:
    """Whether ``words`` stand inside the longer name ``longer``, word for word."""
    n = len(words)
    return len(longer) > n and any(longer[i:i + n] == words for i in range(len(longer) - n + 1))


def _merge_adjacent_people(tx: _Text, mentions: list[_Mention]) -> list[_Mention]:
    """Two person spans with nothing between them (or only spaces) are one name the NER cut ("Sri
    Mulyani" + "Indrawati"), or with a middle initial between them ("Armand Mel" + "I." + "Hukom"); so are two
    with one capitalised word between them that the NER took for a common word ("Airlangga" +
    "Pribadi" + "Kusman"), where the words around are no capitalised ones (a headline in title case,
    "Jokowi Minta Prabowo Hadir", names two people) and that word is no verb, connector or title."""
    words, verbs = tx.words, verb_words()

    def cut_name(prev: _Mention, m: _Mention) -> bool:
        if prev.end == m.start or all(not words[k].strip() and "\n" not in words[k] for k in range(prev.end, m.start)):
            return True  # nothing, or only spaces of a scraped page ("Kholidin \xa0 Achmad"), between them
        gap = words[prev.end]
        if prev.end + 1 == m.start and re.fullmatch(r"[A-Z]\.", gap):
            return True  # a middle initial the NER left out: "Armand Mel" + "I." + "Hukom"
        return prev.end + 1 == m.start and _name_word(gap) and gap.lower() not in verbs \
            and gap.lower() not in _lexicon().heads \
            and not (prev.start > 0 and _name_word(words[prev.start - 1])) \
            and not (m.end < len(words) and _name_word(words[m.end]))

    lex = _lexicon()
    out: list[_Mention] = []
    for m in mentions:
        if out and m.label == "PER" and out[-1].label == "PER" and cut_name(out[-1], m) \
                and words[out[-1].start:out[-1].end] != words[m.start:m.end]:  # "Michelle Obama Michelle Obama": twice
            last = words[out[-1].end - 1]
            if last.lower() in lex.heads or last.lower().rstrip(".") in lex.honorifics or _is_rank_word(last, lex):
                out[-1] = m  # a title chain the NER typed PER ("Kasubdit ... Kompol Pol" + "Fahri Siregar"): the title
            else:
                out[-1] = _Mention(out[-1].start, m.end, "PER", "ner")
        else:
            out.append(m)
    return out


def _name_word(word: str) -> bool:
    return word[:1].isupper() and word.isalpha() and word.lower() not in _CONNECTOR_WORDS


_CONNECTOR_WORDS = frozenset(("dan", "atau", "serta", "dengan", "vs", "versus", "kontra", "bersama", "di", "ke",
                              "dari"))


@cache
def verb_words() -> frozenset[str]:
    """data/verbs.txt (scripts/build_verbs.py): the verbs of POS-tagged news (the lines after "!" are
    verb-shaped words that are none; the quote finder reads those too)."""
    return frozenset(w for w in load_words("verbs.txt") if not w.startswith("!"))


_INITIAL_CUES = frozenset(("inisial", "berinisial", "inisialnya", "insial", "berinsial"))
_INITIALS = re.compile(r"[A-Z]{1,4}(?:\.[A-Z]{1,2})*\.?")  # "MA", "AS", "R.A", "T."


def _initials(tx: _Text, mentions: list[_Mention]) -> list[_Mention]:
    """The letters after "(ber)inisial" are a person's initials, as crime news writes a suspect or
    a victim ("pria berinisial MA", "tersangka dengan inisial AS dan RH"): a person, whatever the NER
    typed ("MA" is not the Mahkamah Agung there), and a person where the NER saw nothing; so are the
    same letters anywhere else in the article, and initials coordinated with them."""
    if "nisial" not in tx.text and "NISIAL" not in tx.text and "nsial" not in tx.text:
        return mentions  # (most articles: no word to look for)
    words = tx.words
    at = {m.start: m for m in mentions}
    held = {k for m in mentions for k in range(m.start, m.end)}
    out = list(mentions)
    people: set[str] = set()

    def person(k: int) -> None:
        m = at.get(k)
        if m is not None and m.end - m.start == 1:
            m.label, m.kb = "PER", []
        elif k not in held:
            m = _Mention(k, k + 1, "PER", "initials")
            out.append(m)
            at[k] = m
        else:
            return
        people.add(words[k])

    for k in range(1, len(words)):
        if words[k - 1].lower() not in _INITIAL_CUES or not _INITIALS.fullmatch(words[k]):
            continue
        person(k)
        j = k + 1
        while j + 1 < len(words):  # "AS (35) dan RH", "AS, RH dan MT"
            if words[j] == "(" and j + 2 < len(words) and words[j + 2] == ")":
                j += 3
                continue
            if words[j].lower() in ("dan", "serta", ",") and len(words[j + 1]) >= 2 \
                    and _INITIALS.fullmatch(words[j + 1]):
                person(j + 1)
                j += 2
                continue
            break
    for m in out:
        if m.label != "PER" and m.end - m.start == 1 and words[m.start] in people:
            m.label, m.kb = "PER", []  # "MA dikenal sebagai ..." after "berinisial MA"
    return sorted(out, key=lambda m: m.start)


def _retype(doc: Doc, tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> None:
    """Fix NER types that the knowledge base or the article itself contradicts:

    * a full person's name typed ORG or LOC ("Donald Trump", or every word a part of persons' names
      in the NER training data and the name unknown to the knowledge base) becomes PER;
    * a place or organisation typed PER ("Zona Demiliterisasi", "Washington") takes the knowledge
      base's type, unless the word is part of a person's name in this article;
    * a word of a person's name introduced earlier, typed LOC or ORG ("Lee", "Kim" after
      "Kim Jong Un"), becomes PER when the knowledge base knows nothing else by that word;
    * a name followed by an age ("TH (66)", "Lukasz Pawel Herba, 30,") is a person's, when the
      knowledge base knows nothing else by it nor by its first word, no word of it heads a body or
      a place ("Partai Garuda (1)") and no word of a contest is near (a club's rank);
    * a name set off by commas right after a title chain is its holder, a person (of two words or
      more, when spelled as a person's);
    * a body's name after a word of place ("di Intan Jaya") that the knowledge base knows only as an
      Indonesian town, regency or province is that place.
    """
    contest = _teams()[0]  # "Persib (3) unggul atas Persija (1)": a club's rank, no age
    heads = _counted_heads()  # "Partai Garuda (1)", "Warung Kopi Aceh (15)": a count, no age
    person_words: dict[str, int] = {}  # first or last word of a multi-word PER mention -> its start
    for m in mentions:
        if m.label == "PER" and m.end - m.start >= 2:
            for word in (tx.words[m.start], tx.words[m.end - 1]):
                person_words.setdefault(word, m.start)
    for m in mentions:
        text = tx.span(m.start, m.end)
        if m.label != "PER" and _aged(tx.words[m.end:m.end + 3]) and not kb.lookup(text) \
                and not kb.lookup(tx.words[m.start]) and heads.isdisjoint(w.lower() for w in tx.words[m.start:m.end]) \
                and contest.isdisjoint(w.lower() for w in tx.words[max(0, m.start - _AGE_REACH):m.end + _AGE_REACH]):
            m.label = "PER"
        elif m.label != "PER" and m.end - m.start >= 2:
            found = kb.lookup(text)
            if found and all(e.type == "PER" for e in found):
                m.label = "PER"
            elif not found and all(w in _person_words() and w.lower() not in _common_words()
                                   for w in tx.words[m.start:m.end]):
                m.label = "PER"  # every word a part of persons' names in the NER data ("Hendra Kurniawan")
            elif not found and _apposed_to_title(tx, m) and spelled_as_person(text):
                m.label = "PER"  # "Pelatih Maung Bandung, Bojan Hodak, puas"
        elif m.label == "PER" and m.end - m.start >= 2 and _country_word(tx.words[m.end - 1], kb) \
                and tx.words[m.start].lower() not in role_words() and tx.words[m.start].lower() not in _MONARCHS \
                and not any(w in _person_words() for w in tx.words[m.start:m.end - 1]) and not _person_known(kb, text):
            m.label = "ORG"  # "Hizbut Tahrir Indonesia": no person's name ends in a country's ("Hassan Turki" may)
        elif m.label == "PER" and text not in person_words:
            found = [e for e in kb.lookup(text) if m.end - m.start >= 2 or text in e.aliases or text == e.name]
            if found and all(e.type != "PER" for e in found) and \
                    (m.end - m.start >= 2 or found[0].kind in ("country", "territory", "city", "org", "place")) \
                    and not (m.end - m.start == 1 and _name_not_town(text, found)):
                m.label = found[0].type
                if m.end - m.start == 1 and found[0].kind == "city" and not contest.isdisjoint(
                        w.lower() for w in _sentence_around(tx.words, m.start, m.end, _SPORT_REACH)):
                    m.label = "ORG"  # "Astana berbalik unggul": the club, where the NER saw no place
        elif m.label != "PER" and m.end - m.start == 1 and person_words.get(text, m.start) < m.start and \
                not kb.lookup(text):
            m.label = "PER"
        elif m.label != "PER" and m.end - m.start == 1 and _apposed_to_title(tx, m) and not kb.lookup(text):
            m.label = "PER"  # "kata Kepala Seksi … Kantor Imigrasi Palu, Sunaryo, seperti …"

        if m.label != "PER" and _apposed_to_relative(tx, m, mentions) and not kb.lookup(text):
            m.label = "PER"  # "Istri Ridwan Kamil, Atalia Praratya, menyapa …"
        if m.label == "ORG" and m.start > 0 and tx.words[m.start - 1].lower() in _AT_PLACE and \
                _indonesian_place(kb, text):
            m.label = "LOC"  # "di Intan Jaya": a regency the NER typed as a body


_AT_PLACE = frozenset(("di", "ke", "dari", "wilayah", "kawasan", "daerah", "sekitar"))
_SPORT_REACH = 15  # words either side of a city the NER typed PER where a contest word makes it the club


def _sentence_around(words: list[str], start: int, end: int, reach: int) -> list[str]:
    """Up to ``reach`` words either side of ``start:end``, within its sentence (up to a full stop, a
    question or an exclamation mark)."""
    a = start
    while a > 0 and start - a < reach and words[a - 1] not in _SENTENCE_ENDS:
        a -= 1
    b = end
    while b < len(words) and b - end < reach and words[b] not in _SENTENCE_ENDS:
        b += 1
    return words[a:start] + words[end:b]


# titles that common given names share, so not roles.toml heads ("Raja Mohammed VI Maroko" is a person)
_MONARCHS = frozenset("raja ratu sultan kaisar emir syekh paus".split())


def _country_word(word: str, kb: KnowledgeBase) -> bool:
    """A country's name as written, no word of persons' names ("Indonesia"; not "Chad")."""
    return word not in _person_words() and any(
        e.kind == "country" and (word in e.aliases or word == e.name) for e in kb.lookup(word))


def _name_not_town(word: str, found: list[Entity]) -> bool:
    """A one-word name the NER typed PER that the knowledge base knows only as cities, each a foreign
    town under a million people, and that persons' names in the NER data are written with
    ("Rodriguez", "Elizabeth", "Davenport"): the person, not the town."""
    return word in _person_words() and all(
        e.kind == "city" and e.country != "ID" and (e.population or 0) < _BIG_CITY for e in found)


def _indonesian_place(kb: KnowledgeBase, text: str) -> bool:
    """The knowledge base knows the name only as an Indonesian town, regency or province (no club
    named after it plays there: "di Intan Jaya", not "ke Madrid")."""
    found = [e for e in kb.lookup(text) if text in e.aliases or text == e.name]
    return bool(found) and all(e.type == "LOC" and e.country == "ID" and e.kind != "country" for e in found)


# the sections of an office that titles name ("Kepala Seksi Pengawasan", "Kasubdit", "Kepala Bidang
# Humas"): a span typed PER that opens with one is part of a title, no one's name
_SUBUNITS = frozenset(("Seksi", "Subdit", "Subbag", "Subbagian", "Subbidang", "Bidang", "Bagian", "Sub"))
_TITLE_REACH = 16  # words back from an apposed name to the title that opens its phrase


def _apposed_to_title(tx: _Text, m: _Mention) -> bool:
    """The mention stands between commas (or a comma and the sentence's end) right after a title
    chain: a person's title, then capitalised words and connectors only ("Kepala Seksi Pengawasan
    dan Penindakan Keimigrasian Kantor Imigrasi Palu, Sunaryo,"; "Pelatih Maung Bandung, Bojan
    Hodak,"): the title's holder, a person, whatever the NER typed."""
    words = tx.words
    if m.start < 2 or words[m.start - 1] != "," or not all(
            w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words[m.start:m.end]):
        return False
    if m.end < len(words) and words[m.end] not in (",", ".", ";"):
        return False
    heads = _lexicon().heads
    for k in range(m.start - 2, max(-1, m.start - 2 - _TITLE_REACH), -1):
        w = words[k]
        if w.lower() in heads:
            return True
        if not (w[:1].isupper() or w in _CHAIN_WORDS):
            return False
    return False


_CHAIN_WORDS = frozenset(("dan", "dari", "untuk", "bidang", "urusan", "&"))
# kin: "istri X, Y," names Y, a person
_KIN = frozenset("istri suami anak putra putri adik kakak ayah ibu menantu cucu keponakan sepupu mertua ipar "
                 "ibunda ayahanda".split())


def _apposed_to_relative(tx: _Text, m: _Mention, mentions: list[_Mention]) -> bool:
    """The mention of one to three capitalised words stands between commas (or a comma and the
    sentence's end) right after a kin word and a person's name: "Istri Ridwan Kamil, Atalia Praratya,"
    names the wife, a person, whatever the NER typed."""
    words = tx.words
    if not 1 <= m.end - m.start <= 3 or m.start < 3 or words[m.start - 1] != "," \
            or not all(w[:1].isupper() and w[1:].islower() and w.isalpha() for w in words[m.start:m.end]):
        return False
    if m.end < len(words) and words[m.end] not in (",", ".", ";"):
        return False
    owner = next((p for p in mentions if p.label == "PER" and p.end == m.start - 1), None)
    return owner is not None and owner.start > 0 and words[owner.start - 1].lower() in _KIN


_AGE = re.compile(r"[1-9]\d?")
_AGE_REACH = 8  # words either side of an age where a contest word makes it a rank


def _aged(after: list[str]) -> bool:
    """The words after a name give an age: "(66)" or ", 30," (news writes a person's age so)."""
    return len(after) == 3 and (after[0], after[2]) in (("(", ")"), (",", ",")) and _AGE.fullmatch(after[1]) is not None


@cache
def _teams() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_toml("teams.toml")
    return frozenset(data["contest"]), frozenset(data["place_before"]), frozenset(data["from_side"])


def _clubs(doc: Doc, tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> None:
    """A city typed as a place next to a word of a contest is the club named after it ("Dortmund
    mengalahkan Mainz dengan skor 2-0", "Roma akan bertanding melawan Bologna"): an organisation.
    The contest word must be within ``_CLUB_REACH`` words in the same sentence. Not after a word that
    makes it the place ("di Madrid", "Kota Bologna", "tiba dari Roma"; but "kalah dari Roma" is the
    club), not in a chain of places ("Stadion Pakansari, Cibinong", "Bogor Raya, Sukabumi, Cianjur"),
    not a dateline ("Jakarta, CNN Indonesia --"); countries stay places (a national team is read as
    its country). Cue and place words: ``data/teams.toml``."""
    cues, place_before, from_side = _teams()
    cities = [m for m in mentions
              if m.label == "LOC" and m.end - m.start <= 2 and _city_name(tx.span(m.start, m.end), kb)]
    if not cities:
        return
    words, lower = tx.words, [w.lower() for w in tx.words]
    starts = sentence_starts(doc)[0]
    if not starts or starts[0] != 0:
        starts = [0, *starts]
    named = {k for m in mentions if m.label in ("LOC", "ORG") for k in range(m.start, m.end)}
    for m in cities:
        s = bisect.bisect_right(starts, m.start) - 1
        a, b = starts[s], starts[s + 1] if s + 1 < len(starts) else len(lower)
        near = lower[max(a, m.start - _CLUB_REACH):m.start] + lower[m.end:min(b, m.end + _CLUB_REACH)]
        if not cues.intersection(near) or lower[m.start] in place_before:  # "kota Bandung"
            continue
        before = lower[m.start - 1] if m.start > a else ""
        after = words[m.end] if m.end < len(words) else ""
        if before in place_before or (before == "dari" and (m.start - 2 < a or lower[m.start - 2] not in from_side)):
            continue
        if m.start > a and words[m.start - 1][:1].isupper() and words[m.start - 1].isalpha():
            continue  # the end of a longer name ("Lewis Hamilton"), not a club
        if (m.start == 0 or "\n" in words[m.start - 1]) and (after in (",", "(") or after in _DASHES):
            continue  # a dateline opening a paragraph: "Jakarta, CNN Indonesia --", "London (ANTARA) -", "Paris -"
        if (before == "," and m.start >= 2 and (m.start - 2 in named or words[m.start - 2][:1].isupper())) or \
                (after == "," and m.end + 1 < len(words) and (m.end + 1 in named or words[m.end + 1][:1].isupper())):
            continue  # one of a chain of names: "Glodok, Jakarta Barat", "Stadion 17 Mei, Banjarmasin"
        m.label = "ORG"


_CLUB_REACH = 3  # words between a club's name and the contest word that makes it one


def _city_name(text: str, kb: KnowledgeBase) -> bool:
    """A name the knowledge base reads first as a city, or not at all (a one-word name: "Chievo")."""
    found = kb.lookup(text)
    return found[0].kind == "city" if found else (" " not in text and text[:1].isupper())


def _strip_person(doc: Doc, m: _Mention, lex: _Lexicon) -> None:
    """Titles and honorifics at the start of a PER span are not the name: the span stays as the NER
    found it (corpora differ on whether "Ir." belongs to it), the name starts after them and the
    title becomes the role. At least one word stays, so a name that is also a title is kept."""
    start = m.start
    while start < m.end - 1:
        ranked = _rank_at(doc, start, m.end - 1, lex)  # "Kombes Pol", "Komisaris Besar Polisi"
        if ranked > start:
            start = ranked
            continue
        low = doc[start].lower_
        title = low in lex.heads or (start > m.start and low in lex.continuations)
        if title or low in lex.honorifics or low.rstrip(".") in lex.honorifics:
            start += 1
        else:
            break
    end = m.end
    # a syllable of an East Asian given name written in lower case after the span ("Lee Sung"
    # + "kwon"): short, not a word news writes in lower case, after a short capitalised syllable
    if end - start >= 2 and end < len(doc) and all(len(t) <= 5 for t in doc[start:end]) \
            and doc[end - 1].text[:1].isupper():  # not "Rafael Nadal" + "nomor"
        nxt = doc[end]
        if nxt.is_alpha and nxt.text.islower() and 2 <= len(nxt) <= 5 and nxt.text not in _common_words() \
                and nxt.text not in _NAME_PARTICLES and doc[end - 1].whitespace_:
            end = m.end = end + 1
    # a person's name has no lower-case Indonesian words ("Kim sepakat bahwa Washington" is the NER
    # running on); particles such as "bin" and name parts written in lower case ("Lee Sung kwon"),
    # which are not words news writes in lower case, stay
    common, verbs = _common_words(), verb_words()
    for k in range(start + 1, end):
        text = doc[k].text
        if (doc[k].is_alpha and text.islower() and text not in _NAME_PARTICLES and (text in common or text in verbs)) \
                or _HYPHENATED_VERB.fullmatch(text):  # "Abdullah Abdullah men-tweet bahwa"
            end = m.end = k
            break
    # the NER sometimes takes a trailing comma or bracket
    while end > start + 1 and not any(ch.isalnum() for ch in doc[end - 1].text):
        end -= 1
    while start < end - 1 and not any(ch.isalnum() for ch in doc[start].text):
        start += 1
    if start > m.start:
        words = [t.text for t in doc[m.start:start] if t.lower_.rstrip(".") not in lex.honorifics]
        if words:
            m.role = " ".join(words)
    m.nstart, m.nend = start, end


_HYPHENATED_VERB = re.compile(r"(?:me|mem|men|meng|ber|di)-[a-z]{3,}")  # "men-tweet", "di-posting"


def _is_rank_word(word: str, lex: _Lexicon) -> bool:
    """A word of a rank ("Kombes Pol", "Komisaris Besar Polisi")."""
    low = word.lower()
    return low in lex.ranks or low in lex.rank_tails or low in lex.rank_named or \
        any(low in phrase for phrases in lex.ranks.values() for phrase in phrases)


def _person_known(kb: KnowledgeBase, name: str) -> bool:
    return any(e.type == "PER" for e in kb.lookup(name))


def _first_name_before(tx: _Text, m: _Mention, lex: _Lexicon, kb: KnowledgeBase, held: set[int],
                       bodies: dict[int, _Mention]) -> None:
    """A first name the NER left out of an appositive person (", Panggah Susanto", "Dirjen X
    Panggah Susanto", "Wali Kota Mataram Mohan Roliskana"): one capitalised word right before the
    span, after a comma, a title, or a place or body that a title opens, that is no title, no word
    news writes in lower case and no known organisation or place."""
    k = m.start - 1
    if m.nstart != m.start or k < 1 or k in held:
        return
    word, before = tx.words[k], tx.words[k - 1]
    if not (word[:1].isupper() and word[1:].islower() and word.isalpha()) or word.lower() in _common_words() \
            or word.lower() in lex.heads or word.lower() in lex.honorifics or word.lower() in lex.continuations \
            or _is_rank_word(word, lex) or kb.lookup(word):
        return
    # after a title the word may be the title's own ("Sekretaris Kabinet", "Kepala Marga"): only a
    # word that persons' names are written with, or any after a rank ("Inspektur Jenderal Unggung")
    body = bodies.get(k)
    titled_body = body is not None and any(w.lower() in lex.heads for w in tx.words[max(0, body.start - 3):body.start])
    if before == "," or before.lower() in lex.heads and (word in _person_words() or _is_rank_word(before, lex)) \
            or titled_body:
        m.start = m.nstart = k
        held.add(k)


_NAME_WORDS_BEFORE = 2  # given names the NER may leave out of a person ("Aung San" of "Suu Kyi")
_TOWN = 200_000  # people in a town abroad whose name may be a given name too
# titles of rulers that news writes before a name and that are names too ("Ratu Elizabeth", "Raja
# Salman"; "Raja Juli Antoni"): never taken as a given name the NER left out
_SOVEREIGNS = frozenset("ratu raja pangeran putri sultan kaisar paus syekh syeikh mbah haji hajjah ny nyonya tuan "
                        "nona".split())  # and honorifics the corpora keep in the name ("Mbah Surip")


def _name_words_before(tx: _Text, m: _Mention, lex: _Lexicon, kb: KnowledgeBase, held: set[int]) -> None:
    """Given names the NER left out of a person right before the span ("pemimpin Myanmar Aung San
    Suu Kyi" tagged "Suu Kyi"): one or two capitalised words that may be given names
    (``_given_name``), taken when what stands before them allows it (``_closes_before``)."""
    if m.nstart != m.start:
        return
    n = 0
    while n < _NAME_WORDS_BEFORE and m.start - n - 1 >= 0 and m.start - n - 1 not in held \
            and _given_name(tx.words[m.start - n - 1], lex, kb):
        n += 1
    while n and not _closes_before(tx, m.start - n - 1, n, lex, kb):
        n -= 1
    if n:
        held.update(range(m.start - n, m.start))
        m.start = m.nstart = m.start - n


def _given_name(word: str, lex: _Lexicon, kb: KnowledgeBase) -> bool:
    """A capitalised word that may be a given name: no word news writes in lower case, no function
    word, title, honorific, rank, ruler's title or title written as one word ("Menkopolhukam"), and no
    known place or body (a small town abroad may share a given name: "San", a town in Mali)."""
    low = word.lower()
    return word[:1].isupper() and word[1:].islower() and word.isalpha() and low not in _common_words() \
        and low not in lex.heads and low not in lex.honorifics and low not in lex.continuations \
        and low not in FAMILIAR and not _is_rank_word(word, lex) and low not in _not_person_words() \
        and low not in STOP_WORDS and low not in _SOVEREIGNS \
        and not any(low.startswith(h) for h in lex.heads if len(h) >= 5) \
        and not any(e.kind != "city" or (e.population or 0) >= _TOWN for e in kb.lookup(word))


def _closes_before(tx: _Text, k: int, n: int, lex: _Lexicon, kb: KnowledgeBase) -> bool:
    """Word k may stand right before the n given names that follow it (``_name_words_before``): a
    known place that ends a title ("pemimpin Myanmar Aung San"); before anything else only names that
    persons are written with (``person_words.txt``: "Menteri Keuangan Sri", not "Sekretaris Kabinet",
    "Karya", "Selain"), one only after a title, and none after a lower-case word inside a title
    chain ("Menteri Pemuda dan Olahraga Imam Nahrawi")."""
    named = all(w in _person_words() for w in tx.words[k + 1:k + 1 + n])
    if k < 0 or not any(c.isalnum() for c in tx.words[k]):
        return named
    word = tx.words[k]
    if word.lower() in lex.heads or _is_rank_word(word, lex):
        return n == 1 and named  # "Presiden Joko" of "Widodo"; "Aktor Hollywood" is the title's
    if word.islower():
        for j in range(k - 1, max(-1, k - 5), -1):
            w = tx.words[j]
            if w.lower() in lex.heads:
                return False
            if not (w[:1].isupper() or w in ("dan", "&")):
                break
        return named
    return named or any(e.type == "LOC" for e in kb.lookup(word))


def _last_name_after(tx: _Text, m: _Mention, lex: _Lexicon, kb: KnowledgeBase, held: set[int]) -> None:
    """A last name the NER left out of a person set off by commas (", Airlangga Pribadi,": "pribadi" is
    also a word): one or two capitalised words right after the span, then the closing comma or full
    stop, that are no title's and no name the knowledge base knows."""
    words, k = tx.words, m.end
    if m.start < 1 or words[m.start - 1] != "," or m.end != m.nend:
        return
    j = k
    while j < len(words) and j - k < 2 and j not in held and words[j][:1].isupper() and words[j][1:].islower() \
            and words[j].isalpha() and words[j].lower() not in lex.heads and not kb.lookup(words[j]):
        j += 1
    if k < j < len(words) and words[j] in (",", "."):
        m.end = m.nend = j
        held.update(range(k, j))


# Balinese names open with a birth-order name, written after the article "I" (men) or "Ni" (women):
# "I Made Rai Sugiarta", "I Wayan Koster", "Ni Luh Putu Ariyaningsih"
_BALINESE_ORDER = frozenset("wayan putu gede made kadek nengah nyoman komang ketut luh".split())


def _balinese_article(tx: _Text, m: _Mention, held: set[int]) -> None:
    """The "I" or "Ni" the NER left before a Balinese name belongs to it (not to the title)."""
    k = m.nstart - 1
    if k >= 0 and k not in held and tx.words[k] in ("I", "Ni") and m.nstart < m.nend \
            and tx.words[m.nstart].lower() in _BALINESE_ORDER:
        m.nstart = k
        m.start = min(m.start, k)
        held.add(k)


def _role_before(doc: Doc, m: _Mention, lex: _Lexicon, taken: dict[int, str]) -> str | None:
    """'Presiden AS' in 'kata Presiden AS Donald Trump': title words, places and organisations."""
    k = m.start - 1
    opener = None
    if k > 0 and doc[k].text == "," and _closed_after(doc, m):
        k -= 1  # "Juru bicara KPK, Tessa Mahardhika Sugiarto, membenarkan": the title, then the name apposed
    while k >= 0 and m.start - k <= 12:  # "Ketua Umum Majelis Ulama Indonesia (Ketum MUI)"
        tok = doc[k]
        low = tok.lower_
        if low in lex.heads and taken.get(k) not in ("ORG", "LOC"):  # not "Direktorat Jenderal Pajak"
            opener = k
        elif not (low in lex.honorifics or low.rstrip(".") in lex.honorifics or low in lex.continuations
                  or low in lex.rank_tails or taken.get(k) in ("ORG", "LOC")
                  or (tok.is_upper and tok.is_alpha and len(tok) <= 6)
                  or tok.text in ("(", ")") or _jurisdiction(doc, k, lex, taken)
                  # "Anggota Komisi I DPR dari Fraksi PDIP TB Hasanuddin", "Utusan Khusus PBB untuk Suriah X"
                  or low in lex.in_title and k > 0 and doc[k + 1].text[:1].isupper() and doc[k - 1].text[:1].isupper()):
            field = _field_head(doc, k)
            if field is None:
                break  # kept going over: honorifics, role words, places and organisations, "RI", "DPR"
            opener, k = field, field  # "Pakar hukum tata negara Refly Harun": an expert and the field
        k -= 1
    if opener is None:
        return m.role
    m.rstart = opener
    role = doc[opener:m.nstart].text.rstrip(" ,")  # as written: "Presiden Amerika Serikat (AS)"
    if role.count("(") != role.count(")"):
        role = role.replace("(", "").replace(")", "")
    words = role.split()
    while words and words[0].lower().rstrip(".") in lex.honorifics:
        words.pop(0)
    return " ".join(words) or m.role  # the words up to the name: a stripped title included


# experts and practitioners named with their field in lower case ("pakar hukum tata negara", "pengamat
# kebijakan publik", "peneliti senior bidang ekonomi")
_FIELD_HEADS = frozenset("pakar pengamat ahli peneliti analis dosen akademisi praktisi konsultan aktivis "
                         "guru pemerhati epidemiolog kriminolog psikolog sosiolog antropolog psikiater "
                         "ekonom sejarawan budayawan ilmuwan pengusaha pegiat petinggi pengurus".split())
_FIELD_WORDS = 4  # lower-case words of a field


def _field_head(doc: Doc, k: int) -> int | None:
    """Where an expert's title opens when doc[k] is a lower-case word of their field: an expert's word
    (``_FIELD_HEADS``) within ``_FIELD_WORDS`` lower-case words before it."""
    for x in range(k, max(-1, k - _FIELD_WORDS - 1), -1):
        tok = doc[x]
        if tok.lower_ in _FIELD_HEADS:
            return x
        if not (tok.is_lower and tok.is_alpha):
            return None
    return None


def _closed_after(doc: Doc, m: _Mention) -> bool:
    """The name ends its phrase: a comma, a full stop or the text's end after it."""
    return m.end >= len(doc) or doc[m.end].text in (",", ".", ";")


_AS_ROLE = frozenset(("selaku", "sebagai"))
_ROLE_AFTER_WORDS = 12


def _role_after(doc: Doc, m: _Mention, lex: _Lexicon, taken: dict[int, str]) -> str | None:
    """A title written after the name: set off by a comma ("Henry Tanoto, Wakil Presiden Direktur PT
    Toyota Astra Motor, mengatakan") or after "selaku" ("Budi Gunadi Sadikin selaku Menteri
    Kesehatan"): a title word, then title words, capitalised words, organisations and places, up to
    a comma, a full stop or a word in lower case that is none of them."""
    k = m.end
    if k + 1 >= len(doc) or not (doc[k].text == "," or doc[k].lower_ in _AS_ROLE):
        return None
    k += 1
    if doc[k].lower_ not in lex.heads or taken.get(k) in ("ORG", "LOC", "PER"):
        return None
    end = k + 1
    while end < len(doc) and end - k < _ROLE_AFTER_WORDS:
        tok = doc[end]
        low = tok.lower_
        if taken.get(end) == "PER" or tok.is_punct and tok.text not in ("(", ")"):
            break
        if not (low in lex.heads or low in lex.continuations or taken.get(end) in ("ORG", "LOC")
                or tok.text[:1].isupper() or tok.is_digit or tok.text in ("(", ")") or low in ("dan", "&")):
            break
        end += 1
    if doc[end - 1].lower_ == "dan":
        end -= 1
    if end < len(doc) and not (doc[end].is_punct or doc[m.end].lower_ in _AS_ROLE):
        return None  # the title runs into the sentence: "Budi, Ketua RT setempat, …" ends at the comma
    role = doc[k:end].text
    return role.replace("(", "").replace(")", "") if role.count("(") != role.count(")") else role


def _title_orgs(doc: Doc, tx: _Text, mentions: list[_Mention], kb: KnowledgeBase, lex: _Lexicon) -> list[_Mention]:
    """The organisations a person's title names ("Kabid Humas Polda Jabar Kombes Yusri Yunus",
    "Direktur Utama Pertamina Nicke Widyawati"): a name the knowledge base knows as an organisation,
    or a unit word and the place it serves ("Polda" + "Jabar", org_units.toml), inside the title and
    in no other mention; an organisation of the title the NER cut short runs on to such a name. The
    person's span then starts at the name (the title stays its role)."""
    words = tx.words
    held = {k for m in mentions for k in range(m.start, m.end) if m.label != "PER"}
    out: list[_Mention] = []

    def capital(k: int) -> bool:
        w = words[k]
        return (w[:1].isupper() and (w.isalpha() or w.isalnum())) or w.isdigit()

    for m in mentions:
        if m.label == "PER" and m.rstart < 0 and m.role and m.start < m.nstart:
            m.rstart = m.start  # the title the NER's span holds ("Kabid Humas Polda Jabar Kombes Yusri")
        if m.label != "PER" or m.rstart < 0:
            continue
        found: list[_Mention] = []
        inside = False  # an organisation now reaches into the person's span (its title part)
        for x in mentions:  # "Polda" + "Jabar": an organisation of the title runs on to a known longer name
            if x.label == "ORG" and m.rstart <= x.start and x.end < m.nstart:
                for j in range(min(x.end + 3, m.nstart), x.end, -1):
                    if all(capital(k) and k not in held for k in range(x.end, j)) and (
                            any(e.type == "ORG" for e in kb.lookup(tx.span(x.start, j)))
                            or _unit_at(words, x.start) == x.end - x.start  # "Polda" + "Jabar"
                            and any(e.type == "LOC" for e in kb.lookup(tx.span(x.end, j)))):
                        held.update(range(x.end, j))
                        x.end = x.nend = j
                        inside = inside or j > m.start
                        break
        for size in (2, 1):  # "Direktur Utama Pertamina Nicke Widyawati": the name opens with the organisation
            j = m.nstart + size
            if m.role and m.nend - j >= 2 and all(capital(k) for k in range(m.nstart, j)):
                ent = next((e for e in kb.lookup(tx.span(m.nstart, j)) if e.type == "ORG"), None)
                if ent is not None and not _person_known(kb, tx.span(m.nstart, m.nend)):
                    found.append(_Mention(m.nstart, j, "ORG", "title", kb=[ent]))
                    m.role = f"{m.role} {tx.span(m.nstart, j)}"
                    m.nstart = j
                    break
        i = m.rstart
        while i < m.nstart:
            if i in held or not capital(i):
                i += 1
                continue
            hit = None
            for size in range(min(4, m.nstart - i), 0, -1):
                j = i + size
                if any(k in held for k in range(i, j)) or not all(capital(k) for k in range(i, j)):
                    continue
                ent = next((e for e in kb.lookup(tx.span(i, j)) if e.type == "ORG"), None)
                if ent is not None and _trusted(doc[i:j], ent, kb):
                    hit = _Mention(i, j, "ORG", "title", kb=[ent])
                    break
            if hit is None and words[i] in _org_words().heads:
                # "Ketua Perkumpulan Kader Bangsa Dimas Oky Nugroho": a body the knowledge base does not
                # know, opened by an organisation's head word, its capitalised words up to a rank or the name
                j = i + 1
                while j < m.nstart and capital(j) and j not in held and words[j].lower() not in lex.heads \
                        and words[j].lower() not in lex.honorifics and not _is_rank_word(words[j], lex):
                    # (a title's continuing words belong to the body: "Dewan Pimpinan Wilayah")
                    j += 1
                if j - i >= 2 and (j == m.nstart or j not in held and capital(j)):
                    # (not a board of a body named after it: "Dewan Pembina Partai Golkar")
                    hit = _Mention(i, j, "ORG", "title")
            u = _unit_at(words, i) if hit is None else 0
            if u and i + u < m.nstart:  # "Kasat Reskrim Polres Bogor …": a unit word and the place it serves
                for j in range(min(i + u + 3, m.nstart), i + u, -1):
                    if all(capital(k) and k not in held for k in range(i + u, j)) and \
                            any(e.type == "LOC" for e in kb.lookup(tx.span(i + u, j))):
                        hit = _Mention(i, j, "ORG", "title")
                        break
            if hit is None:
                i += 1
                continue
            found.append(hit)
            held.update(range(hit.start, hit.end))
            i = hit.end
        out += found
        if m.start < m.nstart and (inside or any(m.start <= f.start < m.nstart for f in found)):
            m.start = m.nstart  # the title stays the role; the organisation is its own mention
    return out


def _jurisdiction(doc: Doc, k: int, lex: _Lexicon, taken: dict[int, str]) -> bool:
    """Token k is a capitalised word of the place or body a title holds ("Bupati Kolaka Timur",
    "Kasat Reskrim"): up to three such words, none of them a person's name, right after a title
    word that is no rank of a person ("AKP Eduard Tobing" is a person)."""
    j = k
    while j >= 0 and k - j < 3 and doc[j].is_title and doc[j].is_alpha and taken.get(j) != "PER":
        j -= 1
        if j >= 0 and doc[j].lower_ in lex.heads and not doc[j].is_upper:
            return True
    return False


def _covered(mentions: list[_Mention], others: list[Span]) -> dict[int, str]:
    taken: dict[int, str] = {}
    for m in mentions:
        for i in range(m.start, m.end):
            taken[i] = m.label
    for span in others:
        for i in range(span.start, span.end):
            taken[i] = span.label_
    return taken


# -------------------------------------------------------------- in-text aliases


def _letters(text: str) -> str:
    return "".join(ch for ch in normalize_alias(text) if ch.isalnum())


def _compatible(acronym: str, words: list[str]) -> bool:
    """Is ``acronym`` a plausible short form of ``words``? Initials ("PBB") or letters in order
    starting with the same letter ("Korut" for "Korea Utara", "Jokowi" for "Joko Widodo")."""
    short = _letters(acronym)
    full = _letters(" ".join(words))
    if not short or not full or short == full:
        return False
    initials = "".join(_letters(w)[:1] for w in words if _letters(w))
    if short == initials:
        return True
    if short[0] != full[0]:
        return False
    rest = iter(full)
    return all(ch in rest for ch in short)


def _defined_aliases(doc: Doc, mentions: list[_Mention], kb: KnowledgeBase) -> dict[str, _Mention]:
    """'Korea Utara (Korut)' -> {'Korut': the Korea Utara mention}; 'PBB (Perserikatan Bangsa-Bangsa)'
    the other way round. Only the first definition of an alias counts."""
    found: dict[str, _Mention] = {}
    by_start = {m.start: m for m in mentions}
    n = len(doc)
    by_end = {m.end: m for m in mentions}
    for m in mentions:
        o = m.end
        if o + 2 < n and doc[o].text == "(" and doc[o + 2].text == ")":
            alias = doc[o + 1].text
            if alias in found or not _ACRONYM.match(alias):
                continue
            owner = by_end.get(m.start)
            if owner is not None and owner.label in ("ORG", "LOC") and \
                    any(e.kind in ("country", "territory") for e in kb.lookup(doc[m.start:m.end].text)):
                # "Badan Intelijen Nasional Korsel (NIS)": the organisation, not its country
                m = owner
            words = [t.text for t in doc[m.nstart:m.nend]]
            if len(words) == 1 and words[0] == alias:
                continue
            ok = _compatible(alias, words)
            if not ok and m.label in ("ORG", "LOC") and alias.isupper():
                # an all-caps acronym after an organisation, even from another language ("NIS");
                # not a country code that says where the organisation is ("(AS)"), nor the acronym of
                # a longer name a place's mention ends ("Festival Film Indonesia (FFI)" is no Indonesia)
                spelled = _expansion_before(doc, o, alias)
                ok = not any(e.kind in ("country", "territory") for e in kb.lookup(alias)) \
                    and not (m.label == "LOC" and spelled is not None and spelled < m.start)
            if ok:
                found[alias] = m
    for m in mentions:  # "Muhaimin Iskandar yang akrab disapa Cak Imin", "Andi Agustinus alias Andi Narogong"
        if m.label == "PER":
            nickname = _nickname_after(doc, m.end)
            if nickname and nickname not in found and nickname != doc[m.nstart:m.nend].text:
                found[nickname] = m
    for m in mentions:  # acronym mention followed by its expansion in brackets
        if m.start >= 2 and doc[m.start - 1].text == "(" and m.end < n and doc[m.end].text == ")":
            prev = doc[m.start - 2]
            alias = prev.text
            if alias not in found and _ACRONYM.match(alias) and alias.isupper() and (m.start - 2) not in by_start \
                    and _compatible(alias, [t.text for t in doc[m.start:m.end]]):
                found[alias] = m
    return found


_TERM_GLUE = frozenset("dan atau di ke dari untuk dalam per of and the for".split())
# words that open the name of an institution though news writes them in lower case ("Sekolah Tinggi
# Kesejahteraan Sosial (STKS)"): beside org_units.toml's org_heads, a spelled-out name opening with one
# is a name, not a term
_INSTITUTION_WORDS = frozenset("sekolah perguruan rumah bank balai biro dinas pasukan tentara tim panitia kelompok "
                               "jaringan unit kesatuan markas stasiun pabrik pondok pesantren madrasah".split())


def _expansion_before(doc: Doc, k: int, acronym: str) -> int | None:
    """Where the words spelled out by ``acronym`` start, right before the bracket at token ``k``
    ("tingkat komponen dalam negeri (TKDN)", "Analisis Mengenai Dampak Lingkungan (AMDAL)": each
    word gives its first letter; a joining word may give none), or None."""
    letters = acronym.lower()

    def back(j: int, need: int) -> int | None:  # tokens before j spell letters[:need]
        if need == 0:
            return j
        if j <= 0 or not doc[j - 1].is_alpha or k - j > len(letters) + 3:
            return None
        word = doc[j - 1].lower_
        if word[0] == letters[need - 1] and (at := back(j - 1, need - 1)) is not None:
            return at
        return back(j - 1, need) if word in _TERM_GLUE else None

    return back(k, len(letters))


def _without_terms(doc: Doc, tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """An acronym the article spells out as a common term names nothing, nor does the term: "tingkat
    komponen dalam negeri (TKDN)", "agen pemegang merek (APM)" (written in lower case), "Penanaman
    Modal Asing (PMA)" (capitalised, but only of words news writes in lower case, none of which opens
    an organisation's name, and unknown to the knowledge base)."""
    terms: set[str] = set()
    spans: set[tuple[int, int]] = set()
    common, heads = _common_words(), _org_words().heads
    words = tx.words
    n = len(words)
    for k in [k for k, w in enumerate(words) if w == "("]:  # (only brackets: a scan of every token is slow)
        if not 0 < k < n - 2 or words[k + 2] != ")":
            continue
        acronym = words[k + 1]
        if not (acronym.isupper() and _ACRONYM.match(acronym)) or len(acronym) < 2 or kb.lookup(acronym):
            continue
        a = _expansion_before(doc, k, acronym)
        if a is None:
            continue
        spelled = words[a:k]
        if all(w.islower() for w in spelled):
            terms.add(acronym)
        elif all(w[:1].isupper() for w in spelled if w.lower() not in _TERM_GLUE) and spelled[0] not in heads \
                and spelled[0].lower() not in _INSTITUTION_WORDS \
                and all(w.lower() in common for w in spelled) and not kb.lookup(" ".join(spelled)):
            terms.add(acronym)
            spans.add((a, k))
    if not terms:
        return mentions
    return [m for m in mentions if tx.span(m.start, m.end) not in terms
            and not any(m.end == k and m.start <= a and all(w.lower() in common for w in words[m.start:a])
                        for a, k in spans)]


_NICKNAME_LEAD = frozenset(("atau", "yang", "akrab", "biasa", "kerap", "sering", "lebih", ","))
_NICKNAME_CUES = frozenset(("disapa", "dipanggil", "alias", "panggilan", "sapaan"))


def _nickname_after(doc: Doc, k: int) -> str | None:
    """The name a person is also called, written right after the person: "…, yang akrab disapa
    Cak Imin", "… alias Andi Narogong": one to three capitalised words after the cue."""
    n = len(doc)
    steps = 0
    while k < n and doc[k].lower_ in _NICKNAME_LEAD and steps < 4:
        k, steps = k + 1, steps + 1
    if k >= n or doc[k].lower_ not in _NICKNAME_CUES:
        return None
    k += 1
    end = k
    while end < n and end - k < 3 and doc[end].text[:1].isupper() and doc[end].is_alpha:
        end += 1
    return doc[k:end].text if end > k else None


def _alias_mentions(words: list[str], aliases: dict[str, _Mention], taken: dict[int, str]) -> list[_Mention]:
    """Uses of an in-text alias the NER did not mark."""
    out = []
    if not aliases:
        return out
    for i, word in enumerate(words):
        definer = aliases.get(word)
        if definer is not None and i not in taken:
            out.append(_Mention(i, i + 1, definer.label, "alias"))
            taken[i] = definer.label
    return out


def _name_part_mentions(doc: Doc, words: list[str], mentions: list[_Mention], taken: dict[int, str],
                        lex: _Lexicon) -> list[_Mention]:
    """'Trump' after 'Donald Trump', 'Kim' after 'Kim Jong Un': the first or last word of a person's
    full name used alone, where the NER missed it (not when it starts a longer name: 'Trump Tower')."""
    parts: set[str] = set()
    pairs = _name_pairs(words, mentions)  # "La Nyalla" of "La Nyalla Mattalitti"
    for m in mentions:
        if m.label == "PER" and m.nend - m.nstart >= 2:
            for tok in (doc[m.nstart], doc[m.nend - 1]):
                if tok.is_alpha and len(tok) >= 3 and tok.text[0].isupper() and tok.lower_ not in lex.heads:
                    parts.add(tok.text)
    out = []
    if not parts and not pairs:
        return out
    first_use = min(m.start for m in mentions if m.label == "PER")
    for i in range(first_use + 1, len(words) - 1):
        if (words[i], words[i + 1]) in pairs and i not in taken and i + 1 not in taken:
            nxt = doc[i + 2] if i + 2 < len(doc) else None
            if nxt is not None and nxt.is_alpha and nxt.text[0].isupper() and not nxt.is_sent_start:
                continue  # the whole name or a longer one, not its two words
            out.append(_Mention(i, i + 2, "PER", "name-part"))
            taken[i] = taken[i + 1] = "PER"
    for i, word in enumerate(words):
        if word in parts and i not in taken and i > first_use:
            nxt = doc[i + 1] if i + 1 < len(doc) else None
            if nxt is not None and nxt.is_alpha and nxt.text[0].isupper() and not nxt.is_sent_start:
                continue
            out.append(_Mention(i, i + 1, "PER", "name-part"))
            taken[i] = "PER"
    return out


def _aged_names(doc: Doc, words: list[str], taken: dict[int, str], kb: KnowledgeBase, lex: _Lexicon) -> list[_Mention]:
    """A person the NER missed, named with an age after a comma ("Ketua RT setempat, Jaja (55),
    mengatakan …"): one to three capitalised words no mention holds, right after a comma, then the
    age in brackets; none a title's word nor one the knowledge base knows, and no word of a contest
    near (a club's rank: "Persib (3)")."""
    out: list[_Mention] = []
    contest = _teams()[0]
    for a in [k for k, w in enumerate(words) if w == "(" and k >= 2]:
        if not _aged(words[a:a + 3]) or a - 1 in taken:
            continue
        i = a
        while i - 1 >= 0 and a - i < 3 and (i - 1) not in taken and words[i - 1][:1].isupper() \
                and words[i - 1][1:].islower() and words[i - 1].isalpha() and words[i - 1].lower() not in lex.heads:
            i -= 1
        name = " ".join(words[i:a])
        if i == a or i < 1 or words[i - 1] != "," or kb.lookup(name) or not spelled_as_person(name) \
                or not contest.isdisjoint(w.lower() for w in words[max(0, i - _AGE_REACH):a + _AGE_REACH]):
            continue
        out.append(_Mention(i, a, "PER", "age"))
        for x in range(i, a):
            taken[x] = "PER"
    return out


_PAIR_WORDS = 3  # words of a name joined to a person's by a hyphen


def _hyphen_pairs(doc: Doc, words: list[str], mentions: list[_Mention], taken: dict[int, str],
                  kb: KnowledgeBase) -> list[_Mention]:
    """A candidate pair written with a hyphen, no spaces ("pasangan Pramono Anung-Rano Karno"): the
    name on the other side of a person's is a person too, where the NER missed it, when it is one
    to three capitalised words spelled as a person's name that the knowledge base knows as nothing
    else."""
    out: list[_Mention] = []
    n = len(words)

    def add(i: int, j: int) -> None:
        text = " ".join(words[i:j])
        if spelled_as_person(text) and not any(e.type != "PER" for e in kb.lookup(text)):
            out.append(_Mention(i, j, "PER", "pair"))
            for k in range(i, j):
                taken[k] = "PER"

    def free_name(k: int) -> bool:
        return 0 <= k < n and k not in taken and words[k][:1].isupper() and words[k].isalpha()

    for m in [m for m in mentions if m.label == "PER"]:
        h = m.end
        if h + 1 < n and words[h] == "-" and not doc[h - 1].whitespace_ and not doc[h].whitespace_:
            j = h + 1
            while j < n and j - h - 1 < _PAIR_WORDS and free_name(j) and not doc[j].is_sent_start:
                j += 1
            if j > h + 1 and not free_name(j):
                add(h + 1, j)
        h = m.start - 1
        if h >= 1 and words[h] == "-" and not doc[h - 1].whitespace_ and not doc[h].whitespace_:
            i = h
            while i - 1 >= 0 and h - i < _PAIR_WORDS and free_name(i - 1):
                i -= 1
            if i < h and not free_name(i - 1):
                add(i, h)
    return out


def _name_pairs(words: list[str], mentions: list[_Mention]) -> set[tuple[str, ...]]:
    """The first and the last two words of each person's name of three capitalised words or more."""
    pairs: set[tuple[str, ...]] = set()
    for m in mentions:
        if m.label == "PER" and m.nend - m.nstart >= 3 and \
                all(w[:1].isupper() and w.isalpha() for w in words[m.nstart:m.nend]):
            pairs.update({(words[m.nstart], words[m.nstart + 1]), (words[m.nend - 2], words[m.nend - 1])})
    return pairs


def _persons_parts_retyped(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> None:
    """A mention the NER typed as an organisation or a place that is written as the first or last
    word(s) of a person's full name in the same article, and that the knowledge base knows as no
    organisation or place, is that person ("La Nyalla" typed ORG after "La Nyalla Mattalitti")."""
    words = tx.words
    parts: set[tuple[str, ...]] = set(_name_pairs(words, mentions))
    for m in mentions:
        if m.label == "PER" and m.nend - m.nstart >= 2:
            parts.update({(words[m.nstart],), (words[m.nend - 1],)})
    if not parts:
        return
    for m in mentions:
        if m.label in ("ORG", "LOC") and m.how == "ner" and tuple(words[m.start:m.end]) in parts \
                and all(w[:1].isupper() and w.isalpha() for w in words[m.start:m.end]) \
                and max(len(w) for w in words[m.start:m.end]) >= 3 \
                and not any(e.type in ("ORG", "LOC") for e in kb.lookup(tx.span(m.start, m.end))):
            m.label = "PER"


_HOME_KINDS = frozenset({"city", "regency", "province", "state", "country"})


def _names_before_home(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> set[str]:
    """The first words of the article's organisations named before the place they are of, a city,
    regency, province, state or country the knowledge base knows by that name ("Persija" of "Persija
    Jakarta", "Arema" of "Arema Malang")."""
    out: set[str] = set()
    for m in mentions:
        if m.label == "ORG" and m.end - m.start >= 2 and tx.words[m.start][:1].isupper():
            rest = tx.span(m.start + 1, m.end)
            if any(e.kind in _HOME_KINDS and rest in e.aliases for e in kb.lookup(rest)):
                out.add(tx.words[m.start])
    return out


# the organs of a state named by the state they serve: "pemerintah Spanyol", "militer Myanmar",
# "Parlemen Inggris" are organisations, the country inside them is no place the story is set in
# ("tentara Israel" is as often soldiers as the army; "militer" after a noun is an adjective: "bantuan
# militer AS" is aid, no body)
_STATE_BODIES = frozenset("pemerintah militer parlemen kepolisian kongres senat junta kabinet".split())


def _state_bodies(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """A country or province right after a word naming an organ of the state ("pemerintah Spanyol",
    "militer Myanmar", "Parlemen Inggris") is that organ, an organisation: the word joins the place's
    mention, which becomes an ORG (GUIDE.md: a city and its government are two entities). Only when
    the word stands alone, outside every other mention ("Kementerian Pertahanan Kepolisian Inggris"
    is the NER's to read), the place is one the knowledge base knows as a country or province, and
    the article names that place alone too: where it names it only so ("Pemerintah Indonesia dan
    Malaysia sepakat"), the place is what the story needs (and what the NER corpora mark)."""
    words = tx.words
    held = {k for m in mentions for k in range(m.start, m.end)}

    def organ(m: _Mention) -> bool:
        return m.label == "LOC" and m.start > 0 and m.start - 1 not in held \
            and words[m.start - 1].lower() in _STATE_BODIES \
            and not (words[m.start - 1].lower() == "militer" and m.start > 1 and words[m.start - 2].isalpha()
                     and words[m.start - 2].lower() not in STOP_WORDS)

    places = {id(m): kb.lookup(tx.span(m.start, m.end)) for m in mentions if m.label == "LOC"}
    alone = {frozenset(e.id for e in places[id(m)]) for m in mentions if m.label == "LOC" and not organ(m)}
    out = []
    for m in mentions:
        if organ(m) and frozenset(e.id for e in places[id(m)]) in alone \
                and any(e.type == "LOC" and e.kind in ("country", "province") for e in places[id(m)]):
            out.append(_Mention(m.start - 1, m.end, "ORG", m.how))
        else:
            out.append(m)
    return out


def _org_short_names_retyped(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> None:
    """A one-word mention the NER typed as a person or a place that an organisation of the same article
    is named by, before the place it is of ("Persija" after "Persija Jakarta"), is that organisation,
    when the knowledge base knows the word as nothing else."""
    words = tx.words
    heads = _names_before_home(tx, mentions, kb)
    if not heads:
        return
    for m in mentions:
        if m.label in ("PER", "LOC") and m.how == "ner" and m.end - m.start == 1 and words[m.start] in heads \
                and len(words[m.start]) >= 3 and not kb.lookup(words[m.start]):
            m.label = "ORG"
            m.nstart, m.nend = m.start, m.end


_ADDRESS = frozenset("bapak pak ibu bu mbak mas bang kak tuan nyonya".split())  # forms of address
_ADDRESSED_WORDS = 3


def _addressed_mentions(tx: _Text, taken: dict[int, str], kb: KnowledgeBase) -> list[_Mention]:
    """A person addressed as such ("Ibu Mustokoweni", "Pak Suhadi") where the NER saw no name: one to
    three capitalised words after a form of address, none a common word or a title's ("Ibu Kota",
    "Bapak Presiden", "Ibu Negara") nor a place or body the knowledge base knows."""
    words, out = tx.words, []
    common, roles = _common_words(), role_words()
    for i, word in enumerate(words[:-1]):
        if word.lower() not in _ADDRESS or not word[:1].isupper() or word.isupper() or i in taken:  # not "PAK"
            continue
        j = i + 1
        while j < len(words) and j - i <= _ADDRESSED_WORDS and j not in taken and words[j].isalpha() \
                and words[j][:1].isupper() and words[j].lower() not in common and words[j].lower() not in roles \
                and words[j].lower() not in _ADDRESS:  # "Bang Bang Bang": a title, not "Bang" + a name
            j += 1
        if j == i + 1 or (j < len(words) and j not in taken and words[j][:1].isupper() and words[j].isalpha()):
            continue  # nothing after it, or a run too long to be sure of
        if any(e.type in ("ORG", "LOC") for e in kb.lookup(tx.span(i + 1, j))):
            continue
        out.append(_Mention(i + 1, j, "PER", "address"))
        for k in range(i + 1, j):
            taken[k] = "PER"
    return out


_TITLE_CHAIN = 10  # words a title chain may run before the name it ends in
_NAME_ENDS = frozenset((",", ".", ";", ":"))  # not "(": "Indonesian Corruptor Watch (ICW)" is a body
_TITLED_WORDS = 3  # the longest name read after a title chain ("Harun Masiku Rasyid")


@cache
def _capitalised_heads() -> frozenset[str]:
    """The title words as written opening a title: "Ketua", "KETUA" (a set lookup per word, no case folding)."""
    heads = _lexicon().heads
    return frozenset(form for h in heads for form in (h[:1].upper() + h[1:], h.upper(), h.title()))


def _titled_names(tx: _Text, taken: dict[int, str], kb: KnowledgeBase, lex: _Lexicon) -> list[_Mention]:
    """A person named after a title chain where the NER saw no name ("Juru Bicara KPK Harun Masiku
    Rasyid diserang"): after a title word, its chain (title words, ranks, honorifics, organisations
    and places already found, acronyms), two or three capitalised words, none a word news writes in
    lower case, a title's, or one the knowledge base knows, then a word in lower case or a comma or full
    stop (not a bracket: "Koordinator Indonesian Corruptor Watch (ICW)" names a body). One word is
    enough after a rank, when it is a word of persons' names, or when the knowledge base knows a
    person by it ("Menteri Luar Negeri Sugiono juga …")."""
    words, n, out = tx.words, len(tx.words), []
    common, heads = _common_words(), _capitalised_heads()
    done = 0  # words before this are read
    rank_forms = _rank_forms()
    for i in [i for i, w in enumerate(words) if (w in heads or w in rank_forms) and w[:1].isupper()
              and (w in heads or _ends_in_rank(words, i, i + 1, lex))]:
        if i < done or i in taken:
            continue
        j = i + 1
        while j < n and j - i <= _TITLE_CHAIN:
            w = words[j]
            low = w.lower().rstrip(".")
            if taken.get(j) in ("ORG", "LOC") or low in lex.heads or low in lex.continuations \
                    or low in lex.honorifics or _is_rank_word(w, lex) or (w.isupper() and w.isalpha() and len(w) <= 6) \
                    or low in LEGAL_FORMS or w in ("(", ")") and j > i + 1 and taken.get(j - 1) in ("ORG", "LOC") \
                    or w == ")" or words[j - 1] == "(" and w[:1].isupper() and w.isalpha():
                # ("Direktur Utama PT Bank Rakyat Indonesia (Persero) Tbk Sunarso": a company's legal form)
                j += 1
            else:
                break
        # after a rank a name follows, and Indonesian names are often common words ("AKP Joko Prihatin",
        # "Iptu Bagus"): then one word is enough and such words are read too
        ranked = _ends_in_rank(words, i, j, lex)
        k = j
        while k < n and k - j < _TITLED_WORDS and k not in taken and words[k].isalpha() and words[k][:1].isupper() \
                and words[k][1:].islower() and (ranked or words[k].lower() not in common) \
                and words[k].lower() not in lex.heads and not kb.lookup(words[k]):
            k += 1
        if k == j and j + 1 < n and j not in taken and words[j][:1].isupper() and words[j][1:].islower() \
                and (words[j + 1][:1].islower() or words[j + 1] in _NAME_ENDS) \
                and any(e.type == "PER" and words[j] in e.aliases for e in kb.lookup(words[j])):
            k = j + 1  # a person the knowledge base knows by one name: "Menteri Luar Negeri Sugiono juga …"
            out.append(_Mention(j, k, "PER", "title-name"))
            taken[j] = "PER"
        elif k - j >= (1 if ranked or (k - j == 1 and words[j] in _person_words()) else 2) \
                and (k >= n or words[k][:1].islower() or words[k] in _NAME_ENDS) \
                and spelled_as_person(tx.span(j, k)) and not kb.lookup(tx.span(j, k)):
            # (one word is enough after a rank, or when it is a word of persons' names: "Direktur Utama BRI
            # Sunarso di …")
            out.append(_Mention(j, k, "PER", "title-name"))
            for x in range(j, k):
                taken[x] = "PER"
        done = max(i + 1, k)
    return out


@cache
def _rank_last_words() -> frozenset[str]:
    return frozenset(p[-1] for phrases in _lexicon().ranks.values() for p in phrases)


@cache
def _rank_forms() -> frozenset[str]:
    """The last words of ranks as news writes them ("AKBP", "Kompol", "Kombes.")."""
    forms = {f(w) for w in _rank_last_words() for f in (str.capitalize, str.upper)}
    return frozenset(forms | {w + "." for w in forms})


def _ends_in_rank(words: list[str], i: int, j: int, lex: _Lexicon) -> bool:
    """Whether words[i:j] ends in a police or military rank ("AKP", "Kombes Pol", "Brigjen TNI"):
    the words after it are a name."""
    k = j - 1
    while k > i and words[k].lower().rstrip(".") in lex.rank_tails and words[k] not in ("(", ")"):
        k -= 1
    if k < i or words[k].lower().rstrip(".") not in _rank_last_words():
        return False
    for phrase in (p for phrases in lex.ranks.values() for p in phrases):
        n = len(phrase)
        if k - n + 1 >= i and tuple(w.lower().rstrip(".") for w in words[k - n + 1:k + 1]) == phrase:
            return True
    return False


_KB_EXTENSION = 3  # capitalised words a knowledge-base name may add before an organisation's mention


def _kb_joined(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """Two mentions side by side that the knowledge base knows together, word for word, as one
    organisation whose first part alone names none: the NER cut its name in two ("Uni" ORG + "Afrika"
    LOC is the African Union; "MPR" + "RI" stay as written, "MPR" being the body already)."""
    out: list[_Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.end == m.start and prev.label in ("ORG", "LOC") and m.label in ("ORG", "LOC") \
                and (prev.label == "ORG" or m.label == "ORG"):
            name = tx.span(prev.start, m.end)
            if any(e.type == "ORG" and name in e.aliases for e in kb.lookup(name)) \
                    and not any(e.type == "ORG" for e in kb.lookup(tx.span(prev.start, prev.end))):
                out[-1] = _Mention(prev.start, m.end, "ORG", prev.how)
                continue
        out.append(m)
    return out


def _kb_extended(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """An organisation's or a place's mention that the knowledge base knows by a longer name, the NER
    having left out its first words: "Dewan Keamanan" + "PBB" is the Security Council ("Dewan Keamanan
    PBB"), not the UN; "Ibu" + "Kota Nusantara" is the capital, no town. The words before it must be
    capitalised and no other mention's, and the longer name one the knowledge base has word for word,
    for a thing of the mention's type."""
    words = tx.words
    held = {k for m in mentions for k in range(m.start, m.end)}
    out: list[_Mention] = []
    for m in mentions:
        # (a place the knowledge base knows stays as written: "Kota" + "Bogor" is Bogor either way)
        if m.label == "ORG" or m.label == "LOC" and not any(e.type == "LOC"
                                                            for e in kb.lookup(tx.span(m.start, m.end))):
            for k in range(_KB_EXTENSION, 0, -1):
                start = m.start - k
                if start < 0 or any(i in held or not words[i][:1].isupper() or not words[i].isalpha()
                                    for i in range(start, m.start)):
                    continue
                name = tx.span(start, m.end)
                if any(e.type == m.label and name in e.aliases for e in kb.lookup(name)):
                    m = _Mention(start, m.end, m.label, m.how)
                    break
        out.append(m)
    return out


def _kb_mentions(doc: Doc, tx: _Text, kb: KnowledgeBase, taken: dict[int, str]) -> list[_Mention]:
    """Knowledge-base names the NER missed, where the match leaves little doubt."""
    out = []
    words = tx.words
    capitalised = [w.isalpha() and w[0].isupper() for w in words]
    i, n = 0, len(doc)
    while i < n:
        if i in taken or not capitalised[i] or i > 0 and words[i] == "Kota" and words[i - 1].lower() == "ibu":
            i += 1  # "Ibu Kota" is a capital, "Ibu Kota Negara" no town named "Negara"
            continue
        hit = None
        for size in (4, 3, 2, 1):
            j = i + size
            if j > n or not capitalised[j - 1] or any(k in taken for k in range(i, j)):
                continue
            found = kb.lookup(tx.span(i, j))
            if found and _trusted(doc[i:j], found[0], kb):
                hit = (j, found[0])
                break
        if hit and hit[1].type == "LOC" and _inside_a_name(doc, words, i, hit[0], taken, kb):
            i = hit[0]
        elif hit and hit[1].type == "LOC" and hit[0] < n and hit[0] not in taken \
                and words[hit[0]].lower() in _COMPASS and words[hit[0]][:1].isupper():
            j = hit[0] + 1  # "Depok" + "Timur": a district named after the town, not the town
            out.append(_Mention(i, j, "LOC", "kb"))
            for k in range(i, j):
                taken[k] = "LOC"
            i = j
        elif hit:
            j, ent = hit
            if j - i >= 2 and i > 0 and words[i].lower() == "kota" and words[i - 1].lower() == "wali":
                i += 1  # "Wali Kota" + "Solo": the title's word, then the town
            out.append(_Mention(i, j, ent.type, "kb", kb=[ent]))
            for k in range(i, j):
                taken[k] = ent.type
            i = j
        else:
            i += 1
    return out


@cache
def _place_and_body_words() -> frozenset[str]:
    """Words of kinds of place, of facilities and of bodies (lower case): capitalised before a place's
    name, they do not make it part of a longer one ("Kota Bogor", "Pasukan Suriah")."""
    return _GENERIC | _COMPASS | _REGION_WORDS | _FACILITY_WORDS | _AT_PLACE | _lower_org_heads() | _INSTITUTION_WORDS


def _inside_a_name(doc: Doc, words: list[str], i: int, j: int, taken: dict[int, str], kb: KnowledgeBase) -> bool:
    """The place's name at ``i:j`` is a word of a longer name nobody tagged: a programme, a product, a
    work or a currency ("Kartu Indonesia Pintar", "Tenaga Kerja Indonesia", "US $"): a capitalised
    word that news writes in lower case comes before it mid-sentence, not a place's, a title's or an
    institution's ("Pasukan Suriah" is the state's troops); not in a headline written in title case.
    (A capitalised word after it, "Taiwan Terbuka", was tried: it cost an event of the blind article
    benchmark, fast profile, a place the NER had missed before an untagged word.)"""
    if j < len(words) and words[j] == "$":
        return True
    around = [w for w in words[max(0, i - 4):i] + words[j:j + 5] if w.isalpha()]
    if around and all(w[:1].isupper() for w in around):
        return False  # a title-case headline: every word is capitalised
    roles, plain = role_words(), _place_and_body_words()

    def unexplained(k: int) -> bool:
        w = words[k]
        return k not in taken and w.isalpha() and w[:1].isupper() and not _opens_sentence(doc, words, k) \
            and w.lower() not in roles and w.lower() not in plain
    return i > 0 and unexplained(i - 1) and words[i - 1].lower() in _common_words()


_NOT_BEFORE_A_NAME = frozenset(("Kantor", "Pusat"))  # "Kantor Jokowi", "Pusat Kota"


def _head_before(words: list[str], start: int, floor: int, heads: frozenset[str], reach: int) -> int | None:
    """Where an organisation's word opens the name ending in the mention at ``start``: right before
    it ("Kepolisian" + "Chengnan"), or, for a place, before up to three capitalised words that
    qualify it ("Kepolisian Nasional" + "Filipina", "Kementerian Luar Negeri" + "Rusia"; a person
    after them is the organisation's member: "Ketua Perkumpulan Kader Bangsa Dimas")."""
    for k in range(start - 1, max(floor, start - reach) - 1, -1):
        if words[k] in heads:
            return k
        if not (words[k][:1].isupper() and words[k][1:].islower() and words[k].isalpha()):
            return None
    return None


# the last word of a body's name that the place it serves follows ("Kepolisian Sektor Panakkukang")
_SERVES = frozenset(("Sektor", "Resor", "Resort", "Daerah", "Wilayah", "Cabang", "Distrik", "Perwakilan"))


def _org_heads(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[_Mention]:
    """A name that opens with an organisation's word is an organisation ("Laskar Pembela Islam"
    typed PER), and so is such a word with the name right after it ("Kepolisian" + "Chengnan"), unless
    the word ends a name the knowledge base knows ("Amerika Serikat" + "Condoleezza Rice")."""
    heads = _org_words().heads - _NOT_BEFORE_A_NAME
    words = tx.words
    out: list[_Mention] = []
    for m in mentions:
        prev_end = out[-1].end if out else 0
        prev = out[-1] if out else None
        if prev is not None and prev.label == "ORG" and prev.end == m.start and words[prev.start] in heads \
                and words[prev.end - 1] in _SERVES and m.label in ("LOC", "PER"):
            out[-1] = _Mention(prev.start, m.end, "ORG", prev.how)  # "Kepolisian Sektor" + "Panakkukang"
            continue
        if m.label in ("LOC", "PER") and m.start - 2 >= prev_end and words[m.start - 1] in _SERVES \
                and words[m.start - 2] in heads:
            out.append(_Mention(m.start - 2, m.end, "ORG", m.how))  # "Kepolisian Sektor" + "Panakkukang"
            continue
        if words[m.start] in heads and m.label != "ORG":
            m = _Mention(m.start, m.end, "ORG", m.how)
        elif m.label in ("LOC", "PER") and m.start > prev_end:
            head = _head_before(words, m.start, prev_end, heads, 4 if m.label == "LOC" else 1)
            if head is not None and not (head > 0 and kb.lookup(tx.span(head - 1, head + 1))):
                m = _Mention(head, m.end, "ORG", m.how)
        out.append(m)
    return out


_BLEND_LETTERS = 6  # the shortest organisation's blended short name taken from the knowledge base alone


def _trusted(span: Span, ent: Entity, kb: KnowledgeBase) -> bool:
    text = span.text
    exact = text in ent.aliases or text == ent.name
    if ent.type == "PER":  # a known person's full name as written; a bare surname is too easily something else
        return len(span) > 1 and exact
    if len(span) > 1:
        return True
    if not exact:
        return False
    if ent.kind in ("country", "territory"):
        return True
    big_city = ent.kind == "city" and (ent.population or 0) >= _BIG_CITY
    if span[0].is_sent_start and not text.isupper() and not big_city:
        return False  # a big city's name opens a sentence as a name ("Jakarta tidak lagi ..."), not as a word
    if ent.kind == "org":  # "KPK"; a blend of its name no word news writes in lower case ("Kemendagri")
        return text.isupper() and len(text) >= 3 or \
            len(text) >= _BLEND_LETTERS and text[0].isupper() and text.isalpha() and text.lower() not in _common_words()
    if span[0].lower_ in _GENERIC or span[0].lower_ in _common_words():
        return False
    if ent.kind == "place" or ent.id.startswith("loc:place:"):  # hand-curated places (Panmunjom, DMZ,
        return True  # Jaksel): names, not words
    return big_city


# ---------------------------------------------------------------------- grouping


@dataclass(slots=True)
class _Group:
    id: str
    name: str
    type: str


_DESCRIPTORS = frozenset("organisasi ormas lembaga kelompok gerakan".split())


def _name_initials(words: list[str]) -> set[str]:
    """The initials of a name, with and without a leading descriptor ("Organisasi Hizbut Tahrir
    Indonesia": "ohti", "hti")."""
    out = {"".join(w[:1] for w in words)}
    if words and words[0] in _DESCRIPTORS:
        out.add("".join(w[:1] for w in words[1:]))
    return out


class _Union:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _ranked_as(people: list[Entity], role: str) -> list[Entity]:
    """The known people a one-word name with a police or military rank before it can be: those the
    knowledge base names with that rank ("Jenderal Soeharto"). "Kapolsek Cisarua AKP Suharto" is a
    serving officer, not the late president, whose name many Javanese men share."""
    ranks = {w.lower().rstrip(".") for w in role.split()} & _rank_last_words()
    if not ranks:
        return people
    return [e for e in people if any(r in a.lower().split() for a in e.aliases for r in ranks)]


def _kb_candidates(name: str, label: str, kb: KnowledgeBase) -> list[Entity]:
    found = kb.lookup(name)
    if label == "PER":
        return [e for e in found if e.type == "PER"]
    if label == "ORG":  # a club or company named after a city is not the city ("Napoli")
        places = [e for e in found if e.type == "ORG" or e.kind in ("country", "territory")]
    elif name.split()[0].lower() in _FACILITIES:  # "di Istana Negara", typed LOC: the building, not the office
        places = [e for e in found if e.type == "LOC"]
    else:
        places = [e for e in found if e.type in ("ORG", "LOC")]
    if not places and " " in name.strip():
        # a full person's name the NER typed ORG or LOC ("Donald Trump" as ORG): the name wins
        return [e for e in found if e.type == "PER"]
    return places


def _group(tx: _Text, mentions: list[_Mention], aliases: dict[str, _Mention],
           kb: KnowledgeBase) -> dict[int, _Group]:
    n = len(mentions)
    uf = _Union(n)
    index = {id(m): k for k, m in enumerate(mentions)}
    names = [m.name(tx) for m in mentions]
    keys = [normalize_alias(x) for x in names]
    words = [[key for key in map(normalize_alias, tx.words[m.nstart:m.nend]) if key] for m in mentions]
    # the same name
    first: dict[tuple[str, str], int] = {}
    for k, m in enumerate(mentions):
        fam = "PER" if m.label == "PER" else "ORGLOC"
        if (keys[k], fam) in first:
            uf.union(first[(keys[k], fam)], k)
        else:
            first[(keys[k], fam)] = k
    # an organisation's or place's name written two ways: with or without its legal form or
    # "Provinsi", a province by its short name ("Polda Jabar" = "Polda Jawa Barat", "PT Semen Padang" =
    # "Semen Padang", "Pemprov DKI" = "Pemprov DKI Jakarta"), unless the knowledge base tells them apart
    same_form: dict[tuple[str, ...], int] = {}
    forms = _forms(tx, mentions, kb)
    for k, form in enumerate(forms):
        if form is None:
            continue
        j = same_form.setdefault(form, k)
        a, b = mentions[j].kb, mentions[k].kb
        if j != k and not (a and b and not {e.id for e in a} & {e.id for e in b}):
            uf.union(j, k)
    # a person's short form joins the fuller name nearest before it (else the first after it)
    short_of: dict[int, int] = {}
    people = [k for k, m in enumerate(mentions) if m.label == "PER"]
    longest = max((len(words[k]) for k in people), default=0)
    for k in people:
        m = mentions[k]
        if len(words[k]) >= longest:
            continue
        fuller = [j for j in people if len(words[j]) > len(words[k]) and _contains(words[j], words[k])]
        before = [j for j in fuller if mentions[j].start < m.start]
        best = max(before, key=lambda j: mentions[j].start) if before else (fuller[0] if fuller else None)
        if best is not None:
            short_of[k] = best
            uf.union(best, k)
    # a nickname after a familiar honorific ("Cak Imin", "Gus Imin", "Mbak Mega"): the one person of
    # the article one of whose name's words begins or ends with it (Muhaimin, Megawati)
    for k in people:
        if k in short_of or not words[k]:
            continue
        m = mentions[k]
        before = tx.words[m.nstart - 1].lower() if m.nstart > 0 else ""
        nick = words[k][-1]
        if len(nick) < 3 or not (before in FAMILIAR or (len(words[k]) == 2 and words[k][0] in FAMILIAR)):
            continue
        owners = {uf.find(j) for j in people if j != k and len(words[j]) >= 2 and any(
            len(w) >= len(nick) + 2 and (w.startswith(nick) or w.endswith(nick)) for w in words[j])}
        if len(owners) == 1:
            short_of[k] = owners.pop()
            uf.union(short_of[k], k)
    # an acronym the article never defines, of an organisation it names in full ("Partai Komunis
    # Indonesia" ... "PKI", "Organisasi Hizbut Tahrir Indonesia" ... "HTI"): the initials of the full
    # name, a leading descriptor ("organisasi") left out; one such organisation only
    orgs = [k for k, m in enumerate(mentions) if m.label == "ORG"]
    for k in orgs:
        acronym = names[k]
        if not (acronym.isupper() and acronym.isalpha() and 2 <= len(acronym) <= 6) or len(words[k]) != 1:
            continue
        owners = {uf.find(j) for j in orgs if j != k and len(words[j]) >= 2
                  and acronym.lower() in _name_initials(words[j])}
        if len(owners) == 1:
            j = owners.pop()
            a, b = mentions[j].kb, mentions[k].kb
            if not (a and b and not {e.id for e in a} & {e.id for e in b}):
                uf.union(j, k)
    # an organisation named again without its home place ("Persib Bandung" ... "Persib", "Arema Malang"
    # ... "Arema"): a one-word name, no word news writes in lower case nor an organisation's head word,
    # that opens one longer organisation's name whose other words are a place the knowledge base knows
    heads = _lower_org_heads()
    homed = [j for j in orgs if len(words[j]) >= 2
             and any(e.type == "LOC" for e in kb.lookup(tx.span(mentions[j].nstart + 1, mentions[j].nend)))]
    for k in orgs:
        if len(words[k]) != 1 or words[k][0] in _common_words() or words[k][0] in heads:
            continue
        owners = {uf.find(j) for j in homed if words[j][0] == words[k][0]}
        if len(owners) == 1:
            j = owners.pop()
            a, b = mentions[j].kb, mentions[k].kb
            if not (a and b and not {e.id for e in a} & {e.id for e in b}):
                uf.union(j, k)
    # knowledge base, per mention (short forms go with their full name)
    for k, m in enumerate(mentions):
        if not m.kb and k not in short_of:
            m.kb = _kb_candidates(names[k], m.label, kb)
            if m.kb and m.label == "PER" and len(words[k]) == 1 and m.role:
                m.kb = _ranked_as(m.kb, m.role)
    # a person's partial name that no fuller written form contains joins the person the knowledge
    # base names in full ("Gibran" is Gibran Rakabuming Raka, so "Rakabuming Raka" is him too)
    full_names = {k: [w for w in map(normalize_alias, mentions[k].kb[0].name.split()) if w]
                  for k in people if mentions[k].kb}
    for k in people:
        if k in short_of or mentions[k].kb or not words[k]:
            continue
        owner = next((j for j, full in full_names.items()
                      if len(full) > len(words[k]) and _contains(full, words[k])), None)
        if owner is not None:
            uf.union(owner, k)
    # in-text aliases, unless the knowledge base knows the two as different things
    alias_keys = {normalize_alias(a): index[id(d)] for a, d in aliases.items() if id(d) in index}
    for k in range(n):
        d = alias_keys.get(keys[k])
        if d is not None:
            a, b = mentions[d].kb, mentions[k].kb
            if not (a and b and not {e.id for e in a} & {e.id for e in b}):
                uf.union(d, k)
    by_kb: dict[str, int] = {}
    for k, m in enumerate(mentions):
        if m.kb:
            eid = m.kb[0].id
            if eid in by_kb:
                uf.union(by_kb[eid], k)
            else:
                by_kb[eid] = k
    # one result per group
    members: dict[int, list[int]] = {}
    for k in range(n):
        members.setdefault(uf.find(k), []).append(k)
    out: dict[int, _Group] = {}
    for ks in members.values():
        group = _resolve(ks, mentions, names, words)
        for k in ks:
            out[id(mentions[k])] = group
    return out


_LEGAL_FORMS = frozenset(("pt", "tbk", "persero", "(persero)", "cv", "provinsi", "prov"))
_PROVINCE_WORDS = 3  # the longest short or full province name looked up ("Nusa Tenggara Timur")


def _forms(tx: _Text, mentions: list[_Mention], kb: KnowledgeBase) -> list[tuple[str, ...] | None]:
    """Each organisation's or place's name as a key that two ways of writing it share: its words,
    a province's short or full name as the province's id, without legal forms or "Provinsi";
    "Kabupaten X" is "X" when no "Kota X" is named beside it. None for a person."""
    out: list[tuple[str, ...] | None] = []
    known: dict[tuple[str, ...], tuple[str, ...]] = {}  # a name written again is keyed once
    for m in mentions:
        words = tx.words[m.nstart:m.nend]
        if m.label == "PER":
            out.append(None)
            continue
        if tuple(words) in known:
            out.append(known[tuple(words)])
            continue
        key: list[str] = []
        i = 0
        while i < len(words):
            for size in range(min(_PROVINCE_WORDS, len(words) - i), 0, -1):
                province = next((e.id for e in kb.lookup(" ".join(words[i:i + size]))
                                 if e.id.startswith("loc:adm1:ID-")), None)
                if province is not None:
                    key.append(province)
                    i += size
                    break
            else:
                word = words[i].casefold()
                if word not in _LEGAL_FORMS:
                    key.append(normalize_alias(word))
                i += 1
        known[tuple(words)] = tuple(w for w in key if w)
        out.append(known[tuple(words)])
    cities = {form[1:] for form in out if form and form[0] == "kota"}
    return [form[1:] if form and form[0] in ("kabupaten", "kab") and form[1:] not in cities and len(form) > 1
            else form for form in out]


def _contains(longer: list[str], shorter: list[str]) -> bool:
    size = len(shorter)
    return any(longer[i:i + size] == shorter for i in range(len(longer) - size + 1))


def _resolve(ks: list[int], mentions: list[_Mention], names: list[str], words: list[list[str]]) -> _Group:
    kb_votes = Counter(mentions[k].kb[0].id for k in ks if mentions[k].kb)
    if kb_votes:
        best_id = kb_votes.most_common(1)[0][0]
        ent = next(mentions[k].kb[0] for k in ks if mentions[k].kb and mentions[k].kb[0].id == best_id)
        return _Group(ent.id, ent.name, ent.type)
    labels = Counter(mentions[k].label for k in ks)
    label = labels.most_common(1)[0][0]
    # the fullest written form: most words, not an all-caps acronym, earliest
    def rank(k: int) -> tuple:
        return (names[k].isupper(), -len(words[k]), -len(names[k]), mentions[k].start)
    name = names[min(ks, key=rank)]
    if name.split(" ", 1)[0] in _STATE_BODIES:  # "pemerintah Spanyol" as the news writes it, named "Pemerintah Spanyol"
        name = name[0].upper() + name[1:]
    return _Group(f"{label.lower()}:{entity_slug(name)}", name, label)


# ------------------------------------------------------------------ spaCy component


class EntityLinker:
    """spaCy pipeline component: ``nlp.add_pipe("warta_linker")`` after the NER."""

    def __init__(self, nlp: Language, name: str = "warta_linker", gazetteer: bool = True):
        self.name = name
        self.gazetteer = gazetteer
        self.kb = KnowledgeBase.load()

    def __call__(self, doc: Doc) -> Doc:
        link_doc(doc, self.kb, gazetteer=self.gazetteer)
        return doc


@Language.factory("warta_linker", default_config={"gazetteer": True})
@typed
def make_linker(nlp: Language, name: str, gazetteer: bool) -> EntityLinker:
    return EntityLinker(nlp, name, gazetteer)
