"""The event a headline reports, read in headline grammar.

An Indonesian news title states its main event in a grammar of its own: verbs drop their meN-
prefix ("Prabowo Minta Diskon ...", "Franz Magnis Suseno Sayangkan Pelanggaran Etik ...", "Polisi
Tangkap ..."), clauses are joined by commas and colons, and a fronted clause without a subject
shares the main clause's ("Panggil Erick Thohir, Prabowo Minta ...", "Kunjungan ke London,
Airlangga Ungkap ..."). The body names the participants in full, so the title's names are matched
to the body's entities (a title names no one the body does not).

Steps: the title is cut into clauses at "," ";" "|" and dashes; after a colon that follows a short
name ("Bahlil: ...") the words are that person's (a claim, not the reported event) and are not
read. A title with no trigger anywhere is left at once. In each clause the first trigger, written
in full (the lexicon) or bare (``bare_forms``), is looked up. Its actors are the subject in
headline grammar (``_subject``): the body entity named right before it with only auxiliaries,
modal words or adverbs between, nothing but a person's title before the name, coordinated names
together; a person may be named by a run of their name's words or by the title only they hold in
the article ("Mendagri"). A clause that opens with its trigger ("Panggil Erick Thohir, ...",
"Kunjungan ke London, ...") takes the name the next clause opens with. An event noun inside a
clause is a topic ("Kasus Suap"), not a report. The target is the first entity named after an
active trigger (a place after "di"/"ke"/"dari" is the place). Passive triggers ("Diminta ...")
say who was acted on, not who acted, and give no event here. The modality comes from the words
before the trigger; an occurred event takes the day of the article's report. An event the body
already reports (same type and actor) is the body's; the title adds nothing.
A title's event has ``in_title``: true, its ``text`` is the title and ``start``/``end`` are offsets
in the title, not the body.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from warta.extract.events.arguments import title_words
from warta.extract.events.context import DocContext
from warta.extract.events.learned import WORD as _WORD
from warta.extract.events.lexicon import Trigger, lexicon, lookup, words_key
from warta.patterns import grouped

__all__ = ["bare_forms", "headline_events"]

_CLAUSE = re.compile(r"\s*(?:[,;|]|\s[-–—]\s)\s*")
_VOWELS = "aeiou"
_NOT_VERBS = frozenset({"tentang"})  # bare forms that are other words: "tentang" (about), not "menentang"
_NAME_BEFORE_COLON = 4  # "Bahlil:", "Wapres Gibran:": a speaker's name is short
_NAME_WORD = 4  # the shortest word of a person's name a title may name them by
# headline words between a subject and its verb besides the lexicon's bridge words
_HEADLINE_CUES = frozenset({"bantah", "tepis", "tampik", "sangkal", "khawatir", "minta", "desak", "siap", "ogah",
                            "enggan", "gagal", "batal", "resmi", "kembali", "langsung", "bakal", "tegas"})
_DENIED = re.compile(r"(?i)(?<![\w-])(?:bantah|tepis|tampik|sangkal)(?![\w-])")
_POSSIBLE = re.compile(r"(?i)(?<![\w-])(?:khawatir|bisa|terancam)(?![\w-])")
_PLACE_BEFORE = re.compile(r"(?i)(?<![\w-])(?:di|ke|dari)\s+\Z")


def bare_forms(verb: str) -> set[str]:
    """The forms a meN- verb takes without its prefix, as headlines write it: "meminta" -> "minta",
    "menyayangkan" -> "sayangkan", "mengecam" -> "kecam", "memanggil" -> "panggil", "menolak" ->
    "tolak"; every reading the nasal allows (a stem that does not exist matches nothing)."""
    w = verb.lower()
    out: set[str] = set()
    if w.startswith("meny") and len(w) > 5 and w[4] in _VOWELS:
        out.add("s" + w[4:])
    elif w.startswith("meng") and len(w) > 5:
        rest = w[4:]
        out.add(rest)
        if rest[0] in _VOWELS:
            out.add("k" + rest)
    elif w.startswith("mem") and len(w) > 4:
        rest = w[3:]
        if rest.startswith("per") or rest[0] in "bfpv":
            out.add(rest)
        elif rest[0] in _VOWELS:
            out.update({"p" + rest, "m" + rest})
    elif w.startswith("men") and len(w) > 4:
        rest = w[3:]
        if rest[0] in "dcjtsz":
            out.add(rest)
        elif rest[0] in _VOWELS:
            out.update({"t" + rest, "n" + rest})
    if w.startswith("me") and len(w) > 3 and w[2] in "lrwy":
        out.add(w[2:])
    return {f for f in out if len(f) >= 3}


@cache
def _headline_scan() -> tuple[re.Pattern[str], dict[str, Trigger]]:
    """One pattern over the bare forms of the lexicon's active verbs (first word bare, the rest as
    written: "jatuhkan sanksi"), with the trigger each stands for."""
    lex = lexicon()
    bare: dict[str, Trigger] = {}
    for key, trig in lex.triggers.items():
        if trig.kind != "verb":
            continue
        first, *rest = key.split()
        for form in bare_forms(first):
            phrase = " ".join([form, *rest])
            if phrase not in lex.triggers and form not in _NOT_VERBS:
                bare.setdefault(phrase, trig)
    alternation = grouped((p[0], r"[ \t\xa0]+".join(re.escape(w) for w in p.split()))
                          for p in sorted(bare, key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w-])(?:{alternation})(?![\w-])"), bare


def _trigger(clause: str) -> tuple[Trigger, int, int, str] | None:
    """The first trigger of a clause, in full or bare form: (trigger, start, end, as written)."""
    lex = lexicon()
    found = []
    # titles are often written in Title Case ("Menhan AS Minta Maaf ke Ryamizard"): the lexicon's
    # phrases are read in the lower-cased title too (same offsets), acronyms in the title as written
    for text in (clause, clause.lower()):
        m = lex.scan.search(text)
        if m is not None:
            end = m.end() - (3 if m.group("nya") else 0)
            trig = lookup(lex, text[m.start():end])
            if trig is not None:
                found.append((trig, m.start(), end, clause[m.start():end]))
    scan, bare = _headline_scan()
    b = scan.search(clause)
    if b is not None:
        found.append((bare[words_key(b.group())], b.start(), b.end(), b.group()))
    # the first, and of those starting there the longest: "Minta Maaf" (CONCEDE), not "Minta" (DEMAND)
    return min(found, key=lambda f: (f[1], f[1] - f[2])) if found else None


def _names(clause: str, entities: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """Where the clause names a body entity (its text as the body wrote it, its canonical name, or,
    for a person, a run of the name's words: titles say "Prabowo" for "Prabowo Subianto" and
    "Listyo Sigit" for "Listyo Sigit Prabowo"), leftmost and longest first, without overlaps. Names
    are matched word by word (a title is a dozen words: no pattern is compiled)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(clause)]
    at: dict[str, list[int]] = {}
    for i, (_, _, w) in enumerate(words):
        at.setdefault(w, []).append(i)
    hits: list[tuple[int, int, dict[str, Any]]] = []
    roles = _role_forms(entities)
    for e in entities:
        forms = {e.get("text") or "", e.get("name") or ""} | roles.get(id(e), set())
        if e.get("type") == "PER":
            parts = _WORD.findall(e.get("name") or "")
            forms.update(" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)
                         if j - i > 1 or (len(parts[i]) >= _NAME_WORD and parts[i][0].isupper()))
        for form in forms:
            seq = _WORD.findall(form)
            if not seq or len(form) < 2:
                continue
            for i in at.get(seq[0], ()):
                if [w for _, _, w in words[i:i + len(seq)]] == seq:
                    hits.append((words[i][0], words[i + len(seq) - 1][1], e))
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    out, reach = [], -1
    for a, b, e in hits:
        if a >= reach:
            out.append((a, e))
            reach = b
    return out


