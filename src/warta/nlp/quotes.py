"""Quotes and who said them: direct, partial and indirect speech with linked speakers.

Runs after ``warta_linker`` as the spaCy component ``warta_quotes`` and sets ``doc._.quotes``. It
needs only the text, the sentences and ``doc._.entities`` (no tags or parse: the fast profile has
none). The words it looks for are data (``warta/data/quotes.toml``). In order:

1. Quotation marks are paired paragraph by paragraph (" “ ” « » and ‘ ’ or ' when they are not
   apostrophes). A paragraph that leaves a quote open continues it into the next paragraph when
   that one opens with a quotation mark (the journalistic convention): one quote over both.
2. Each quoted span is judged by its surroundings:
   * a cue after it (`"…," kata X`, `"…," ujarnya`, `"…," X menambahkan`) or a reporting clause
     before it (`X mengatakan, "…"`, `Kata X: "…"`) makes it a quote of X: ``direct`` when it
     fills its sentence, ``partial`` when it sits inside running text (`menyebut Korut sebagai
     "negara nuklir besar"`);
   * a quote that opens a sentence with no cue of its own continues the previous speaker (`"A,"
     kata X. "B."` is two quotes of X), or takes the speaker of a following `Hal itu disampaikan X`;
   * any other quoted phrase (a name, title, nickname, slogan, scare quote) is not a quote, and
     neither is one after a title word (`julukan "Macan Kertas"`, `film "…"`).
3. Indirect speech without quotation marks: `X mengatakan (bahwa) …`, `Menurut X, …`, `…, kata X.`
   (also `Namun, kata X, …`). The quote is the reported content only, and one is kept only when
   its speaker is found, so unsure sentences give nothing.
4. Speakers, in document order (see ``_antecedent`` for pronouns): a person, organisation or place
   (in that preference) from the entities in the speaker phrase; a pronoun or a -nya cue for the
   nearest earlier speaker; a description ("seorang pejabat Gedung Putih") kept with its
   organisation, which a later "pejabat tersebut" points back to.
5. Sources the article cites for a quote (`seperti dilansir Reuters`, `mengutip NK News`) become
   ``via``; an audience (`kepada wartawan`) becomes ``to``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from warta.nlp import doc_text
from warta.resources import load_toml

__all__ = ["find_quotes", "QuoteFinder"]

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)

_DOUBLE = '"“”„«»'
_SINGLE = "'‘’"
_CLOSERS = "”»’"
_WORD = re.compile(r"[^\W_][\w'’.-]*", re.UNICODE)
_SPEAKER_TYPES = ("PER", "ORG", "LOC")
_MAX_SUBJECT_WORDS = 14
_MAX_PARTIAL_WORDS = 15
_NEAR_CUE = 6  # words between a reporting verb and a quoted phrase that is its object


def _alts(words) -> str:  # noqa: ANN001
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class _Lexicon:
    after: re.Pattern[str]  # a cue right after a closing quotation mark
    unquoted: re.Pattern[str]  # ", kata X" ending an unquoted sentence
    report: re.Pattern[str]  # reporting verbs anywhere
    before: re.Pattern[str]  # a reporting clause ending right before an opening mark
    passive: re.Pattern[str]  # "Hal itu disampaikan X"
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


@cache
def _lexicon() -> _Lexicon:
    d = load_toml("quotes.toml")
    roles = load_toml("roles.toml")
    cues = _alts(d["after_cues"])
    verbs = _alts(d["reporting_verbs"])
    passive = _alts(d["passive_cues"])
    heads = [*d["description_heads"], *roles["heads"]]  # "wakil gubernur Teheran" with no name is a description
    f = re.IGNORECASE
    return _Lexicon(
        after=re.compile(rf"\s*,?\s*(?:(?:demikian|begitu)\s+)?(?:(?P<cue>{cues})(?P<nya>nya)?|(?P<pas>{passive})"
                         rf"(?:\s+oleh)?)\b", f),
        unquoted=re.compile(rf",\s+(?P<cue>{_alts(d['unquoted_cues'])})(?P<nya>nya)?\b", f),
        report=re.compile(rf"\b(?P<cue>{verbs})(?:\s+(?P<bahwa>bahwa))?\b", f),
        before=re.compile(rf"(?:\b(?P<verb>{verbs})(?:\s+bahwa)?|\b(?P<cue>{cues})(?P<nya>nya)?"
                          rf"(?P<who>\s+[^,:\"“”]{{1,60}}?)?)\s*[,:]?\s*$", f),
        passive=re.compile(rf"\s*(?:{_alts(d['passive_openers'])})\s+(?:juga\s+)?(?P<cue>{passive})(?:\s+oleh)?\b", f),
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
    )


# ------------------------------------------------------------------------ the article

@dataclass(slots=True)
class _Span:
    """One pair of quotation marks: content [start, end), marks at open_at and close_at."""
    start: int
    end: int
    open_at: int
    close_at: int  # index just past the closing mark (== end when the quote runs to the paragraph end)


@dataclass(slots=True)
class _Text:
    text: str
    entities: list[dict[str, Any]]
    ent_starts: list[int]
    sent_starts: list[int]  # sentence starts, paragraphs included, none inside a quote
    spans: list[_Span]
    subjects: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (position, PER entity)

    def sentence(self, pos: int) -> tuple[int, int]:
        k = bisect_right(self.sent_starts, pos) - 1
        start = self.sent_starts[max(k, 0)]
        end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.text)
        return start, end

    def entities_in(self, start: int, end: int) -> list[dict[str, Any]]:
        k = max(bisect_left(self.ent_starts, start) - 3, 0)
        out = []
        for e in self.entities[k:]:
            if e["start"] >= end:
                break
            if e["end"] > start and e["type"] in _SPEAKER_TYPES:
                out.append(e)
        return out

    def in_quote(self, pos: int) -> bool:
        return any(s.start <= pos < s.end for s in self.spans)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for line in text.split("\n"):
        out.append((start, start + len(line)))
        start += len(line) + 1
    return out


def _is_apostrophe(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before.isalnum() and after.isalnum()  # Ma'ruf, Jum’at


_MARK = re.compile(f"[{_DOUBLE}{_SINGLE}]")


def _marks(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    double, single = [], []
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        if text[i] in _DOUBLE:
            double.append(i)
        elif not _is_apostrophe(text, i):
            single.append(i)
    return double, single


def _trimmed(text: str, a: int, b: int, open_at: int, close_at: int) -> _Span | None:
    """The content between two marks without the spaces and the comma that belong to the cue."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return _Span(a, b, open_at, close_at) if b > a else None


