"""Handlers for calendar dates: days, day ranges, holidays, quarters and halves, years, decades,
months and parts of a year, month or week.

Each takes the kind's own match and the context; it returns None (not a time here) or the TIMEX3
fields and, for a specific time, (date, granularity) to remember for anaphora. A date without a
year gets the year written before it in its paragraph, else the one around the DCT whose calendar
has the weekday written with it, else the one the tense cues of its sentence point to.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta
from functools import cache

from warta.extract.times._context import Context
from warta.extract.times._lexicon import cue_regexes, key, lex
from warta.extract.times._values import Found, fmt, modifier, month_number, shift, timex, with_pod

__all__ = ["DATE_HANDLERS"]

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_NEAR = 280  # days from the DCT that a day written without its year is taken to be within
_SOON = 7  # days after the DCT that a day written with a weekday that fits no year near it is taken for
_NEAR_DCT = 1  # years from the DCT's that a written year may be for a later day to follow it
_FOLLOWS = 183  # days after a day written with its year that a day without one may be


def _year(y: str) -> int:
    n = int(y)
    return n if n >= 100 else n + (1900 if n > 50 else 2000)


def _day(ctx: Context, m: re.Match[str], d: str, mon: str, y: str | None, bias: int = 0,
         strict: bool = False, weekday: int | None = None) -> tuple[str, str | None, date | None] | None:
    """A calendar day from its parts; a missing year is chosen around the DCT: the one year near it
    whose calendar has the ``weekday`` written with the day ("Senin (19/6)" published on Friday
    16/6/2017 is the coming Monday, not 19/6/2016); when none has it (a slip), the coming week's day;
    else as the tense says."""
    day, month = int(d), month_number(mon)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if y:
        try:
            dt = date(_year(y), month, day)
        except ValueError:
            return None
        ctx.dated = (m.end(), dt)
        return dt.isoformat(), None, dt
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}", None, None
    after = _after_dated(ctx, m.start(), month, day)
    if after is not None and weekday in (None, after.weekday()):
        return after.isoformat(), "text", after
    cands = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        with contextlib.suppress(ValueError):
            cands.append(date(year, month, day))
    if not bias:
        cands = [c for c in cands if abs((c - ctx.dct).days) <= _NEAR] or cands
    if not cands:
        return None
    same_day = [c for c in cands if c.weekday() == weekday and abs((c - ctx.dct).days) <= _NEAR]
    soon = [c for c in cands if weekday is not None and 0 < (c - ctx.dct).days <= _SOON]
    if len(same_day) == 1:
        dt = same_day[0]
    elif not same_day and soon:  # "dihentikan, Kamis (22/12)" two days on, its weekday a slip
        dt = soon[0]
    else:
        dt = ctx.pick(cands, m.start(), m.end(), bias, strict)
    return dt.isoformat(), "dct", dt


def _after_dated(ctx: Context, pos: int, month: int, day: int) -> date | None:
    """A day written without its year that follows, in the same paragraph, a day written with one near
    the DCT's ("mulai 15 Februari 2018 akan dimulai kampanye ... hingga 23 Juni"): the first such day
    on or after it, within half a year; None otherwise."""
    if ctx.dated is None or ctx.dct is None:
        return None
    at, written = ctx.dated
    if "\n" in ctx.text[at:pos] or abs(written.year - ctx.dct.year) > _NEAR_DCT:
        return None
    for year in (written.year, written.year + 1):
        with contextlib.suppress(ValueError):
            cand = date(year, month, day)
            if cand >= written:
                return cand if (cand - written).days <= _FOLLOWS else None
    return None


def _h_day(m: re.Match[str], ctx: Context, bias: int = 0, strict: bool = False) -> Found:
    parts = m.groupdict()
    weekday = lex()["weekdays"].get(key(parts["wd"])) if parts.get("wd") else None
    got = _day(ctx, m, m["d"], parts.get("m") or parts["m2"], parts.get("y"), bias, strict, weekday)
    if not got:
        return None
    value, anchor, dt = got
    value, type_ = with_pod(value, "DATE", parts.get("pod") or parts.get("pod0"))
    return timex(type_, value, anchor=anchor), (dt, "D") if dt else None


def _h_wd_date(m: re.Match[str], ctx: Context) -> Found:
    return _h_day(m, ctx, bias=-1)


def _h_dmy(m: re.Match[str], ctx: Context) -> Found:
    if not m["y"] and key(m["m"]).rstrip(".") in lex()["short_months"]:
        return None
    if m["yi"] and not m["d2"]:  # "14 Januari dua tahun lalu", "5 Mei tahun depan": the day in that year
        year, anchor = _rel_year(ctx, m["yi"])
        if year is None or ctx.dct is None:
            return None
        if m["yn"]:
            n = int(m["yn"]) if m["yn"].isdigit() else lex()["numbers"]["units"][key(m["yn"])]
            year = ctx.dct.year + (year - ctx.dct.year) * n if anchor == "dct" else year
        try:
            day = date(year, month_number(m["m"]), int(m["d"]))
        except (ValueError, KeyError):
            return None
        return timex("DATE", day.isoformat(), anchor=anchor), (day, "D")
    rel = key(m["rel"] or "")
    bias = -1 if rel in ("lalu", "yang lalu", "silam") else 1 if rel in ("mendatang", "depan") else 0
    first = _h_day(m, ctx, bias, strict=bias != 0)
    if not first or not m["d2"]:
        return first
    end = _day(ctx, m, m["d2"], m["m"], m["y"], bias, strict=bias != 0)
    if not end or end[0] <= first[0]["value"]:
        return None
    first[0]["value"] = f"{first[0]['value']}/{end[0]}"
    return first[0], (first[1][0], "M") if first[1] else None  # a span of days names no one weekday


def _rel_year(ctx: Context, phrase: str | None) -> tuple[int | None, str | None]:
    """'tahun depan' → (DCT year + 1, 'dct'); 'tahun itu' → (last year in the text, 'text')."""
    word = key(phrase).split()[-1] if phrase else "ini"
    if word == "itu":
        if ctx.last:
            return ctx.last[0].year, "text"
        word = "ini"
    if ctx.dct is None:
        return None, None
    return ctx.dct.year + {"lalu": -1, "kemarin": -1, "depan": 1, "mendatang": 1}.get(word, 0), "dct"


def _ordinal(word: str) -> int | None:
    w = key(word)
    if w.isdigit():
        return int(w)
    return lex()["ordinals"].get(w) or _ROMAN.get(w) or lex()["numbers"]["units"].get(w)


def _h_quarter(m: re.Match[str], ctx: Context) -> Found:
    n, half = _ordinal(m["n"]), key(m["u"]) in ("semester", "paruh")
    if not n or n > (2 if half else 4):
        return None
    part = f"H{n}" if half else f"Q{n}"
    y, yi = m["y"], m["yi"]
    if not (y or yi):  # "kuartal pertama dan kedua tahun depan": the year of the second
        later = cue_regexes()["coordinated"].match(ctx.text, m.end())
        y, yi = (later["y"], later["yi"]) if later else (None, None)
    if y:
        return timex("DATE", f"{y}-{part}"), None
    year, anchor = _rel_year(ctx, yi)
    return timex("DATE", f"{year if year else 'XXXX'}-{part}", anchor=anchor), None


def _h_quarter_and(m: re.Match[str], ctx: Context) -> Found:
    before = cue_regexes()["quarter_before"].search(ctx.text, max(0, m.start() - 40), m.start())
    if not before:
        return None
    unit = "semester" if before[0].casefold().startswith(("semester", "paruh")) else "kuartal"
    n = _ordinal(m["n"])
    if not n or n > (2 if unit == "semester" else 4):
        return None
    year, anchor = _rel_year(ctx, m["yi"])
    part = f"H{n}" if unit == "semester" else f"Q{n}"
    return timex("DATE", f"{year if year else 'XXXX'}-{part}", anchor=anchor), None


def _h_year_range(m: re.Match[str], ctx: Context) -> Found:
    y1, y2 = m["y1"], m["y2"] if len(m["y2"]) == 4 else m["y1"][:2] + m["y2"]
    if not 0 < int(y2) - int(y1) < 100:
        return None
    return timex("DATE", f"{y1}/{y2}", modifier(m["mod"])), (date(int(y2), 1, 1), "Y")


def _h_decade(m: re.Match[str], ctx: Context) -> Found:
    if m["y"]:
        return timex("DATE", m["y"][:3], modifier(m["mod"])), None
    if not m["tahun"]:
        return None
    return timex("DATE", ("19" if int(m["yy"]) > 30 else "20") + m["yy"][0], modifier(m["mod"])), None


@cache
def _year_context() -> tuple[frozenset[str], frozenset[str]]:
    lx = lex()["year_context"]
    return frozenset(lx["not_before"]), frozenset(lx["not_after"])


def _h_year(m: re.Match[str], ctx: Context) -> Found:
    if not (m["tahun"] or m["mod"] or m["rel"]):
        not_before, not_after = _year_context()
        before = ctx.text[max(0, m.start() - 2):m.start()]
        after = re.match(r"[ \t\xa0]*([^\W\d_]+)", ctx.text[m.end():m.end() + 20])
        if (ctx.word_before(m.start()).casefold() in not_before or re.search(r"[\d#:=+-]\s?$", before)
                or (after and after[1].casefold() in not_after)):
            return None
    return timex("DATE", m["y"], modifier(m["mod"])), (date(int(m["y"]), 1, 1), "Y")


def _h_month(m: re.Match[str], ctx: Context) -> Found:
    if not m["bulan"] and not m["m"][0].isupper():
        return None
    month, mod, rel = month_number(m["m"]), modifier(m["mod"]), key(m["rel"] or "")
    year: int | None
    if m["y"]:
        year, anchor = int(m["y"]), None
    elif m["yi"] or rel in ("ini", "itu"):
        year, anchor = _rel_year(ctx, m["yi"] or rel)
    elif (until := cue_regexes()["month_until"].match(ctx.text, m.end())) is not None:
        end_year = int(until["y"])  # "Januari hingga Oktober 2025": the year written at the range's end
        year, anchor = (end_year if month <= month_number(until["m"]) else end_year - 1), "text"
    elif ctx.dct is None:
        year, anchor = None, None
    else:
        this = date(ctx.dct.year, ctx.dct.month, 1)
        cands = [date(y, month, 1) for y in range(ctx.dct.year - 1, ctx.dct.year + 2)]
        bias = -1 if rel in ("lalu", "yang lalu", "kemarin", "silam") else 1 if rel in ("mendatang", "depan") else 0
        if not bias:  # a tense cue may pick the past or the future month, but not one 10+ months off
            cands = [c for c in cands if abs((c.year - this.year) * 12 + c.month - this.month) <= 9]
        # "awal Juli lalu" written in July: the month's start is past, so it is this July
        strict = bias != 0 and not (bias < 0 and mod == "START" and ctx.dct.day > 7)
        year, anchor = ctx.pick(cands, m.start(), m.end(), bias, strict=strict, ref=this).year, "dct"
    ys = f"{year:04d}" if year else "XXXX"
    value = f"{ys}-{month:02d}"
    if m["m2"]:
        value += f"/{ys}-{month_number(m['m2']):02d}"
    return timex("DATE", value, mod, anchor), (date(year, month, 1), "M") if year else None


def _h_part(m: re.Match[str], ctx: Context) -> Found:
    mod, unit, rel = modifier(m["mod"]), key(m["u"]), m["rel"]
    if unit == "tahun":
        year, anchor = _rel_year(ctx, rel)
        return timex("DATE", f"{year:04d}" if year else "XXXX", mod, anchor), None
    gran = "M" if unit == "bulan" else "W"
    off = {"lalu": -1, "kemarin": -1, "depan": 1, "mendatang": 1}.get(key(rel or ""), 0)
    if key(rel or "") == "itu" and ctx.last:
        base, anchor = ctx.last[0], "text"
    elif ctx.dct:
        base, anchor = shift(ctx.dct, gran, off), "dct"
    else:
        return timex("DATE", "XXXX-XX" if gran == "M" else "XXXX-WXX", mod), None
    value = fmt(base, gran)
    if gran == "W" and mod == "END":
        return timex("DATE", f"{value}-WE", anchor=anchor), None
    return timex("DATE", value, mod, anchor), None


_HOLIDAY_REACH = 183  # days from the DCT that a holiday named without its year may be


@cache
def _holiday_dates(name: str, year: int) -> tuple[date, ...]:
    """The days of a holiday of Indonesia's calendar in a year (the ``holidays`` package)."""
    import holidays  # (imported on the first holiday: its calendars take a while to load)

    calendar = holidays.country_holidays("ID", years=year, language="en_US")
    return tuple(sorted(day for day, names in calendar.items() if name in names.split("; ")))


