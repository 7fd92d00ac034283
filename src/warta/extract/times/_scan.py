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
from datetime import date
from typing import Any

from warta.extract.times._context import Context
from warta.extract.times._dates import DATE_HANDLERS
from warta.extract.times._lexicon import regexes
from warta.extract.times._relative import RELATIVE_HANDLERS

__all__ = ["find_times"]

_HANDLERS = {**DATE_HANDLERS, **RELATIVE_HANDLERS}


def _as_date(dct: Any) -> date | None:
    if dct is None or type(dct) is date:
        return dct
    if hasattr(dct, "date"):  # datetime
        return dct.date()
    return date.fromisoformat(str(dct)[:10])


_REACH = 40  # characters an expression may reach before or after its core word


def find_times(text: str, dct: date | None, sentences: list[tuple[int, int]] | None = None) -> list[dict]:
    """Time expressions of ``text`` (TIMEX3 type and value), resolved against ``dct``.

    ``sentences`` (character spans) bound the tense cues; without them the text is cut at
    sentence punctuation.
    """
    core, scanner, kinds = regexes()
    ctx = Context(text, _as_date(dct), sentences)
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
            found.append({"text": m.group(0), "start": m.start(), "end": m.end(), **fields})
            start = pos = m.end()
    _clock_days(found, ctx)
    return found


def _clock_days(found: list[dict], ctx: Context) -> None:
    """A clock time takes the day of the nearest day in its sentence, else the DCT."""
    days = [(r["start"], r["value"][:10]) for r in found if re.match(r"\d{4}-\d\d-\d\d", r["value"])]
    for r in found:
        if not r.pop("_clock", False):
            continue
        s, e = ctx.sentence(r["start"])
        near = [(abs(start - r["start"]), value) for start, value in days if s <= start < e]
        if near:
            r["value"], r["anchor"] = min(near)[1] + r["value"], "text"
        elif ctx.dct:
            r["value"], r["anchor"] = ctx.dct.isoformat() + r["value"], "dct"
        else:
            r["value"] = "XXXX-XX-XX" + r["value"]
