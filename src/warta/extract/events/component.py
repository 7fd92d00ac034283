"""Events (PLOVER types) in one document, and the spaCy component ``warta_events``.

Steps, in order, sentence by sentence:

1. triggers are found with one scan of the text (``lexicon``), less those inside names, those an
   exclusion cancels ("serangan jantung", "menyita perhatian"), those in headings, and violent ones
   in sentences about sport (a sport word in the sentence, or next to it in its
   paragraph unless the sentence turns to other news: sentence by sentence, so that a roundup keeps
   its arrest), and seizures ("merebut", "mengambil alih") in sentences without armed forces; the
   model trained on
   warta's event corpus (``learned``) adds the triggers the lexicon misses in sentences that name
   a participant; a judgement ("menilai") is a trigger only when a fault follows it;
2. each sentence is read as items (``context``) and each trigger's clause is delimited (an aside
   between commas opens none);
3. its actors and targets come from the dependency parse when the pipeline has one (``parse``),
   else, and for whatever the parse leaves empty, from positions (``arguments``); a subjectless
   adverbial clause ("usai bertemu X") takes the main clause's subject, a speech act without a
   subject inside a quote its speaker; a trigger with no named participant, or without the target
   its word needs ("membantu X") and no clause saying what is asked ("meminta warga agar ..."), is
   no event; one with no named actor (a passive naming only whom it befell) is an event in the lead
   only: further on it is background ("Dalam perkara lain, X divonis 15 tahun penjara");
4. place, time, count, modality and source are read from the clause (``arguments``, ``modality``); a
   time goes to the nearest trigger that made an event, and an event without a time of its own
   (news tells what happened on the day it reports; a speech act is made when it is reported; a
   plan, a denial or a failure is announced then) takes the day of its report: inside a quote the
   date of the quote's attribution ("…," kata X, Senin (8/9/2025)), else (a statement) the day its
   maker is first quoted with a date in the week up to publication, else the article's occasion,
   its first full date in the week up to its publication; failing both, a lead event takes the
   publication month (``time_from``: "said", "occasion" or "published"; "text" for a time
   expression of its clause, None for none);
5. the same type, actors and time twice in one sentence give one event;
6. the title, read in headline grammar (``headline``), adds the event it reports when the body
   does not report it (``in_title``);
7. each quote with a named speaker (a person, an organisation, or a state: "Korea Utara menyebut
   ...") is read by the speech-act model (``speech``, learned from
   reported-speech sentences labelled by reading): a statement that criticises, demands, praises,
   rejects, agrees, threatens or apologises is the speaker's event (``found_by`` "speech"), unless the
   speaker already has one in that sentence.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from warta.extract.events.arguments import (
    Arguments,
    after_according,
    count_of,
    examples_after,
    find_arguments,
    is_place,
    place_of,
    time_of,
)
from warta.extract.events.context import DocContext, Hit, Item, clause_bounds, is_heading, prepare, sentence_items
from warta.extract.events.headline import headline_events
from warta.extract.events.lexicon import SPEECH_ACTS, lexicon, words_key
from warta.extract.events.modality import is_future, modality_of, source_of
from warta.extract.events.parse import parse_arguments, parse_noun_arguments
from warta.extract.events.speech import NONE, speech_features, speech_model
from warta.link.kb import KnowledgeBase, capitals
from warta.meta.outlets import dateline_end
from warta.nlp import doc_text
from warta.nlp.factories import typed

__all__ = ["find_events", "EventFinder"]

_LEAD_SENTENCES = 3
# modalities whose event, with no time of its own, takes the day it was told: what happened, and a
# plan, a denial or a failure announced that day ("Jepang akan menjatuhkan sanksi tambahan …")
_DATED_BY_REPORT = frozenset({"occurred", "planned", "denied", "failed"})
_OCCASION_DAYS = 7  # how far before its publication an article's occasion may be
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
# speech acts are made when they are reported
_STATEMENTS = SPEECH_ACTS
_SPEECH_NOUNS = SPEECH_ACTS | {"PROTEST"}

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


def find_events(doc: Doc) -> list[dict[str, Any]]:
    """The events in ``doc`` (after ``warta_linker``, ``warta_times`` and ``warta_quotes``), in text
    order: dicts with the CONTRACT.md fields (type, actors, targets, time, place, modality, source,
    text) and trigger, start, end (of ``text``), actor_ids, target_ids, place_id, time_text, count."""
    lex = lexicon()
    ctx = prepare(doc, doc_text(doc), lex)
    title = doc.user_data.get("warta.title")
    if not ctx.hits and not title and not ctx.quotes:
        return []
    out: list[dict[str, Any]] = []
    hit_starts = [h.start for h in ctx.hits]
    sporty = _sport_sentences(ctx) if ctx.hits or ctx.quotes else []
    lead = _lead(ctx)
    report = _day_of_report(ctx, _occasion(ctx))
    spoke = _speakers_days(ctx)
    for n, (a, b) in enumerate(ctx.sents):
        if not _any_between(hit_starts, a, b):
            continue
        sport = sporty[n]
        items = sentence_items(ctx, a, b)
        found = []
        for k, it in enumerate(items):
            if it.kind != "G" or (sport and it.data.trigger.type in lex.sport_types) or is_heading(ctx.text, it.start) \
                    or _unarmed(ctx, it.data, (a, b)):
                continue
            part = _participants(ctx, items, k, (a, b))
            if part is not None:
                found.append((k, *part))
        live = {items[k].start for k, *_ in found}  # a time goes to a trigger only if it made an event
        seen: dict[tuple[Any, ...], dict[str, Any]] = {}
        for k, args, lo, hi in found:
            if not args.actors and (a, b) not in lead:
                continue  # background: only the lead's passives without an agent are news
            event = _event(ctx, items, k, (a, b), args, (lo, hi), live, (a, b) in lead, report, spoke)
            if not (event["modality"] == "negated" and event["type"] == "REJECT"):
                _add(out, seen, event)  # "tidak menampiknya", "tak menolak": an admission, no refusal
    if ctx.quotes:
        out += _speech_acts(ctx, out, report, sporty, spoke)
        out.sort(key=lambda e: e["start"])
    _for_institutions(ctx, out)
    return headline_events(ctx, title, out, report) + out


_SPOKESPERSON = re.compile(r"(?i)(?<![\w-])(?:juru\s+bicara|jubir|humas|kepala\s+biro\s+hubungan|"
                           r"sekretaris\s+perusahaan|corporate\s+secretary|spokesperson)(?![\w-])")


def _for_institutions(ctx: DocContext, events: list[dict[str, Any]]) -> None:
    """A spokesperson acts for the institution their title names ("juru bicara KPK Febri Diansyah",
    "Kabid Humas Polda Jabar Kombes Yusri Yunus"): it joins their events' actors."""
    roles: dict[Any, str] = {}
    for e in ctx.entities:
        if e.get("type") == "PER" and e.get("role") and _SPOKESPERSON.search(e["role"]):
            roles.setdefault(e.get("id"), e["role"])
    if not roles:
        return
    orgs = [e for e in ctx.doc._.entities or [] if e.get("type") == "ORG"]  # those inside titles too
    for event in events:
        for actor in list(event["actor_ids"]):
            role = roles.get(actor)
            named = [o for o in orgs if role and o["text"] in role and o.get("id") not in event["actor_ids"]]
            if named:
                org = max(named, key=lambda o: len(o["text"]))
                event["actors"].append(org["name"])
                event["actor_ids"].append(org.get("id"))