def _h_holiday(m: re.Match[str], ctx: Context) -> Found:
    """A holiday: "Lebaran 2017" is 2017-06-25 (the day Indonesia's government fixed), "H-1 Lebaran"
    the day before it, "Natal" without a year the Christmas the tense points to (the nearest one)."""
    lx = lex()
    name = lx["holidays"][key(m["name"])]
    before = ctx.word_before(m.start())
    if m["name"][0].isupper() and before[:1].isupper() and before not in lx["holiday_context"]["after_names"]:
        return None  # the end of a longer name: "Mandailing Natal"
    years = [int(m["y"])] if m["y"] else [ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1] if ctx.dct else []
    days = [d for y in years for d in _holiday_dates(name, y)]
    if not m["y"] and ctx.dct:  # the holiday of the year around the publication, not one a year off
        days = [d for d in days if abs((d - ctx.dct).days) <= _HOLIDAY_REACH]
    if not days:
        return None
    day = days[0] if m["y"] else ctx.pick(days, m.start(), m.end())
    ctx.holiday = day
    if m["off"]:
        day += timedelta(days=int(m["off"]) * (-1 if m["sign"] == "-" else 1))
    return timex("DATE", day.isoformat(), anchor=None if m["y"] else "dct"), (day, "D")


_LEBARAN_SEASON = 30  # days around Idul Fitri in which a bare "H-3" counts from it


