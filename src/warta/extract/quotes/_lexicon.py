"""The words quotes are found by (``warta/data/quotes.toml``, ``roles.toml``), compiled once per process."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.nlp.linker import verb_words
from warta.patterns import grouped
from warta.resources import load_toml, load_words

__all__ = ["Lexicon", "lexicon"]


def _alts(words) -> str:  # noqa: ANN001
    """The words longest first, spaces matching any run of white space, grouped by first letter
    (``warta.patterns.grouped``: the same matches, scanned several times faster)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return grouped((w[0], re.escape(w).replace(r"\ ", r"\s+")) for w in ordered if w)


def _stems(words, prefix: str) -> str:  # noqa: ANN001
    """The words less their common prefix, longest first, as an alternation."""
    return "|".join(sorted((re.escape(w[len(prefix):]) for w in words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class Lexicon:
    after: re.Pattern[str]  # a cue right after a closing quotation mark
    unquoted: re.Pattern[str]  # ", kata X" ending an unquoted sentence
    report: re.Pattern[str]  # reporting verbs anywhere
    before: re.Pattern[str]  # a reporting clause ending right before an opening mark
    passive: re.Pattern[str]  # "Hal itu disampaikan X"
    passive_agent: re.Pattern[str]  # "dinilai Teco …"
    passive_nya: re.Pattern[str]  # "Dikatakannya, …"
    menurut: re.Pattern[str]
    via: re.Pattern[str]
    stop: re.Pattern[str]
    weak: frozenset[str]
    pronouns: frozenset[str]
    plural: frozenset[str]
    heads: re.Pattern[str]  # optional determiner + description head at the start of a phrase
    demonstrative: re.Pattern[str]
    titles: frozenset[str]
    audiences: re.Pattern[str]
    roles: frozenset[str]
    in_title: frozenset[str]  # roles.toml: words inside a title chain ("Calon presiden dari Partai Republik")
    clause_verbs: frozenset[str]  # weak verbs whose clause needs no "bahwa"
    clause_reach: int  # words after a weak verb in which its clause's predicate must stand
    predicates: frozenset[str]  # auxiliaries, modals, negations, copulas
    passive_by: re.Pattern[str]  # "Ditambahkan (oleh) X, …", "Seperti diungkapkan X, …" opening a sentence
    outlet_opening: re.Pattern[str]  # "Dilansir dari CNN, …" opening a sentence
    platforms: frozenset[str]  # "Dikutip dari Instagram …": a post, not an outlet
    unquoted_nya: re.Pattern[str]  # ", sambungnya, …" inside an unquoted sentence
    opening_nya: re.Pattern[str]  # "Lanjutnya, …" opening a sentence
    verbs: frozenset[str]  # data/verbs.txt
    adjectives: frozenset[str]  # data/adjectives.txt
    not_verbs: frozenset[str]  # words shaped like verbs that are not ones
    not_predicate_after: frozenset[str]
    directives: frozenset[str]
    subjectless: frozenset[str]  # a complement clause's first word when it has no subject
    predicative_verbs: frozenset[str]
    predicative_words: frozenset[str]
    clause_stops: frozenset[str]
    object_openers: frozenset[str]
    group_heads: frozenset[str]  # descriptions of a body that its name may follow ("kelompok pemantau X")
    relational: re.Pattern[str]  # "kuasa hukum", "adik" …: a relation to the person named after it
    # the words of a statement named before its author ('"…," ujar pernyataan Departemen Kepolisian
    # Auburn', '"…," demikian keterangan tertulis Humas Polda'): statement_nouns and their modifiers
    statements: frozenset[str]
    # a cue set into a clause with no comma before it: "Perubahan kata dia, tidak perlu …"
    interposed: re.Pattern[str]
    time_openers: re.Pattern[str]  # "hingga saat ini" opening a reported clause
    source_nouns: re.Pattern[str]  # "laporan", "data" … between "menurut" and the source
    # "…, ditambahkan Wiranto, …", "…, demikian disampaikan X.", "…, demikian keterangan X": a passive
    # report or a statement's name after a comma in an unquoted sentence, its author after it
    unquoted_passive: re.Pattern[str]


def _verb_lists() -> tuple[frozenset[str], frozenset[str]]:
    """data/verbs.txt (scripts/build_verbs.py): the verbs, and after "!" the verb-shaped non-verbs."""
    return verb_words(), frozenset(w[1:] for w in load_words("verbs.txt") if w.startswith("!"))


@cache
def lexicon() -> Lexicon:
    d = load_toml("quotes.toml")
    roles = load_toml("roles.toml")
    cues = _alts(d["after_cues"])
    verbs = _alts(d["reporting_verbs"])
    passive = _alts(d["passive_cues"])
    documents = _alts(d["statement_nouns"] + d["report_nouns"])  # '…, demikian laporan Reuters.'
    heads = [*d["description_heads"], *roles["heads"]]  # "wakil gubernur Teheran" with no name is a description
    f = re.IGNORECASE
    verb_words, not_verbs = _verb_lists()
    return Lexicon(
        # '"…," kata X' / '"…," ujarnya' / '"…," disampaikan X' / '"…," demikian keterangan X' /
        # '"…," bunyi pernyataan X': a statement's name before its author names no speaker itself
        after=re.compile(rf"\s*,?\s*(?:(?:(?:demikian|begitu)\s+)?(?:(?P<cue>{cues})(?P<nya>nya)?|(?P<pas>{passive})"
                         rf"(?:\s+oleh)?)\b|(?P<doc>demikian|begitu|bunyi)"
                         rf"(?=\s+(?:isi\s+)?(?:{_alts(d['statement_nouns'])})\b))", f),
        unquoted=re.compile(rf",\s+(?P<cue>{_alts(d['unquoted_cues'])})(?P<nya>nya)?\b", f),
        # any cue with "-nya" between commas: "Untuk itulah, sambungnya, warga …"
        unquoted_nya=re.compile(rf",\s+(?P<cue>{cues})(?P<nya>nya)(?=\s*,)", f),
        opening_nya=re.compile(rf"\b(?P<cue>{_alts(d['unquoted_cues'])})(?P<nya>nya)\s*,", f),
        report=re.compile(rf"\b(?P<cue>{verbs})(?:\s+(?P<bahwa>bahwa))?\b", f),
        # (a manner adjunct may stand between the verb and the quote: 'Ia melanjutkan dengan tegas, "…"')
        before=re.compile(rf"(?:\b(?P<verb>{verbs})(?:\s+bahwa|\s+(?:dengan|sambil|sembari)\s+[^,:\"“”.]{{1,30}}?)?"
                          rf"|\b(?P<cue>{cues})(?P<nya>nya)?"
                          rf"(?P<who>\s+[^,:\"“”]{{1,60}}?)?)\s*[,:]?\s*$", f),
        passive=re.compile(rf"\s*(?:{_alts(d['passive_openers'])})\s+(?:juga\s+)?(?P<cue>{passive})(?:\s+oleh)?\b", f),
        # a literal start lets the scan skip ahead (a look-behind there makes it 20 times slower);
        # the word boundary before is checked where it matches
        passive_agent=re.compile(rf"(?P<cue>[Dd]i(?:{_stems(d['passive_agent_cues'], 'di')}))\s+"),
        passive_nya=re.compile(rf"(?P<cue>Di(?:{_stems(d['passive_nya_cues'], 'di')})nya)\s*,"),
        # (also after "Sebagaimana" or "Seperti": "Seperti diungkapkan Kepala BMKG X, …")
        passive_by=re.compile(rf"(?:(?:Sebagaimana|Seperti)\s+(?:yang\s+)?(?=di)|(?=Di))"
                              rf"(?P<cue>[Dd]i(?:{_stems(d['passive_nya_cues'], 'di')}))\s+(?:oleh\s+)?"),
        platforms=frozenset(d["platforms"]),
        outlet_opening=re.compile(rf"(?P<cue>(?:{'|'.join(d['outlet_openers'])}))\s+(?-i:(?=[A-Z]))", f),
        menurut=re.compile(rf"\b(?P<cue>{_alts(d['according_to'])})(?P<nya>nya)?\b", f),
        via=re.compile(rf"\b(?P<how>{'|'.join(d['attribution']['cues'])})\s+(?P<src>[^\s,;:()]+)", f),
        stop=re.compile(rf"[,;:!?()\"“”\n]|\.(?!\w)|\s(?:{_alts(d['speaker_stops'])})\b", f),
        weak=frozenset(d["weak_verbs"]),
        pronouns=frozenset(d["pronouns"]),
        plural=frozenset(d["plural_pronouns"]),
        heads=re.compile(rf"(?:(?P<det>{_alts(d['determiners'])})\s+)?(?P<head>{_alts(heads)})\b", f),
        demonstrative=re.compile(rf"\s(?:{_alts(d['demonstratives'])})$", f),
        titles=frozenset(d["title_words"]),
        audiences=re.compile(rf"(?:{_alts(d['attribution']['audiences'])})\b", f),
        roles=frozenset(roles["heads"]) | frozenset(roles["continuations"]) | frozenset(roles["honorifics"]),
        in_title=frozenset(roles["in_title"]),
        clause_verbs=frozenset(d["clause_verbs"]),
        clause_reach=int(d["clause_reach"]),
        predicates=frozenset(d["predicate_words"]),
        verbs=verb_words,
        adjectives=frozenset(w for w in load_words("adjectives.txt") if not w.startswith("#")),
        not_verbs=not_verbs,
        not_predicate_after=frozenset(d["not_predicate_after"]),
        directives=frozenset(d["directive_words"]),
        subjectless=frozenset(d["subjectless_openers"]),
        predicative_verbs=frozenset(d["predicative_verbs"]),
        predicative_words=frozenset(d["predicative_words"]),
        clause_stops=frozenset(d["clause_stops"]),
        object_openers=frozenset(d["object_openers"]),
        group_heads=frozenset(d["group_heads"]),
        relational=re.compile(rf"(?:(?:{_alts(d['determiners'])})\s+)?(?:{_alts(d['relational_heads'])})\b", f),
        statements=frozenset(w for noun in d["statement_nouns"] for w in noun.split()) | {"resmi", "tertulis", "isi"},
        interposed=re.compile(rf"\b(?P<cue>{_alts(d['unquoted_cues'])})(?P<nya>nya)?\b", f),
        time_openers=re.compile(rf"(?:{_alts(d['time_openers'])})\b\s*,?\s*", f),
        # before a name only: "menurut data yang dirilis BPS" is read whole (_speakers._made_by), and
        # "menurut laporan tersebut" names no source
        source_nouns=re.compile(rf"\s*(?:{_alts(d['source_nouns'])})\s+(?-i:(?=[A-Z]))", f),
        # after "demikian" any passive cue ends the sentence's attribution; without it only a cue of
        # speech set between commas ("…, ditambahkan Wiranto, juga …", not "…, ditulis Andrea Hirata
        # pada 2005." nor "…, disampaikan Presiden di Gedung DPR.")
        # ("…, demikian dilaporkan pemerintah Ukraina.": a report's passive too, and a body by its head word)
        unquoted_passive=re.compile(rf",\s+(?:demikian|begitu)\s+(?P<cue>(?:{passive}|dilaporkan|diberitakan)(?:\s+oleh)?)"
                                    rf"\s+(?=[A-Z]|(?:{_alts(d['group_heads'])})\s)"
                                    rf"|,\s+(?P<set>{_alts(d['interposed_passive_cues'])})\s+(?=[A-Z](?:(?!\s(?:ke|kepada)\s)[^,.;:!?]){{0,80}},\s)"
                                    rf"|,\s+(?:demikian|begitu)\s+(?P<doc>(?:isi\s+)?(?:{documents}))"
                                    rf"(?:\s+(?:resmi|tertulis))?\s+(?=[A-Z])"),
    )