def _quote_spans(text: str) -> list[_Span]:
    """Pairs of quotation marks, paragraph by paragraph; an open quote runs on into the next
    paragraph when that paragraph opens with a quotation mark."""
    spans: list[_Span] = []
    carry: int | None = None  # where an unclosed quote opened
    for pstart, pend in _paragraphs(text):
        double, single = _marks(text, pstart, pend)
        lead = pstart
        while lead < pend and text[lead].isspace():
            lead += 1
        if carry is not None and not (double and double[0] == lead):
            spans.append(_Span(carry + 1, text.rfind("\n", 0, pstart), carry, text.rfind("\n", 0, pstart)))
            carry = None
        marks = double[1:] if carry is not None else double
        opened = carry
        carry = None
        for i in marks:
            if opened is None:
                opened = i
            else:
                span = _trimmed(text, opened + 1, i, opened, i + 1)
                if span:
                    spans.append(span)
                opened = None
        if opened is not None and text[opened] not in _CLOSERS:
            carry = opened
        inside = [(s.open_at, s.close_at) for s in spans if s.close_at > pstart]
        for a, b in zip(single[::2], single[1::2], strict=False):
            if b - a < 200 and not any(x <= a < y for x, y in inside):
                span = _trimmed(text, a + 1, b, a, b + 1)
                if span:
                    spans.append(span)
    if carry is not None:
        spans.append(_Span(carry + 1, len(text.rstrip()), carry, len(text.rstrip())))
    spans = [s for s in spans if s.end > s.start]
    spans.sort(key=lambda s: s.start)
    return spans