def _role_forms(entities: list[dict[str, Any]]) -> dict[int, set[str]]:
    """The titles a headline may name a person by alone ("Mendagri Tekankan ...", "Kapolri
    Perintahkan ..."): the acronym in brackets of the role the body gives them ("Menteri Dalam Negeri
    (Mendagri)"), or the title word that heads it ("Kapolri Jenderal"), when no other person of the
    article holds it."""
    holders: dict[str, set[str]] = {}
    for e in entities:
        role = e.get("role") or ""
        if e.get("type") != "PER" or not role:
            continue
        forms = set(re.findall(r"\(([^()]{2,20})\)", role))
        words = _WORD.findall(re.sub(r"\([^()]*\)", " ", role))
        if words and (len(words) == 1 or words[0].lower() in title_words()):
            forms.add(words[0])  # "Kapolri Jenderal": its head is a title of its own
        for form in forms:
            holders.setdefault(form, set()).add(e.get("id") or e.get("name") or "")
    out: dict[int, set[str]] = {}
    for e in entities:
        role = e.get("role") or ""
        for form, ids in holders.items():
            if len(ids) == 1 and (e.get("id") or e.get("name") or "") in ids and form in role:
                out.setdefault(id(e), set()).add(form)
    return out


def _clauses(title: str) -> list[str]:
    head, colon, tail = title.partition(":")
    if colon and len(_WORD.findall(head)) <= _NAME_BEFORE_COLON:
        return [c for c in _CLAUSE.split(head) if c]  # "Bahlil: Lifting Minyak ...": his words follow
    return [c for c in _CLAUSE.split(title.replace(":", ",")) if c]


