"""What event extraction knows about one document: its sentences, each read as a row of items.

An item is a named entity (``E``), a time expression (``T``), a trigger (``G``), an anaphor (``A``:
"keduanya", "kedua negara", "ia"), a word (``W``) or a punctuation mark (``P``), with character
offsets. Participants, places and cues are then found by walking items left or right of a trigger
inside its clause, which works the same with or without a parse.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Doc

from warta.extract.events.learned import free_of, learned_triggers, root_of
from warta.extract.events.lexicon import Lexicon, Trigger, lookup, words_key
from warta.meta.outlets import dateline_end
from warta.nlp import sentence_starts
from warta.resources import load_toml

__all__ = ["Item", "Hit", "DocContext", "prepare", "PERSON_DESCRIPTION"]

_TOKEN = re.compile(r"[^\W_][\w'’]*(?:-[^\W_][\w'’]*)*|[^\w\s]")
_PARTICIPANT_TYPES = ("PER", "ORG", "LOC")
_HEADING_WORDS = 15
_ASIDE_WORDS = 2  # words after the clause word in an aside between commas ("karena itu")
_ENDS = ".!?\"”’)…"


@dataclass(slots=True)
class Item:
    kind: str  # E, T, G, A, W, P; R: a person's title before the name
    start: int
    end: int
    low: str  # the lower-cased text
    data: Any = None  # the entity, time, Hit or anaphor kind


@dataclass(slots=True)
class Hit:
    trigger: Trigger
    start: int
    end: int
    written: str
    nya: bool  # "-nya" attached: a pronoun participant


@dataclass(slots=True)
class DocContext:
    doc: Doc
    text: str
    lex: Lexicon
    sents: list[tuple[int, int]]
    entities: list[dict[str, Any]]  # participants that can be: PER, ORG, LOC outside another's title
    ent_starts: list[int]
    times: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    hits: list[Hit]
    scanned: list[Hit] = field(default_factory=list)  # the lexicon's own hits, names and all
    last_participants: list[tuple[int, list[dict[str, Any]]]] = field(default_factory=list)
    token_starts: list[int] | None = None  # filled by the parse reader on first use
    sent_starts: list[int] | None = None  # filled on first use
    hit_starts: list[int] | None = None  # filled on first use

    def sentence_of(self, pos: int) -> int:
        if self.sent_starts is None:
            self.sent_starts = [s for s, _ in self.sents]
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def quote_at(self, pos: int) -> dict[str, Any] | None:
        for q in self.quotes:
            if q["start"] <= pos < q["end"]:
                return q
        return None


def _sentences(doc: Doc, text: str) -> list[tuple[int, int]]:
    if len(doc) and doc.has_annotation("SENT_START"):
        starts = list(sentence_starts(doc)[1])
        if not starts or starts[0] != 0:
            starts = [0, *starts]
        bounds = list(zip(starts, [*starts[1:], len(text)], strict=True))
    else:
        bounds = [(0, len(text))] if text else []
    return [part for a, b in bounds for part in _lines(text, a, b)]


def _lines(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """A sentence cut at line breaks (a paragraph never continues a sentence), without outer spaces."""
    out = []
    for m in re.finditer(r"[^\n]+", text[a:b]):
        s, e = a + m.start(), a + m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _participants(entities: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """PER, ORG and LOC mentions, less those inside a person's title ("Presiden AS Donald Trump":
    AS describes Trump and takes no part of its own) and those of the article's dateline (its
    place and outlet: "JAKARTA, KOMPAS.com -")."""
    dateline = dateline_end(text)
    ents = sorted((e for e in entities if e.get("type") in _PARTICIPANT_TYPES and e["end"] > dateline),
                  key=lambda e: e["start"])
    keep = []
    for i, e in enumerate(ents):
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        role = (nxt or {}).get("role") or ""
        if nxt and role and e["text"] in role and nxt["start"] - e["end"] <= len(role) + 2:
            continue
        keep.append(e)
    return keep


def _hits(text: str, lex: Lexicon, entities: list[dict[str, Any]]) -> list[Hit]:
    """The lexicon's triggers in the text, less those an exclusion cancels and those inside a name
    ("Komisi Pemberantasan Korupsi": a trigger inside a name is no event)."""
    return _outside_names(scan_triggers(text, lex), entities)


def _outside_names(hits: list[Hit], entities: list[dict[str, Any]]) -> list[Hit]:
    outside = free_of([(e["start"], e["end"]) for e in entities])
    return [h for h in hits if outside(h.start)]


def scan_triggers(text: str, lex: Lexicon) -> list[Hit]:
    """The trigger lexicon's hits in ``text``, less those an exclusion cancels (before names and
    headings are set aside): what the lexicon reads, also the speech-act model's features."""
    out = []
    for m in lex.scan.finditer(text):
        nya = m.group("nya") is not None
        end = m.end() - (3 if nya else 0)
        trig = lookup(lex, text[m.start():end])
        if trig is None or _excluded(text, lex, trig.phrase, m.start(), m.end()):
            continue
        if "*" in trig.phrase and trig.phrase.rsplit(None, 1)[-1] not in lex.words["target_preps"]:
            # "menetapkan X sebagai tersangka": the first word stands, X stays a name; "membahas X
            # dengan Y" stands whole: X is what is discussed, the participant follows the preposition
            end = m.start() + len(trig.phrase.split()[0])
            out.append(Hit(trig, m.start(), end, text[m.start():end], False))
        else:
            out.append(Hit(trig, m.start(), m.end(), text[m.start():m.end()], nya))
    return out


