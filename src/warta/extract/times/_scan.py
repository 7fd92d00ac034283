"""Recognition: the scan of one text for time expressions, each handed to its kind's handler.

Steps, in order (``find_times``):
  1. find the core words (a year, a day/month pair, a month, weekday, unit, part of day, relative
     word, "pukul"/"WIB" …); the combined scanner runs only within reach of them;
  2. re-read each candidate with its kind's own pattern and let the kind's handler judge and
     resolve it (``_dates``, ``_relative``); a rejected candidate lets the scan go on one
     character later;
  3. give each clock time the day of the nearest date in its sentence, else the DCT.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from warta.article import published_day
from warta.extract.times._context import Context
from warta.extract.times._dates import DATE_HANDLERS
from warta.extract.times._lexicon import cue_regexes, lex, regexes
from warta.extract.times._relative import RELATIVE_HANDLERS

__all__ = ["find_times"]

_HANDLERS = {**DATE_HANDLERS, **RELATIVE_HANDLERS}


_REACH = 40  # characters an expression may reach before or after its core word


def find_times(text: str, dct: date | None, sentences: list[tuple[int, int]] | None = None) -> list[dict]:
    """Time expressions of ``text`` (TIMEX3 type and value), resolved against ``dct``.

    ``sentences`` (character spans) bound the tense cues; without them the text is cut at
    sentence punctuation.
    """
    core, scanner, kinds = regexes()
    ctx = Context(text, published_day(dct), sentences)
    found: list[dict] = []
    pos = clean = 0  # pos: end of the last expression; no expression starts in [.., clean)
    for word in core.finditer(text):
        p, q = word.span()
        start = max(pos, clean, p - _REACH)
        while start < q:
            hit = scanner.search(text, start, min(len(text), q + _REACH))
            if hit is None or hit.start() >= q:
                clean = hit.start() if hit else q
                break
            m = kinds[hit.lastgroup or ""].match(text, hit.start())
            try:
                got = _HANDLERS[hit.lastgroup or ""](m, ctx) if m else None
            except (ValueError, OverflowError):  # a date no calendar holds (year 0, month 13): not a time
                got = None
            if got is None or m is None:
                start = hit.start() + 1
                continue
            fields, last = got
            if last:
                ctx.remember(*last)
            if hit.lastgroup in _WRITTEN_DAYS:
                fields["_written"] = True
            found.append({"text": m.group(0), "start": m.start(), "end": m.end(), **fields})
            start = pos = m.end()
    if found:
        found = _joined_durations(_outside_documents(found, text), text)
        _clock_days(found, ctx)
        _quoted_deixis(found, ctx)
        for r in found:
            r.pop("_written", None)
    return found


# kinds that write a day out ("Rabu (15/10)", "15 Oktober 2025"): the days that anchor a paragraph
_WRITTEN_DAYS = frozenset({"wd_num", "wd_long", "iso_date", "num_date", "paren_date", "dmy", "mdy"})


_DOCUMENT_REACH = 120  # characters a document's name and number may take before its year


def _outside_documents(found: list[dict], text: str) -> list[dict]:
    """Drop the years and counts inside the name or number of a law or document ("UU Nomor 7 Tahun 2017").

    The pattern is tried only just before a year-like expression, not over the whole text."""
    document = cue_regexes()["document"]
    zones: list[tuple[int, int]] = []
    for r in found:
        if not any(c.isdigit() for c in r["text"]) or any(s <= r["start"] < e for s, e in zones):
            continue
        pos, stop = max(0, r["start"] - _DOCUMENT_REACH), min(len(text), r["end"] + 12)
        while (m := document.search(text, pos, stop)) is not None:
            zones.append(m.span())
            pos = m.end()
    if not zones:
        return found
    return [r for r in found if not any(s <= r["start"] and r["end"] <= e for s, e in zones)]


_UNIT_RANK = {"Y": 0, "M": 1, "W": 2, "D": 3, "TH": 4, "TM": 5, "TS": 6}
_AND = re.compile(r"[ \t\xa0]+dan[ \t\xa0]+")


def _joined_durations(found: list[dict], text: str) -> list[dict]:
    """One duration of several units where the text joins them ("dua tahun dan delapan bulan":
    P2Y8M, not P2Y and P8M): each of one unit, the larger first, joined by "dan"."""
    out: list[dict] = []
    for r in found:
        prev = out[-1] if out else None
        if prev is not None and prev.get("type") == r.get("type") == "DURATION" and not prev.get("mod") \
                and not r.get("mod") and _AND.fullmatch(text, prev["end"], r["start"]):
            joined = _join_units(str(prev["value"]), str(r["value"]))
            if joined is not None:
                prev.update(text=text[prev["start"]:r["end"]], end=r["end"], value=joined)
                continue
        out.append(r)
    return out


def _units(value: str) -> list[tuple[str, str]]:
    """A duration's numbers and units, time units marked "T": "P1DT2H" -> [("1", "D"), ("2", "TH")]."""
    date, _, time = value[1:].partition("T")
    return re.findall(r"(\d+)([YMWD])", date) + [(n, "T" + u) for n, u in re.findall(r"(\d+)([HMS])", time)]


def _join_units(first: str, second: str) -> str | None:
    """Two durations as one ("P2Y", "P8M" -> "P2Y8M"), when the second is of one unit smaller than
    the first's last; None otherwise."""
    a, b = _units(first), _units(second)
    if not first.startswith("P") or not second.startswith("P") or not a or len(b) != 1 \
            or _UNIT_RANK[a[-1][1]] >= _UNIT_RANK[b[0][1]]:
        return None
    date = "".join(n + u for n, u in a + b if not u.startswith("T"))
    time = "".join(n + u[1:] for n, u in a + b if u.startswith("T"))
    return "P" + date + ("T" + time if time else "")


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _day_of(r: dict) -> str | None:
    return r["value"][:10] if re.match(r"\d{4}-\d\d-\d\d", r["value"]) else None


