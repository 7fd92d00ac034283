"""Quoted spans judged by their surroundings: a direct or partial quote with its cue and speaker
phrase, or nothing (a name, title, nickname or scare quote)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from warta.extract.quotes._lexicon import Lexicon
from warta.extract.quotes._speakers import NOT_AFTER, Ref, after_phrase, classify, subject_before
from warta.extract.quotes._text import SINGLE, Span, Text, words_in

__all__ = ["Quote", "judge", "prev_close"]

_MAX_PARTIAL_WORDS = 15


@dataclass(slots=True)
class Quote:
    start: int
    end: int
    kind: str
    cue: str | None
    ref: Ref
    scope: tuple[int, int]  # where its sources and audience are named
    anchor: int  # the end of the quote with its cue: subjects after it are newer


_SENT_END = ",.?!…:;"


def prev_close(t: Text, pos: int, floor: int) -> int:
    """Where the text before pos starts: its sentence, or the end of an earlier quote in it."""
    best = floor
    for s in t.spans:
        if s.close_at <= pos and s.close_at > best:
            best = s.close_at
        elif s.start > pos:
            break
    return best


def judge(t: Text, lex: Lexicon, span: Span) -> Quote | None:
    """A quoted span: a quote with its cue and speaker, or None for names, titles and scare quotes."""
    text = t.text
    s0, _ = t.sentence(span.open_at)
    b0 = prev_close(t, span.open_at, s0)
    _, s1 = t.sentence(span.close_at - 1 if span.close_at > span.start else span.end)
    para_end = text.find("\n", span.close_at)
    para_end = len(text) if para_end < 0 else para_end
    before = text[b0:span.open_at]
    prev = words_in(text, b0, span.open_at)
    if prev and prev[-1].group().lower() in lex.titles:
        return None
    n_words = len(words_in(text, span.start, span.end))
    punct = text[span.end - 1] in _SENT_END or "," in text[span.end:span.close_at] or \
        text[span.close_at:span.close_at + 2].strip()[:1] in (",", ".")
    lead = lex.before.search(before) if prev else None
    embedded = bool(prev) and lead is None and not before.rstrip().endswith(":")
    scope = (s0, max(s1, span.close_at))
    m = lex.after.match(text, span.close_at, para_end) if span.close_at < para_end else None
    # a cue right after the closing mark speaks for it even without the comma the writer forgot, when
    # the quote opens its sentence and is a few words long ('"Kami siap menghadapi siapa pun" kata X')
    if m and (punct or m.group("nya") or not prev and n_words >= 3 and m.group("cue")):
        return _cued(t, lex, span, m, "partial" if embedded else "direct", scope)
    inverted = _inverted(t, lex, span.close_at, para_end) if punct else None
    if inverted:
        return Quote(span.start, span.end, "partial" if embedded else "direct", inverted[0], inverted[1], scope,
                      inverted[2])
    rest = words_in(text, span.close_at, s1)
    fills = not rest or punct
    if lead is not None:
        ref, cue = _lead_speaker(t, lex, b0, span.open_at, lead)
        if ref is None:
            return None
        kind = "direct" if fills or n_words > _MAX_PARTIAL_WORDS else "partial"
        return Quote(span.start, span.end, kind, cue, ref, scope, span.close_at)
    if not prev and fills and n_words >= 2:
        return Quote(span.start, span.end, "direct", None, _follow_up(t, lex, span.close_at, para_end), scope,
                      span.close_at)
    if not prev or text[span.open_at] in SINGLE or all(w.group()[0].isupper() for w in
                                                        words_in(text, span.start, span.end)):
        return None  # a name or title ("Setan Merah"), or a quote no one is said to have said
    q = _partial(t, lex, span, s0, scope)
    if q is not None and fills and n_words >= 6:
        q.kind = "direct"  # 'X mengatakan pada 3 Januari, "…."'
    return q if q is not None and (q.kind == "direct" or n_words <= _MAX_PARTIAL_WORDS) else None


def _cued(t: Text, lex: Lexicon, span: Span, m: re.Match[str], kind: str, scope: tuple[int, int]) -> Quote:
    """A quote with its cue right after it: '"…," kata X', '"…," ujarnya', '"…," disampaikan X'."""
    cue = m.group("cue") or m.group("pas") or m.group("doc")
    if m.group("nya"):
        ref = Ref("pronoun", m.start("nya"), m.end("nya"))
        cue = cue + "nya"
    else:
        ref = after_phrase(t, lex, m.end()) or Ref("none")
    return Quote(span.start, span.end, kind, cue, ref, scope, max(m.end(), span.close_at))


def _inverted(t: Text, lex: Lexicon, pos: int, end: int) -> tuple[str, Ref, int] | None:
    """'"…," Trump menambahkan.' / '"…," ia menegaskan.': a subject, then the reporting verb."""
    text = t.text
    m = lex.report.search(text, pos, min(end, pos + 90))
    if not m or any(ch in ".;!?\"“”" for ch in text[pos:m.start()]):
        return None
    ref = classify(t, lex, pos, m.start(), subject=True)
    return (m.group("cue"), ref, m.end()) if ref else None


def _lead_speaker(t: Text, lex: Lexicon, a: int, b: int, lead: re.Match[str]) -> tuple[Ref | None, str]:
    """The speaker of a reporting clause that opens a quote: 'X mengatakan, "…"' / 'Kata X: "…"'."""
    if lead.group("verb"):
        start = a + lead.start("verb")
        words = words_in(t.text, a, start)
        if words and words[-1].group().lower() in NOT_AFTER:
            return None, ""
        return subject_before(t, lex, a, start), t.text[start:a + lead.end("verb")]
    cue = lead.group("cue")
    if lead.group("nya"):
        at = a + lead.start("nya")
        return Ref("pronoun", at, at + 3), cue + "nya"
    if lead.group("who"):
        return classify(t, lex, a + lead.start("who"), a + lead.end("who")), cue
    return None, cue


def _follow_up(t: Text, lex: Lexicon, pos: int, para_end: int) -> Ref:
    """The speaker of a quote with no cue of its own: a passive report right after it ("Hal itu
    disampaikan X"), else whoever spoke before."""
    text = t.text
    k = pos
    while k < len(text) and (text[k].isspace() or text[k] in _SENT_END):
        k += 1
    m = lex.passive.match(text, k, min(len(text), k + 80))
    if m:
        ref = after_phrase(t, lex, m.end())
        if ref:
            return ref
    return Ref("continue", pos, pos)


def _partial(t: Text, lex: Lexicon, span: Span, s0: int, scope: tuple[int, int]) -> Quote | None:
    """A short quoted phrase inside a reporting clause: 'Trump menyebut Korut sebagai "…"'."""
    text = t.text
    verb = None
    for m in lex.report.finditer(text, s0, span.open_at):
        verb = m
    if verb is None:
        m = lex.menurut.search(text, s0, span.open_at)
        if m and m.group("cue").lower() == "menurut":
            ref = Ref("pronoun", m.start("nya"), m.end("nya")) if m.group("nya") else \
                after_phrase(t, lex, m.end())
            return Quote(span.start, span.end, "partial", m.group("cue"), ref, scope, span.close_at) if ref else None
        return None
    if t.in_quote(verb.start()):
        return None
    ref = subject_before(t, lex, prev_close(t, verb.start(), s0), verb.start())
    if ref is None:
        return None
    return Quote(span.start, span.end, "partial", verb.group("cue"), ref, scope, span.close_at)