def _prepare(doc: Doc) -> _Text:
    text = doc_text(doc)
    entities = sorted(doc._.entities or [], key=lambda e: e["start"])
    spans = _quote_spans(text)
    starts = {p for p, _ in _paragraphs(text)}
    marks = doc.to_array([SENT_START, IDX]) if len(doc) else None
    for idx in marks[marks[:, 0] == 1, 1].tolist() if marks is not None else []:
        pos = idx
        while pos < len(text) and text[pos].isspace():
            pos += 1
        starts.add(pos)
    inside = sorted((s.open_at + 1, max(s.close_at - 1, s.start)) for s in spans)
    kept = [p for p in sorted(starts) if not any(a <= p < b for a, b in inside)]
    return _Text(text, entities, [e["start"] for e in entities], kept or [0], spans)


# ------------------------------------------------------------------ speaker phrases

_CONNECTORS = frozenset("itu ini sementara namun adapun kemudian lalu sedangkan tetapi tapi dan pun juga".split())
_OF = re.compile(r"\s+(?:di|dari)\s+", re.IGNORECASE)
_NOT_AFTER = frozenset("yang untuk tidak tak belum enggan menolak bisa dapat akan ingin mau sempat".split())


@dataclass(slots=True)
class _Ref:
    """Who said a quote, before it is resolved in document order."""
    kind: str  # "entity", "pronoun", "desc", "epithet", "name", "continue", "none"
    start: int = 0
    end: int = 0
    entity: dict[str, Any] | None = None
    head: str = ""
    plural: bool = False  # "mereka", "pihaknya"
    back: bool = False  # "pejabat tersebut": points back to an earlier description


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, end))


def _pick(entities: list[dict[str, Any]]) -> dict[str, Any] | None:
    for kind in _SPEAKER_TYPES:
        for e in entities:
            if e["type"] == kind:
                return e
    return None


def _leads_to(t: _Text, lex: _Lexicon, a: int, e: dict[str, Any]) -> bool:
    """Only titles, names and connectors between a and the entity: it is the phrase's subject."""
    for w in _words(t.text, a, e["start"]):
        word = w.group()
        if not (word[0].isupper() or word[0].isdigit() or word.lower() in lex.roles or word.lower() in _CONNECTORS):
            return False
    return True


def _classify(t: _Text, lex: _Lexicon, a: int, b: int, *, subject: bool = False) -> _Ref | None:
    """What the phrase text[a:b] names as a speaker, or None when it names nobody recognisable."""
    text = t.text
    words = _words(text, a, b)
    if not words or len(words) > _MAX_SUBJECT_WORDS:
        return None
    while len(words) > 1 and words[0].group().lower() in _CONNECTORS:
        words.pop(0)
    a = words[0].start()
    first = words[0].group().lower()
    if first in lex.pronouns:
        return _Ref("pronoun", a, words[0].end(), plural=first in lex.plural)
    found = [e for e in t.entities_in(a, b) if _leads_to(t, lex, a, e)]
    person = [e for e in found if e["type"] == "PER"]
    head = lex.heads.match(text, a, b)
    if person or (found and not head):
        e = _pick(person or found)
        return _Ref("entity", e["start"], e["end"], entity=e)
    cut = lex.stop.search(text, a, b)
    end = cut.start() if cut else b
    end = len(text[:end].rstrip())
    phrase = text[a:end]
    demo = lex.demonstrative.search(phrase)
    if head:
        name = re.sub(r"\s+", " ", head.group("head").lower())
        org = _pick(found)
        of = _OF.match(text, end)
        if org is None and of:  # "seorang sumber di Kementerian Pertahanan"
            org = next((e for e in t.entities_in(of.end(), of.end() + 1) if e["start"] == of.end()), None)
            end = org["end"] if org and org["type"] != "PER" else end
            org = org if org and org["type"] != "PER" else None
        return _Ref("desc", a, end, entity=org, head=name, back=bool(demo) and not head.group("det"))
    if demo and len(words) <= 8:
        return _Ref("epithet", a, end)
    if subject:
        return None
    if len(words) <= 4 and (first in lex.roles or all(w.group()[0].isupper() for w in words)):
        return _Ref("name", a, end)
    return None