def _h_day_count(m: re.Match[str], ctx: Context) -> Found:
    """A bare "H-3" / "H+2": days before or after the holiday the text named last, else, within a
    month of Idul Fitri (the mudik season this notation is written for), Idul Fitri."""
    base = ctx.holiday
    if base is None and ctx.dct is not None:
        eid = [d for y in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1) for d in _holiday_dates("Eid al-Fitr", y)
               if abs((d - ctx.dct).days) <= _LEBARAN_SEASON]
        base = eid[0] if eid else None
    if base is None:
        return None
    day = base + timedelta(days=int(m["off"]) * (-1 if m["sign"] == "-" else 1))
    return timex("DATE", day.isoformat(), anchor="text" if ctx.holiday else "dct"), (day, "D")


_RAMADAN_DAYS = 30  # the fasting month's longest length, where no calendar says it had 29 days


@cache
def _ramadan(year: int) -> tuple[date, date] | None:
    """The fasting month that ends in ``year``: from 1 Ramadan to the day before Idul Fitri as
    Indonesia's government fixes it (the ``holidays`` calendar). Its first day is the lunar
    calendar's (MABIMS criteria, as Indonesia's) when that agrees with a 29- or 30-day month, else
    30 days before Idul Fitri."""
    eid = _holiday_dates("Eid al-Fitr", year)
    if not eid:
        return None
    end = eid[0] - timedelta(days=1)
    start = eid[0] - timedelta(days=_RAMADAN_DAYS)
    try:  # (an internal calendar of the package: used only where it agrees with Idul Fitri)
        from holidays.calendars.islamic import _IslamicMabimsLunar

        starts = [d for d, _ in _IslamicMabimsLunar().ramadan_beginning_dates(year) if d.year == year]
        if starts and 29 <= (eid[0] - starts[-1]).days <= _RAMADAN_DAYS:
            start = starts[-1]
    except (ImportError, AttributeError, TypeError):
        pass
    return start, end