_TO_SOMEONE = re.compile(r"(?i)\b(?:ke|kepada)\s")  # "melaporkan X ke polisi", "dilaporkan ke Bareskrim"


def _reported_to(text: str, end: int) -> bool:
    """Whether someone is reported to after a report's word, in its sentence (within 80 characters)."""
    stop = text.find(".", end, end + 80)
    return _TO_SOMEONE.search(text, end, stop if stop >= 0 else min(end + 80, len(text))) is not None


def _learned(text: str, lex: Lexicon, found: list[Hit], entities: list[dict[str, Any]],
             sents: list[tuple[int, int]]) -> list[Hit]:
    """The triggers the learned model finds beside the lexicon's (``learned``), in the sentences
    that name a participant (an event needs one), outside the lexicon's triggers and the names;
    what the lexicon says is one of the model's features."""
    lexical = {h.start: f"{h.trigger.type}/{h.trigger.kind}" for h in found}
    blocked = [(h.start, h.end) for h in found] + [(e["start"], e["end"]) for e in entities]
    starts = [e["start"] for e in entities]
    named = [(a, b) for a, b in sents if bisect.bisect_left(starts, a) < bisect.bisect_left(starts, b)]
    out = []
    for start, end, type_, kind in learned_triggers(text, lexical, blocked, named):
        written = text[start:end]
        if _excluded(text, lex, written, start, end):
            continue  # the lexicon's exclusions hold for the model's triggers too ("Laporan Wartawan …")
        if written.lower() in lex.phrase_heads:
            continue  # the lexicon takes "berbicara" only with its partner ("berbicara dengan X")
        if type_ == "DISAPPROVE" and root_of(written) == "lapor" and not _reported_to(text, end):
            continue  # "media Afghanistan melaporkan": news reported, no one reported to the authorities
        nya = kind != "noun" and written.lower().endswith("nya") and len(written) > 6
        if nya:
            end -= 3
            written = written[:-3]
        trig = Trigger(type_, kind, written.lower(), type_ in lex.symmetric_types, False, False, False)
        out.append(Hit(trig, start, end, written, nya))
    return out


def _excluded(text: str, lex: Lexicon, phrase: str, start: int, end: int) -> bool:
    """An exclusion of the phrase, or of its first or last word, applies ("menaikkan tarif listrik")."""
    words = words_key(phrase).split()
    for key in {words[0], words[-1], " ".join(words)}:
        after, before = lex.exclude_after.get(key), lex.exclude_before.get(key)
        if after and key in (words[-1], " ".join(words)) and after.match(text[end:end + 40]):
            return True
        if before and key in (words[0], " ".join(words)) and before.search(text[max(0, start - 40):start]):
            return True
    return False