def _after_phrase(t: _Text, lex: _Lexicon, pos: int) -> _Ref | None:
    """The speaker named after a cue: "kata Menteri Luar Negeri Retno Marsudi di Jakarta"."""
    text = t.text
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    cut = lex.stop.search(text, pos + 1, min(len(text), pos + 160))
    end = cut.start() if cut else min(len(text), pos + 160)
    for e in t.entities_in(pos, end):  # a name the stop word would cut ("kata Ketua DPR Setya Novanto")
        if e["start"] < end < e["end"]:
            end = e["end"]
    ref = _classify(t, lex, pos, end) if end > pos else None
    if ref is not None and ref.kind == "desc" and not ref.back:
        comma = text.find(",", ref.end, min(len(text), ref.end + 120))
        if comma > 0 and not any(ch in ".;\"“”\n" for ch in text[ref.end:comma]):
            named = [e for e in t.entities_in(comma, comma + 3) if e["type"] == "PER" and e["start"] > comma]
            if named:  # "kata seorang pejabat kementerian, Budi Santoso, …": the person named
                return _Ref("entity", named[0]["start"], named[0]["end"], entity=named[0])
    return ref


def _subject_before(t: _Text, lex: _Lexicon, a: int, b: int) -> _Ref | None:
    """The speaker of a clause ending at b ("Sementara itu, Menlu Retno mengatakan"): the last
    comma-separated part before the verb that names one."""
    text = t.text
    parts = []
    start = a
    for k in range(a, b):
        if text[k] == ",":
            parts.append((start, k))
            start = k + 1
    parts.append((start, b))
    for x, y in reversed(parts):
        words = _words(text, x, y)
        if not words:
            continue
        if words[0].group().lower() in lex.weak or words[0].group().lower() in ("saat", "ketika", "dalam", "usai"):
            continue
        ref = _classify(t, lex, x, y, subject=True)
        if ref is not None:
            return ref
        if len(words) > 2 and any(w.group()[0].islower() for w in words):
            return None  # a clause of its own, not a date or place between commas
    return None


# ------------------------------------------------------------------ finding quotes

@dataclass(slots=True)
class _Quote:
    start: int
    end: int
    kind: str
    cue: str | None
    ref: _Ref
    scope: tuple[int, int]  # where its sources and audience are named
    anchor: int  # the end of the quote with its cue: subjects after it are newer


_SENT_END = ",.?!…:;"


def _prev_close(t: _Text, pos: int, floor: int) -> int:
    """Where the text before pos starts: its sentence, or the end of an earlier quote in it."""
    best = floor
    for s in t.spans:
        if s.close_at <= pos and s.close_at > best:
            best = s.close_at
        elif s.start > pos:
            break
    return best


def _judge(t: _Text, lex: _Lexicon, span: _Span) -> _Quote | None:
    """A quoted span: a quote with its cue and speaker, or None for names, titles and scare quotes."""
    text = t.text
    s0, _ = t.sentence(span.open_at)
    b0 = _prev_close(t, span.open_at, s0)
    _, s1 = t.sentence(span.close_at - 1 if span.close_at > span.start else span.end)
    para_end = text.find("\n", span.close_at)
    para_end = len(text) if para_end < 0 else para_end
    before = text[b0:span.open_at]
    prev = _words(text, b0, span.open_at)
    if prev and prev[-1].group().lower() in lex.titles:
        return None
    n_words = len(_words(text, span.start, span.end))
    punct = text[span.end - 1] in _SENT_END or "," in text[span.end:span.close_at] or \
        text[span.close_at:span.close_at + 2].strip()[:1] in (",", ".")
    lead = lex.before.search(before) if prev else None
    embedded = bool(prev) and lead is None and not before.rstrip().endswith(":")
    scope = (s0, max(s1, span.close_at))
    m = lex.after.match(text, span.close_at, para_end) if span.close_at < para_end else None
    if m and (punct or m.group("nya")):
        kind = "partial" if embedded else "direct"
        cue = m.group("cue") or m.group("pas")
        if m.group("nya"):
            ref = _Ref("pronoun", m.start("nya"), m.end("nya"))
            cue = cue + "nya"
        else:
            ref = _after_phrase(t, lex, m.end()) or _Ref("none")
        return _Quote(span.start, span.end, kind, cue, ref, scope, max(m.end(), span.close_at))
    inverted = _inverted(t, lex, span.close_at, para_end) if punct else None
    if inverted:
        return _Quote(span.start, span.end, "partial" if embedded else "direct", inverted[0], inverted[1], scope,
                      inverted[2])
    rest = _words(text, span.close_at, s1)
    fills = not rest or punct
    if lead is not None:
        ref, cue = _lead_speaker(t, lex, b0, span.open_at, lead)
        if ref is None:
            return None
        kind = "direct" if fills or n_words > _MAX_PARTIAL_WORDS else "partial"
        return _Quote(span.start, span.end, kind, cue, ref, scope, span.close_at)
    if not prev and fills and n_words >= 2:
        return _Quote(span.start, span.end, "direct", None, _follow_up(t, lex, span.close_at, para_end), scope,
                      span.close_at)
    if not prev or text[span.open_at] in _SINGLE or all(w.group()[0].isupper() for w in
                                                        _words(text, span.start, span.end)):
        return None  # a name or title ("Setan Merah"), or a quote no one is said to have said
    q = _partial(t, lex, span, s0, scope)
    if q is not None and fills and n_words >= 6:
        q.kind = "direct"  # 'X mengatakan pada 3 Januari, "…."'
    return q if q is not None and (q.kind == "direct" or n_words <= _MAX_PARTIAL_WORDS) else None