def _h_ramadan(m: re.Match[str], ctx: Context) -> Found:
    """The fasting month: "Ramadan 2017" is 2017-05-27/2017-06-24; without a year, the one the tense
    points to among those around the publication ("bulan Ramadan ini": the nearest). Not a name's
    part: "Ramadhan Pohan", "Ahmad Ramadhan" (a capitalised word beside it, "Bulan" aside)."""
    before = ctx.word_before(m.start("name"))
    at = ctx.text.rfind(before, 0, m.start("name")) if before else -1
    opens = at >= 0 and not ctx.text[ctx.sentence(at)[0]:at].strip()  # a capital of the sentence's start
    after = re.match(r"[ \t]+[A-Z]", ctx.text[m.end("name"):])
    if (before[:1].isupper() and not opens and key(before) not in ("bulan", "suci")) or after:
        return None
    if m["y"]:
        years = [int(m["y"])]
    elif ctx.dct is None:
        return None
    else:
        years = [ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1]
    spans = [s for y in years if (s := _ramadan(y)) is not None]
    if not spans:
        return None
    if m["y"]:
        span = spans[0]
    else:
        assert ctx.dct is not None
        inside = [s for s in spans if s[0] <= ctx.dct <= s[1]]
        rel = key(m["rel"] or "").split()[-1] if m["rel"] else ""
        bias = -1 if rel == "lalu" else 1 if rel in ("mendatang", "depan", "nanti") else 0
        if inside and not bias:
            span = inside[0]
        else:
            starts = {s[0]: s for s in spans}
            span = starts[ctx.pick(list(starts), m.start(), m.end(), bias, strict=bias != 0)]
    return timex("DATE", f"{span[0].isoformat()}/{span[1].isoformat()}", anchor=None if m["y"] else "dct"), \
        (span[0], "M")


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _h_century(m: re.Match[str], ctx: Context) -> Found:
    """A century: "abad ke-13" is the 1200s, TimeML's "12"; "abad XXI" the 2000s, "20"."""
    if m["n"]:
        n = int(m["n"])
    else:
        digits = [_ROMAN_VALUES[c] for c in m["roman"]]
        n = sum(-d if d < nxt else d for d, nxt in zip(digits, [*digits[1:], 0], strict=True))
    if not 1 <= n <= 21:
        return None
    return timex("DATE", f"{n - 1:02d}", modifier(m["mod"])), None


DATE_HANDLERS = {
    "ramadan": _h_ramadan, "day_count": _h_day_count, "century": _h_century,
    "wd_num": _h_wd_date, "wd_long": _h_wd_date, "iso_date": _h_day, "num_date": _h_day, "paren_date": _h_day,
    "holiday": _h_holiday, "dmy": _h_dmy, "mdy": _h_day, "quarter": _h_quarter, "quarter_and": _h_quarter_and,
    "year_range": _h_year_range, "decade": _h_decade, "year": _h_year, "month": _h_month, "part": _h_part,
}