def _subject(clause: str, named: list[tuple[int, dict[str, Any]]], at: int,
             gap_words: frozenset[str], roles: frozenset[str]) -> list[dict[str, Any]]:
    """The named subject right before position ``at`` of a clause, in headline grammar: the words
    between it and ``at`` are auxiliaries, modal words or adverbs only ("KPK Segera Periksa",
    "Dirdik KPK Bantah Minta"); nothing but a title stands before it ("Menlu Retno Temui"), and a
    place or organisation after a title belongs to the title ("Bupati Poso Ajak ..."); coordinated
    names ("Jokowi dan PM Lee Sepakati") are one subject."""
    before = [(pos, e) for pos, e in named if pos < at]
    if not before:
        return []
    group = [before[-1]]
    gap = clause[_end_of(clause, *before[-1]):at]
    if any(w.lower() not in gap_words for w in _WORD.findall(gap)):
        return []
    for pos, e in reversed(before[:-1]):
        between = [w.lower() for w in _WORD.findall(clause[_end_of(clause, pos, e):group[-1][0]])]
        joined = clause[_end_of(clause, pos, e):group[-1][0]]
        if (any(w in ("dan", "bersama") for w in between) or "," in joined or "&" in joined) and \
                all(w in roles or w in ("dan", "bersama") for w in between):
            group.append((pos, e))
        else:
            break
    first_pos, first = group[-1]
    if not _titled(clause[:first_pos], first, roles):
        return []
    return [e for _, e in reversed(group)]


def _titled(lead: str, entity: dict[str, Any], roles: frozenset[str]) -> bool:
    """Nothing but a person's title stands before their name: a title word (roles.toml) or a word
    of the title the body gives them ("Kepala Desa Suryanto")."""
    words = [w.lower() for w in _WORD.findall(lead)]
    if not words:
        return True
    own = {w.lower() for w in _WORD.findall(entity.get("role") or "")}
    return entity.get("type") == "PER" and all(w in roles or w in own for w in words)


def _opening_subject(clause: str, named: list[tuple[int, dict[str, Any]]], roles: frozenset[str],
                     ) -> list[dict[str, Any]]:
    """The name a clause opens with (after titles only): the subject a fronted clause shares."""
    if not named:
        return []
    pos, first = named[0]
    return [first] if _titled(clause[:pos], first, roles) else []


