"""Indirect speech without quotation marks: 'X mengatakan (bahwa) …', 'Menurut X, …', '…, kata X.'.

The quote is the reported content only, and one is kept only when its speaker is found.
"""

from __future__ import annotations

import re

from warta.extract.quotes._lexicon import Lexicon
from warta.extract.quotes._quoted import Quote, prev_close
from warta.extract.quotes._speakers import CONNECTORS, NOT_AFTER, Ref, classify, subject_before
from warta.extract.quotes._text import DOUBLE, SINGLE, Text, words_in

__all__ = ["find_indirect"]

_ADJUNCT = re.compile(r"\s*(?:kepada|di|pada|saat|ketika|dalam|usai|seusai|melalui|lewat)\b[^.;\"“”]{0,90}?"
                      r"(?:\bbahwa\b|,(?=\s+[^\d\s]))", re.IGNORECASE)
# "membeberkan mengenai …" names a topic, not what was said
_TOPIC = re.compile(r"(?:mengenai|tentang|soal|terkait|perihal|atas|akan hal)\b", re.IGNORECASE)
_LEAD_IN = re.compile(r"\s*(?:bahwa\b|[,:](?:\s*bahwa\b)?)", re.IGNORECASE)


def _content(t: Text, a: int, b: int) -> tuple[int, int] | None:
    """The reported content text[a:b] without spaces and the final full stop; None if too short
    or if it is quoted (then it is a direct or partial quote)."""
    text = t.text
    while a < b and text[a] in " \t,:":
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".!?…"):
        b -= 1
    if b - a < 12 or text[a] in DOUBLE + SINGLE or len(words_in(text, a, b)) < 3 or _TOPIC.match(text, a):
        return None
    return a, b


def _reported(t: Text, lex: Lexicon, m: re.Match[str]) -> Quote | None:
    """'X mengatakan (bahwa) …', 'X menegaskan, …': the content after the verb, if X is known."""
    text = t.text
    pos = m.start()
    s0, s1 = t.sentence(pos)
    a = prev_close(t, pos, s0)
    words = words_in(text, a, pos)
    if not words or words[-1].group().lower() in NOT_AFTER:
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
    ref = subject_before(t, lex, a, pos)
    if ref is None:
        return None
    cue = text[m.start():m.end()]
    return Quote(span[0], span[1], "indirect", cue, ref, (s0, s1), s1)


def _according(t: Text, lex: Lexicon, m: re.Match[str], cue: str) -> Quote | None:
    """'Menurut X, …', 'Kata X, …', '…, menurut X.', '…, kata X.', 'Namun, kata X, …'."""
    text = t.text
    s0, s1 = t.sentence(m.start())
    if m.group("nya"):
        ref: Ref | None = Ref("pronoun", m.start("nya"), m.end("nya"))
        cue += "nya"
        who_end = m.end()
    else:
        comma = text.find(",", m.end(), s1)
        stop = comma if comma > 0 else s1
        ref = classify(t, lex, m.end(), stop)
        who_end = stop
    if ref is None:
        return None
    head = [w for w in words_in(text, s0, m.start()) if w.group().lower() not in CONNECTORS]
    before = _content(t, s0, m.start()) if len(head) >= 3 else None
    after = _content(t, who_end, s1)
    pick = before or after
    if before and after and after[1] - after[0] > before[1] - before[0]:
        pick = after  # "Namun, kata Ali, PT INTI …": the longer side is what was said
    if pick is None:
        return None
    return Quote(pick[0], pick[1], "indirect", cue, ref, (s0, s1), s1)


def find_indirect(t: Text, lex: Lexicon) -> list[Quote]:
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
