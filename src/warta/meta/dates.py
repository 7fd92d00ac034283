"""Publication dates from page text.

Two kinds of evidence, in order of trust:
  1. a date line in the page header ("Rabu, 05 Nov 2025 14:30 WIB", "Kompas.com - 27/03/2017,
     14:30 WIB", "2017-03-27 10:00") - taken as the publication date;
  2. a weekday-anchored date in the text ("Rabu (5/11/2025)", "hari Rabu, 11 Juni 2025") - the
     weekday must agree with the calendar date; the latest such date estimates publication.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from warta.resources import load_toml

__all__ = ["header_date", "anchored_dates", "parse_date_text", "is_date_line"]


@cache
def _calendar() -> tuple[dict[str, int], dict[str, int]]:
    data = load_toml("calendar.toml")
    return data["months"], data["weekdays"]


def _alternation(names: dict[str, int]) -> str:
    return "|".join(sorted((re.escape(n) for n in names), key=len, reverse=True))


@cache
def _regexes() -> dict[str, re.Pattern[str]]:
    months, weekdays = _calendar()
    mon, wd = _alternation(months), _alternation(weekdays)
    return {
        # 5 November 2025 / 05 Nov 2025 / Nov 5, 2025
        "dmy": re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{mon})\.?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
        "mdy": re.compile(rf"\b(?P<m>{mon})\.?\s+(?P<d>\d{{1,2}}),?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
        # 27/03/2017, 27-3-2017
        "num": re.compile(r"\b(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>(?:19|20)\d\d)\b"),
        # 2017-03-27
        "iso": re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
        # Rabu (5/11/2025)  /  Rabu (5/11)
        "wd_paren": re.compile(
            rf"\b(?P<wd>{wd})\s*\(\s*(?P<d>\d{{1,2}})\s*/\s*(?P<m>\d{{1,2}})(?:\s*/\s*(?P<y>(?:19|20)?\d\d))?\s*\)",
            re.I),
        # hari Rabu, 11 Juni 2025  /  Rabu 11 Juni 2025
        "wd_long": re.compile(
            rf"\b(?P<wd>{wd}),?\s+(?:tanggal\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{mon})\.?\s+(?P<y>(?:19|20)\d\d)\b", re.I),
        "weekday": re.compile(rf"\b(?:{_alternation({k: v for k, v in weekdays.items() if len(k) > 3})})\b", re.I),
        "time": re.compile(r"\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:WIB|WITA|WIT|GMT|UTC)?\b"),
    }


def _make(y: str | int, m: str | int, d: str | int) -> date | None:
    months, _ = _calendar()
    month = int(m) if str(m).isdigit() else months.get(str(m).casefold())
    year = int(y)
    if year < 100:
        year += 2000
    try:
        return date(year, month, int(d)) if month else None
    except ValueError:
        return None


def parse_date_text(text: str) -> date | None:
    """The first full calendar date written in ``text`` (any of the usual forms), or None."""
    found: list[tuple[int, date]] = []
    for name in ("iso", "dmy", "mdy", "num"):
        for m in _regexes()[name].finditer(text):
            value = _make(m["y"], m["m"], m["d"])
            if value:
                found.append((m.start(), value))
    return min(found)[1] if found else None


_DATE_LINE_WORDS = re.compile(
    r"^(?:(?:diterbitkan|dipublikasikan|diperbarui|update[d]?|published|posted|terbit|tayang|dimuat)\s*:?\s*)?", re.I)


def is_date_line(line: str) -> bool:
    """A short header line that is mostly a date/time stamp."""
    if len(line) > 90 or not parse_date_text(line):
        return False
    rest = _regexes()["time"].sub(" ", line)
    for name in ("iso", "dmy", "mdy", "num"):
        rest = _regexes()[name].sub(" ", rest)
    _, weekdays = _calendar()
    words = [w for w in re.findall(r"[^\W\d_]+", rest)
             if w.casefold() not in weekdays and w.casefold() not in {"wib", "wita", "wit", "pukul", "jam"}]
    return len(words) <= 4 and len(_DATE_LINE_WORDS.sub("", line)) > 0


def header_date(lines: list[str]) -> date | None:
    """A publication date from header lines (the first date line found)."""
    for line in lines:
        if is_date_line(line):
            return parse_date_text(line)
    return None


def anchored_dates(text: str) -> list[tuple[date, str]]:
    """Weekday-anchored dates whose weekday agrees with the calendar, with their text."""
    _, weekdays = _calendar()
    regexes = _regexes()
    out: list[tuple[date, str]] = []
    # Find weekday names first (one cheap scan), then try the full forms only there.
    for hit in regexes["weekday"].finditer(text):
        for name in ("wd_paren", "wd_long"):
            m = regexes[name].match(text, hit.start())
            if not m or not m["y"]:
                continue
            value = _make(m["y"], m["m"], m["d"])
            if value and value.weekday() == weekdays[m["wd"].casefold()]:
                out.append((value, m.group(0)))
                break
    return out
