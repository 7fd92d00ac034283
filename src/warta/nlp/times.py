"""Time expressions (TIMEX3) in Indonesian news, normalised against the reference date (DCT).

    >>> find_times("Rapat digelar Rabu (5/11/2025), dan lanjut pekan depan.", date(2025, 11, 5))
    [{'text': 'Rabu (5/11/2025)', ..., 'type': 'DATE', 'value': '2025-11-05'},
     {'text': 'pekan depan', ..., 'type': 'DATE', 'value': '2025-W46', 'anchor': 'dct'}]

Steps, in order:
  1. one scan of the text with a single regular expression compiled (once) from the lexicons in
     ``warta/data/timex.toml`` and ``calendar.toml``; every alternative is one kind of expression;
  2. each candidate is re-read with its own pattern to get its parts, and checked against its
     context (capitalisation of "Minggu", the word before a bare year, "dulu" meaning "first" …);
  3. its value is computed: absolute; against the DCT (``anchor: "dct"``), in the direction the
     tense cues of its sentence imply; or against the last fully specified time seen so far in
     the text (``anchor: "text"``). Without a DCT relative values fall back to PAST_REF /
     FUTURE_REF / PRESENT_REF or an X-filled form ("XXXX-WXX-6").

Spans follow TimeML: prepositions (pada, sejak, hingga, selama …) stay out, modifiers (lalu,
depan, ini, lebih dari, sekitar, awal, akhir, pertengahan …) are in.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from datetime import date, timedelta
from functools import cache
from typing import Any

import spacy.tokens
from spacy.attrs import IDX, SENT_START
from spacy.language import Language

from warta.nlp import doc_text
from warta.resources import load_toml

__all__ = ["find_times", "TimeTagger"]

_S = r"[ \t\xa0]+"  # space inside one expression: never a line break
_S0 = r"[ \t\xa0]*"
_Y4 = r"(?:1[89]|20)\d\d"
_SHORT_KEEP = {"mei", "juni", "juli", "may", "june", "july"}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@cache
def _lex() -> dict[str, Any]:
    data = dict(load_toml("timex.toml"))
    calendar = load_toml("calendar.toml")
    data["months"], data["weekdays"] = calendar["months"], calendar["weekdays"]
    data["short_months"] = {k for k in calendar["months"] if len(k) <= 4 and k not in _SHORT_KEEP}
    return data


def _alt(words: Any) -> str:
    """An alternation of words, longest first; the first letter in either case ("Kemarin", "kemarin").

    The scan is case-sensitive otherwise: re.I costs more than half its speed.
    """
    return "|".join(_cased(re.escape(w).replace(r"\ ", _S)) for w in sorted(set(words), key=len, reverse=True))


def _cased(word: str) -> str:
    return f"[{word[0].upper()}{word[0]}]{word[1:]}" if word[:1].isalpha() else word


def _key(s: str) -> str:
    return " ".join(s.casefold().split())


@cache
def _sources() -> dict[str, str]:
    """Each kind of expression as a pattern with named parts, in the order the scan tries them."""
    lx = _lex()
    mon, wd = _alt(lx["months"]), _alt(k for k in lx["weekdays"] if len(k) > 3)
    monf = _alt(k for k in lx["months"] if k not in lx["short_months"])
    pod, pmod, qmod = _alt(lx["part_of_day"]), _alt(lx["modifiers"]["point"]), _alt(lx["modifiers"]["quantity"])
    units, urel = _alt(lx["units"]), _alt(lx["unit_relations"])
    nums = lx["numbers"]
    base = _alt(k for k, v in nums["units"].items() if isinstance(v, int) and v < 10)
    mult = _alt(nums["multipliers"])
    numw = (rf"(?:(?:{base}){_S}(?:{mult})(?:{_S}(?:{base})(?:{_S}belas)?)?|{_cased('se')}(?:{mult})(?:{_S}(?:{base}))?"
            rf"|{_alt(nums['units'])})")
    num = rf"(?:\d+(?:[.,]\d+)?|{numw}|{_alt(['beberapa', 'puluhan', 'belasan', 'ratusan'])})"
    yrel = rf"tahun{_S}(?:ini|lalu|depan|itu|kemarin|mendatang)"
    tod = rf"(?:{_S}(?P<pod>{pod})(?:{_S}hari)?(?:{_S}(?:WIB|WITA|WIT))?)?"
    wdrel = rf"lalu|yang{_S}lalu|kemarin|depan|mendatang|ini|nanti"
    ords = _alt(list(lx["ordinals"]) + ["satu", "dua", "tiga", "empat"])
    hari, tahun = _cased("hari"), _cased("tahun")
    paren = rf"\({_S0}(?P<d>\d{{1,2}}){_S0}/{_S0}(?P<m>\d{{1,2}})(?:{_S0}/{_S0}(?P<y>\d{{4}}|\d\d))?{_S0}\)"
    return {
        "wd_num": rf"(?:{hari}{_S})?(?P<wd>{wd}){_S0},?{_S0}{paren}{tod}",
        "wd_long": rf"(?:{hari}{_S})?(?P<wd>{wd}){_S0},?{_S}(?:tanggal{_S})?(?P<d>\d{{1,2}}){_S}(?P<m>{mon})"
                   rf"(?:{_S}(?P<y>{_Y4}))?{tod}",
        "iso_date": rf"(?P<y>{_Y4})-(?P<m>\d\d)-(?P<d>\d\d)",
        "num_date": rf"(?P<d>\d{{1,2}})(?:/(?P<m>\d{{1,2}})/|-(?P<m2>\d{{1,2}})-)(?P<y>{_Y4})",
        "paren_date": r"(?<=\()(?P<d>\d{1,2})/(?P<m>\d{1,2})(?=\))",
        "dmy": rf"(?P<d>\d{{1,2}})(?:{_S0}[-–]{_S0}(?P<d2>\d{{1,2}}))?{_S}(?P<m>{mon})"
               rf"(?:{_S}(?:tahun{_S})?(?P<y>{_Y4}))?(?:{_S}(?P<rel>lalu|yang{_S}lalu|silam|mendatang|depan|ini))?",
        "mdy": rf"(?P<m>{monf}){_S}(?P<d>\d{{1,2}}),{_S}(?P<y>{_Y4})",
        "quarter": rf"(?P<u>{_alt(['kuartal', 'triwulan', 'semester', 'paruh'])})(?:{_S}ke-?|{_S})(?P<n>{ords}|[1-4])"
                   rf"(?:{_S0}(?:-|{_S}tahun{_S}|{_S})(?P<y>{_Y4})|{_S}(?P<yi>{yrel}|ini))?",
        "quarter_and": rf"(?<=dan{_S[:-1]})(?P<n>{ords}){_S}(?P<yi>{yrel})",
        "year_range": rf"(?:(?P<mod>{pmod}){_S})?(?:{tahun}{_S})?(?P<y1>{_Y4}){_S0}[-–/]{_S0}"
                      rf"(?P<y2>{_Y4}|\d\d)(?!\d|[.,]\d)",
        "decade": rf"(?:(?P<mod>{pmod}){_S})?(?:(?P<tahun>{tahun}){_S})?(?:(?P<y>1[89]\d0|20\d0)|'?(?P<yy>\d0))-?an",
        "year": rf"(?:(?P<mod>{pmod}){_S})?(?:(?P<tahun>{tahun}){_S})?(?<![\d.,/])(?P<y>{_Y4})(?![.,]\d|-\d)"
                rf"(?:{_S}(?P<rel>ini|lalu|silam|mendatang))?",
        "month": rf"(?:(?P<mod>{pmod}){_S})?(?:(?P<bulan>{_cased('bulan')}){_S})?(?P<m>{monf})"
                 rf"(?:{_S0}[-–]{_S0}(?P<m2>{monf}))?"
                 rf"(?:,?{_S}(?:tahun{_S})?(?P<y>{_Y4})|{_S}(?P<yi>{yrel}))?"
                 rf"(?:{_S}(?P<rel>lalu|yang{_S}lalu|ini|itu|mendatang|depan|kemarin|silam))?",
        "part": rf"(?P<mod>{pmod}){_S}(?P<u>tahun|bulan|pekan|minggu)"
                rf"(?:{_S}(?P<rel>ini|lalu|depan|mendatang|itu|kemarin))?",
        "clock": rf"(?:(?P<mod>{_alt(['sekitar', 'sekira', 'kira-kira', 'hampir', 'lebih dari'])}){_S})?"
                 rf"(?:(?:{_alt(['pukul', 'jam'])}){_S}(?P<h>\d{{1,2}})(?:[.:](?P<mi>[0-5]\d))?(?:[.:][0-5]\d)?"
                 rf"|(?P<h2>\d{{1,2}})[.:](?P<mi2>[0-5]\d)(?={_S0}(?:WIB|WITA|WIT)\b))"
                 rf"(?:{_S0}(?P<tz>WIB|WITA|WIT|GMT|UTC))?{tod}",
        "rel_pod": rf"(?P<pod1>{pod})(?:{_S}hari)?{_S}(?P<x>ini|tadi|nanti)|{_cased('tadi')}{_S}(?P<pod2>{pod})"
                   rf"|(?P<semalam>{_cased('semalam')})",
        "relative": rf"(?P<rel>{_alt(lx['relative'])}){tod}",
        "wd": rf"(?:{hari}{_S})?(?P<wd>{wd}){tod}(?:{_S}(?P<rel>{wdrel}))?",
        "set": rf"(?P<cue>{_alt(lx['sets']['cues'])}){_S}(?:(?P<n>{num}){_S})?(?:hari{_S})?"
               rf"(?P<u>{units}|{wd}|{monf}|{pod})(?:nya)?",
        "nunit": rf"(?:(?P<mod>{qmod}){_S})?(?P<n>{num}){_S}(?P<u>{units})(?!-)(?:{_S}(?P<rel>{urel}))?",
        "seunit": rf"(?:(?P<mod>{qmod}){_S})?{_cased('se')}(?P<u>{units})(?!-)(?:{_S}(?P<rel>{urel}))?",
        "set_adj": rf"(?P<a>{_alt(lx['sets']['adjectives'])})",
        "vague": rf"(?P<v>{_alt(lx['vague'])})",
        "dulu": rf"(?:(?P<pre>{_alt(lx['vague_dulu']['after'])}){_S})?(?:{_alt(['dulu', 'dahulu'])})",
        "anaphoric": rf"(?P<a>{_alt(lx['anaphoric'])})",
    }


def _wrap(src: str) -> str:
    return rf"(?<!\w)(?:{src})(?!\w)"


@cache
def _regexes() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, re.Pattern[str]]]:
    """The core-word finder, the one combined scanner (parts unnamed) and each kind's own pattern.

    Every expression holds a core word (a year, a day/month pair, a month, weekday, unit, part of
    day, relative word or "pukul"/"WIB"); the scanner runs only around them, which makes the
    whole pass several times faster.
    """
    sources = _sources()
    unnamed = "|".join(f"(?P<{k}>{re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', v)})" for k, v in sources.items())
    scanner = re.compile(_wrap(unnamed))
    return _core_regex(), scanner, {k: re.compile(_wrap(v)) for k, v in sources.items()}


def _core_regex() -> re.Pattern[str]:
    lx = _lex()
    words = set(lx["months"]) | {k for k in lx["weekdays"] if len(k) > 3} | set(lx["units"])
    words |= set(lx["part_of_day"]) | set(lx["sets"]["adjectives"])
    words |= {"paruh", "tadi", "dulu", "dahulu", "pukul", "WIB", "WITA", "WIT"}
    for table in ("relative", "vague", "anaphoric"):
        words |= {w for phrase in lx[table] for w in phrase.split()}
    words -= {"ke", "yang", "akan", "ini", "itu", "lalu", "hari"} - set(lx["units"])
    by_letter: dict[str, list[str]] = {}
    for w in words:
        by_letter.setdefault(w[0], []).append(w[1:])
    trie = "|".join(f"[{c.upper()}{c}](?:{'|'.join(re.escape(r) for r in sorted(rest, key=len, reverse=True))})"
                    for c, rest in sorted(by_letter.items()))
    # digits are core only as a year or a day/month pair: "5 Mei", "24 jam", "10.00 WIB" have other core words
    return re.compile(rf"(?<!\w)(?:{_Y4}|\d{{1,2}}[/-]\d{{1,2}}|(?:[Ss]e)?(?:{trie}))(?!\w)")


@cache
def _cue_regexes() -> dict[str, re.Pattern[str]]:
    lx = _lex()
    ords = _alt(list(lx["ordinals"]) + ["satu", "dua", "tiga", "empat"])
    return {
        "tense": re.compile(rf"\b(?:(?P<f>{_alt(lx['tense']['future'])})|(?P<p>{_alt(lx['tense']['past'])}))\b", re.I),
        "sentence": re.compile(r"[.!?][\"”’')]*\s+|\n"),
        "word_before": re.compile(r"([^\W\d_]+)[^\w\n]{0,2}$"),
        "coordinated": re.compile(rf"{_S}(?:dan|hingga|sampai|-){_S}(?:kuartal{_S}|triwulan{_S})?(?:{ords}){_S}"
                                  rf"(?:(?P<y>{_Y4})|(?P<yi>tahun{_S}(?:ini|lalu|depan|mendatang)))", re.I),
        "quarter_before": re.compile(rf"(?:kuartal|triwulan|semester|paruh){_S}\S+{_S}dan{_S}$", re.I),
    }


# ---------------------------------------------------------------- calendar arithmetic

def _shift(d: date, unit: str, n: int) -> date:
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * n
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, 1)


def _fmt(d: date, gran: str) -> str:
    if gran == "D":
        return d.isoformat()
    if gran == "W":
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if gran == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "DE":
        return f"{d.year // 10:03d}"
    if gran == "CE":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def _number(s: str) -> float | None:
    """'24' → 24, '1,5' → 1.5, 'dua belas' → 12, 'tiga puluh lima' → 35, 'seratus' → 100; vague → None."""
    s = _key(s)
    if s[0].isdigit():
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
            return float(s.replace(".", ""))
        return float(s.replace(",", "."))
    nums = _lex()["numbers"]
    total, cur = 0.0, 0.0
    for tok in s.split():
        if tok in nums["units"]:
            cur += nums["units"][tok]
        elif tok.startswith("se") and tok[2:] in nums["multipliers"]:
            cur = _apply(tok[2:], 1.0)
        elif tok in nums["multipliers"]:
            if tok == "ribu":
                total, cur = total + cur * 1000, 0.0
            else:
                cur = _apply(tok, cur)
        else:
            return None
    return total + cur or None


def _apply(mult: str, n: float) -> float:
    return 10 + n if mult == "belas" else n * _lex()["numbers"]["multipliers"][mult]


def _num_text(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _duration(n: float | None, unit: str) -> str:
    """ISO 8601 duration: 3, 'M' (bulan) → P3M; 24, 'H' → PT24H; clock units take the T."""
    lead, letter = ("PT", unit) if unit in ("H", "MIN", "S") else ("P", unit)
    if letter == "MIN":
        letter = "M"
    m = re.fullmatch(r"(\d+)(\w+)", letter)
    if m:  # windu = 8Y, semester = 6M
        letter = m[2]
        n = None if n is None else n * int(m[1])
    return f"{lead}{'X' if n is None else _num_text(n)}{letter}"


def _unit(word: str) -> str:
    w = _key(word)
    code = _lex()["units"][w]
    return "MIN" if w == "menit" else code


# ---------------------------------------------------------------- context of one text

class _Context:
    """The text, its DCT, sentence bounds (found lazily) and the last fully specified time."""

    def __init__(self, text: str, dct: date | None, sentences: list[tuple[int, int]] | None) -> None:
        self.text, self.dct = text, dct
        self._starts = sorted(s for s, _ in sentences) if sentences else None
        self._ends = [e for _, e in sorted(sentences)] if sentences else None
        self.last: tuple[date, str] | None = None
        # weekday → the day written out for it in this text ("Kamis (27/11/2014)"), near the DCT
        self.named_days: dict[int, date] = {}

    def remember(self, day: date, gran: str) -> None:
        self.last = (day, gran)
        if gran == "D" and self.dct and abs((day - self.dct).days) <= 7:
            self.named_days[day.weekday()] = day

    def sentence(self, pos: int) -> tuple[int, int]:
        if self._starts is None:
            cuts = [m.end() for m in _cue_regexes()["sentence"].finditer(self.text)]
            self._starts = [0, *cuts]
            self._ends = [*cuts, len(self.text)]
        i = max(bisect.bisect_right(self._starts, pos) - 1, 0)
        return self._starts[i], self._ends[i]

    def tense(self, start: int, end: int) -> int:
        """+1 when the nearest tense cue of the sentence is a future one, -1 past, 0 none."""
        s, e = self.sentence(start)
        best, sign = None, 0
        for m in _cue_regexes()["tense"].finditer(self.text, s, max(e, end)):
            if start <= m.start() < end:
                continue
            dist = start - m.end() if m.end() <= start else m.start() - end
            if best is None or dist < best:
                best, sign = dist, (1 if m["f"] else -1)
        return sign

    def word_before(self, pos: int) -> str:
        m = _cue_regexes()["word_before"].search(self.text, max(0, pos - 30), pos)
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


def _out(type_: str, value: str, mod: str | None = None, anchor: str | None = None) -> dict[str, str]:
    r = {"type": type_, "value": value}
    if mod:
        r["mod"] = mod
    if anchor:
        r["anchor"] = anchor
    return r


def _mod(word: str | None, table: str = "point") -> str | None:
    return _lex()["modifiers"][table].get(_key(word)) if word else None


def _month(word: str) -> int:
    return int(word) if word.isdigit() else _lex()["months"][_key(word).rstrip(".")]


def _year(y: str) -> int:
    n = int(y)
    return n if n >= 100 else n + (1900 if n > 50 else 2000)


def _pod(word: str | None) -> str | None:
    return _lex()["part_of_day"].get(_key(word)) if word else None


def _with_pod(value: str, type_: str, pod: str | None) -> tuple[str, str]:
    suffix = _pod(pod)
    if suffix and len(value) == 10:
        return f"{value}{suffix}", "TIME"
    return value, type_


# ---------------------------------------------------------------- one handler per kind
# Each takes the kind's own match and the context; it returns None (not a time here) or the
# TIMEX3 fields and, for a specific time, (date, granularity) to remember for anaphora.

Found = tuple[dict[str, Any], tuple[date, str] | None] | None
_GRAN_ORDER = "DWMQY"


def _day(ctx: _Context, m: re.Match[str], d: str, mon: str, y: str | None, bias: int = 0,
         strict: bool = False) -> tuple[str, str | None, date | None] | None:
    """A calendar day from its parts; a missing year is chosen around the DCT."""
    day, month = int(d), _month(mon)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if y:
        try:
            dt = date(_year(y), month, day)
        except ValueError:
            return None
        return dt.isoformat(), None, dt
    if ctx.dct is None:
        return f"XXXX-{month:02d}-{day:02d}", None, None
    cands = []
    for year in (ctx.dct.year - 1, ctx.dct.year, ctx.dct.year + 1):
        with contextlib.suppress(ValueError):
            cands.append(date(year, month, day))
    if not bias:
        cands = [c for c in cands if abs((c - ctx.dct).days) <= 280] or cands
    if not cands:
        return None
    dt = ctx.pick(cands, m.start(), m.end(), bias, strict)
    return dt.isoformat(), "dct", dt


def _h_day(m: re.Match[str], ctx: _Context, bias: int = 0, strict: bool = False) -> Found:
    parts = m.groupdict()
    got = _day(ctx, m, m["d"], parts.get("m") or parts["m2"], parts.get("y"), bias, strict)
    if not got:
        return None
    value, anchor, dt = got
    value, type_ = _with_pod(value, "DATE", parts.get("pod"))
    return _out(type_, value, anchor=anchor), (dt, "D") if dt else None


def _h_wd_date(m: re.Match[str], ctx: _Context) -> Found:
    return _h_day(m, ctx, bias=-1)


def _h_dmy(m: re.Match[str], ctx: _Context) -> Found:
    if not m["y"] and _key(m["m"]).rstrip(".") in _lex()["short_months"]:
        return None
    rel = _key(m["rel"] or "")
    bias = -1 if rel in ("lalu", "yang lalu", "silam") else 1 if rel in ("mendatang", "depan") else 0
    first = _h_day(m, ctx, bias, strict=bias != 0)
    if not first or not m["d2"]:
        return first
    end = _day(ctx, m, m["d2"], m["m"], m["y"], bias, strict=bias != 0)
    if not end or end[0] <= first[0]["value"]:
        return None
    first[0]["value"] = f"{first[0]['value']}/{end[0]}"
    return first


def _rel_year(ctx: _Context, phrase: str | None) -> tuple[int | None, str | None]:
    """'tahun depan' → (DCT year + 1, 'dct'); 'tahun itu' → (last year in the text, 'text')."""
    word = _key(phrase).split()[-1] if phrase else "ini"
    if word == "itu":
        if ctx.last:
            return ctx.last[0].year, "text"
        word = "ini"
    if ctx.dct is None:
        return None, None
    return ctx.dct.year + {"lalu": -1, "kemarin": -1, "depan": 1, "mendatang": 1}.get(word, 0), "dct"


def _ordinal(word: str) -> int | None:
    w = _key(word)
    if w.isdigit():
        return int(w)
    return _lex()["ordinals"].get(w) or _ROMAN.get(w) or _lex()["numbers"]["units"].get(w)


def _h_quarter(m: re.Match[str], ctx: _Context) -> Found:
    n, half = _ordinal(m["n"]), _key(m["u"]) in ("semester", "paruh")
    if not n or n > (2 if half else 4):
        return None
    part = f"H{n}" if half else f"Q{n}"
    y, yi = m["y"], m["yi"]
    if not (y or yi):  # "kuartal pertama dan kedua tahun depan": the year of the second
        later = _cue_regexes()["coordinated"].match(ctx.text, m.end())
        y, yi = (later["y"], later["yi"]) if later else (None, None)
    if y:
        return _out("DATE", f"{y}-{part}"), None
    year, anchor = _rel_year(ctx, yi)
    return _out("DATE", f"{year if year else 'XXXX'}-{part}", anchor=anchor), None


def _h_quarter_and(m: re.Match[str], ctx: _Context) -> Found:
    before = _cue_regexes()["quarter_before"].search(ctx.text, max(0, m.start() - 40), m.start())
    if not before:
        return None
    unit = "semester" if before[0].casefold().startswith(("semester", "paruh")) else "kuartal"
    n = _ordinal(m["n"])
    if not n or n > (2 if unit == "semester" else 4):
        return None
    year, anchor = _rel_year(ctx, m["yi"])
    part = f"H{n}" if unit == "semester" else f"Q{n}"
    return _out("DATE", f"{year if year else 'XXXX'}-{part}", anchor=anchor), None


def _h_year_range(m: re.Match[str], ctx: _Context) -> Found:
    y1, y2 = m["y1"], m["y2"] if len(m["y2"]) == 4 else m["y1"][:2] + m["y2"]
    if not 0 < int(y2) - int(y1) < 100:
        return None
    return _out("DATE", f"{y1}/{y2}", _mod(m["mod"])), (date(int(y2), 1, 1), "Y")


def _h_decade(m: re.Match[str], ctx: _Context) -> Found:
    if m["y"]:
        return _out("DATE", m["y"][:3], _mod(m["mod"])), None
    if not m["tahun"]:
        return None
    return _out("DATE", ("19" if int(m["yy"]) > 30 else "20") + m["yy"][0], _mod(m["mod"])), None


@cache
def _year_context() -> tuple[frozenset[str], frozenset[str]]:
    lx = _lex()["year_context"]
    return frozenset(lx["not_before"]), frozenset(lx["not_after"])


def _h_year(m: re.Match[str], ctx: _Context) -> Found:
    if not (m["tahun"] or m["mod"] or m["rel"]):
        not_before, not_after = _year_context()
        before = ctx.text[max(0, m.start() - 2):m.start()]
        after = re.match(r"[ \t\xa0]*([^\W\d_]+)", ctx.text[m.end():m.end() + 20])
        if (ctx.word_before(m.start()).casefold() in not_before or re.search(r"[\d#:=+-]\s?$", before)
                or (after and after[1].casefold() in not_after)):
            return None
    return _out("DATE", m["y"], _mod(m["mod"])), (date(int(m["y"]), 1, 1), "Y")


def _h_month(m: re.Match[str], ctx: _Context) -> Found:
    if not m["bulan"] and not m["m"][0].isupper():
        return None
    month, mod, rel = _month(m["m"]), _mod(m["mod"]), _key(m["rel"] or "")
    year: int | None
    if m["y"]:
        year, anchor = int(m["y"]), None
    elif m["yi"] or rel in ("ini", "itu"):
        year, anchor = _rel_year(ctx, m["yi"] or rel)
    elif ctx.dct is None:
        year, anchor = None, None
    else:
        this = date(ctx.dct.year, ctx.dct.month, 1)
        cands = [date(y, month, 1) for y in range(ctx.dct.year - 1, ctx.dct.year + 2)]
        bias = -1 if rel in ("lalu", "yang lalu", "kemarin", "silam") else 1 if rel in ("mendatang", "depan") else 0
        if not bias:  # a tense cue may pick the past or the future month, but not one 10+ months off
            cands = [c for c in cands if abs((c.year - this.year) * 12 + c.month - this.month) <= 9]
        year, anchor = ctx.pick(cands, m.start(), m.end(), bias, strict=bias != 0, ref=this).year, "dct"
    ys = f"{year:04d}" if year else "XXXX"
    value = f"{ys}-{month:02d}"
    if m["m2"]:
        value += f"/{ys}-{_month(m['m2']):02d}"
    return _out("DATE", value, mod, anchor), (date(year, month, 1), "M") if year else None


def _h_part(m: re.Match[str], ctx: _Context) -> Found:
    mod, unit, rel = _mod(m["mod"]), _key(m["u"]), m["rel"]
    if unit == "tahun":
        year, anchor = _rel_year(ctx, rel)
        return _out("DATE", f"{year:04d}" if year else "XXXX", mod, anchor), None
    gran = "M" if unit == "bulan" else "W"
    off = {"lalu": -1, "kemarin": -1, "depan": 1, "mendatang": 1}.get(_key(rel or ""), 0)
    if _key(rel or "") == "itu" and ctx.last:
        base, anchor = ctx.last[0], "text"
    elif ctx.dct:
        base, anchor = _shift(ctx.dct, gran, off), "dct"
    else:
        return _out("DATE", "XXXX-XX" if gran == "M" else "XXXX-WXX", mod), None
    value = _fmt(base, gran)
    if gran == "W" and mod == "END":
        return _out("DATE", f"{value}-WE", anchor=anchor), None
    return _out("DATE", value, mod, anchor), None


def _h_clock(m: re.Match[str], ctx: _Context) -> Found:
    hour, minute = int(m["h"] or m["h2"]), int(m["mi"] or m["mi2"] or 0)
    pod = _key(m["pod"] or "")
    if pod in ("sore", "petang", "senja", "malam") and hour < 12 and not (pod == "malam" and hour <= 3):
        hour += 12
    if hour > 24:
        return None
    found = _out("TIME", f"T{hour:02d}:{minute:02d}", _mod(m["mod"], "quantity") or _mod(m["mod"]))
    found["_clock"] = True
    return found, None


def _h_rel_pod(m: re.Match[str], ctx: _Context) -> Found:
    pod = m["pod1"] or m["pod2"] or "malam"
    back = bool(m["semalam"])
    if ctx.dct is None:
        return _out("TIME", "PAST_REF" if back or m["pod2"] else "PRESENT_REF"), None
    day = ctx.dct - timedelta(days=1) if back else ctx.dct
    return _out("TIME", day.isoformat() + _lex()["part_of_day"][_key(pod)], anchor="dct"), (day, "D")


def _weekday(m: re.Match[str], ctx: _Context, target: int, rel: str) -> Found:
    if ctx.dct is None:
        return _out("DATE", f"XXXX-WXX-{target + 1}"), None
    cands = [ctx.dct + timedelta(days=k) for k in range(-7, 8)]
    cands = [c for c in cands if c.weekday() == target]
    if rel in ("lalu", "yang lalu", "kemarin"):
        bias, strict = -1, True
    elif rel in ("depan", "mendatang"):
        bias, strict = 1, True
    elif not rel and target in ctx.named_days:  # "Kamis" after "Kamis (27/11/2014)"
        value, type_ = _with_pod(ctx.named_days[target].isoformat(), "DATE", m.groupdict().get("pod"))
        return _out(type_, value, anchor="text"), (ctx.named_days[target], "D")
    else:
        bias, strict = (1 if rel == "nanti" else ctx.tense(m.start(), m.end()) or -1), False
    day = ctx.pick(cands, m.start(), m.end(), bias, strict)
    value, type_ = _with_pod(day.isoformat(), "DATE", m.groupdict().get("pod"))
    return _out(type_, value, anchor="dct"), (day, "D")


def _h_relative(m: re.Match[str], ctx: _Context) -> Found:
    rel = _key(m["rel"])
    if rel.startswith("minggu ") and m["rel"][0] == "M" and ctx.word_before(m.start()).casefold() in ("pada", "hari"):
        return _weekday(m, ctx, 6, rel.split()[-1])
    unit, off = _lex()["relative"][rel]
    if ctx.dct is None:
        return _out("DATE", "PAST_REF" if off < 0 else "FUTURE_REF" if off > 0 else "PRESENT_REF"), None
    day = _shift(ctx.dct, unit, off)
    value, type_ = _fmt(day, unit), "DATE"
    if unit == "D":
        value, type_ = _with_pod(value, type_, m["pod"])
    return _out(type_, value, anchor="dct"), (day, unit)


def _h_wd(m: re.Match[str], ctx: _Context) -> Found:
    lx = _lex()
    if not m["wd"][0].isupper() and not _key(m.group(0)).startswith("hari "):
        return None
    if ctx.word_before(m.start()).casefold() in lx["weekday_names_not"]["before"]:
        return None
    return _weekday(m, ctx, lx["weekdays"][_key(m["wd"])], _key(m["rel"] or ""))


def _h_set(m: re.Match[str], ctx: _Context) -> Found:
    lx, word, cue = _lex(), _key(m["u"]), _key(m["cue"])
    if word in lx["units"]:
        n = _number(m["n"]) if m["n"] else 1.0
        return _out("SET", _duration(n, _unit(word))), None
    if cue == "per" or m["n"]:
        return None
    if word in lx["weekdays"]:
        return _out("SET", f"XXXX-WXX-{lx['weekdays'][word] + 1}"), None
    if word in lx["months"]:
        return _out("SET", f"XXXX-{_month(word):02d}"), None
    return _out("SET", lx["part_of_day"][word]), None


def _h_nunit(m: re.Match[str], ctx: _Context) -> Found:
    parts = m.groupdict()
    n = _number(parts["n"]) if parts.get("n") else 1.0
    unit, mod, rel = _unit(m["u"]), _mod(m["mod"], "quantity"), _key(m["rel"] or "")
    how = _lex()["unit_relations"].get(rel)
    if how not in (-1, 1):
        return _out("DURATION", _duration(n, unit), mod), None
    if rel in ("sebelumnya", "kemudian", "berikutnya", "setelahnya") and ctx.last:
        base, anchor = ctx.last[0], "text"
    else:
        base, anchor = ctx.dct, "dct"
    code = re.fullmatch(r"(\d*)(\w+)", unit)
    assert code is not None
    steps = None if n is None or n != int(n) else int(n) * int(code[1] or 1)
    if base is None or steps is None or code[2] in ("H", "MIN", "S"):
        return _out("DATE", "PAST_REF" if how < 0 else "FUTURE_REF", mod, anchor if base else None), None
    gran = code[2]
    day = _shift(base, gran, steps * how)
    return _out("DATE", _fmt(day, gran), mod, anchor), (day, gran if gran in _GRAN_ORDER else "Y")


def _h_set_adj(m: re.Match[str], ctx: _Context) -> Found:
    if not m["a"].islower():  # "Harian Kompas": a name
        return None
    return _out("SET", _lex()["sets"]["adjectives"][m["a"]]), None


def _h_vague(m: re.Match[str], ctx: _Context) -> Found:
    return _out("DATE", _lex()["vague"][_key(m["v"])]), None


def _h_dulu(m: re.Match[str], ctx: _Context) -> Found:
    if not m["pre"]:
        before = ctx.text[max(0, m.start() - 3):m.start()].rstrip()
        if not (ctx.word_before(m.start()).casefold() in ("sejak", "dari") or not before or before[-1] in ".,;:\"“(\n"):
            return None
    return _out("DATE", _lex()["vague_dulu"]["value"]), None


def _h_anaphoric(m: re.Match[str], ctx: _Context) -> Found:
    spec = _lex()["anaphoric"][_key(m["a"])]
    gran, off = spec[0], int(spec[1:] or 0)
    if ctx.last:
        base, anchor = ctx.last[0], "text"
        if _GRAN_ORDER.index(gran) < _GRAN_ORDER.index(ctx.last[1]) and not off:
            gran = ctx.last[1]
    elif ctx.dct:
        base, anchor = ctx.dct, "dct"
    else:
        return _out("DATE", "PAST_REF"), None
    day = _shift(base, gran, off)
    return _out("DATE", _fmt(day, gran), anchor=anchor), (day, gran)


_HANDLERS = {
    "wd_num": _h_wd_date, "wd_long": _h_wd_date, "iso_date": _h_day, "num_date": _h_day, "paren_date": _h_day,
    "dmy": _h_dmy, "mdy": _h_day, "quarter": _h_quarter, "quarter_and": _h_quarter_and,
    "year_range": _h_year_range, "decade": _h_decade, "year": _h_year, "month": _h_month, "part": _h_part,
    "clock": _h_clock, "rel_pod": _h_rel_pod, "relative": _h_relative, "wd": _h_wd, "set": _h_set,
    "set_adj": _h_set_adj, "nunit": _h_nunit, "seunit": _h_nunit, "vague": _h_vague, "dulu": _h_dulu,
    "anaphoric": _h_anaphoric,
}


# ---------------------------------------------------------------- public interface

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
    core, scanner, kinds = _regexes()
    ctx = _Context(text, _as_date(dct), sentences)
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
            got = _HANDLERS[hit.lastgroup or ""](m, ctx) if m else None
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


def _clock_days(found: list[dict], ctx: _Context) -> None:
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


# ---------------------------------------------------------------- spaCy component

if not spacy.tokens.Doc.has_extension("dct"):
    spacy.tokens.Doc.set_extension("dct", default=None)
if not spacy.tokens.Doc.has_extension("times"):
    spacy.tokens.Doc.set_extension("times", default=None)


class TimeTagger:
    """spaCy component: ``doc._.times`` from ``doc._.dct``; uses sentences when the pipeline set them."""

    def __init__(self, nlp: Language | None = None, name: str = "warta_times") -> None:
        self.name = name

    def __call__(self, doc: spacy.tokens.Doc) -> spacy.tokens.Doc:
        text = doc_text(doc)
        sents = None
        if len(doc) and doc.has_annotation("SENT_START"):
            marks = doc.to_array([SENT_START, IDX])
            starts = marks[marks[:, 0] == 1, 1].tolist()
            sents = list(zip(starts, [*starts[1:], len(text)], strict=True))
        doc._.times = find_times(text, doc._.dct, sents)
        return doc


@Language.factory("warta_times")
def make_time_tagger(nlp: Language, name: str) -> TimeTagger:
    return TimeTagger(nlp, name)