def _clock_days(found: list[dict], ctx: Context) -> None:
    """A clock time or a part of the day takes the day under discussion: the nearest day of its
    sentence, else the last day written out in the two sentences before it, else the first in the
    sentence after it ("... pukul 18.00 WIB. '...,' kata Rizal, Selasa (16/1/2024)."), all within its
    paragraph; else the DCT."""
    days = [(r["start"], day, r.get("_written", False)) for r in found if (day := _day_of(r))]
    for r in found:
        if not r.pop("_clock", False):
            continue
        pos = r["start"]
        s, e = ctx.sentence(pos)
        near = [(abs(start - pos), day) for start, day, _ in days if s <= start < e]
        if not near:
            ps, pe = _paragraph(ctx.text, pos)
            ws, we = ctx.around(pos, 2, 1)
            if not any(ch.isalpha() for ch in ctx.text[e:we]):  # a lone quotation mark cut off as a sentence
                we = ctx.around(pos, 2, 2)[1]
            ws, we = max(ws, ps), min(we, pe)
            before = [(pos - start, day) for start, day, written in days if written and ws <= start < s]
            after = [(start - pos, day) for start, day, written in days if written and e <= start < we]
            earlier = [(pos - start, day) for start, day, written in days if written and start < ws][-1:]
            near = before or after or earlier  # else the last day written before it
        if near:
            r["value"], r["anchor"] = min(near)[1] + r["value"], "text"
        elif ctx.dct:
            r["value"], r["anchor"] = ctx.dct.isoformat() + r["value"], "dct"
        else:
            r["value"] = "XXXX-XX-XX" + r["value"]


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in cue_regexes()["quotation"].finditer(text, start, end)]


_SAID_AFTER = 160  # characters from a quotation's end to the day of its attribution ("," kata X di Y, Senin (…)")


_OCCASION_DAYS = 7  # how far before its publication an article's lead may date its story


def _occasion(ctx: Context, written: list[tuple[int, str]], lead_only: bool = False) -> str | None:
    """The day the article's lead paragraph writes out for its story, in the week before the
    publication, the latest if it writes several ("Kemacetan … Jumat (23/6) malam … terurai, Sabtu
    (24/6) siang." published on the Sunday), else the first day the article writes in that week (a
    lead with no day; a day that is the publication's own is no other day; not with ``lead_only``): a
    quotation with no day of its own was said then."""
    assert ctx.dct is not None
    lead_end = _paragraph(ctx.text, 0)[1]
    near = [(start, day) for start, day in written
            if 0 <= (ctx.dct - date.fromisoformat(day)).days <= _OCCASION_DAYS]
    days = [day for start, day in near if start < lead_end and day != ctx.dct.isoformat()]
    if not days and near and not lead_only:
        # a lead with no day: the first day the article writes ("kata X …, Kamis (7/9) malam")
        days = [near[0][1]] if near[0][1] != ctx.dct.isoformat() else []
    return max(days, default=None)


@cache
def _reported() -> re.Pattern[str]:
    """A sentence that attributes what it tells: "menurut" or an attribution verb (``timex.toml``)."""
    words = ["menurut", *lex()["attribution"]["verbs"]]
    return re.compile(rf"(?i)\b(?:{'|'.join(sorted(map(re.escape, words), key=len, reverse=True))})(?:nya)?\b")


def _quoted_deixis(found: list[dict], ctx: Context) -> None:
    """"hari ini", "kemarin", "besok", "tadi pagi" inside a quotation are said on the day the text
    gives for the quotation: the day written out in its attribution ("'… hari ini …,' kata X, Rabu
    (15/10/2025)"), before the next quotation opens, or else before the quotation in the sentence
    that opens it ("Kata X, Rabu (15/10/2025): '…'"). In reported speech without quotation marks
    ("Menurut Deddy, … sejak semalam"), a sentence that attributes and writes no day of its own, they
    are said on the occasion its lead paragraph writes."""
    written: list[tuple[int, str]] | None = None
    for r in found:
        deictic = r.pop("_deictic", None)
        if deictic is None or ctx.dct is None:
            continue
        ps, pe = _paragraph(ctx.text, r["start"])
        quotes = _quote_spans(ctx.text, ps, pe)
        k = next((i for i, (qs, qe) in enumerate(quotes) if qs < r["start"] < qe), None)
        if written is None:
            written = [(t["start"], day) for t in found if t.get("_written") and (day := _day_of(t))]
        if k is None:
            # reported speech without quotation marks ("Menurut Deddy, … sejak semalam"): said on the
            # article's occasion when the sentence attributes it and writes no day of its own
            ss, se = ctx.sentence(r["start"])
            if not _reported().search(ctx.text, ss, se) or any(ss <= start < se for start, _ in written):
                continue
            said = _occasion(ctx, written, lead_only=True)
        else:
            qs, qe = quotes[k]
            stop = min(qe + _SAID_AFTER, quotes[k + 1][0] if k + 1 < len(quotes) else pe)
            opens = ctx.sentence(qs)[0]
            after = [(start, day) for start, day in written if qe <= start < stop]
            before = [(start, day) for start, day in written if max(opens, ps) <= start < qs]
            said = min(after)[1] if after else max(before)[1] if before else _occasion(ctx, written)
        if said is None or said == ctx.dct.isoformat():
            continue
        off, suffix = deictic
        day = date.fromisoformat(said) + timedelta(days=off)
        r["value"], r["anchor"] = day.isoformat() + suffix, "text"
