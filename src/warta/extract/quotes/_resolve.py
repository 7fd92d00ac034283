"""Speakers resolved in document order: entities as they are, pronouns and -nya cues to an
antecedent, descriptions kept so a later "pejabat tersebut" can point back to them."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

from warta.extract.quotes._lexicon import Lexicon
from warta.extract.quotes._speakers import Ref, after_phrase, classify, leads_to
from warta.extract.quotes._text import Text, words_in
from warta.nlp.linker import entity_slug, role_words, spelled_as_person

__all__ = ["Said", "State", "resolve", "sentence_subjects"]


@dataclass(slots=True)
class Said:
    anchor: int
    speaker: dict[str, Any]
    group: bool  # an organisation, place or group description ("mereka" may point to it)


@dataclass(slots=True)
class State:
    said: list[Said] = field(default_factory=list)
    descriptions: dict[str, dict[str, Any]] = field(default_factory=dict)


def _from_entity(e: dict[str, Any], text: str | None = None, start: int | None = None,
                 end: int | None = None) -> dict[str, Any]:
    out = {"text": e["text"] if text is None else text, "start": e["start"] if start is None else start,
           "end": e["end"] if end is None else end, "name": e["name"], "id": e["id"], "type": e["type"]}
    for key in ("role", "org"):
        if e.get(key):
            out[key] = e[key]
    return out


_AGE = re.compile(r"\s*(?:\(\s*\d{1,3}\s*\))?\s*")  # "Arkani Melinda Putri (24) justru memilih"


def sentence_subjects(t: Text, lex: Lexicon) -> list[tuple[int, dict[str, Any]]]:
    """People who open a sentence as its subject ("Menteri X mengatakan …", "Sementara itu, X …",
    "Berbeda dengan Tomy, Arkani justru memilih …": after a fronted phrase naming someone else, the
    person its comma leads to, when no list of names goes on after them)."""
    out = []
    for s0 in t.sent_starts:
        if t.in_quote(s0) or t.in_quote(s0 + 1):  # (a sentence may start at its opening mark)
            continue  # a person opening a sentence inside a quote is spoken of, not the next speaker
        fronted = None  # the end of a person named in a fronted phrase
        for e in t.entities_in(s0, s0 + 80):
            if e["type"] == "PER" and e["start"] >= s0 and not in_pair(t, e):
                if e["start"] == s0 and " " not in e["text"] and e["name"] == e["text"]:
                    break  # a capitalised first word the NER took for a name ("Penumpang")
                comma = t.text.rfind(",", s0, e["start"])
                if fronted is not None:
                    after = _AGE.match(t.text, e["end"]).end()
                    if comma >= fronted and t.text.find(",", fronted, comma) < 0 and leads_to(t, lex, comma + 1, e) \
                            and t.text[after:after + 1] not in (",", "") and not t.text.startswith("dan ", after):
                        out.append((e["start"], e))
                    break
                if comma >= 0 and _listed(t, comma, e):
                    break  # "Antara lain, Huawei, MyRepublic, Sale Stock, Orami …": one of a list, no subject
                if leads_to(t, lex, comma + 1 if comma >= 0 else s0, e) or \
                        comma < 0 and fronted is None and _described(t, lex, s0, e):
                    out.append((e["start"], e))
                    break
                if comma >= 0:
                    break
                fronted = e["end"]
        agent = _passive_agent_at_end(t, s0)
        if agent is not None and not (out and out[-1][0] >= agent["start"]):
            out.append((agent["start"], agent))
    return out


_LIST_NEXT = re.compile(r"(?:\s*,\s*(?:(?:dan|serta)\s+)?|\s+(?:dan|serta)\s+)[A-Z]")


def _listed(t: Text, comma: int, e: dict[str, Any]) -> bool:
    """Whether the name after a comma is an item of a list of names: a capitalised word stands right
    before the comma, and a comma or "dan" and a capitalised word come after the name."""
    before = words_in(t.text, max(0, comma - 40), comma)[-1:]
    return bool(before) and before[0].end() == comma and before[0].group()[:1].isupper() and \
        _LIST_NEXT.match(t.text, e["end"]) is not None


_PASSIVE = re.compile(r"di[a-z]{4,}(?:kan|i)")


def _passive_agent_at_end(t: Text, s0: int) -> dict[str, Any] | None:
    """A person who ends a sentence as the agent of its passive verb, their title between ("Namun, hal
    ini diluruskan Ausilio.", "Hal senada diungkapkan Bupati X Lucky Hakim."): the one who acted, so the
    next "-nya" may be theirs."""
    s1 = t.sentence(s0)[1]
    people = [e for e in t.entities_in(s0, s1) if e["type"] == "PER" and e["start"] >= s0 and not in_pair(t, e)]
    if not people or t.in_quote(people[-1]["start"]):
        return None
    e = people[-1]
    start = e["start"]
    role = e.get("role") or ""
    if role and t.text[s0:start].rstrip().endswith(role):  # "Hal senada diungkapkan Bupati Indramayu Lucky Hakim."
        start = t.text.rfind(role, s0, start)
    before = words_in(t.text, s0, start)[-1:]
    if not before or not _PASSIVE.fullmatch(before[0].group()) or words_in(t.text, e["end"], s1):
        return None
    return e


_DESCRIPTOR_WORDS = 6  # the longest description before a name opening a sentence
_NOT_DESCRIPTOR = frozenset("di ke dari yang dan atau dengan untuk oleh pada kepada bagi tentang soal".split())


def _described(t: Text, lex: Lexicon, s0: int, e: dict[str, Any]) -> bool:
    """A name opening its sentence after a description in lower case ("Pengajar filsafat Franz
    Magnis Suseno sangat menyayangkan …", "Ekonom senior X menilai …"): a few words, capitalised
    first, none a verb (or shaped like one: "Menyoal …"), auxiliary or preposition, then the name and a
    verb after it."""
    words = [w.group() for w in words_in(t.text, s0, e["start"])]
    after = words_in(t.text, e["end"], min(len(t.text), e["end"] + 40))[:3]
    return 1 <= len(words) <= _DESCRIPTOR_WORDS and words[0][:1].isupper() and all(
        w.isalpha() and w.lower() not in lex.verbs and w.lower() not in lex.predicates
        and w.lower() not in _NOT_DESCRIPTOR and not (len(w) >= 6 and w.lower().startswith(("me", "di", "ber")))
        for w in words) \
        and any(w.group().lower() in lex.verbs for w in after)


def _antecedent(t: Text, state: State, pos: int, plural: bool) -> dict[str, Any] | None:
    """Who a pronoun, a -nya cue or "pria itu" at ``pos`` stands for.

    The speaker of the latest earlier quote, unless a person has opened a sentence as its subject
    since that quote ended (then that person: "Budi lalu menunjukkan barang bukti. "…," ujarnya");
    with no earlier quote, the latest person who opened a sentence as its subject, else the latest
    person named. A plural pronoun ("mereka", "pihaknya") takes only an organisation, a place or a
    group description that spoke last; a person is never "mereka".
    """
    last = t.subjects[bisect_left(t.subjects, pos, key=lambda x: x[0]) - 1] if t.subjects and \
        t.subjects[0][0] < pos else None
    said = state.said[-1] if state.said else None
    if plural:
        if said and said.group:
            return said.speaker
        # no body spoke yet: the organisation named last in this sentence or the one before
        floor = t.sentence(t.sentence(pos)[0] - 1)[0] if t.sentence(pos)[0] else 0
        bodies = [e for e in t.entities_in(floor, pos) if e["type"] == "ORG" and e["end"] <= pos]
        return _from_entity(bodies[-1]) if bodies and said is None else None
    if said and _generic(said.speaker):
        # "polisi mengimbau ..." between a named person's words and "...," tuturnya: -nya and "dia" point
        # back to the last named speaker (GUIDE.md), not to a body named by a common noun
        named = next((x for x in reversed(state.said) if not x.group and x.speaker.get("id")), None)
        if named is not None and len(_BREAKS.findall(t.text, named.anchor, pos)) <= 2 and \
                not (last and last[0] >= named.anchor):
            return named.speaker
    if said and not (last and last[0] >= said.anchor):
        return said.speaker
    if last:
        return _from_entity(last[1])
    people = [e for e in t.entities_in(0, pos) if e["type"] == "PER" and e["end"] <= pos and not in_pair(t, e)]
    return _from_entity(people[-1]) if people else None


def _spoken_of(t: Text, speaker: dict[str, Any], a: int, b: int) -> bool:
    """The quote speaks of the candidate in the third person: by a word of their name or by their
    title ("Kita sepaham dengan Presiden," katanya, after a statement of the President's)."""
    words = set(re.findall(r"\b[A-Z][\w'-]{3,}", t.text[a:b]))
    if not words:
        return False
    name = set(str(speaker.get("name") or "").split())
    same = [e for e in t.entities if speaker.get("id") and e.get("id") == speaker["id"]]
    roles = [speaker.get("role")] + [e.get("role") for e in same]
    titles = {r.split()[0] for r in roles if r and r[:1].isupper()}  # the title any mention of theirs has
    return bool(words & name) or bool(words & titles)


def _speaker_before(t: Text, state: State, found: dict[str, Any], pos: int) -> dict[str, Any] | None:
    """The named speaker before ``found`` among the latest ones, in this paragraph or the two before."""
    for x in reversed(state.said):
        if len(_BREAKS.findall(t.text, x.anchor, pos)) > 2:
            return None
        if x.speaker.get("id") and x.speaker.get("id") != found.get("id") and x.speaker.get("type") == "PER":
            return x.speaker
    return None


_BREAKS = re.compile(r"\n\s*")  # paragraph breaks
_NOT_GENERIC = frozenset("seorang salah sejumlah para sang sebuah satu beberapa itu ini tersebut".split())


def _generic(speaker: dict[str, Any]) -> bool:
    """A speaker named by a common noun alone, no determiner or demonstrative ("polisi", "pihak
    kepolisian", "warga"): a body or a crowd, not one described person."""
    words = str(speaker.get("text") or "").split()
    return speaker.get("id") is None and 1 <= len(words) <= 2 and all(w.islower() for w in words) \
        and not _NOT_GENERIC.intersection(words)


_PAIR = re.compile(r"[A-Z][\w'’]+[ \t]*[-–][ \t]*[A-Z][\w'’]+")
_PAIRED_AFTER = re.compile(r"[ \t]*[-–][ \t]*[A-Z]")
_PAIRED_BEFORE = re.compile(r"[A-Za-z][ \t]*[-–][ \t]*$")


def in_pair(t: Text, e: dict[str, Any]) -> bool:
    """Whether a person is (or is half of) a ticket or pair written as one name ("Anies-Sandi",
    "Ahok - Djarot", "Prabowo-Gibran"): two single capitalised names joined by a dash, one entity
    or two. "Dia", "-nya" or "politikus itu" never stands for a pair or its first half ("Jean-Marie
    Le Pen" and "Lee Sung-kwon" are one person)."""
    text = t.text
    if _PAIR.fullmatch(e["text"]) is not None or _PAIRED_AFTER.match(text, e["end"]) is not None:
        return True
    dash = _PAIRED_BEFORE.search(text, max(0, e["start"] - 4), e["start"])
    # the second half: a person right before the dash ("Jakarta - Anies …" is a dateline)
    return dash is not None and any(p["type"] == "PER" and dash.start() < p["end"] <= dash.start() + 1
                                    for p in t.entities_in(max(0, e["start"] - 60), e["start"]))


_NAME_AFTER = re.compile(r"(?:[A-Z][a-z]+(?:[ \t]+|$)){1,3}$")  # "Anis Hidayah" closing a description


def _named_after(t: Text, ref: Ref) -> str | None:
    """The person's name that closes a title with an organisation in it ("Ketua Komnas HAM Anis
    Hidayah", "Kepala BNPB Sutopo"): one to three capitalised words after the organisation, none a
    word of a title."""
    assert ref.entity is not None
    tail = t.text[ref.entity["end"]:ref.end].strip(" ,")
    if not _NAME_AFTER.fullmatch(tail) or any(w.lower() in role_words() for w in tail.split()):
        return None
    return tail


def _describe(t: Text, ref: Ref, state: State) -> dict[str, Any]:
    text = t.text[ref.start:ref.end]
    if ref.back and ref.head in state.descriptions:  # "pejabat tersebut" after "seorang pejabat …"
        earlier = state.descriptions[ref.head]
        out = {"text": text, "start": ref.start, "end": ref.end, "name": earlier["name"], "id": None}
        if "org" in earlier:
            out["org"] = earlier["org"]
        return out
    name = re.sub(r"^(?:seorang|salah seorang|salah satu|sejumlah|beberapa|para|sang|sebuah|satu)\s+", "",
                  text, flags=re.IGNORECASE)
    out = {"text": text, "start": ref.start, "end": ref.end, "name": name, "id": None}
    if ref.entity is not None:
        out["org"] = {"name": ref.entity["name"], "id": ref.entity["id"]}
        person = _named_after(t, ref)
        if person is not None:  # "Ketua Komnas HAM Anis Hidayah": a person the NER did not find
            return {**out, "name": person, "id": f"per:{entity_slug(person)}", "type": "PER",
                    "role": text[:text.rfind(person)].strip(" ,")}
    if not ref.back:
        state.descriptions[ref.head] = out
    return out


def _introduced(t: Text, lex: Lexicon, ref: Ref) -> dict[str, Any] | None:
    """The description a "sumber tersebut" points back to when no quote had that speaker yet: the
    latest earlier phrase with the same head outside the quotations ("mengutip sumber informasi
    tingkat tinggi")."""
    found = None
    for m in lex.heads.finditer(t.text, 0, ref.start):
        if re.sub(r"\s+", " ", m.group("head").lower()) != ref.head or t.in_quote(m.start()):
            continue  # another head, or someone's words ("'... jadi ketua saja saya rela'"), not the narrative
        earlier = classify(t, lex, m.start(), min(t.sentence(m.start())[1], ref.start))
        if earlier is not None and earlier.kind == "desc" and not earlier.back and \
                _names_kept(t.text[ref.start:ref.end], ref.head, t.text[earlier.start:earlier.end]):
            found = earlier
    return _describe(t, found, State()) if found is not None else None


_CAPITALISED = re.compile(r"\b[A-Z][\w-]*")


def _names_kept(description: str, head: str, earlier: str) -> bool:
    """Whether the names a description carries beside its head are in the earlier phrase: "Ketua
    Umum Partai Hanura itu" is not the "ketua umum Partai Golkar" named before."""
    own = set(head.split())
    low = earlier.lower()
    return all(w.lower() in low for w in _CAPITALISED.findall(description) if w.lower() not in own)


def _title_holder(t: Text, ref: Ref) -> dict[str, Any] | None:
    """A title alone for the person named with it before ("Mendikbud menegaskan, …" after
    "Mendikbud Muhadjir Effendy"; "Kapolres" after "Kapolres Metro Bekasi Kombes X"): the latest
    person whose role opens with the title's words."""
    text = t.text[ref.start:ref.end]
    words = text.lower().split()
    if not words or len(words) > 4 or not text[:1].isupper():
        return None
    for e in reversed(t.entities_in(0, ref.start)):
        if e["type"] == "PER" and (e.get("role") or "").lower().split()[:len(words)] == words:
            return _from_entity(e, text, ref.start, ref.end)
    return None


def _reported_after(t: Text, lex: Lexicon, pos: int) -> dict[str, Any] | None:
    """'"…," kata dia.\n\nHal itu disampaikan Kapolres X kepada wartawan': a pronoun with no one
    before it stands for the speaker a passive report names right after its sentence."""
    _, end = t.sentence(pos)
    k = end
    while k < len(t.text) and t.text[k].isspace():
        k += 1
    m = lex.passive.match(t.text, k, min(len(t.text), k + 80))
    ref = after_phrase(t, lex, m.end()) if m else None
    return _from_entity(ref.entity) if ref is not None and ref.kind == "entity" and ref.entity is not None else None


# heads of a description of someone who stays unnamed: "sumber tersebut" points back to a source
# described before, never to the person the article speaks of ("Kim Jong Un … , sebut sumber tersebut")
_UNNAMED_SOURCES = frozenset(("sumber", "narasumber", "informan", "sumber lain", "sumber internal"))


def resolve(t: Text, lex: Lexicon, ref: Ref, state: State, said: tuple[int, int] | None = None,
            ) -> dict[str, Any] | None:
    """The speaker ``ref`` names, ``said`` the span of what was said."""
    text = t.text[ref.start:ref.end]
    if ref.kind == "entity" and ref.entity is not None:
        return _from_entity(ref.entity)
    if ref.kind in ("pronoun", "epithet"):
        found = _antecedent(t, state, ref.start, ref.plural)
        if found is not None and said is not None and _spoken_of(t, found, *said):
            found = _speaker_before(t, state, found, ref.start) or found
        if found is None:
            return _reported_after(t, lex, ref.end) if ref.kind == "pronoun" else None
        return {**found, "text": text, "start": ref.start, "end": ref.end}
    if ref.kind == "desc" and ref.back and ref.head not in state.descriptions:
        earlier = _introduced(t, lex, ref)
        if earlier is not None:
            state.descriptions[ref.head] = earlier
            return _describe(t, ref, state)
        found = _antecedent(t, state, ref.start, False) if ref.head not in _UNNAMED_SOURCES else None
        inside = {e.get("id") for e in t.entities_in(ref.start, ref.end)}
        if found is not None and found.get("id") not in inside:  # "pemain asal Bandung itu": the person
            # spoken of; "adik Aurel itu" is not Aurel, and "sumber tersebut" is no one named
            return {**found, "text": text, "start": ref.start, "end": ref.end}
    if ref.kind == "desc":
        holder = _title_holder(t, ref) if ref.entity is None and not ref.back else None
        return holder or _describe(t, ref, state)
    if ref.kind == "name":
        low = text.lower()
        for e in t.entities_in(0, ref.start):
            if e["type"] == "PER" and (e.get("role") or "").lower().startswith(low):
                return _from_entity(e, text, ref.start, ref.end)
        if spelled_as_person(text):  # a person the NER missed ("Handoyo mengatakan", "…, Lambertus Paut")
            return {"text": text, "start": ref.start, "end": ref.end, "name": text,
                    "id": f"per:{entity_slug(text)}", "type": "PER"}
        return {"text": text, "start": ref.start, "end": ref.end, "name": text, "id": None}
    if ref.kind == "continue" and state.said:
        said = state.said[-1]
        if t.text.count("\n", said.anchor, ref.start) <= 1:  # this paragraph or the one before
            return said.speaker
    return None