def prepare(doc: Doc, text: str, lex: Lexicon) -> DocContext:
    entities = _participants(doc._.entities or [], text)
    sents = _sentences(doc, text)
    found = scan_triggers(text, lex)
    hits = sorted(_outside_names(found, entities) + _learned(text, lex, found, entities, sents), key=lambda h: h.start)
    return DocContext(doc=doc, text=text, lex=lex, sents=sents, entities=entities,
                      ent_starts=[e["start"] for e in entities],
                      times=sorted(doc._.times or [], key=lambda t: t["start"]),
                      quotes=list(doc._.quotes or []), hits=hits, scanned=found)


PERSON_DESCRIPTION = "person-description"
# A description opens a phrase (the sentence, or after a comma or one of these words) and holds no
# word that joins or relates phrases: "wakil rakyat dengan delapan perwakilan pedemo itu" is two.
_DESCRIPTION_AFTER = frozenset({"bahwa", "oleh", "kepada", "dengan", "menurut", "kata", "ujar", "sementara", "namun"})
_DESCRIPTION_BREAKS = frozenset({"dengan", "dan", "yang", "untuk", "di", "ke", "dari", "mengenai", "soal", "tentang",
                                 "terkait", "atas", "serta", "kepada", "terhadap", "oleh", "atau", "pada", "dalam"})


@cache
def _person_descriptions() -> re.Pattern[str]:
    """A definite description of a person: a person's title or calling ("mantan", "politikus",
    "vokalis": roles.toml's heads) and up to four more words, closed by "itu" or "tersebut", with no
    punctuation inside."""
    heads = sorted(load_toml("roles.toml")["heads"], key=len, reverse=True)
    alternation = "|".join(re.escape(h) for h in heads)
    return re.compile(rf"(?i:\b(?:{alternation})\b)(?:[ \t\xa0]+[^\s.,;:!?\"“”()]+){{0,4}}?[ \t\xa0]+"
                      r"(?:itu|tersebut)\b")


_CLOSERS = re.compile(r"(?i:\b(?:itu|tersebut)\b)")
_DESCRIPTION_REACH = 160  # characters before its closing word where a description may start


def person_descriptions(text: str, a: int, b: int) -> list[re.Match[str]]:
    """What ``_person_descriptions().finditer(text, a, b)`` finds, faster: the pattern (hundreds of
    titles) is only tried before each closing "itu"/"tersebut", the matches closing there kept
    left to right, none overlapping."""
    pattern = _person_descriptions()
    out: list[re.Match[str]] = []
    taken = a
    for closer in _CLOSERS.finditer(text, a, b):
        end = closer.end()
        pos = max(taken, end - _DESCRIPTION_REACH)
        while (m := pattern.search(text, pos, end)) is not None and m.end() != end:
            pos = m.start() + 1
        if m is not None:
            out.append(m)
            taken = end
    return out


