"""The article as the quote finder sees it: its text, entities and sentences, and the spans between
paired quotation marks."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from warta.meta.outlets import dateline_end
from warta.nlp import doc_text, sentence_starts

__all__ = ["DOUBLE", "SINGLE", "SPEAKER_TYPES", "Span", "Text", "prepare", "words_in"]

DOUBLE = '"“”„«»'
SINGLE = "'‘’"
_CLOSERS = "”»’"
_WORD = re.compile(r"[^\W_][\w'’.-]*", re.UNICODE)
SPEAKER_TYPES = ("PER", "ORG", "LOC")


def words_in(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD.finditer(text, start, end))


@dataclass(slots=True)
class Span:
    """One pair of quotation marks: content [start, end), marks at open_at and close_at."""
    start: int
    end: int
    open_at: int
    close_at: int  # index just past the closing mark (== end when the quote runs to the paragraph end)


@dataclass(slots=True)
class Text:
    text: str
    entities: list[dict[str, Any]]
    ent_starts: list[int]
    sent_starts: list[int]  # sentence starts, paragraphs included, none inside a quote
    spans: list[Span]
    subjects: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (position, PER entity)
    dateline: int = -1  # where the article's dateline ends (warta.meta.outlets.dateline_end), -1 if none

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
            if e["end"] > start and e["type"] in SPEAKER_TYPES:
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


_MARK = re.compile(f"[{DOUBLE}{SINGLE}]")


def _marks(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    double, single = [], []
    for m in _MARK.finditer(text, start, end):
        i = m.start()
        if text[i] in DOUBLE:
            double.append(i)
        elif not _is_apostrophe(text, i):
            single.append(i)
    return double, single


def _trimmed(text: str, a: int, b: int, open_at: int, close_at: int) -> Span | None:
    """The content between two marks without the spaces and the comma that belong to the cue."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return Span(a, b, open_at, close_at) if b > a else None


def _quote_spans(text: str) -> list[Span]:
    """Pairs of quotation marks, paragraph by paragraph; an open quote runs on into the next
    paragraph when that paragraph opens with a quotation mark."""
    spans: list[Span] = []
    carry: int | None = None  # where an unclosed quote opened
    for pstart, pend in _paragraphs(text):
        double, single = _marks(text, pstart, pend)
        lead = pstart
        while lead < pend and text[lead].isspace():
            lead += 1
        if carry is not None and not (double and double[0] == lead):
            spans.append(Span(carry + 1, text.rfind("\n", 0, pstart), carry, text.rfind("\n", 0, pstart)))
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
        spans.append(Span(carry + 1, len(text.rstrip()), carry, len(text.rstrip())))
    spans = [s for s in spans if s.end > s.start]
    spans.sort(key=lambda s: s.start)
    return spans


def prepare(doc: Doc) -> Text:
    text = doc_text(doc)
    entities = sorted(doc._.entities or [], key=lambda e: e["start"])
    spans = _quote_spans(text)
    starts = {p for p, _ in _paragraphs(text)}
    for idx in sentence_starts(doc)[1]:
        pos = idx
        while pos < len(text) and text[pos].isspace():
            pos += 1
        starts.add(pos)
    inside = sorted((s.open_at + 1, max(s.close_at - 1, s.start)) for s in spans)
    kept = [p for p in sorted(starts) if not any(a <= p < b for a, b in inside)]
    return Text(text, entities, [e["start"] for e in entities], kept or [0], spans, dateline=dateline_end(text))
