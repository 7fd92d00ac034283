"""The event lexicon: ``warta/data/events.toml`` compiled once per process into regular expressions.

Triggers are found with one scan of the text (one alternation, longest phrase first, the first
letter in either case); a match is looked up by its lower-cased words. Cue lists become small
case-insensitive patterns searched inside one clause at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from warta.patterns import grouped, trie
from warta.resources import load_toml

__all__ = ["Trigger", "Lexicon", "lexicon", "words_key", "SPEECH_ACTS"]

# the types of speech acts (criticising, demanding, praising, refusing, threatening): made when
# they are reported, and said by whoever a statement's quote credits
SPEECH_ACTS = frozenset({"DEMAND", "DISAPPROVE", "SUPPORT", "REJECT", "THREATEN"})

_SPACE = r"[ \t\xa0]+"
_GAP = r"(?:[ \t\xa0]+[^\s.;!?]+){0,9}?[ \t\xa0]+"  # "*" in a phrase: up to nine words, one clause


@dataclass(frozen=True, slots=True)
class Trigger:
    type: str  # PLOVER type
    kind: str  # "verb", "passive" or "noun"
    phrase: str
    symmetric: bool
    need_target: bool
    complement_ok: bool  # a clause may stand for its unnamed target ("meminta warga agar ...")
    patient_first: bool  # an event noun whose following name is its target ("penangkapan X")


@dataclass(frozen=True, slots=True)
class Lexicon:
    scan: re.Pattern[str]  # every trigger; group "nya" when the pronoun is attached
    triggers: dict[str, Trigger]  # lower-cased words of a phrase -> its trigger
    gapped: tuple[tuple[re.Pattern[str], Trigger], ...]
    exclude_after: dict[str, re.Pattern[str]]
    exclude_before: dict[str, re.Pattern[str]]
    words: dict[str, frozenset[str]]  # named word lists: bridge, coordinators, target_preps …
    light_verbs: re.Pattern[str]  # at the end of the text before an event noun
    undergo_verbs: re.Pattern[str]  # the same, whose subject is the event's target
    witness_verbs: re.Pattern[str]  # the same, light verbs for ``witness_types`` only ("menyaksikan")
    witness_types: frozenset[str]
    clause: re.Pattern[str]
    anaphors: dict[str, str]
    institutions: dict[str, tuple[str, ...]]  # "polisi" -> the name beginnings of the units it may mean
    institution_heads: dict[str, tuple[str, ...]]  # a phrase naming a body by its name's head: its words
    perpetrator_types: frozenset[str]  # noun events whose actor a perpetrator's role before them names
    implicit_types: frozenset[str]  # passive events whose unnamed agent is the article's enforcer
    implicit_phrases: frozenset[str]  # and passive triggers of other types whose agent is (naming a suspect)
    enforcers: tuple[str, ...]  # the name beginnings of law-enforcement bodies
    anaphor_scan: re.Pattern[str]
    modality: dict[str, re.Pattern[str]]
    not_negation: re.Pattern[str]
    done: re.Pattern[str]  # perfective aspect right before a trigger ("telah mencabut")
    windows: dict[str, int]
    according: re.Pattern[str]
    outlet: re.Pattern[str]
    count: re.Pattern[str]
    numbers: dict[str, int]
    sport_types: frozenset[str]
    sport: re.Pattern[str]  # a sport word, or a phrase of ``not_sport`` where one stands
    not_sport: frozenset[str]  # phrases with a sport word that are not about sport (lower case)
    complement: re.Pattern[str]  # a complement clause opening within the window after a trigger
    symmetric_types: frozenset[str]  # types whose coordinated subjects are joint actors
    # verbs that are triggers only with the partner a preposition names after them ("berbicara" of
    # "berbicara dengan"), not by themselves
    phrase_heads: frozenset[str]
    judgements: frozenset[str]  # verbs that are DISAPPROVE only when a fault follows ("menilai ... melanggar")
    faults: re.Pattern[str]
    fault_negated: re.Pattern[str]  # a negation right before a fault ("tidak salah")


def words_key(text: str) -> str:
    return " ".join(text.lower().split())


def _cased(word: str) -> str:
    return f"[{word[0].upper()}{word[0]}]{word[1:]}" if word[:1].islower() else word


def _phrase(phrase: str, cased: bool = True) -> str:
    parts = [re.escape(w) for w in phrase.split()]
    src = _SPACE.join(parts).replace(_SPACE + r"\*" + _SPACE, _GAP)
    return _cased(src) if cased else src


def _alternation(phrases: Any, cased: bool = True) -> str:
    """The phrases longest first, grouped by first letter (``warta.patterns.grouped``: at a word
    start the engine tries only the phrases of that letter; the scan is ~10x faster, the matches
    the same)."""
    return grouped((p[0], _phrase(p, cased)) for p in sorted(set(phrases), key=len, reverse=True) if p)


def _before_noun(phrases: Any) -> re.Pattern[str]:
    """Any of the phrases, and at most one more word, at the end of the text before an event noun
    ("menggelar pertemuan", "menjalani pemeriksaan", "menyaksikan penandatanganan")."""
    return re.compile(rf"(?<![\w-])(?:{_alternation(phrases, cased=False)})(?:[ \t\xa0]+\S+)?[ \t\xa0]+\Z", re.I)


def _words_re(phrases: Any) -> re.Pattern[str]:
    """Any of the phrases as whole words, case-insensitively."""
    return re.compile(rf"(?<![\w-])(?:{_alternation(phrases, cased=False)})(?![\w-])", re.I)


def _triggers(data: dict[str, Any]) -> tuple[dict[str, Trigger], list[tuple[re.Pattern[str], Trigger]]]:
    need, patient = frozenset(data["need_target"]), frozenset(data["patient_nouns"])
    clause_ok = frozenset(data["complement_ok"])
    plain: dict[str, Trigger] = {}
    gapped = []
    for type_, spec in data["types"].items():
        for kind in ("verb", "passive", "noun"):
            for phrase in spec.get(kind, []):
                trig = Trigger(type_, kind, phrase, bool(spec.get("symmetric")), phrase.lower() in need,
                               phrase.lower() in clause_ok, kind == "noun" and phrase.lower() in patient)
                if "*" in phrase:
                    gapped.append((re.compile(_phrase(phrase) + r"\Z"), trig))
                else:
                    plain[words_key(phrase)] = trig
    return plain, gapped


def _exclusions(table: dict[str, list[str]], after: bool) -> dict[str, re.Pattern[str]]:
    out = {}
    for trigger, words in table.items():
        alt = _alternation(words, cased=False)
        src = rf"\A[ \t\xa0]+(?:{alt})(?![\w-])" if after else rf"(?<![\w-])(?:{alt})[ \t\xa0]+\Z"
        out[words_key(trigger)] = re.compile(src, re.I)
    return out


def _institution_heads(table: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
    """The phrases that name a body by the head of its name ("kepolisian", "partai tersebut"), each
    with the words its name must hold (the determiner left out)."""
    out = {words_key(h): tuple(h.lower().split()) for h in table["definite"]}
    for h in table["described"]:
        for d in table["determiners"]:
            out[words_key(f"{h} {d}")] = tuple(h.lower().split())
    return out


@cache
def lexicon() -> Lexicon:
    data = load_toml("events.toml")
    plain, gapped = _triggers(data)
    # gapped phrases first (longer than any plain phrase they start with), then the plain ones as
    # tries (``warta.patterns.trie``: ~N times faster than an alternation of N phrases, the same
    # matches); acronyms ("KTT", "MoU") keep their case
    gapped_src = [_phrase(t.phrase) for _, t in sorted(gapped, key=lambda g: len(g[1].phrase), reverse=True)]
    plain_phrases = [t.phrase for t in plain.values()]
    tries = [trie([p for p in plain_phrases if not p[0].isupper()], cased_words=True),  # "memanggil Duta Besar"
             trie([p for p in plain_phrases if p[0].isupper()], cased_first=False)]
    scan = re.compile(rf"(?<![\w-])(?:{'|'.join(gapped_src + tries)})(?P<nya>nya)?(?![\w-])")
    mod = data["modality"]
    heads = _institution_heads(data["institution_heads"])
    numbers = {words_key(k): v for k, v in data["count"]["numbers"].items()}
    number_alt = _alternation(numbers, cased=False)
    lists = ("coordinators", "target_preps", "agent_preps", "bridge_words", "place_preps", "place_bridges",
             "place_openers", "ordinals", "group_possessives", "adjunct_preps", "pronouns", "first_person",
             "clause_words", "subordinators", "manner_openers", "subjectless", "civil_clashes", "armed_words",
             "perpetrator_roles", "private_coercion", "public_violence", "armed_only", "alleged")
    return Lexicon(
        scan=scan, triggers=plain, gapped=tuple(gapped),
        exclude_after=_exclusions(data["exclude"]["after"], after=True),
        exclude_before=_exclusions(data["exclude"]["before"], after=False),
        words={name: frozenset(w.lower() for w in data[name]) for name in lists},
        light_verbs=_before_noun(data["light_verbs"]),
        undergo_verbs=_before_noun(data["undergo_verbs"]),
        witness_verbs=_before_noun(data["witness_verbs"]),
        witness_types=frozenset(data["witness_types"]),
        clause=re.compile(rf"[;:]|(?<![\w-])(?:{_alternation(data['clause_words'], cased=False)})(?![\w-])", re.I),
        anaphors={words_key(k): v for k, v in data["anaphors"].items()},
        institutions={words_key(k): tuple(v) for k, v in data["institutions"].items()},
        institution_heads=heads,
        perpetrator_types=frozenset(data["perpetrator_types"]),
        implicit_types=frozenset(data["implicit_agents"]["types"]),
        implicit_phrases=frozenset(data["implicit_agents"]["phrases"]),
        enforcers=tuple(data["implicit_agents"]["bodies"]),
        anaphor_scan=_words_re([*data["anaphors"], *data["pronouns"], *data["first_person"], *data["institutions"],
                                *heads]),
        modality={k: _words_re(mod[k]) for k in ("denied", "failed", "negated", "possible", "planned")},
        not_negation=_words_re(mod["not_negation"]),
        done=re.compile(rf"(?<![\w-])(?:{_alternation(mod['done'], cased=False)})[ \t\xa0]+\Z", re.I),
        windows={"cue": mod["window"], "negation": mod["negation_window"], "after": mod["after_window"],
                 "count": data["count"]["window"]},
        according=re.compile(rf"(?<![\w-])(?:{_alternation(data['according'], cased=False)})[ \t\xa0]+", re.I),
        outlet=re.compile(rf"(?<![\w-])(?:{_alternation(data['outlet_cues'], cased=False)})[ \t\xa0]+", re.I),
        count=re.compile(rf"(?<![\w-])(?:sebanyak[ \t\xa0]+)?(?P<n>\d{{1,3}}|{number_alt})[ \t\xa0]+kali(?![\w-])",
                         re.I),
        numbers=numbers,
        sport_types=frozenset(data["context"]["sport"]["types"]),
        sport=_words_re([*data["context"]["sport"]["words"], *data["context"]["sport"]["not_sport"]]),
        not_sport=frozenset(w.lower() for w in data["context"]["sport"]["not_sport"]),
        symmetric_types=frozenset(t for t, spec in data["types"].items() if spec.get("symmetric")),
        phrase_heads=frozenset(k.split()[0] for k in plain
                               if len(k.split()) == 2 and k.split()[1] in data["target_preps"]) - frozenset(plain),
        judgements=frozenset(data["judgement"]["verbs"]),
        faults=_words_re(data["judgement"]["faults"]),
        fault_negated=re.compile(r"(?<![\w-])(?:tidak|tak|bukan|nggak|gak|tanpa)[ \t\xa0]+\Z", re.I),
        complement=re.compile(rf"(?:nya)?(?:[ \t\xa0]+[^\s.;:!?,]+){{0,{data['complement_window'] - 1}}}?[ \t\xa0]+"
                              rf"(?:{_alternation(data['complementizers'], cased=False)}"
                              r"|(?:me|ber)[a-z]{3,})(?![\w-])", re.I),
    )


def lookup(lex: Lexicon, written: str) -> Trigger | None:
    """The trigger a scan match (without its -nya) stands for."""
    trig = lex.triggers.get(words_key(written))
    if trig is not None:
        return trig
    for pattern, gapped in lex.gapped:
        if pattern.match(written):
            return gapped
    return None