def _inverted(t: _Text, lex: _Lexicon, pos: int, end: int) -> tuple[str, _Ref, int] | None:
    """'"…," Trump menambahkan.' / '"…," ia menegaskan.': a subject, then the reporting verb."""
    text = t.text
    m = lex.report.search(text, pos, min(end, pos + 90))
    if not m or any(ch in ".;!?\"“”" for ch in text[pos:m.start()]):
        return None
    ref = _classify(t, lex, pos, m.start(), subject=True)
    return (m.group("cue"), ref, m.end()) if ref else None


def _lead_speaker(t: _Text, lex: _Lexicon, a: int, b: int, lead: re.Match[str]) -> tuple[_Ref | None, str]:
    """The speaker of a reporting clause that opens a quote: 'X mengatakan, "…"' / 'Kata X: "…"'."""
    if lead.group("verb"):
        start = a + lead.start("verb")
        words = _words(t.text, a, start)
        if words and words[-1].group().lower() in _NOT_AFTER:
            return None, ""
        return _subject_before(t, lex, a, start), t.text[start:a + lead.end("verb")]
    cue = lead.group("cue")
    if lead.group("nya"):
        at = a + lead.start("nya")
        return _Ref("pronoun", at, at + 3), cue + "nya"
    if lead.group("who"):
        return _classify(t, lex, a + lead.start("who"), a + lead.end("who")), cue
    return None, cue


def _follow_up(t: _Text, lex: _Lexicon, pos: int, para_end: int) -> _Ref:
    """The speaker of a quote with no cue of its own: a passive report right after it ("Hal itu
    disampaikan X"), else whoever spoke before."""
    text = t.text
    k = pos
    while k < len(text) and (text[k].isspace() or text[k] in _SENT_END):
        k += 1
    m = lex.passive.match(text, k, min(len(text), k + 80))
    if m:
        ref = _after_phrase(t, lex, m.end())
        if ref:
            return ref
    return _Ref("continue", pos, pos)


def _partial(t: _Text, lex: _Lexicon, span: _Span, s0: int, scope: tuple[int, int]) -> _Quote | None:
    """A short quoted phrase inside a reporting clause: 'Trump menyebut Korut sebagai "…"'."""
    text = t.text
    verb = None
    for m in lex.report.finditer(text, s0, span.open_at):
        verb = m
    if verb is None:
        m = lex.menurut.search(text, s0, span.open_at)
        if m and m.group("cue").lower() == "menurut":
            ref = _Ref("pronoun", m.start("nya"), m.end("nya")) if m.group("nya") else \
                _after_phrase(t, lex, m.end())
            return _Quote(span.start, span.end, "partial", m.group("cue"), ref, scope, span.close_at) if ref else None
        return None
    if t.in_quote(verb.start()):
        return None
    ref = _subject_before(t, lex, _prev_close(t, verb.start(), s0), verb.start())
    if ref is None:
        return None
    return _Quote(span.start, span.end, "partial", verb.group("cue"), ref, scope, span.close_at)


# ----------------------------------------------------------------- indirect speech