_QUOTE_TARGETS = 3  # named persons, organisations or states inside a quote taken as its act's targets


def _speech_acts(ctx: DocContext, found: list[dict[str, Any]], report: tuple[str | None, str | None],
                 sporty: list[bool], spoke: dict[Any, str]) -> list[dict[str, Any]]:
    """The acts that quotes are (``speech``): each quote with a named speaker is read by the
    speech-act model, sentence by sentence, with its cue; the likeliest act it finds in them is an
    event of the speaker's, anchored in the sentence of the attribution, aimed at the persons,
    organisations and states the quote names, on the day it was said (the attribution's date, else
    the article's occasion). A quote attributed in a sentence where the speaker already has an event
    gives none (the trigger lexicon read it), nor one about sport (a coach's "kita harus kerja keras
    untuk menang" asks nobody to act)."""
    model = speech_model()
    had = {(e["start"], a) for e in found for a in e["actor_ids"]}
    candidates = []
    for q in ctx.quotes:
        speaker = q.get("speaker") or {}
        if not speaker.get("name") or speaker.get("type") not in ("PER", "ORG") and not _is_state(speaker):
            continue  # a state speaks through its government ("Bangladesh menolak menerima ..."); a town does not
        n = ctx.sentence_of(max(q["start"], q["end"] - 1))
        a, b = ctx.sents[n]
        if (a, speaker.get("id")) in had or sporty[n]:
            continue
        if (q.get("cue") or "").lower().split(maxsplit=1)[:1] in (["tidak"], ["tak"]):
            continue  # "tidak membantah …" admits what follows: no denial, and no act the model knows
        candidates.append((q, speaker, a, b))
    if not candidates:
        return []
    starts = [h.start for h in ctx.scanned]

    def features(q: dict[str, Any], a: int, b: int) -> list[str]:
        lexical = tuple(f"{h.trigger.type}/{h.trigger.kind}"
                        for h in ctx.scanned[bisect.bisect_left(starts, a):bisect.bisect_left(starts, b)])
        sentence = ctx.text[a:b]
        fault = ctx.lex.faults.search(sentence) is not None
        return speech_features(sentence, q.get("cue"), q.get("kind"), lexical, fault)

    # every sentence of what was said is read ("A. B. C," kata X: the act may be in A), the likeliest
    # act of them is the quote's
    spans = [ctx.sents[ctx.sentence_of(q["start"]):ctx.sentence_of(max(q["start"], q["end"] - 1)) + 1]
             for q, _, _, _ in candidates]
    read = model.classify([features(q, x, y) for (q, _, _, _), sp in zip(candidates, spans, strict=True)
                           for x, y in sp])
    acts, i = [], 0
    for sp in spans:
        made = [r for r in read[i:i + len(sp)] if r[0] != NONE]
        acts.append(max(made, key=lambda r: r[1]) if made else (NONE, 0.0))
        i += len(sp)
    out: list[dict[str, Any]] = []
    seen: set[tuple[int, str, str | None]] = set()
    for (q, speaker, a, b), (act, _) in zip(candidates, acts, strict=True):
        if act == NONE or (a, act, speaker.get("id")) in seen:
            continue
        if act == "DISAPPROVE" and words_key(q.get("cue") or "") in ctx.lex.judgements \
                and not _fault_follows(ctx, a, b):
            continue  # a judgement is a disapproval only of a fault it names, not denied (as the lexicon's
            # judgements): "menilai kasus itu sudah selesai", "menilai langkah itu tepat dan tidak salah"
        seen.add((a, act, speaker.get("id")))
        targets = [e for e in _states_only([e for e in ctx.entities if q["start"] <= e["start"] < q["end"]
                                            and e.get("type") in ("PER", "ORG", "LOC")])
                   if e.get("id") != speaker.get("id")]
        targets = list({e.get("id"): e for e in targets}.values())[:_QUOTE_TARGETS]
        said = _said_on(ctx, q) or spoke.get(speaker.get("id"))
        value, time_from = (said, "said") if said else report if report[1] == "occasion" else (None, None)
        out.append({
            "type": act, "actors": [speaker["name"]], "targets": [e["name"] for e in targets],
            "time": value, "time_from": time_from, "place": None, "modality": "occurred",
            "source": None, "text": ctx.text[a:b], "trigger": q.get("cue") or "", "start": a, "end": b,
            "actor_ids": [speaker.get("id")], "target_ids": [e.get("id") for e in targets],
            "place_id": None, "time_text": None, "count": None, "found_by": "speech",
        })
    return out


