"""What resolution knows about one text: its DCT, its sentences, its tense cues and the last time seen."""

from __future__ import annotations

import bisect
from datetime import date
from functools import cache

from warta.extract.times._lexicon import cue_regexes, lex

__all__ = ["Context"]


@cache
def _akan_of() -> frozenset[str]:
    return frozenset(lex()["tense"]["akan_of"])


class Context:
    """The text, its DCT, sentence bounds (found lazily) and the last fully specified time."""

    def __init__(self, text: str, dct: date | None, sentences: list[tuple[int, int]] | None) -> None:
        self.text, self.dct = text, dct
        self._starts = sorted(s for s, _ in sentences) if sentences else None
        self._ends = [e for _, e in sorted(sentences)] if sentences else None
        self.last: tuple[date, str] | None = None
        self.last_day: date | None = None  # the last time of a day or finer ("hari yang sama" points to it)
        # weekday → the day written out for it in this text ("Kamis (27/11/2014)"), near the DCT
        self.named_days: dict[int, date] = {}
        # the last day written with its year, and where ("mulai 15 Februari 2018 ... hingga 23 Juni")
        self.dated: tuple[int, date] | None = None
        # the last holiday named (without its H-N offset): what a bare "H-1" counts from
        self.holiday: date | None = None

    def remember(self, day: date, gran: str) -> None:
        self.last = (day, gran)
        if gran == "D":
            self.last_day = day
        if gran == "D" and self.dct and abs((day - self.dct).days) <= 7:
            self.named_days[day.weekday()] = day

    def sentence(self, pos: int) -> tuple[int, int]:
        if self._starts is None:
            cuts = [m.end() for m in cue_regexes()["sentence"].finditer(self.text)]
            self._starts = [0, *cuts]
            self._ends = [*cuts, len(self.text)]
        i = max(bisect.bisect_right(self._starts, pos) - 1, 0)
        return self._starts[i], self._ends[i]

    def around(self, pos: int, back: int, ahead: int) -> tuple[int, int]:
        """The span of the sentences from ``back`` before ``pos``'s sentence to ``ahead`` after it."""
        self.sentence(pos)
        assert self._starts is not None and self._ends is not None
        i = max(bisect.bisect_right(self._starts, pos) - 1, 0)
        return self._starts[max(i - back, 0)], self._ends[min(i + ahead, len(self._ends) - 1)]

    def tense(self, start: int, end: int) -> int:
        """+1 when the nearest tense cue of the sentence is a future one, -1 past, 0 none."""
        s, e = self.sentence(start)
        best, sign = None, 0
        for m in cue_regexes()["tense"].finditer(self.text, s, max(e, end)):
            if start <= m.start() < end or (m["f"] and m.group().lower() == "akan" and self._akan_is_of(m.start())):
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            if best is None or dist < best:
                best, sign = dist, (1 if m["f"] else -1)
        return sign

    def _akan_is_of(self, pos: int) -> bool:
        """Whether "akan" at pos is the preposition after a word of knowing or feeling ("keyakinan
        kami akan kesuksesan", "sadar akan bahaya"), not the future."""
        words = self.text[max(0, pos - 40):pos].split()
        return any(w.lower().strip(",") in _akan_of() for w in words[-2:])

    def word_before(self, pos: int) -> str:
        m = cue_regexes()["word_before"].search(self.text, max(0, pos - 30), pos)
        return m[1] if m else ""

    def pick(self, cands: list[date], start: int, end: int, bias: int = 0, strict: bool = False,
             ref: date | None = None) -> date:
        """The candidate the tense implies: on/before ``ref`` (past), on/after (future), else nearest."""
        d = ref or self.dct
        assert d is not None
        bias = bias or self.tense(start, end)
        if bias < 0:
            ok = [c for c in cands if c < d or (c == d and not strict)]
            if ok:
                return max(ok)
        if bias > 0:
            ok = [c for c in cands if c > d or (c == d and not strict)]
            if ok:
                return min(ok)
        return min(cands, key=lambda c: (abs((c - d).days), c > d))