_ADJUNCT = re.compile(r"\s*(?:kepada|di|pada|saat|ketika|dalam|usai|seusai|melalui|lewat)\b[^.;\"“”]{0,90}?"
                      r"(?:\bbahwa\b|,(?=\s+[^\d\s]))", re.IGNORECASE)
# "membeberkan mengenai …" names a topic, not what was said
_TOPIC = re.compile(r"(?:mengenai|tentang|soal|terkait|perihal|atas|akan hal)\b", re.IGNORECASE)
_LEAD_IN = re.compile(r"\s*(?:bahwa\b|[,:](?:\s*bahwa\b)?)", re.IGNORECASE)


def _content(t: _Text, a: int, b: int) -> tuple[int, int] | None:
    """The reported content text[a:b] without spaces and the final full stop; None if too short
    or if it is quoted (then it is a direct or partial quote)."""
    text = t.text
    while a < b and text[a] in " \t,:":
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".!?…"):
        b -= 1
    if b - a < 12 or text[a] in _DOUBLE + _SINGLE or len(_words(text, a, b)) < 3 or _TOPIC.match(text, a):
        return None
    return a, b


def _reported(t: _Text, lex: _Lexicon, m: re.Match[str]) -> _Quote | None:
    """'X mengatakan (bahwa) …', 'X menegaskan, …': the content after the verb, if X is known."""
    text = t.text
    pos = m.start()
    s0, s1 = t.sentence(pos)
    a = _prev_close(t, pos, s0)
    words = _words(text, a, pos)
    if not words or words[-1].group().lower() in _NOT_AFTER:
        return None
    verb = m.group("cue").lower()
    after = m.end()
    lead = _ADJUNCT.match(text, after, s1) if not m.group("bahwa") else None
    if lead:
        after = lead.end()
    elif not m.group("bahwa"):
        lead = _LEAD_IN.match(text, after, s1)
        if lead:
            after = lead.end()
        elif verb in lex.weak:
            return None
    span = _content(t, after, s1)
    if span is None:
        return None
    ref = _subject_before(t, lex, a, pos)
    if ref is None:
        return None
    cue = text[m.start():m.end()]
    return _Quote(span[0], span[1], "indirect", cue, ref, (s0, s1), s1)


def _according(t: _Text, lex: _Lexicon, m: re.Match[str], cue: str) -> _Quote | None:
    """'Menurut X, …', 'Kata X, …', '…, menurut X.', '…, kata X.', 'Namun, kata X, …'."""
    text = t.text
    s0, s1 = t.sentence(m.start())
    if m.group("nya"):
        ref: _Ref | None = _Ref("pronoun", m.start("nya"), m.end("nya"))
        cue += "nya"
        who_end = m.end()
    else:
        comma = text.find(",", m.end(), s1)
        stop = comma if comma > 0 else s1
        ref = _classify(t, lex, m.end(), stop)
        who_end = stop
    if ref is None:
        return None
    head = [w for w in _words(text, s0, m.start()) if w.group().lower() not in _CONNECTORS]
    before = _content(t, s0, m.start()) if len(head) >= 3 else None
    after = _content(t, who_end, s1)
    pick = before or after
    if before and after and after[1] - after[0] > before[1] - before[0]:
        pick = after  # "Namun, kata Ali, PT INTI …": the longer side is what was said
    if pick is None:
        return None
    return _Quote(pick[0], pick[1], "indirect", cue, ref, (s0, s1), s1)


def _indirect(t: _Text, lex: _Lexicon) -> list[_Quote]:
    text = t.text
    out = []
    for m in lex.report.finditer(text):
        if not t.in_quote(m.start()) and text[m.start()].islower():
            q = _reported(t, lex, m)
            if q:
                out.append(q)
    for m in lex.menurut.finditer(text):
        cue = m.group("cue")
        if t.in_quote(m.start()):
            continue
        s0, _ = t.sentence(m.start())
        lead = text[s0:m.start()].strip()
        if cue.lower() == "menurut" or not lead or lead.endswith(","):
            q = _according(t, lex, m, cue)
            if q:
                out.append(q)
    for m in lex.unquoted.finditer(text):
        if not t.in_quote(m.start()):
            q = _according(t, lex, m, m.group("cue"))
            if q:
                out.append(q)
    return out