_SPORT_SHARE = 0.4  # sentences with a sport word in this share of an article's: a match report
_NEW_TOPIC = re.compile(r"\s*(?:Sementara itu|Di sisi lain|Di tempat lain|Dalam perkembangan lain|Adapun)\b",
                        re.IGNORECASE)


def _sport_sentences(ctx: DocContext) -> list[bool]:
    """Which sentences are about sport, where a fight or a meeting is a match: those with a sport
    word, and those next to one in its paragraph unless the sentence turns to
    other news ("Sementara itu, ..."). In a match report (at least ``_SPORT_SHARE`` of the sentences
    have a sport word: "melancarkan serangan", "melepaskan tembakan" are moves of a game) every
    sentence is, except from a sentence that turns to other news up to the next sport word: a
    roundup's arrest keeps its event."""
    has = [False] * len(ctx.sents)
    for m in ctx.lex.sport.finditer(ctx.text):
        if " ".join(m.group().split()).casefold() in ctx.lex.not_sport:
            continue  # "di lapangan", "lapangan kerja": the longer phrase is matched first
        has[ctx.sentence_of(m.start())] = True
    if not any(has):
        return has
    sents, text = ctx.sents, ctx.text
    if sum(has) >= _SPORT_SHARE * len(has):
        out, away = [], False
        for i, (a, _) in enumerate(sents):
            if has[i]:
                away = False
            elif _NEW_TOPIC.match(text, a):
                away = True  # "Sementara itu, ...": other news, until a sport word again
            out.append(not away)
        return out

    def joined(i: int, j: int) -> bool:  # two sentences of one paragraph, the second not turning away
        return (0 <= i < j < len(sents) and "\n" not in text[sents[i][1]:sents[j][0]]
                and not _NEW_TOPIC.match(text, sents[j][0]))

    return [h or (joined(i - 1, i) and has[i - 1]) or (joined(i, i + 1) and has[i + 1]) for i, h in enumerate(has)]


def _lead(ctx: DocContext) -> set[tuple[int, int]]:
    """The news lead: the first three sentences that are not a title or subheading (a dateline
    sentence, "Jakarta, CNN Indonesia --", often opens it)."""
    return set([s for s in ctx.sents if not is_heading(ctx.text, s[0])][:_LEAD_SENTENCES])


def _day_of_report(ctx: DocContext, occasion: str | None) -> tuple[str | None, str | None]:
    """The time an undated event of the article's occasion takes, and where it comes from."""
    dct = ctx.doc._.dct
    if occasion:
        return occasion, "occasion"
    if dct is not None:
        return f"{dct.year:04d}-{dct.month:02d}", "published"
    return None, None


def _occasion(ctx: DocContext) -> str | None:
    """The day the article reports on: its first full date (in text order) no later than its
    publication day and at most ``_OCCASION_DAYS`` before it ("…, kata X di Jakarta, Senin
    (8/9/2025)")."""
    dct = ctx.doc._.dct
    if dct is None:
        return None
    for t in ctx.times:
        value = _day_value(t)
        # not last night ("tadi malam", "semalam"): told the day after it, on the day the article reports
        if value and not _LAST_NIGHT.search(t.get("text", "")) and \
                0 <= (dct - date.fromisoformat(value)).days <= _OCCASION_DAYS:
            return value
    return None


_LAST_NIGHT = re.compile(r"(?i)\b(?:semalam|tadi\s+malam|malam\s+tadi)\b")


def _day_value(t: dict[str, Any]) -> str | None:
    """The day a time expression names: a date's value, or the day of a time of day ("Senin malam
    (26/9)": 2016-09-26TNI names 2016-09-26); None for anything else (a month, a duration)."""
    value = str(t.get("value") or "")
    if t.get("type") in ("DATE", "TIME") and _DAY.match(value) and (len(value) == 10 or value[10] == "T"):
        return value[:10]
    return None