def is_heading(text: str, pos: int) -> bool:
    """The line holding ``pos`` is a title or subheading: short, with no closing punctuation."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    line = text[line_start:len(text) if line_end < 0 else line_end].strip()
    return bool(line) and line[-1] not in _ENDS and len(line.split()) < _HEADING_WORDS


def sentence_items(ctx: DocContext, a: int, b: int) -> list[Item]:
    """The sentence [a, b) as items, in text order."""
    spans: list[tuple[int, int, str, Any]] = []
    inside = _within(ctx, a, b)
    for e in inside:
        spans.append((e["start"], e["end"], "E", e))
        role = e.get("role")
        at = ctx.text.rfind(role, max(a, e["start"] - len(role) - 3), e["start"]) if role else -1
        if at >= 0:  # "Presiden AS" before "Donald Trump": part of the name's phrase, no word of its own
            spans.append((at, at + len(role), "R", None))
    for t in ctx.times:
        if a <= t["start"] and t["end"] <= b:
            spans.append((t["start"], t["end"], "T", t))
    if ctx.hit_starts is None:
        ctx.hit_starts = [h.start for h in ctx.hits]
    for h in ctx.hits[bisect.bisect_left(ctx.hit_starts, a):bisect.bisect_left(ctx.hit_starts, b)]:
        spans.append((h.start, h.end, "G", h))
    for m in ctx.lex.anaphor_scan.finditer(ctx.text, a, b):
        spans.append((m.start(), m.end(), "A", words_key(m.group())))
    for m in person_descriptions(ctx.text, a, b):
        before = ctx.text[a:m.start()].rstrip()
        opens = not before or before[-1] in ",;:(\"“" or before.rsplit(None, 1)[-1].lower() in _DESCRIPTION_AFTER
        inner = m.group().lower().split()[1:-1]
        if opens and not _DESCRIPTION_BREAKS.intersection(inner) and \
                not any(e["type"] == "PER" and m.start() <= e["start"] < m.end() for e in inside):
            # "mantan vokalis band Nidji itu", "politikus PDIP tersebut": a person described, not
            # the band or the party named inside the description
            spans.append((m.start(), m.end(), "A", PERSON_DESCRIPTION))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    items: list[Item] = []
    pos = a
    for s, e, kind, data in spans:
        if s < pos:
            continue  # overlaps an earlier, longer span: entities win over times, times over triggers
        _words(ctx.text, pos, s, items)
        items.append(Item(kind, s, e, ctx.text[s:e].lower(), data))
        pos = e
    _words(ctx.text, pos, b, items)
    return items


def _within(ctx: DocContext, a: int, b: int) -> list[dict[str, Any]]:
    """The participants inside [a, b)."""
    starts = ctx.ent_starts
    lo, hi = bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)
    return [e for e in ctx.entities[lo:hi] if e["end"] <= b]


def _words(text: str, a: int, b: int, items: list[Item]) -> None:
    for m in _TOKEN.finditer(text, a, b):
        w = m.group()
        items.append(Item("W" if w[0].isalnum() else "P", m.start(), m.end(), w.lower()))


_ADVERBS_AFTER_VERB = frozenset({"sementara"})  # "menonaktifkan sementara X": for a while, not "while"


def _adverb(items: list[Item], i: int) -> bool:
    """A clause word right after a verb trigger that modifies it ("MA menonaktifkan sementara Ketua PN
    Bengkulu"): it opens no clause."""
    if items[i].low not in _ADVERBS_AFTER_VERB or i == 0:
        return False
    prev = items[i - 1]
    return prev.kind == "G" and prev.data.trigger.kind != "noun"


def _parenthetical(items: list[Item], i: int) -> bool:
    """A clause word inside a short aside between commas ("Tjahjo, karena itu, meminta ...",
    "Ia, sementara itu, menolak ..."): it opens no clause; the sentence goes on around it."""
    if i == 0 or items[i - 1].low != ",":
        return False
    return any(items[j].low == "," for j in range(i + 1, min(len(items), i + _ASIDE_WORDS + 2)))


def clause_bounds(ctx: DocContext, items: list[Item], k: int) -> tuple[int, int]:
    """Item indices [lo, hi) of the clause around item k: cut at ; and : and at clause words
    ("bahwa", "sementara", "setelah" …), which open the clause they belong to."""
    clause_words = ctx.lex.words["clause_words"]

    def cut(i: int) -> bool:
        it = items[i]
        return (it.kind == "P" and it.low in ";:") or (it.kind == "W" and it.low in clause_words
                                                         and not _parenthetical(items, i) and not _adverb(items, i))

    lo = k
    while lo > 0 and not cut(lo):
        lo -= 1
    if cut(lo) and items[lo].kind == "P":
        lo += 1
    hi = k + 1
    while hi < len(items) and not cut(hi):
        hi += 1
    return lo, hi