def _end_of(clause: str, pos: int, entity: dict[str, Any]) -> int:
    """Where the name found at ``pos`` ends in the clause."""
    m = _WORD.match(clause, pos)
    end = m.end() if m else pos
    name = {w.lower() for w in _WORD.findall(f"{entity.get('text') or ''} {entity.get('name') or ''}")}
    for m in _WORD.finditer(clause, end):  # the name's further words ("Listyo Sigit", "Mahfud MD")
        if m.group().lower() not in name or clause[end:m.start()].strip():
            break
        end = m.end()
    return end


@cache
def _gap_words() -> frozenset[str]:
    lex = lexicon()
    return frozenset(lex.words["bridge_words"]) | _HEADLINE_CUES


def _modality(lead_in: str) -> str:
    """The modality the words before a headline's trigger give it (warta's modality cues, and a
    headline's bare denials: "Bantah Minta Uang")."""
    lex = lexicon()
    if _DENIED.search(lead_in) or lex.modality["denied"].search(lead_in):
        return "denied"
    if lex.modality["failed"].search(lead_in):
        return "failed"
    neg = lex.modality["negated"].search(lead_in)
    if neg and not lex.not_negation.match(lead_in, neg.start()):
        return "negated"
    if _POSSIBLE.search(lead_in) or lex.modality["possible"].search(lead_in):
        return "possible"
    if lex.modality["planned"].search(lead_in):
        return "planned"
    return "occurred"


def headline_events(ctx: DocContext, title: str | None, body_events: list[dict[str, Any]],
                    time: tuple[str | None, str | None]) -> list[dict[str, Any]]:
    """The events of ``title`` that the body's events do not already report. ``time`` is the
    (value, time_from) an undated event of the article's occasion takes."""
    if not title or not ctx.entities:
        return []
    clauses = _clauses(title)
    found_in = [_trigger(c) for c in clauses]
    if not any(found_in):
        return []  # most titles report no event in words warta knows: nothing more to read
    named = [_names(c, ctx.entities) for c in clauses]
    known = {(e["type"], a) for e in body_events for a in e["actor_ids"]}
    gap_words, roles = _gap_words(), title_words()
    out: list[dict[str, Any]] = []
    for n, clause in enumerate(clauses):
        found = found_in[n]
        if found is None:
            continue
        trig, start, end, written = found
        if trig.kind == "passive":
            continue  # "Diminta Berkantor di IKN": who asked is not in the title
        fronted = not _WORD.findall(clause[:start])
        if fronted and n + 1 < len(named):  # "Panggil Erick Thohir, Prabowo Minta ...": Prabowo calls
            actors = _opening_subject(clauses[n + 1], named[n + 1], roles)
        elif trig.kind == "verb":
            actors = _subject(clause, named[n], start, gap_words, roles)
        else:
            actors = []  # an event noun inside a title is a topic ("Kasus Suap"), not a report
        if not actors:
            continue
        ids = [a.get("id") for a in actors]
        places = [e for pos, e in named[n] if pos >= end and _PLACE_BEFORE.search(clause, 0, pos)]
        targets = [e for pos, e in named[n] if pos >= end and e not in places and e.get("id") not in ids][:1]
        if trig.need_target and not targets and not trig.complement_ok:
            continue  # a title's request needs no named target: "Prabowo Minta Diskon ... Segera Berjalan"
        if any((trig.type, i) in known for i in ids) or any(o["actor_ids"] == ids and o["type"] == trig.type
                                                             for o in out):
            continue
        modality = _modality(clause[:start])
        value, time_from = time if modality == "occurred" else (None, None)
        place = places[0] if places else None
        out.append({
            "type": trig.type, "actors": [a["name"] for a in actors], "targets": [e["name"] for e in targets],
            "time": value, "time_from": time_from, "place": place["name"] if place else None,
            "modality": modality, "source": None, "text": title, "trigger": written, "start": 0, "end": len(title),
            "in_title": True, "actor_ids": ids, "target_ids": [e.get("id") for e in targets],
            "place_id": place.get("id") if place else None, "time_text": None, "count": None,
        })
    return out