def _speakers_days(ctx: DocContext) -> dict[Any, str]:
    """Each speaker's day of speaking: the date of their first dated attribution, in the week up to
    the publication ("…," kata Zainudin …, Jumat (4/8)). A statement of theirs with no day of its
    own was made then ("Zainudin menegaskan partainya …" in the lead), not on the article's first
    date, which may be the day of what they answer."""
    dct = ctx.doc._.dct
    out: dict[Any, str] = {}
    for q in ctx.quotes:
        who = (q.get("speaker") or {}).get("id")
        if who is None or who in out:
            continue
        day = _said_on(ctx, q)
        if day and (dct is None or 0 <= (dct - date.fromisoformat(day)).days <= _OCCASION_DAYS):
            out[who] = day
    return out


def _said_on(ctx: DocContext, quote: dict[str, Any]) -> str | None:
    """The day of a quote's attribution: a full date after the quote in the sentence where it ends
    ("…," ujar X, Senin (8/9/2025))."""
    a, b = ctx.sents[ctx.sentence_of(max(quote["start"], quote["end"] - 1))]
    for t in ctx.times:
        if quote["end"] <= t["start"] < b and (day := _day_value(t)):
            return day
    return None


def _add(out: list[dict[str, Any]], seen: dict[tuple[Any, ...], dict[str, Any]], event: dict[str, Any]) -> None:
    """One event per type and actors in a sentence: a repeat with another time is another event; one
    without a time, or with no time and a participant of an earlier one of its type ("ditetapkan
    sebagai tersangka … penetapan tersangka dia"), adds nothing but its time to its earlier twin."""
    key = (event["type"], frozenset(event["actor_ids"] or event["target_ids"]))
    people = set(event["actor_ids"] + event["target_ids"])
    first = seen.get(key) or next((e for k, e in seen.items() if k[0] == event["type"] and not event["time"]
                                   and people & set(e["actor_ids"] + e["target_ids"])), None)
    if first is None or (first["time"] and event["time"] and first["time"] != event["time"]):
        seen[key] = event
        out.append(event)
    elif first["time"] is None and event["time"]:
        first["time"], first["time_text"], first["time_from"] = event["time"], event["time_text"], event["time_from"]


def _any_between(starts: list[int], a: int, b: int) -> bool:
    i = bisect.bisect_left(starts, a)
    return i < len(starts) and starts[i] < b


def _participants(ctx: DocContext, items: list[Item], k: int, sent: tuple[int, int],
                  ) -> tuple[Arguments, int, int] | None:
    """The trigger's arguments and clause, or None when it makes no event."""
    hit = items[k].data
    if hit.trigger.kind == "noun" and hit.written[0].isupper() and hit.written.lower() != hit.written \
            and hit.start not in (sent[0], _after_dateline(ctx)) and hit.written.upper() != hit.written \
            and not _named_meeting(ctx, hit, sent[0]):
        return None  # "Perjanjian Paris", "Panglima Perang Pandawa": part of a name
    if words_key(hit.written) in ctx.lex.judgements and not _fault_follows(ctx, hit.end, sent[1]):
        return None  # "X menilai Y ..." is a judgement to report, a disapproval only of a fault
    lo, hi = clause_bounds(ctx, items, k)
    args = find_arguments(ctx, items, k, lo, hi)
    parsed = parse_arguments(ctx, hit) if not (args.actors and args.targets) else None
    if parsed is not None:  # the parse fills what positions left empty (a subject far from its verb)
        args.actors = args.actors or parsed.actors
        args.targets = args.targets or [e for e in parsed.targets if e not in args.actors]
    if not args.targets and hit.trigger.kind == "verb":
        args.targets = [e for e in examples_after(ctx, hit.end, sent[1]) if e not in args.actors]
    if not args.actors and hit.trigger.kind == "noun":
        parsed = parse_noun_arguments(ctx, hit, hit.trigger.type in _SPEECH_NOUNS)
        if parsed is not None and parsed.actors:
            args.actors = parsed.actors
            args.targets = args.targets or [e for e in parsed.targets if e not in args.actors]
    if not args.actors and hit.trigger.kind == "noun":
        light = _light_verb_before(ctx, items, k, lo)
        if light is not None:  # "Pertamina menyatakan telah melakukan pembicaraan dengan ...": the speaker's
            args.actors = _others(_reported_subject(ctx, items, light) or _main_subject(ctx, items, light, lo),
                                  args.targets)
    if not args.actors and hit.trigger.kind == "verb":
        args.actors = _others(_main_subject(ctx, items, k, lo), args.targets)
    if not args.actors and hit.trigger.type in _STATEMENTS and hit.trigger.kind != "passive":
        args.actors = _others(_speaker_of(ctx, items, k, lo), args.targets)
    if not args.actors and hit.trigger.kind == "verb":
        args.actors = _others(_reported_subject(ctx, items, k), args.targets)
    args.actors, args.targets = _states_only(args.actors), _states_only(args.targets)
    _one_side(args, hit, sent[0])
    if not args.actors and (hit.trigger.kind != "passive" or not args.targets):
        return None  # an event needs a named actor; a passive one at least its named patient
    if hit.trigger.need_target and not args.targets and not (
            hit.trigger.complement_ok and ctx.lex.complement.match(ctx.text, hit.end, sent[1])):
        return None
    ctx.last_participants.append((items[k].start, args.actors + args.targets))
    return args, lo, hi