# ---------------------------------------------------------------------- speakers

@dataclass(slots=True)
class _Said:
    anchor: int
    speaker: dict[str, Any]
    group: bool  # an organisation, place or group description ("mereka" may point to it)


@dataclass(slots=True)
class _State:
    said: list[_Said] = field(default_factory=list)
    descriptions: dict[str, dict[str, Any]] = field(default_factory=dict)


def _from_entity(e: dict[str, Any], text: str | None = None, start: int | None = None,
                 end: int | None = None) -> dict[str, Any]:
    out = {"text": e["text"] if text is None else text, "start": e["start"] if start is None else start,
           "end": e["end"] if end is None else end, "name": e["name"], "id": e["id"], "type": e["type"]}
    for key in ("role", "org"):
        if e.get(key):
            out[key] = e[key]
    return out


def _subjects(t: _Text, lex: _Lexicon) -> list[tuple[int, dict[str, Any]]]:
    """People who open a sentence as its subject ("Menteri X mengatakan …", "Sementara itu, X …")."""
    out = []
    for s0 in t.sent_starts:
        for e in t.entities_in(s0, s0 + 80):
            if e["type"] == "PER" and e["start"] >= s0:
                if e["start"] == s0 and " " not in e["text"] and e["name"] == e["text"]:
                    break  # a capitalised first word the NER took for a name ("Penumpang")
                comma = t.text.rfind(",", s0, e["start"])
                if _leads_to(t, lex, comma + 1 if comma >= 0 else s0, e):
                    out.append((e["start"], e))
                break
    return out


def _antecedent(t: _Text, state: _State, pos: int, plural: bool) -> dict[str, Any] | None:
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
        return said.speaker if said and said.group else None
    if said and not (last and last[0] >= said.anchor):
        return said.speaker
    if last:
        return _from_entity(last[1])
    people = [e for e in t.entities_in(0, pos) if e["type"] == "PER" and e["end"] <= pos]
    return _from_entity(people[-1]) if people else None


def _describe(t: _Text, ref: _Ref, state: _State) -> dict[str, Any]:
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
    if not ref.back:
        state.descriptions[ref.head] = out
    return out


def _introduced(t: _Text, lex: _Lexicon, ref: _Ref) -> dict[str, Any] | None:
    """The description a "sumber tersebut" points back to when no quote had that speaker yet: the
    latest earlier phrase with the same head ("mengutip sumber informasi tingkat tinggi")."""
    found = None
    for m in lex.heads.finditer(t.text, 0, ref.start):
        if re.sub(r"\s+", " ", m.group("head").lower()) != ref.head:
            continue
        earlier = _classify(t, lex, m.start(), min(t.sentence(m.start())[1], ref.start))
        if earlier is not None and earlier.kind == "desc" and not earlier.back:
            found = earlier
    return _describe(t, found, _State()) if found is not None else None


def _resolve(t: _Text, lex: _Lexicon, ref: _Ref, state: _State) -> dict[str, Any] | None:
    text = t.text[ref.start:ref.end]
    if ref.kind == "entity" and ref.entity is not None:
        return _from_entity(ref.entity)
    if ref.kind in ("pronoun", "epithet"):
        found = _antecedent(t, state, ref.start, ref.plural)
        if found is None:
            return None
        return {**found, "text": text, "start": ref.start, "end": ref.end}
    if ref.kind == "desc" and ref.back and ref.head not in state.descriptions:
        earlier = _introduced(t, lex, ref)
        if earlier is not None:
            state.descriptions[ref.head] = earlier
            return _describe(t, ref, state)
        found = _antecedent(t, state, ref.start, False)  # "pemain asal Bandung itu": the person spoken of
        if found is not None:
            return {**found, "text": text, "start": ref.start, "end": ref.end}
    if ref.kind == "desc":
        return _describe(t, ref, state)
    if ref.kind == "name":
        low = text.lower()
        for e in t.entities_in(0, ref.start):
            if e["type"] == "PER" and (e.get("role") or "").lower().startswith(low):
                return _from_entity(e, text, ref.start, ref.end)
        return {"text": text, "start": ref.start, "end": ref.end, "name": text, "id": None}
    if ref.kind == "continue" and state.said:
        said = state.said[-1]
        if t.text.count("\n", said.anchor, ref.start) <= 1:  # this paragraph or the one before
            return said.speaker
    return None


