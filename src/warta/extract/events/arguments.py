"""Who, to whom, where, when and how often: an event's arguments read from the items around its trigger.

Position rules (all a trigger needs when there is no parse):

* an active verb's actors are the participant group just before it in its clause ("X dan Y
  bertemu", "X akan segera menyerang"), its targets the group just after it ("bertemu dengan Y");
* a passive verb (di- forms) swaps them: the subject before is the target, the agent after
  ("ditangkap oleh X", "ditangkap X") the actor, also when "oleh" comes later in the clause
  ("divonis 8 tahun penjara oleh majelis hakim Pengadilan Tipikor Jakarta");
* an event noun takes the group right after it as its owners ("sanksi AS terhadap Rusia",
  "pertemuan antara X dan Y", "KTT X-Y"), or, after a light verb ("X menggelar pertemuan dengan Y"),
  the light verb's subject and object;
  A hyphen joins two sides ("latihan militer gabungan X-Y"); coordinated persons who are the subject
  of the clause the noun is fronted in ("Pada KTT X-Y …, A dan B sepakat") take part too;
* a group anaphor ("keduanya", "kedua negara") stands for the last two distinct participants of
  its kind, a pronoun ("ia", "-nya") for the last person, "kami" in a quote for its speaker, and a
  group pronoun owning an event noun ("pertemuan kedua mereka") for the last coordinated group.

A place is the first LOC (or building-like ORG) of a place phrase after "di"/"ke" ("di desa … X"),
never a target; a time the nearest DATE or TIME in the clause (never a DURATION); a count "N kali"
right after the trigger.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from warta.extract.events.context import PERSON_DESCRIPTION, DocContext, Hit, Item, sentence_items
from warta.extract.events.lexicon import SPEECH_ACTS
from warta.link.kb import KnowledgeBase, entity_slug
from warta.resources import load_toml, load_words

__all__ = ["Arguments", "find_arguments", "place_of", "time_of", "count_of", "resolve_anaphor", "is_place",
           "after_according", "title_words", "examples_after"]

_MAX_UNKNOWN_BEFORE = 2
_MAX_UNKNOWN_AFTER = 1
_MAX_BRIDGE_IN_GROUP = 3
_NEUTRAL_PUNCT = frozenset('()"“”‘’\'')
_JOINING_PUNCT = frozenset(",-–/")
_ANAPHOR_REACH = 2  # sentences back that a group anaphor or pronoun may reach
_MAX_PLACE_GAP = 3  # words of no place inside a place phrase ("di desa perbatasan antar-negara X")


@dataclass(slots=True)
class Arguments:
    actors: list[dict[str, Any]] = field(default_factory=list)
    targets: list[dict[str, Any]] = field(default_factory=list)


def is_place(ctx: DocContext, items: list[Item], j: int, lo: int) -> int | None:
    """The index of the preposition when entity j is a place ("di Singapura", "di kota Hanoi")."""
    words = ctx.lex.words
    i, bridges = j - 1, 0
    while i >= lo and items[i].kind == "W" and items[i].low in words["place_bridges"] and bridges < 3:
        i, bridges = i - 1, bridges + 1
    if i >= lo and items[i].kind == "W" and items[i].low in words["place_preps"]:
        return i
    if i - 1 >= lo and items[i].low == "," and items[i - 1].kind == "E" and items[j].data["type"] == "LOC":
        return is_place(ctx, items, i - 1, lo)  # "asal Kemayoran, Jakarta Pusat"; not "di Paris, Adenauer"
    return None


def after_according(ctx: DocContext, items: list[Item], j: int, lo: int) -> bool:
    prev = [it.low for it in items[max(lo, j - 3):j] if it.kind == "W"]
    return "menurut" in prev or "oleh" in prev[-1:]


def _group(ctx: DocContext, items: list[Item], j: int, lo: int, hi: int, step: int) -> tuple[list[Item], int]:
    """Entity j and the entities coordinated with it ("X dan Y", "X, Y serta Z", "X-Y"), walking in
    direction ``step``; returns the group and the index just past it."""
    words = ctx.lex.words
    group, i, joined_by_and = [items[j]], j + step, False
    while lo <= i < hi:
        if step < 0:
            i = _skip_bridges(items, i, lo, hi, step, words["bridge_words"])
            if not lo <= i < hi:
                break
        it = items[i]
        joiner = (it.kind == "W" and it.low in words["coordinators"]) or (it.kind == "P" and it.low in _JOINING_PUNCT)
        if not joiner:
            break
        n = _skip_bridges(items, i + step, lo, hi, step, words["bridge_words"]) if step > 0 else i + step
        if not (lo <= n < hi) or items[n].kind != "E" or is_place(ctx, items, n, lo) is not None \
                or after_according(ctx, items, n, lo):
            break
        if it.low == "," and step > 0 and not _and_follows(items, n, hi):
            break  # "X, Y bertemu": a comma joins only a list closed by "dan"
        if it.low == "," and step < 0 and not joined_by_and:
            break
        joined_by_and = joined_by_and or it.low in ("dan", "serta")
        group.append(items[n])
        i = n + step
    return group, i


def _apposed_to(items: list[Item], first: int, k: int, lo: int) -> Item | None:
    """The person an appositive describes when the group starting at item ``first`` lies inside one:
    "Kelik Ismunanto, Koordinator Relawan Kawan 98 dan Jaga Suara, menilai ...": the appositive
    opens after a comma that follows a person, with a title (roles.toml), and closes with a comma
    before the trigger; its subject is the person, not the organisation in the title."""
    if not any(it.kind == "P" and it.low == "," for it in items[first:k]):
        return None
    i = first - 1
    while i > lo and not (items[i].kind == "P" and items[i].low == ","):
        if items[i].kind in ("P", "G", "E"):
            return None
        i -= 1
    if i <= lo or items[i + 1].kind not in ("W", "R") or items[i + 1].low.split()[0] not in title_words():
        return None
    person = items[i - 1]
    return person if person.kind == "E" and person.data.get("type") == "PER" else None


def _skip_bridges(items: list[Item], i: int, lo: int, hi: int, step: int, bridges: frozenset[str]) -> int:
    n = 0
    while lo <= i < hi and (items[i].kind == "R" or items[i].kind == "W" and items[i].low in bridges) \
            and n < _MAX_BRIDGE_IN_GROUP:
        i, n = i + step, n + 1
    return i


def _and_follows(items: list[Item], n: int, hi: int) -> bool:
    return any(it.kind == "W" and it.low in ("dan", "serta") for it in items[n + 1:min(hi, n + 4)])


def _entities(group: list[Item]) -> list[dict[str, Any]]:
    return [it.data for it in group]


def backward(ctx: DocContext, items: list[Item], k: int, lo: int) -> list[dict[str, Any]]:
    """The participant group that is the subject of the trigger at item k."""
    words, unknown, j = ctx.lex.words, 0, k - 1
    nouns = False  # a word passed that is not an auxiliary: a subject of the trigger's own may stand there
    while j >= lo:
        it = items[j]
        if it.kind == "W" and it.low in reporting_verbs() and nouns:
            return []  # "Dia berharap pihak pemerintah segera memberikan bantuan": the hope's, not the aid's
        nouns = nouns or (it.kind == "W" and it.low not in AUXILIARIES)
        if it.kind == "E":
            place = is_place(ctx, items, j, lo)
            if place is not None:
                j = place - 1
                continue
            body = _located_body(ctx, items, j, lo)
            if body is not None:  # "Polres Bogor, Jawa Barat menangkap": the body, not its province
                j = body
                continue
            if after_according(ctx, items, j, lo):
                return []
            comma = _interposed_speaker(ctx, items, j, lo)
            if comma is not None:  # "Presiden Joko Widodo, kata Pratikno, bertemu …": the subject is before it
                j = comma - 1
                continue
            group, past = _group(ctx, items, j, lo, k, -1)
            verb = _skip_bridges(items, past, lo, k, -1, words["bridge_words"])
            if verb >= lo and items[verb].kind == "G" and items[verb].data.trigger.kind == "verb":
                return backward(ctx, items, verb, lo)  # "X bertemu Y dan bertemu Z": Y is an object
            head = _apposed_to(items, past + 1, k, lo)
            return [head.data] if head is not None else _entities(group)
        if it.kind == "A":
            return resolve_anaphor(ctx, it)
        if it.kind == "G" and not (j + 1 < k and items[j + 1].low in ("dan", ",", "untuk")):
            return []
        if it.kind == "P" and it.low not in _NEUTRAL_PUNCT and it.low != ",":
            return []
        if it.kind == "P" and it.low == ",":
            opening = _relative_between_commas(items, j, lo)
            if opening is not None:  # "X, yang melakukan kunjungan ke Beirut, menandatangani ...": X signs
                j = opening - 1
                continue
        if it.kind == "W" and it.low not in words["bridge_words"] and it.low not in words["coordinators"]:
            unknown += 1
            if unknown > _MAX_UNKNOWN_BEFORE:
                return []
        j -= 1
    return []


_RELATIVE_ITEMS = 24  # items of a relative clause set between commas after its head


def _relative_between_commas(items: list[Item], j: int, lo: int) -> int | None:
    """When the comma at item j closes a relative clause that opens with ", yang" right after a named
    head ("Imam Nahrawi, yang melakukan kunjungan ke Beirut, menandatangani ..."): the index of the
    comma that opens it; None otherwise."""
    for i in range(j - 1, max(lo, j - _RELATIVE_ITEMS) - 1, -1):
        it = items[i]
        if it.kind == "P" and it.low in ".;:!?":
            return None
        if it.kind == "P" and it.low == ",":
            opens = i + 1 < j and items[i + 1].kind == "W" and items[i + 1].low == "yang"
            return i if opens and i - 1 >= lo and items[i - 1].kind == "E" else None
    return None


# cues of an attribution set into a clause between commas: "Tujuh ormas itu, kata Yusri, berunjuk rasa"
_INTERPOSED_CUES = frozenset("kata ujar tutur ucap jelas imbuh tambah lanjut tegas ungkap terang sebut".split())
_TITLE_ITEMS = 6  # items of a title between the cue and the speaker's name


def _interposed_speaker(ctx: DocContext, items: list[Item], j: int, lo: int) -> int | None:
    """When entity j is the speaker of an attribution set into the clause (", kata [title] X,"), not the
    subject of the verb after it, which comes before the attribution: the index of the comma that
    opens the attribution; None otherwise."""
    for x in range(j - 1, max(lo, j - 1 - _TITLE_ITEMS) - 1, -1):
        it = items[x]
        if it.kind == "W" and it.low in _INTERPOSED_CUES:
            return x - 1 if x > lo and items[x - 1].kind == "P" and items[x - 1].low == "," else None
        if not (it.kind in ("R", "E") or it.kind == "W" and ctx.text[it.start:it.start + 1].isupper()):
            return None
    return None


_LOCATING_ITEMS = 8  # items between a body and the last place that locates it


def _located_body(ctx: DocContext, items: list[Item], j: int, lo: int) -> int | None:
    """The index of the body or person that place j locates, when j is one: a town or region the
    knowledge base knows (not a country, which may act itself) written after a body's name, right
    after it or behind a place word ("MUI Kota Sukabumi", "Dinas Kominfo Kota Bekasi", "Kepolisian
    Resor Kota Besar (Polrestabes) Surabaya"), or after a comma, alone or in a chain of such places
    ("Polsek Dolok Masihul, Serdang Bedagai, Sumatera Utara, menangkap", "Kantor Imigrasi Kelas I
    Palu, Sulawesi Tengah"; a person too: "Ahmad, Bekasi"), unless a comma before the body opens an
    apposition it stands in ("Zunaidi, pelaku pelecehan pasien RS X, Surabaya, ditetapkan ...")."""
    if not _town(items[j].data):
        return None
    words = ctx.lex.words
    i, commas, bracket = j - 1, False, False
    while i >= lo and j - i <= _LOCATING_ITEMS:
        it = items[i]
        if it.kind == "E":
            kind = it.data.get("type")
            if kind == "ORG" or kind == "PER" and commas:
                if commas and any(x.kind == "P" and x.low == "," for x in items[lo:i]):
                    return None  # "Zunaidi, pelaku pelecehan pasien RS X, Surabaya, ...": inside an apposition
                return i
            if kind != "LOC" or not _town(it.data):
                return None
        elif it.kind == "P" and it.low == ",":
            commas = True
        elif it.kind == "P" and it.low in "()":
            bracket = True
        elif not (it.kind == "W" and (it.low in words["place_bridges"]
                                      or bracket and ctx.text[it.start:it.start + 1].isupper())):
            return None
        i -= 1
    return None


def _town(e: dict[str, Any]) -> bool:
    """A place the knowledge base knows that is no country or territory."""
    if e.get("type") != "LOC":
        return False
    known = KnowledgeBase.load().get(e.get("id") or "")
    return known is not None and known.kind not in ("country", "territory")


AUXILIARIES = frozenset("akan telah sudah segera tidak tak bisa dapat harus ingin mau bakal hendak belum masih "
                         "sedang tengah juga pun kembali siap bersedia berencana berniat untuk perlu mesti wajib "
                         "terus langsung secara resmi".split())


@cache
def reporting_verbs() -> frozenset[str]:
    """The verbs that report speech or thought (the quote finder's list, quotes.toml): a trigger after
    one with a subject of its own between them ("berharap pemerintah segera memberikan") belongs to
    that subject, not to the one who spoke."""
    return frozenset(load_toml("quotes.toml")["reporting_verbs"])


def forward(ctx: DocContext, items: list[Item], k: int, hi: int, max_unknown: int = _MAX_UNKNOWN_AFTER,
            ) -> tuple[list[dict[str, Any]], str | None, int]:
    """The first participant group after item k: (entities, the preposition before it, index past it)."""
    words, unknown, prep, j = ctx.lex.words, 0, None, k + 1
    in_place = place_phrases(ctx, items, k, hi)
    while j < hi:
        it = items[j]
        if it.kind == "E":
            if is_place(ctx, items, j, k + 1) is not None or j in in_place:
                j += 1
                continue
            group, nxt = _group(ctx, items, j, k + 1, hi, 1)
            return _entities(group), prep, nxt
        if it.kind == "A":
            return resolve_anaphor(ctx, it), prep, j + 1
        if (it.kind == "G" and it.data.trigger.kind != "noun") or (it.kind == "P" and it.low not in _NEUTRAL_PUNCT):
            break
        if it.kind == "G" or it.kind == "W" and it.low in ("kasus", "dugaan"):
            pass  # "mengusut (kasus) dugaan korupsi X": X is the target
        elif it.kind == "W":
            if it.low in words["target_preps"] or it.low in words["agent_preps"]:
                prep = it.low
            elif it.low not in words["bridge_words"] and it.low not in words["place_preps"] \
                    and it.low not in words["place_bridges"] and not _title_chain(ctx, items, j, hi):
                unknown += 1
                if unknown > max_unknown:
                    break
        j += 1
    return [], None, j


def _title_chain(ctx: DocContext, items: list[Item], j: int, hi: int) -> bool:
    """Word j is a capitalised word of a title chain that ends in a person ("menahan Bupati Kolaka
    Timur Abdul Azis": a place in the title, not a word between the verb and its object)."""
    if not ctx.text[items[j].start].isupper():
        return False
    n = j + 1
    while n < hi and items[n].kind == "W" and ctx.text[items[n].start].isupper():
        n += 1
    return n < hi and items[n].kind == "E" and items[n].data.get("type") == "PER"


def place_phrases(ctx: DocContext, items: list[Item], k: int, hi: int) -> dict[int, str]:
    """Entities after item k that stand in a place phrase, with the preposition that opened it ("di desa
    perbatasan Entikong", "ke Jepang dan Filipina"): a place is never a target. The
    phrase ends at a target preposition, a clause word, a punctuation mark, another trigger ("di tengah
    tuntutan India": India makes a demand) or a few words of no place."""
    words, out, opener, gap = ctx.lex.words, {}, None, 0
    for j in range(k + 1, hi):
        it = items[j]
        if it.kind == "W" and it.low in words["place_openers"]:
            opener, gap = it.low, 0
        elif opener is None:
            continue
        elif it.kind == "E":
            if it.data["type"] in ("LOC", "ORG") or is_place(ctx, items, j, k + 1) is not None:
                out[j] = opener
            else:
                opener = None
        elif (it.kind == "P" and it.low not in _NEUTRAL_PUNCT and it.low not in "-–") \
                or it.kind == "G" \
                or (it.kind == "W" and (it.low in words["target_preps"] or it.low in words["agent_preps"]
                                        or it.low in words["clause_words"])):
            opener = None
        elif it.kind == "W" and it.low not in words["place_bridges"] and it.low not in words["coordinators"]:
            gap += 1
            opener = opener if gap <= _MAX_PLACE_GAP else None
    return out


def _verb(ctx: DocContext, items: list[Item], k: int, lo: int, hi: int) -> Arguments:
    hit: Hit = items[k].data
    before = backward(ctx, items, k, lo)
    after, prep, _ = forward(ctx, items, k, hi)
    if hit.nya and not after:
        after = resolve_anaphor(ctx, Item("A", hit.end - 3, hit.end, "ia"))
    if hit.trigger.kind == "passive" and after and _NAMING.search(ctx.text, hit.end, after[0]["start"]):
        # "Salah satu yang ditangkap bernama X", "yang sudah ditangkap adalah Roni": who it befell, named
        before, after = before or after, []
    if hit.trigger.kind == "passive":
        if not after:
            after = _delayed_agent(ctx, items, k, hi)
        if not after and before and (hit.trigger.type in ctx.lex.implicit_types
                                     or hit.trigger.phrase in ctx.lex.implicit_phrases):
            after = _enforcer(ctx)  # "Siti ditahan ...": by the body the article is about
        return Arguments(actors=after, targets=before)
    if not before and prep == "antara" and len(after) > 1 and hit.trigger.symmetric:
        return Arguments(actors=after)
    return Arguments(actors=before, targets=after)


def _noun(ctx: DocContext, items: list[Item], k: int, lo: int, hi: int) -> Arguments:
    hit: Hit = items[k].data
    holder = _role_holder(ctx, items, k, lo, hi) if hit.trigger.type in ctx.lex.perpetrator_types else None
    if holder is not None:  # "Zunaidi, pelaku pelecehan seksual": the perpetrator the role names
        return Arguments(actors=holder)
    text = ctx.text
    base = items[lo].start
    undergo = ctx.lex.undergo_verbs.search(text, base, hit.start) if lo < k else None
    if undergo is not None:  # "X menjalani pemeriksaan (oleh Y)": X undergoes it
        j = next(i for i in range(lo, k + 1) if items[i].start >= undergo.start())
        actors = _agent_after(ctx, items, k, hi)
        patients = backward(ctx, items, j, lo)
        if not actors and patients and hit.trigger.type in ctx.lex.implicit_types:
            actors = _enforcer(ctx)
        return Arguments(actors=actors, targets=patients)
    light = ctx.lex.light_verbs.search(text, base, hit.start) if lo < k else None
    if light is not None and hit.trigger.type in ctx.lex.perpetrator_types and \
            _CASE_BETWEEN.search(text, light.start(), hit.start):
        light = None  # "melanjutkan kasus korupsi": the court goes on with the case, commits no crime
    if light is None and lo < k and hit.trigger.type in ctx.lex.witness_types:
        light = ctx.lex.witness_verbs.search(text, base, hit.start)  # "X menyaksikan penandatanganan MoU"
    if light is not None:
        j = next(i for i in range(lo, k + 1) if items[i].start >= light.start())
        given = _agent_after(ctx, items, k, hi) if light.group(0).lower().startswith("menerima") else []
        if given:  # "X menerima bantuan dari Y": Y gives it, to X
            return Arguments(actors=given, targets=backward(ctx, items, j, lo))
        targets, _, _ = forward(ctx, items, k, hi)
        return Arguments(actors=backward(ctx, items, j, lo), targets=targets)
    if hit.nya:  # "kunjungannya": the subject of its clause, else the last person
        owner = backward(ctx, items, k, lo) or resolve_anaphor(ctx, Item("A", hit.end - 3, hit.end, "ia"))
        targets, _, _ = forward(ctx, items, k, hi)
        return Arguments(actors=owner, targets=targets)
    if k + 1 < hi and items[k + 1].low in ("tersebut", "itu", "ini"):
        # "pertemuan tersebut": an event told before; fronted, its participant is the clause's subject
        # ("Dalam pertemuan itu, Djarot meminta para uskup ...")
        return Arguments(actors=_fronted_subject(ctx, items, k, lo, hi))
    group = _possessive_group(ctx, items, k, hi)
    if group:
        return Arguments(actors=group + _subject_pair(ctx, items, k, hi))
    owners, prep, nxt = forward(ctx, items, k, hi, max_unknown=0)
    if hit.trigger.patient_first and prep is None:
        if owners and nxt < hi:  # "penangkapan KPK terhadap Bupati X": the owner acts, on whom "terhadap" names
            others, oprep, _ = forward(ctx, items, nxt - 1, hi, max_unknown=1)
            if others and oprep == "terhadap":
                return Arguments(actors=owners, targets=others)
        return Arguments(targets=owners)
    if prep == "antara" or (prep is None and owners):
        targets: list[dict[str, Any]] = []
        if nxt < hi:
            targets, tprep, _ = forward(ctx, items, nxt - 1, hi, max_unknown=1)
            targets = targets if tprep else []
        return Arguments(actors=owners + _subject_pair(ctx, items, k, hi), targets=targets)
    # no owner named with the noun: "kecaman dari seluruh negara" (its agent after "dari"), or
    # "Dalam kunjungan ke Nauru, Wiranto ..." (the subject of the clause it is fronted in)
    actors = _agent_after(ctx, items, k, hi) or _fronted_subject(ctx, items, k, lo, hi)
    return Arguments(actors=actors, targets=[e for e in (owners if prep else []) if e not in actors])


_EXAMPLES = re.compile(r"(?:,\s*(?:termasuk|antara lain|di antaranya|yakni|yaitu|salah satunya)"
                       r"|\s(?:yakni|yaitu))\s+", re.I)
# an unnamed object of one to three lower-case words and the name set beside it between commas:
# "memeriksa pengacara, Farhat Abbas, ihwal ..."
_APPOSED_OBJECT = re.compile(r"[ \t\xa0]+[a-z]+(?:[ \t\xa0]+[a-z]+){0,2}[ \t\xa0]*,[ \t\xa0]*")
_OBJECT_REACH = 60  # characters of an unnamed object between a verb and the examples that name it
_TITLE_REACH = 60  # characters of a title before the first name of the examples


def examples_after(ctx: DocContext, pos: int, end: int) -> list[dict[str, Any]]:
    """The persons or bodies that name an unnamed object by example ("memeriksa sejumlah saksi,
    termasuk Kwik Kian Gie", "menangkap tiga orang, yakni A, B dan C", "memeriksa dua saksi lainnya
    yakni A dan B"): the named ones after the cue, a title before the first allowed, joined by commas
    and "dan"; or the person set beside a short unnamed object between commas ("memeriksa
    pengacara, Farhat Abbas, ihwal ...")."""
    cue = _EXAMPLES.search(ctx.text, pos, min(end, pos + _OBJECT_REACH))
    if cue is None:
        apposed = _APPOSED_OBJECT.match(ctx.text, pos, end)
        if apposed is None:
            return []
        i = bisect.bisect_left(ctx.ent_starts, apposed.end())
        e = ctx.entities[i] if i < len(ctx.entities) else None
        closed = e is not None and re.match(r"\s*[,(.]", ctx.text[e["end"]:e["end"] + 3])
        if e is None or e["type"] != "PER" or e["start"] - apposed.end() > _TITLE_REACH or not closed \
                or re.search(r"[,.;]", ctx.text[apposed.end():e["start"]]):
            return []
        return [e]
    if re.search(r"[.;:\"“”]", ctx.text[pos:cue.start()]):
        return []
    out: list[dict[str, Any]] = []
    at = cue.end()
    for e in ctx.entities[bisect.bisect_left(ctx.ent_starts, at):]:
        if e["type"] not in ("PER", "ORG"):
            continue
        between = ctx.text[at:e["start"]]
        if e["start"] >= end or (out and not re.fullmatch(r"\s*(?:,|dan|serta|,\s*dan)\s*", between)) or \
                (not out and (e["start"] - at > _TITLE_REACH or re.search(r"[,.;]", between))):
            break
        out.append(e)
        at = e["end"]
    return out


_SPEECH_NOUN_TYPES = SPEECH_ACTS | {"PROTEST"}
# nouns whose "dari X" names who acts: a speech act or protest ("kecaman dari Indonesia"), and aid, a
# sanction or an attack given ("bantuan dari Jepang", "vonis dari Pengadilan Negeri Bandung",
# "penembakan dari India")
_FROM_AGENT_TYPES = _SPEECH_NOUN_TYPES | {"AID", "SANCTION", "ASSAULT"}
_CASE_WORDS = frozenset({"kasus", "dugaan", "perkara", "tindak", "pidana", "aksi"})
_NAMING = re.compile(r"(?i)(?<![\w-])(?:bernama|berinisial|adalah|ialah|yaitu|yakni|merupakan)(?![\w-])")
_CASE_BETWEEN = re.compile(r"(?i)(?<![\w-])(?:kasus|perkara)(?![\w-])")


def _role_holder(ctx: DocContext, items: list[Item], k: int, lo: int, hi: int) -> list[dict[str, Any]] | None:
    """The persons a perpetrator's role names for a crime or an attack noun after it ("tersangka
    (kasus) suap", "pelaku pembunuhan", "dalang serangan bom"): the person apposed before the role
    ("Zunaidi, pelaku pelecehan seksual"), made it ("KPK menetapkan A dan B sebagai tersangka suap"),
    or named after the noun ("tersangka pencurian, Zul", "... yakni Zul dan Hen"); None when no
    role stands before the noun, [] when no one is named."""
    j = k - 1
    while j >= lo and items[j].kind in ("W", "G") and items[j].low in _CASE_WORDS:
        j -= 1
    if j < lo or items[j].kind not in ("W", "G") or items[j].low not in ctx.lex.words["perpetrator_roles"]:
        return None
    i = j - 1
    while i >= lo and items[i].kind == "W" and items[i].low in ctx.lex.words["bridge_words"]:
        i -= 1  # "kedua tersangka", "para pelaku"
    if i >= lo and items[i].kind == "W" and items[i].low in ("sebagai", "menjadi", "jadi"):
        i -= 1  # "menetapkan A dan B sebagai tersangka": the object made one
    elif not (i > lo and items[i].low == ","):
        i = lo - 1
    else:
        i -= 1  # "Zunaidi, pelaku ...": apposed
    if i >= lo and items[i].kind == "E" and items[i].data.get("type") == "PER":
        group, _ = _group(ctx, items, i, lo, k, -1)
        return sorted((e for e in _entities(group) if e.get("type") == "PER"), key=lambda e: e["start"])
    n = k + 1
    while n < hi and items[n].kind == "P" and items[n].low in ",(":
        n += 1  # "tersangka pencurian, Zul"
    if n < hi and items[n].kind == "E" and items[n].data.get("type") == "PER":
        group, _ = _group(ctx, items, n, lo, hi, 1)
        return [e for e in _entities(group) if e.get("type") == "PER"]
    return [e for e in examples_after(ctx, items[k].end, items[hi - 1].end) if e.get("type") == "PER"]


_AGENT_WORDS = 3  # words of a title or a body's common name between "oleh" and the agent's name
_NOT_AGENT = frozenset({"karena", "sebab"})  # "oleh karena itu": therefore


def _delayed_agent(ctx: DocContext, items: list[Item], k: int, hi: int) -> list[dict[str, Any]]:
    """The agent of a passive verb written after what it says of the patient: the first "oleh" of the
    clause, before any other verb trigger, "yang" or punctuation, then the first named participant
    within a few words of a title or a body's common name ("divonis 8 tahun penjara oleh majelis
    hakim Pengadilan Tipikor Jakarta", "dicopot dari jabatannya oleh Kapolri Jenderal Listyo Sigit
    Prabowo"); none when a word of another kind comes first."""
    j = k + 1
    while j < hi and not (items[j].kind == "W" and items[j].low == "oleh"):
        it = items[j]
        if it.kind == "P" and it.low not in _NEUTRAL_PUNCT or it.kind == "G" and it.data.trigger.kind != "noun" \
                or it.kind == "W" and it.low == "yang":
            return []
        j += 1
    if j + 1 >= hi or items[j + 1].low in _NOT_AGENT:
        return []
    for n in range(j + 1, min(hi, j + 2 + _AGENT_WORDS)):
        it = items[n]
        if it.kind == "E":
            if is_place(ctx, items, n, j + 1) is not None:
                return []
            group, _ = _group(ctx, items, n, n, hi, 1)
            return _entities(group)
        if it.kind == "A":
            return resolve_anaphor(ctx, it)
        if not (it.kind == "R" or it.kind == "W" and it.low.isalpha()):
            return []
    return []


def _agent_after(ctx: DocContext, items: list[Item], k: int, hi: int) -> list[dict[str, Any]]:
    """Who an event noun is from: "kecaman dari Indonesia", "permintaan dari pihak X", "bantuan dari
    Jepang" (``_FROM_AGENT_TYPES``)."""
    hit: Hit = items[k].data
    if hit.trigger.type not in _FROM_AGENT_TYPES or k + 2 >= hi or items[k + 1].low != "dari":
        return []
    j = _skip_bridges(items, k + 2, k + 2, hi, 1, ctx.lex.words["bridge_words"])
    if j < hi and items[j].kind == "E" and items[j].data.get("type") in ("PER", "ORG", "LOC"):
        group, _ = _group(ctx, items, j, j, hi, 1)
        return _entities(group)
    return []


@cache
def title_words() -> frozenset[str]:
    """The words of persons' titles (roles.toml's heads, lower case): "menko", "kapolda", "ketua"."""
    return frozenset(w.lower() for h in load_toml("roles.toml")["heads"] for w in h.split())


def _fronted_subject(ctx: DocContext, items: list[Item], k: int, lo: int, hi: int) -> list[dict[str, Any]]:
    """The subject of the main clause for an event noun in a fronted adjunct ("Dalam kunjungan ke
    Nauru, Menko Polhukam Wiranto menghadiri ...", "Pada rapat koordinasi di Istana, Tito ..."): the
    adjunct opens the sentence with "dalam" or "pada", a comma closes it, and a named person or
    organisation follows (after a title)."""
    words = ctx.lex.words
    j = k - 1
    while j >= lo and items[j].kind == "W" and items[j].low not in words["adjunct_preps"] and k - j <= 2:
        j -= 1
    if j < lo or items[j].kind != "W" or items[j].low not in words["adjunct_preps"] or j > lo + 1:
        return []
    comma = next((i for i in range(k + 1, hi) if items[i].kind == "P"), None)
    if comma is None or items[comma].low != ",":
        return []
    first = _skip_bridges(items, comma + 1, comma + 1, hi, 1, words["bridge_words"])
    if first < hi and items[first].kind == "W" and items[first].low in title_words():
        title_end = first + 1  # "Menko Polhukam Wiranto": a title, its capitalised words, the name
        while title_end < min(hi, first + 5) and items[title_end].kind == "W" \
                and ctx.text[items[title_end].start].isupper():
            title_end += 1
        first = title_end
    if first < hi and items[first].kind == "E" and items[first].data.get("type") in ("PER", "ORG"):
        group, nxt = _group(ctx, items, first, first, hi, 1)
        if nxt < hi and items[nxt].kind in ("G", "W"):
            return _entities(group)
    return []


def _possessive_group(ctx: DocContext, items: list[Item], k: int, hi: int) -> list[dict[str, Any]]:
    """The owners of "pertemuan kedua mereka": the last coordinated group named before."""
    j = k + 1
    while j < hi and items[j].kind == "W" and items[j].low in ctx.lex.words["ordinals"]:
        j += 1
    if j < hi and items[j].kind == "W" and items[j].low in ctx.lex.words["group_possessives"]:
        return antecedent_group(ctx, items[j].start)
    return []


def antecedent_group(ctx: DocContext, pos: int) -> list[dict[str, Any]]:
    """The last group of two or more coordinated persons, or of countries and organisations ("X dan Y",
    "X-Y"), named before ``pos`` in its sentence or the two before; [] when there is none."""
    now = ctx.sentence_of(pos)
    for s in range(now, max(-1, now - _ANAPHOR_REACH - 1), -1):
        a, b = ctx.sents[s]
        items = sentence_items(ctx, a, min(b, pos))
        found: list[dict[str, Any]] = []
        j = 0
        while j < len(items):
            if items[j].kind != "E" or is_place(ctx, items, j, 0) is not None:
                j += 1
                continue
            group, j = _group(ctx, items, j, 0, len(items), 1)
            ents = _distinct(_entities(group))
            if len(ents) >= 2 and len({e["type"] == "PER" for e in ents}) == 1:
                found = ents
        if found:
            return found
    return []


def _subject_pair(ctx: DocContext, items: list[Item], k: int, hi: int) -> list[dict[str, Any]]:
    """Coordinated persons who are the subject of the clause an event noun is fronted in ("Pada KTT
    X-Y pertama mereka …, A dan B sepakat"): they took part too."""
    for j in range(k + 1, hi):
        if items[j].kind != "E" or items[j].data["type"] != "PER" or items[j - 1].low != ",":
            continue
        group, nxt = _group(ctx, items, j, j, hi, 1)
        ents = _distinct(_entities(group))
        nxt = _skip_bridges(items, nxt, j, hi, 1, ctx.lex.words["bridge_words"])
        if len(ents) >= 2 and all(e["type"] == "PER" for e in ents) and nxt < hi \
                and (items[nxt].kind == "G" and items[nxt].data.trigger.kind == "verb"
                     or items[nxt].kind == "W" and items[nxt].low not in ctx.lex.words["target_preps"]):
            return ents
    return []


def find_arguments(ctx: DocContext, items: list[Item], k: int, lo: int, hi: int) -> Arguments:
    hit: Hit = items[k].data
    args = _noun(ctx, items, k, lo, hi) if hit.trigger.kind == "noun" else _verb(ctx, items, k, lo, hi)
    args.actors = _distinct(args.actors)
    ids = {e.get("id") for e in args.actors}
    args.targets = [e for e in _distinct(args.targets) if e.get("id") not in ids]
    return args


def _distinct(ents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen, out = set(), []
    for e in ents:
        key = e.get("id") or e.get("name")
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out


def _enforcer(ctx: DocContext) -> list[dict[str, Any]]:
    """The law-enforcement body an article is about (events.toml's implicit agents): the one of its
    organisations so named that it names most often, the first named on a tie; [] if none."""
    named: dict[Any, list[dict[str, Any]]] = {}
    for e in ctx.entities:
        if e["type"] == "ORG" and e["name"].startswith(ctx.lex.enforcers):
            named.setdefault(e.get("id") or e["name"], []).append(e)
    if not named:
        return _bodies_in_titles(ctx, ctx.lex.enforcers)[:1]
    return [max(named.values(), key=len)[0]]  # max keeps the first of equals: the first named


# the chiefs whose title names the body they head: "Kapolres Metro Bekasi" heads Polres Metro Bekasi
_CHIEF_BODIES = {"kapolri": "Polri", "wakapolri": "Polri", "kapolda": "Polda", "wakapolda": "Polda",
                 "kapolres": "Polres", "wakapolres": "Polres", "kapolresta": "Polresta", "kapolrestabes": "Polrestabes",
                 "kapolsek": "Polsek", "wakapolsek": "Polsek", "kajari": "Kejari", "kajati": "Kejati"}


@cache
def _ranks() -> frozenset[str]:
    return frozenset(w.lower() for w in load_toml("roles.toml")["ranks"])


def _bodies_in_titles(ctx: DocContext, names: tuple[str, ...]) -> list[dict[str, Any]]:
    """The bodies the article names only inside a chief's title ("Kapolres Metro Bekasi Kombes Mustofa":
    Polres Metro Bekasi), whose names begin with one of ``names``, the one named most first; each as a
    participant at the title's person, with the id the linker gives such a body."""
    found: dict[str, list[dict[str, Any]]] = {}
    for e in ctx.entities:
        words = (e.get("role") or "").split() if e["type"] == "PER" else []
        if not words or words[0].lower() not in _CHIEF_BODIES:
            continue
        place = []
        for w in words[1:]:
            if w.lower() in _ranks() or not w[:1].isupper():
                break
            place.append(w)
        name = " ".join([_CHIEF_BODIES[words[0].lower()], *place])
        if name.startswith(names) and (place or name == "Polri"):
            found.setdefault(name, []).append({"text": e["text"], "start": e["start"], "end": e["end"], "name": name,
                                               "id": f"org:{entity_slug(name)}", "type": "ORG"})
    return [v[0] for v in sorted(found.values(), key=len, reverse=True)]


_STATE_REACH = 24  # characters of lower-case words between an institution's noun and its country


def _state_of(ctx: DocContext, it: Item) -> list[dict[str, Any]]:
    """The country an institution's noun names right after it, with nothing but lower-case words
    between ("ditangkap polisi perairan Malaysia", "polisi Filipina"): a state's police act for it."""
    k = bisect.bisect_left(ctx.ent_starts, it.end)
    if k == len(ctx.entities):
        return []
    e = ctx.entities[k]
    between = ctx.text[it.end:e["start"]]
    if e["type"] != "LOC" or e["start"] - it.end > _STATE_REACH or not all(w.islower() for w in between.split()):
        return []
    known = KnowledgeBase.load().get(e.get("id") or "")
    return [e] if known is not None and known.kind == "country" else []


def resolve_anaphor(ctx: DocContext, it: Item) -> list[dict[str, Any]]:
    """The participants an anaphor stands for (see the module docstring); [] when unsure."""
    words = ctx.lex.words
    if it.low in words["first_person"]:
        q = ctx.quote_at(it.start)
        speaker = (q or {}).get("speaker")
        if not speaker or not speaker.get("name"):
            return []
        body = _speakers_body(ctx, speaker) if it.low in _WE else None
        return [speaker, body] if body is not None else [speaker]
    units = ctx.lex.institutions.get(it.low)
    if units:  # "polisi": the police unit the article named last before it
        before = [e for e in ctx.entities if e["start"] < it.start and e["type"] == "ORG"
                  and e["name"].startswith(units)]
        return before[-1:] or _state_of(ctx, it) or _most_named(ctx, it, lambda e: e["name"].startswith(units)) \
            or _bodies_in_titles(ctx, tuple(units))[:1]  # "Polisi menangkap … Kapolres Metro Bekasi X mengatakan"
    head = ctx.lex.institution_heads.get(it.low)
    if head:  # "tim gabungan", "partai tersebut": the body last named so
        before = [e for e in ctx.entities if e["start"] < it.start and e["type"] == "ORG" and _headed(e, head)][-1:]
        if before or len(it.low.split()) > len(head):
            return before  # "partai tersebut" (a head and its determiner) points back, never ahead
        return _most_named(ctx, it, lambda e: _headed(e, head))
    floor = ctx.sents[max(0, ctx.sentence_of(it.start) - _ANAPHOR_REACH)][0]
    if it.data == PERSON_DESCRIPTION:
        titled = _titled_as(ctx, it)
        if titled is not None:
            return [titled]
    if it.low in words["pronouns"] or it.data == PERSON_DESCRIPTION:
        said = _speaker_written_at(ctx, it.start) or _previous_subject(ctx, it)
        found = [said] if said is not None else _last(ctx, it.start, floor, ("PER",), 1)
        if it.data == PERSON_DESCRIPTION:  # "Ketua Umum Partai Golkar itu" is not "Pengusaha Andi"
            found = [e for e in found if not _other_role(ctx, e, it.low)]
        return found
    kind = ctx.lex.anaphors.get(it.low, "any")
    if kind == "any":
        for pos, parts in reversed(ctx.last_participants):
            if floor <= pos < it.start and len(parts) >= 2:
                return parts[-2:]
        return _last(ctx, it.start, floor, ("PER",), 2)
    return _last(ctx, it.start, floor, (kind,), 2)


_WE = frozenset(("kami", "pihak kami", "pihaknya"))  # a body speaking through one of its people ("kita" is anyone)


def _speakers_body(ctx: DocContext, speaker: dict[str, Any]) -> dict[str, Any] | None:
    """The organisation a speaker's title names, when "kami" in what they say is that body: the last
    organisation named in the title before the speaker's name ("Ketua DPW PPP Jateng, Masrukhan
    Syamsurie": PPP; "Juru Bicara Kementerian Luar Negeri X": the ministry)."""
    titled = [e for e in ctx.entities if e.get("id") == speaker.get("id") and e.get("role")]
    if not titled:
        return None
    named, role = titled[0], titled[0]["role"]
    bodies = [e for e in ctx.entities if e["type"] == "ORG" and named["start"] - len(role) - 4 <= e["start"]
              and e["end"] <= named["start"] and e["text"] in role]
    return bodies[-1] if bodies else None


_NOT_TITLE = frozenset(("itu", "tersebut", "ini", "mantan", "sang", "eks", "bekas"))


def _description_words(description: str) -> set[str]:
    return {w for w in re.findall(r"[\w-]+", description.lower()) if w not in _NOT_TITLE}


def _role_words(e: dict[str, Any]) -> set[str]:
    return set(re.findall(r"[\w-]+", (e.get("role") or "").lower()))


def _titled_as(ctx: DocContext, it: Item) -> dict[str, Any] | None:
    """The person a description with a title stands for when the article gave someone that title
    before ("Ketua Umum Partai Golkar Setya Novanto … Ketua Umum Partai Golkar itu"): the last
    person named before it whose title holds every word of the description."""
    want = _description_words(it.low)
    if len(want) < 2:
        return None
    for e in reversed(ctx.entities):
        if e["start"] < it.start and e["type"] == "PER" and want <= _role_words(e):
            return e
    return None


@cache
def _callings() -> frozenset[str]:
    """One-word titles and callings (roles.toml's heads, quotes.toml's description heads)."""
    words = set(load_toml("roles.toml")["heads"]) | set(load_toml("quotes.toml")["description_heads"])
    return frozenset(w.lower() for w in words if " " not in w)


def _other_role(ctx: DocContext, e: dict[str, Any], description: str) -> bool:
    """The person was given a title or a calling that shares no word with the description
    ("Pengusaha Andi" is not "Ketua Umum Partai Golkar itu")."""
    role = _role_words(e)
    if not role:
        before = re.search(r"([\w-]+)\s+$", ctx.text[max(0, e["start"] - 30):e["start"]])
        if before is not None and before.group(1).lower() in _callings():
            role = {before.group(1).lower()}
    return bool(role) and not role & _description_words(description)


def _most_named(ctx: DocContext, it: Item, fits: Callable[[dict[str, Any]], bool]) -> list[dict[str, Any]]:
    """A body's common noun with no body of its kind named before it ("Kepolisian tidak berhenti
    menyelidiki …" opening a lead, "Polisi menangkap …") stands for one the article names further on,
    often in a title ("kata Kabid Humas Polda Jabar …"): of the bodies that fit, named after it
    (titles too), the one named most often, the first on a tie; [] if none."""
    counts: dict[Any, list[dict[str, Any]]] = {}
    for e in ctx.doc._.entities or []:
        if e["start"] >= it.end and e["type"] == "ORG" and fits(e):
            counts.setdefault(e.get("id") or e["name"], []).append(e)
    return [max(counts.values(), key=len)[0]] if counts else []


def _headed(e: dict[str, Any], head: tuple[str, ...]) -> bool:
    """The body's name (as named or as written) begins with the head's first word and holds the others."""
    for name in (e.get("name") or "", e["text"]):
        words = name.lower().split()
        if words and words[0] == head[0] and all(w in words for w in head[1:]):
            return True
    return False


_OPENING = re.compile(r"\s*(?:[A-Z][\w ]{0,30},\s*)?$")  # nothing, or a fronted connective and its comma


def _previous_subject(ctx: DocContext, it: Item) -> dict[str, Any] | None:
    """The person a pronoun opening its sentence as the subject of an active verb stands for: the
    person who opened the sentence before as its subject ("Anwar bertemu Lee di Putrajaya. Ia juga
    mengunjungi …" is Anwar, not Lee, the last named), when a title at most comes before that person.
    A passive after the pronoun ("Ia ditangkap …") is left to the last person named."""
    s = ctx.sentence_of(it.start)
    a = ctx.sents[s][0]
    if s == 0 or not _OPENING.match(ctx.text[a:it.start]):
        return None
    nxt = re.match(r"\s*(?:juga\s+|pun\s+|lalu\s+|kemudian\s+)?(\w+)", ctx.text[it.end:it.end + 40])
    if nxt is None or re.match(r"(?:di|ter)\w{3,}", nxt.group(1).lower()):
        return None
    pa, pb = ctx.sents[s - 1]
    first = next((e for e in ctx.entities if pa <= e["start"] < pb), None)
    if first is None or first["type"] != "PER":
        return None
    before = ctx.text[pa:first["start"]].split()
    if not all(w[:1].isupper() or w.lower().strip(",") in title_words() for w in before):
        return None
    return first


def _speaker_written_at(ctx: DocContext, pos: int) -> dict[str, Any] | None:
    """The person a pronoun or description stands for when it is a quote's speaker ("Dia mengimbau
    ...", the reporting clause of a quote): the quote finder followed who was speaking, which the
    last person named is not ("Wiranto ... Gatot ... Dia mengimbau" is Wiranto)."""
    for q in ctx.quotes:
        speaker = q.get("speaker") or {}
        if speaker.get("start") == pos and speaker.get("id") and speaker.get("type") in ("PER", "ORG"):
            return speaker
    return None


def _last(ctx: DocContext, pos: int, floor: int, types: tuple[str, ...], n: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for e in reversed(ctx.entities):
        if e["start"] >= pos:
            continue
        if e["start"] < floor or len(out) == n:
            break
        if e["type"] in types and e["id"] not in seen:
            seen.add(e["id"])
            out.append(e)
    return list(reversed(out)) if len(out) == n else []


def place_of(ctx: DocContext, items: list[Item], k: int, lo: int, hi: int) -> dict[str, Any] | None:
    """The first place after the trigger in its clause (not one after "dari": where someone comes from),
    else the last one before it."""
    phrases = place_phrases(ctx, items, k, hi)
    after = [j for j in range(k + 1, hi) if items[j].kind == "E" and phrases.get(j, "dari") != "dari"]
    before = [j for j in range(lo, k) if items[j].kind == "E" and is_place(ctx, items, j, lo) is not None]
    for j in after[:1] + before[-1:]:
        prep = is_place(ctx, items, j, lo)
        origin = items[j if prep is None else prep].low == "asal"  # "asal X": where someone comes from
        if items[j].data["type"] in ("LOC", "ORG") and not origin:
            return items[j].data
    return None


def time_of(ctx: DocContext, items: list[Item], k: int, lo: int, hi: int, live: set[int]) -> dict[str, Any] | None:
    """The nearest DATE or TIME in the clause (a DURATION or SET says how long or how often, not when),
    inside the quote when the trigger is quoted (the date after "…," ujar X is the report's); a time
    with another trigger between it and this one belongs to that trigger, when that trigger made an
    event (its start is in ``live``): "desa gencatan senjata" names a place, not a ceasefire."""
    pos = items[k].start
    triggers = [start for start in live if start != pos]
    quote = ctx.quote_at(pos)
    a, b = (quote["start"], quote["end"]) if quote else (items[lo].start, items[hi - 1].end)

    def own(it: Item) -> bool:
        x, y = sorted((it.start, pos))
        return a <= it.start < b and not any(x < t < y for t in triggers)

    cands = [it for i, it in enumerate(items[lo:hi], start=lo)
             if it.kind == "T" and it.data["type"] in ("DATE", "TIME") and own(it)
             and not _in_relative_clause(items, i, k, lo) and not _in_case(items, i, k)
             and not _named_year(ctx, it)]
    return min(cands, key=lambda it: abs(it.start - pos)).data if cands else None


_YEAR = re.compile(r"(?:19|20)\d\d")


def _named_year(ctx: DocContext, it: Item) -> bool:
    """A bare year right after a capitalised word that is no month and no word news writes in lower
    case ("Pada 2018") is part of a name ("Asian Games 2018", "Pilpres 2009"): the named event's
    year, not the trigger's time."""
    if not _YEAR.fullmatch(ctx.text[it.start:it.end]):
        return False
    before = re.search(r"([\w-]+)\s+$", ctx.text[max(0, it.start - 40):it.start])
    word = before.group(1) if before is not None else ""
    return word[:1].isupper() and word.lower() not in _MONTHS and word.lower() not in load_words("common_words.txt")


_MONTHS = frozenset("januari februari maret april mei juni juli agustus september oktober november desember "
                    "jan feb mar apr jun jul agu agt ags sep okt nov des tahun".split())


_CASE_WORDS = frozenset({"kasus", "perkara", "proyek", "terkait"})


def _in_case(items: list[Item], i: int, k: int) -> bool:
    """Item i (a time) is a year or a month inside the phrase that names a case after the trigger, with
    no punctuation between: "menahan Siti Fadilah Supari terkait kasus dugaan korupsi pengadaan alat
    kesehatan tahun 2007" (2007 is when the case happened, not the arrest; a day after a comma, "...,
    Senin (3/11)", stays the event's)."""
    value = str(items[i].data.get("value") or "")
    if i < k or not re.fullmatch(r"\d{4}(?:-\d{2})?", value):
        return False
    between = items[k + 1:i]
    return not any(it.kind == "P" for it in between) and \
        any(it.kind == "W" and it.low in _CASE_WORDS for it in between)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:T[^/]*)?")  # one day, at a time or not (not a range)
_TENSE_WORDS = frozenset({"pernah", "telah", "sudah", "sedang", "tengah", "akan", "masih", "kini", "juga", "baru"})


def _in_relative_clause(items: list[Item], i: int, k: int, lo: int) -> bool:
    """Item i (a time) is inside a relative clause that describes a person taking part, not the
    event: "pertemuan Prabowo dengan Megawati yang pernah berduet di Pilpres 2009" (2009 is when they
    ran together, not when they met). The clause runs from "yang" to the next punctuation; it
    describes a person when the word before "yang" is a person, or when it says what someone once
    did ("kedua tokoh yang pernah berduet ..."), or when it stands on the trigger's object and the
    time is a period, not a day ("menindak pihak yang melakukan sweeping selama Ramadhan"), and the
    clause is active (a person does what it
    says); a passive one ("... Anwar Ibrahim yang digelar pada Senin") describes the
    event, and so does one after the trigger itself ("pertemuan yang digelar Senin")."""
    for j in range(i - 1, lo - 1, -1):
        it = items[j]
        if it.kind == "P" and it.low == "," and j > lo and items[j - 1].kind == "E" and \
                items[j - 1].data.get("type") == "LOC":
            continue  # "di Pasar Muara Bakti, Kabupaten Bekasi, Selasa (1/8)": a place's parts, one phrase
        if it.kind == "P" or j == k:
            return False  # a comma or the trigger comes first: the time is not in such a clause
        if it.kind == "W" and it.low == "yang":
            if k > i and not any(x.kind == "P" for x in items[i:k]):
                return False  # the trigger is in the clause too: "Miryam yang saat ini ditahan"
            head = items[j - 1] if j > lo else None
            person = head is not None and head.kind == "E" and head.data.get("type") == "PER"
            # "yang pernah ...": what someone once did ("kedua tokoh yang pernah berduet di Pilpres 2009")
            history = any(w.kind == "W" and w.low == "pernah" for w in items[j + 1:i]) and j - 1 != k
            verb = next((w for w in items[j + 1:i] if w.kind == "W" and w.low not in _TENSE_WORDS), None)
            passive = verb is not None and verb.low.startswith("di") and len(verb.low) > 4
            # "menindak tegas pihak yang melakukan sweeping selama bulan Ramadhan": an active clause on
            # the trigger's object says what the object does, and for how long (a period; a day, as in
            # "bertemu para ulama yang berasal dari Aceh pada Senin (22/5)", stays the event's)
            acting = verb is not None and verb.low.startswith(("me", "ber")) and j > k + 1 \
                and not _DAY.fullmatch(str(items[i].data.get("value") or ""))
            return (person or history or acting) and not passive
    return False


def count_of(ctx: DocContext, items: list[Item], k: int, hi: int) -> int | None:
    """'bertemu tiga kali', 'sebanyak dua kali' right after the trigger."""
    end = items[min(hi, k + 1 + ctx.lex.windows["count"]) - 1].end if k + 1 < hi else items[k].end
    m = ctx.lex.count.search(ctx.text, items[k].end, end)
    if m is None:
        return None
    n = m.group("n").lower()
    return int(n) if n.isdigit() else ctx.lex.numbers.get(" ".join(n.split()))