def _after_dateline(ctx: DocContext) -> int:
    """Where the first sentence's own words start after the dateline ("Jakarta, CNN Indonesia -- Pertemuan
    Korsel dan Korut akhirnya digelar"): a capital there opens the sentence."""
    end = dateline_end(ctx.text)
    while end < len(ctx.text) and ctx.text[end].isspace():
        end += 1
    return end if end else -1


def _named_meeting(ctx: DocContext, hit: Hit, start: int) -> bool:
    """A meeting with a name of its own, held or attended ("Kadin menyelenggarakan Rapat Koordinasi
    Nasional", "X menghadiri Konferensi Tingkat Tinggi ASEAN"): a meeting noun capitalised right
    after a light verb is the event, not part of another name."""
    return hit.trigger.type == "CONSULT" and ctx.lex.light_verbs.search(ctx.text, start, hit.start) is not None


def _light_verb_before(ctx: DocContext, items: list[Item], k: int, lo: int) -> int | None:
    """The index of the light verb right before event noun k ("melakukan pembicaraan"), if any."""
    if k - 1 < lo or items[k - 1].kind != "W":
        return None
    m = ctx.lex.light_verbs.search(ctx.text, items[lo].start, items[k].start)
    if m is None:
        return None
    return next((i for i in range(lo, k) if items[i].start >= m.start()), None)


_STATES = frozenset({"country", "territory"})


def _is_state(e: dict[str, Any]) -> bool:
    """A place the knowledge base knows as a country or territory, or a capital (for its government):
    one that can speak or act ("Bangladesh menolak ...", "Pyongyang mengecam ...")."""
    if e.get("type") != "LOC":
        return False
    known = KnowledgeBase.load().get(e.get("id") or "")
    return known is not None and (known.kind in _STATES or known.id in capitals())