# ------------------------------------------------------------------ sources cited

def _sources(t: _Text, lex: _Lexicon, q: _Quote) -> tuple[list[dict[str, Any]], str | None]:
    """'seperti dilansir Reuters', 'mengutip NK News', 'kata X kepada wartawan' around the quote."""
    text = t.text
    via: list[dict[str, Any]] = []
    to = None
    a, b = q.scope
    for m in lex.via.finditer(text, a, b):
        if q.start <= m.start() < q.end or t.in_quote(m.start()):
            continue
        src = m.start("src")
        cut = lex.stop.search(text, src + 1, min(b, src + 80))
        end = len(text[:cut.start() if cut else min(b, src + 80)].rstrip())
        how = re.sub(r"\s+", " ", m.group("how"))
        who = _pick(t.entities_in(src, end))
        if how.lower() == "kepada":
            audience = lex.audiences.match(text, src, end)
            if audience:
                to = audience.group()
                continue
            if who is None or who["type"] == "PER":
                continue
        elif who is None and (not text[src].isupper() or lex.stop.match(" " + text[src:end])):
            continue  # "dimuat Rabu (5/11)": a date, not a source
        item = {"text": text[src:end], "name": who["name"] if who else text[src:end],
                "id": who["id"] if who else None, "how": how}
        if who is not None and who["end"] > end:
            item["text"] = text[src:who["end"]]
        via.append(item)
    return via, to


# ------------------------------------------------------------------------- public

def _overlaps(q: _Quote, kept: list[_Quote]) -> bool:
    return any(q.start < k.end and k.start < q.end for k in kept)


def find_quotes(doc: Doc) -> list[dict[str, Any]]:
    """The quotes in ``doc`` (after ``warta_linker``), in text order: dicts with ``text``, ``start``,
    ``end`` (the quoted content, without quotation marks), ``kind`` (direct, partial, indirect),
    ``speaker`` (or None), ``cue`` and, when the article names them, ``via`` and ``to``."""
    lex = _lexicon()
    t = _prepare(doc)
    t.subjects = _subjects(t, lex)
    quoted = [q for q in (_judge(t, lex, s) for s in t.spans) if q is not None]
    found = list(quoted)
    for q in sorted(_indirect(t, lex), key=lambda q: (q.start, -(q.end - q.start))):
        inner = [k for k in found if k.kind == "partial" and q.start <= k.start and k.end <= q.end]
        if inner and all(len(_words(t.text, q.start, k.start)) > _NEAR_CUE for k in inner):
            # a quoted phrase far from the cue is a fragment of the reported content, which is the quote;
            # right after it ("menyebut Korut sebagai "…"") the phrase is what was said
            found = [k for k in found if k not in inner]
        if not _overlaps(q, found):
            found.append(q)
    found.sort(key=lambda q: q.start)
    state = _State()
    out = []
    for q in found:
        speaker = _resolve(t, lex, q.ref, state)
        item: dict[str, Any] = {"text": t.text[q.start:q.end], "start": q.start, "end": q.end, "kind": q.kind,
                                "speaker": speaker, "cue": q.cue}
        via, to = _sources(t, lex, q)
        if via:
            item["via"] = via
        if to:
            item["to"] = to
        if speaker is not None:
            group = speaker.get("type") in ("ORG", "LOC") or (speaker.get("id") is None and q.ref.kind == "desc")
            state.said.append(_Said(q.anchor, speaker, group))
        out.append(item)
    return out


class QuoteFinder:
    """spaCy pipeline component: ``nlp.add_pipe("warta_quotes")`` after ``warta_linker``."""

    def __init__(self, nlp: Language, name: str = "warta_quotes"):
        self.name = name
        _lexicon()  # fail at load time, not on the first article, if the data file is broken

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = find_quotes(doc)
        return doc


@Language.factory("warta_quotes", requires=["doc._.entities"], assigns=["doc._.quotes"])
def make_quotes(nlp: Language, name: str) -> QuoteFinder:
    return QuoteFinder(nlp, name)