def _states_only(ents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Participants less the places that cannot act: a country or territory acts ("Korea Utara
    menolak"), and a capital for its government ("Pyongyang menolak"); a town, a province or a region
    the knowledge base knows is where something happened or part of a name around it ("pasien RS
    National Hospital, Surabaya, Jawa Timur", "Polres Metro Jakarta Selatan menangkap"), not who
    did it."""
    if not any(e.get("type") == "LOC" for e in ents):
        return ents
    kb = KnowledgeBase.load()
    # a place name the KB does not know is as often a company or a club
    return [e for e in ents if e.get("type") != "LOC" or kb.get(e.get("id") or "") is None or _is_state(e)]


def _one_side(args: Arguments, hit: Hit, sentence_start: int) -> None:
    """One person is never both sides of an event ("X bertemu X"). A side found outside the event's
    sentence (a pronoun taken to mean the last person named: "Ia ... bertemu Prabowo" after a
    sentence naming only Prabowo) yields to the one named in it; within the sentence, after an
    active verb the person is its object (a target), before it the subject (an actor)."""
    both = {e.get("id") for e in args.actors} & {e.get("id") for e in args.targets}
    if not both:
        return
    named_here = {e.get("id") for e in args.targets if e.get("start", 0) >= sentence_start}

    def keeps(e: dict[str, Any]) -> bool:
        if e.get("id") not in both:
            return True
        if e.get("start", 0) < sentence_start and e.get("id") in named_here:
            return False
        return hit.trigger.kind != "verb" or e.get("start", 0) < hit.start

    args.actors = [e for e in args.actors if keeps(e)]
    args.targets = _others(args.targets, args.actors)


def _others(ents: list[dict[str, Any]], taken: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``ents`` less the entities (by id, whatever mention) already in ``taken``."""
    ids = {e.get("id") for e in taken}
    return [e for e in ents if e.get("id") not in ids]


def _fault_follows(ctx: DocContext, start: int, end: int) -> bool:
    """A fault ("melanggar", "tak adil", "keliru") is named after ``start`` in the sentence, not
    right after a negation."""
    for m in ctx.lex.faults.finditer(ctx.text, start, end):
        if not ctx.lex.fault_negated.search(ctx.text, max(start, m.start() - 12), m.start()):
            return True
    return False


def _speaker_of(ctx: DocContext, items: list[Item], k: int, lo: int) -> list[dict[str, Any]]:
    """The speaker of a quote whose clause states a speech act without a subject: "Kami tidak
    sependapat ..." has one, but "Tidak sependapat dengan putusan itu," kata X, and "Sangat
    menyesalkan ...," ujar X, are X's: nothing named stands before the trigger in its clause. Only
    a verb in the speaker's own words (a direct or partial quote): indirect speech tells of others
    ("X menilai demokrasi menghadapi ancaman")."""
    quote = ctx.quote_at(items[k].start)
    if quote is None or quote.get("kind") == "indirect" or items[k].data.trigger.kind != "verb":
        return []  # reported content speaks of others; an event noun has no subject
    speaker = quote.get("speaker")
    if not speaker or not speaker.get("name") or speaker.get("type") not in ("PER", "ORG"):
        return []
    if any(it.kind in ("E", "A") and it.start >= quote["start"] for it in items[lo:k]):
        return []
    if any(it.kind == "W" and it.start >= quote["start"] and it.low not in ctx.lex.words["subjectless"]
           for it in items[lo:k]):
        return []  # "Perbaikan ... biasanya meminta perusahaan ...": the clause has its own subject
    if k and items[k - 1].kind == "W" and items[k - 1].low == "yang":
        return []  # "gerakan yang mengancam demokrasi": the relative clause's head is its subject
    return [speaker]


def _reported_subject(ctx: DocContext, items: list[Item], k: int) -> list[dict[str, Any]]:
    """The speaker of indirect speech whose clause has no subject of its own: "Kapolri Tito Karnavian
    mengatakan akan menangkap X" (Tito will arrest X), "X mengaku telah bertemu Y", "X menegaskan akan
    menindak tegas …". Nothing but auxiliaries and adverbs (``subjectless``) between the start of what
    was said and the trigger, or nothing at all (only active verbs are read so)."""
    quote = ctx.quote_at(items[k].start)
    if quote is None or quote.get("kind") != "indirect":
        return []
    speaker = quote.get("speaker")
    if not speaker or not speaker.get("name") or speaker.get("type") not in ("PER", "ORG"):
        return []
    between = [it for it in items[:k] if it.start >= quote["start"]]
    if any(it.kind != "W" or it.low not in ctx.lex.words["subjectless"] for it in between):
        return []
    s0 = ctx.sents[ctx.sentence_of(quote["start"])][0]
    if _INTERPOSED.search(ctx.text, s0, quote["start"]):
        return []  # "Tim penanggung jawab rombongan, tuturnya, juga telah menemui …": the part before
        # the attribution is the subject, not the speaker
    return [speaker]


# an attribution set between a clause's subject and its predicate: "X, tuturnya, …", "X, kata Y, …"
_INTERPOSED = re.compile(r"\w[^.!?\"“”]*?,[ \t\xa0]*(?:\w+nya|(?:kata|ujar|tutur|ucap|jelas|imbuh|tambah|lanjut|"
                         r"tegas|ungkap|terang)[ \t\xa0]+[^,.!?]{1,80}),[ \t\xa0]*\Z", re.I)


def _main_subject(ctx: DocContext, items: list[Item], k: int, lo: int) -> list[dict[str, Any]]:
    """The participant of a subjectless adverbial clause ("Hal itu disampaikan Erick usai bertemu
    Prabowo", "Jokowi menyampaikan hal itu setelah menemui Anwar"): its clause opens with a
    subordinator of time or manner right before the trigger (``subordinators``), or the trigger
    follows "dengan" ("... dengan memberikan bantuan": by giving, ``manner_openers``), and its subject is
    the main clause's, the nearest person or organisation before it that is no place, no
    prepositional object ("kepada X") and no source ("menurut X"), within the reported words when
    the trigger is in indirect speech."""
    words = ctx.lex.words
    j = k - 1
    while j > lo and items[j].kind == "W" and (items[j].low in words["bridge_words"] or items[j].low in
                                               words["subjectless"] or items[j].low in words["alleged"]):
        j -= 1  # "setelah sempat menolak", "setelah terlebih dahulu mengunjungi", "karena diduga menerima"
    if j == lo and items[lo].kind == "W" and items[lo].low in words["subordinators"]:
        start = lo
    elif k > lo and items[k - 1].kind == "W" and items[k - 1].low in words["manner_openers"]:
        start = k - 1  # "X menggelar aksi sosial dengan memberikan bantuan": X gives the aid
    else:
        return _fronted_clause_subject(ctx, items, k, lo) if j < lo else []  # the trigger opens its clause
    if not any(it.kind == "E" for it in items[:start]) and start == _sentence_start(ctx, items):
        return _fronted_clause_subject(ctx, items, k, start)
    # in what someone said ("Boji mengatakan bahwa pasukan berusaha membubarkan pengungsi dengan
    # menembak ke udara") the clause's subject is in the reported words, never the speaker before them
    quote = ctx.quote_at(items[k].start)
    floor = quote["start"] if quote is not None and quote.get("kind") == "indirect" else -1
    for i in range(start - 1, -1, -1):
        it = items[i]
        if it.kind == "P" and it.low in ".;:!?" or it.start < floor:
            return []
        if it.kind != "E" or it.data.get("type") not in ("PER", "ORG"):
            continue
        if is_place(ctx, items, i, 0) is not None or after_according(ctx, items, i, 0):
            return []
        before = items[i - 1] if i else None
        if before is not None and before.kind == "W" and before.low in words["target_preps"]:
            return []
        return [it.data]
    return []


def _sentence_start(ctx: DocContext, items: list[Item]) -> int:
    """The index of the sentence's first item after the dateline ("Jakarta, CNN Indonesia --")."""
    end = dateline_end(ctx.text)
    return next((i for i, it in enumerate(items) if it.start >= end), 0) if items and items[0].start < end else 0


def _fronted_clause_subject(ctx: DocContext, items: list[Item], k: int, start: int) -> list[dict[str, Any]]:
    """The subject of the main clause after a subjectless adverbial clause that opens the sentence
    ("Setelah menangkap pria itu, Kepolisian Inggris mengatakan ...", "Bekerja sama dengan sejumlah
    pengembang, Samsung menghadirkan ..."): the person or body that follows the comma closing it."""
    if start != _sentence_start(ctx, items):
        return []
    words = ctx.lex.words
    for i in range(k + 1, len(items)):
        it = items[i]
        if it.kind == "P" and it.low in ".;:!?" or it.kind == "G" and it.data.trigger.kind != "noun":
            return []
        if it.kind == "P" and it.low == ",":
            j = i + 1
            while j < len(items) and (items[j].kind == "R" or items[j].kind == "W"
                                      and items[j].low in words["bridge_words"]):
                j += 1  # "..., Ketua Umum PBNU Yahya Cholil Staquf mengatakan": past the title
            if j + 1 < len(items) and items[j].kind == "E" and items[j + 1].kind == "E" \
                    and items[j].data.get("type") == "ORG" and items[j + 1].data.get("type") == "PER":
                j += 1  # the body in the title, then its holder
            if j < len(items) and items[j].kind == "E" and items[j].data.get("type") in ("PER", "ORG") \
                    and not (j + 1 < len(items) and items[j + 1].low == ","):
                return [items[j].data]
            return []
    return []


_WORD = re.compile(r"\w+")


_VERBAL_PROTESTS = frozenset({"memprotes", "protes", "diprotes"})
_GOVERNMENT = re.compile(r"(?:Pemerintah|Pemerintahan|Kementerian Luar Negeri|Kemlu)\b")  # a state's organs
_CROWD = re.compile(r"(?i)\b(?:ribuan|ratusan|puluhan|warga|massa|buruh|demonstran|pengunjuk rasa|mahasiswa|"
                    r"rakyat|penduduk|pendukung)\b")  # a country's people protesting


def _clash_type(ctx: DocContext, hit: Any, sent: tuple[int, int], args: Arguments) -> str:
    """A clash is FIGHT only where armed forces take part (a word of them in the sentence, a state
    among the participants); "bentrokan antara FPI dan GMBI" is ASSAULT, violence between people.
    A protest made by one named person is a complaint, DISAPPROVE ("de Villiers memprotes keras
    pemangkasan anggaran"), and one made by a state a diplomatic protest ("Bangladesh memanggil Duta
    Besar Myanmar untuk memprotes …"), not a demonstration."""
    words = ctx.lex.words
    if _private_violence(ctx, hit, sent, args):
        return "CRIME"
    if hit.trigger.type == "PROTEST" and hit.written.lower() in _VERBAL_PROTESTS and args.actors \
            and (all(e.get("type") == "PER" for e in args.actors) and len(args.actors) == 1
                 or all(str(e.get("id") or "").startswith("loc:country:") or _GOVERNMENT.match(e.get("name") or "")
                        for e in args.actors)
                 and not _CROWD.search(ctx.text, *sent)):
        return "DISAPPROVE"  # one person's complaint, or a state's protest note (not "ribuan warga Palestina")
    if hit.trigger.type != "FIGHT" or hit.written.lower() not in words["civil_clashes"]:
        return hit.trigger.type
    armed = words["armed_words"].intersection(w.lower() for w in _WORD.findall(ctx.text, *sent))
    states = any(str(e.get("id") or "").startswith("loc:country:") for e in [*args.actors, *args.targets])
    return "FIGHT" if armed or states else "ASSAULT"


def _unarmed(ctx: DocContext, hit: Hit, sent: tuple[int, int]) -> bool:
    """A seizure ("merebut", "mengambil alih") in a sentence with no word of armed forces: a company,
    a title or a seat taken over, no combat (events.toml ``armed_only``)."""
    words = ctx.lex.words
    return words_key(hit.trigger.phrase) in words["armed_only"] and \
        words["armed_words"].isdisjoint(w.lower() for w in _WORD.findall(ctx.text, *sent))


def _private_violence(ctx: DocContext, hit: Any, sent: tuple[int, int], args: Arguments) -> bool:
    """Violence or an abduction by private persons is a crime ("TH menganiaya istrinya", "Herba
    menculik seorang model"), not an attack: every actor a person with no title but a case's word
    ("tersangka") whom the knowledge base does not know, no group, body or state among the targets,
    and no word of armed forces, police, armed groups or political violence in the sentence
    ("Tamimi menampar tentara Israel", "Abedi meledakkan bom" and "Kelompok Abu Sayyaf menculik …"
    stay what they were)."""
    words = ctx.lex.words
    kind = hit.trigger.type
    if not args.actors or not (kind == "ASSAULT" or kind == "COERCE" and words_key(hit.trigger.phrase) in
                               words["private_coercion"]):
        return False
    kb = KnowledgeBase.load()
    # a private person: no title (a case's word at most: "tersangka"), and no one the knowledge base
    # knows ("Presiden Suriah Bashar al-Assad membunuh …", "Trump menyerang Hillary Clinton …")
    if any(e.get("type") != "PER" or kb.get(e.get("id") or "") is not None
           or not set(_WORD.findall(str(e.get("role") or "").lower())) <= words["perpetrator_roles"]
           for e in args.actors):
        return False
    if any(e.get("type") != "PER" for e in args.targets):
        return False
    force = words["armed_words"] | words["public_violence"]
    return not force.intersection(w.lower() for w in _WORD.findall(ctx.text, *sent))


def _event(ctx: DocContext, items: list[Item], k: int, sent: tuple[int, int], args: Arguments,
           clause: tuple[int, int], live: set[int], lead: bool, report: tuple[str | None, str | None],
           spoke: dict[Any, str]) -> dict[str, Any]:
    hit = items[k].data
    lo, hi = clause
    place = place_of(ctx, items, k, lo, hi)
    time = time_of(ctx, items, k, lo, hi, live)
    a, b = sent
    while b > a and ctx.text[b - 1].isspace():
        b -= 1
    threat_later = bool(time and hit.trigger.type == "THREATEN" and is_future(time.get("value"), ctx.doc._.dct))
    if threat_later:
        time = None  # "akan menindak tegas … selama Ramadan": when the threat would be carried out; it is
        # made when it is said
    modality = modality_of(ctx, items, k, lo, hi, a, time)
    if time and _vague(time):
        time = None  # "saat ini", "dulu": no day; the event takes the day it was said or reported
    elif time and modality == "occurred" and is_future(time.get("value"), ctx.doc._.dct):
        time = None  # "telah mencabut dukungan … dalam Pilgub 2018": the election's year, not the act's
    value, time_from = (_day_of(time["value"]), "text") if time else (None, None)
    # "berlangsung dua tahun": no news of the day
    # (inside a quote, its own words: the date of its attribution after it is the day it was said)
    quote = ctx.quote_at(hit.start)
    undated = threat_later or not any(it.kind == "T" and not _vague(it.data) and (
        quote is None or quote["start"] <= it.start < quote["end"]) for it in items[lo:hi])
    if undated and modality in _DATED_BY_REPORT:
        said = _said_on(ctx, quote) if quote else None
        if not said and hit.trigger.type in _STATEMENTS:  # a statement is made when its maker speaks
            said = next((spoke[e.get("id")] for e in args.actors if e.get("id") in spoke), None)
        if said:
            value, time_from = said, "said"
        elif (report[1] == "occasion" or lead) and not _background(ctx, items, k, lo, report[0]) \
                and not _EARLIER.match(ctx.text, a) and not any(
                    it.kind == "T" and _THAT_TIME.fullmatch(str(it.data.get("text") or "")) for it in items[lo:hi]):
            # ("saat itu", "ketika itu": a past time told before, not the day of the report; "belum lama
            # ini", "baru-baru ini" are the news's own days)
            value, time_from = report  # the publication month only for the lead's news
    return {
        "type": _clash_type(ctx, hit, (a, b), args),
        "actors": [e["name"] for e in args.actors],
        "targets": [e["name"] for e in args.targets],
        "time": value,
        "time_from": time_from,
        "place": place["name"] if place else None,
        "modality": modality,
        "source": source_of(ctx, hit.start, (a, b)),
        "text": ctx.text[a:b],
        "trigger": hit.written,
        "start": a,
        "end": b,
        "actor_ids": [e.get("id") for e in args.actors],
        "target_ids": [e.get("id") for e in args.targets],
        "place_id": place["id"] if place else None,
        "time_text": time["text"] if time else None,
        "count": count_of(ctx, items, k, hi),
    }


_PART_OF_DAY = re.compile(r"(\d{4}-\d\d-\d\d)T(?:MO|AF|EV|NI|DT)")


def _day_of(value: str | None) -> str | None:
    """An event happens on a day: "Jumat (18/8) malam" (2017-08-18TNI) dates it 2017-08-18."""
    m = _PART_OF_DAY.fullmatch(value or "")
    return m.group(1) if m else value


# a sentence that opens by telling what came before the news ("Sebelumnya, X mendesak KPK …"): its
# events happened on some earlier day the text does not give, not on the day of the report
_EARLIER = re.compile(r"\s*(?:sebelumnya|sebelum\s+ini|dulu|dahulu)\s*,", re.IGNORECASE)
# a time told before, pointed back to ("saat itu", "ketika itu", "pada waktu itu")
_THAT_TIME = re.compile(r"(?:pada\s+)?(?:saat|waktu|kala|ketika|masa)\s+itu", re.IGNORECASE)


def _background(ctx: DocContext, items: list[Item], k: int, lo: int, report: str | None) -> bool:
    """Trigger k stands in a relative clause ("yang" before it in its clause) of a sentence told of the past."""
    return any(it.kind == "W" and it.low == "yang" for it in items[lo:k]) and _told_of_past(ctx, items, report)


def _told_of_past(ctx: DocContext, items: list[Item], report: str | None) -> bool:
    """The sentence dates what it tells to a year before the report's ("Trump menjadi presiden AS
    pertama yang mengadakan pembicaraan dengan pemimpin Korea Utara saat mereka bertemu di Singapura
    tahun 2018"): an event in a relative clause of it, with no time of its own, describes a participant
    by the past, and is no news of the report's day."""
    year = (report or "")[:4]
    return year.isdigit() and any(
        it.kind == "T" and it.data.get("type") == "DATE" and str(it.data.get("value") or "")[:4].isdigit()
        and str(it.data.get("value"))[:4] < year for it in items)


def _vague(time: dict[str, Any] | None) -> bool:
    return bool(time) and str(time.get("value") or "").endswith("_REF")  # PRESENT_REF, PAST_REF, FUTURE_REF


class EventFinder:
    """spaCy pipeline component: ``nlp.add_pipe("warta_events")`` after ``warta_quotes``."""

    def __init__(self, nlp: Language | None = None, name: str = "warta_events") -> None:
        self.name = name
        lexicon()  # fail at load time, not on the first article, if a data file is broken
        speech_model()

    def __call__(self, doc: Doc) -> Doc:
        doc._.events = find_events(doc)
        return doc


@Language.factory("warta_events", requires=["doc._.entities", "doc._.times", "doc._.quotes"],
                  assigns=["doc._.events"])
@typed
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    return EventFinder(nlp, name)
