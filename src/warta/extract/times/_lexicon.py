"""The lexicons (``warta/data/timex.toml``, ``calendar.toml``) and the patterns compiled from them.

Everything here is built once per process and cached: the word tables, each kind of expression as
its own pattern, the one combined scanner, the core-word finder and the cue patterns (tense,
sentence ends, coordinated quarters).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from warta.resources import load_toml

__all__ = ["lex", "key", "regexes", "cue_regexes"]

_S = r"[ \t\xa0]+"  # space inside one expression: never a line break
_S0 = r"[ \t\xa0]*"
_Y4 = r"(?:1[89]|20)\d\d"
_SHORT_KEEP = {"mei", "juni", "juli", "may", "june", "july"}


@cache
def lex() -> dict[str, Any]:
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


def key(s: str) -> str:
    return " ".join(s.casefold().split())


def _number_source(nums: dict[str, Any]) -> str:
    """A count in digits or words ("24", "1,5", "dua belas", "seratus", "beberapa")."""
    base = _alt(k for k, v in nums["units"].items() if isinstance(v, int) and v < 10)
    mult = _alt(nums["multipliers"])
    numw = (rf"(?:(?:{base}){_S}(?:{mult})(?:{_S}(?:{base})(?:{_S}belas)?)?|{_cased('se')}(?:{mult})(?:{_S}(?:{base}))?"
            rf"|{_alt(nums['units'])})")
    return rf"(?:\d+(?:[.,]\d+)?|{numw}|{_alt(['beberapa', 'puluhan', 'belasan', 'ratusan'])})"


@cache
def _sources() -> dict[str, str]:
    """Each kind of expression as a pattern with named parts, in the order the scan tries them."""
    lx = lex()
    mon, wd = _alt(lx["months"]), _alt(k for k in lx["weekdays"] if len(k) > 3)
    monf = _alt(k for k in lx["months"] if k not in lx["short_months"])
    pod, pmod, qmod = _alt(lx["part_of_day"]), _alt(lx["modifiers"]["point"]), _alt(lx["modifiers"]["quantity"])
    units, urel = _alt(lx["units"]), _alt(lx["unit_relations"])
    num = _number_source(lx["numbers"])
    yrel = rf"tahun{_S}(?:ini|lalu|depan|itu|kemarin|mendatang)"
    tod = rf"(?:{_S}(?P<pod>{pod})(?:nya)?(?:{_S}hari)?(?:{_S}(?:WIB|WITA|WIT))?)?"  # "jam 9 malamnya"
    wdrel = rf"lalu|yang{_S}lalu|kemarin|depan|mendatang|ini|nanti"
    ords = _alt(list(lx["ordinals"]) + ["satu", "dua", "tiga", "empat", "II", "III", "IV"])  # "kuartal III-2025"
    hari, tahun = _cased("hari"), _cased("tahun")
    paren = rf"\({_S0}(?P<d>\d{{1,2}}){_S0}/{_S0}(?P<m>\d{{1,2}})(?:{_S0}/{_S0}(?P<y>\d{{4}}|\d\d))?{_S0}\)"
    return {
        # "Rabu (5/11)", "Kamis pagi (6/11/2025)"
        "wd_num": rf"(?:{hari}{_S})?(?P<wd>{wd})(?:{_S}(?P<pod0>{pod}))?{_S0},?{_S0}{paren}{tod}",
        "wd_long": rf"(?:{hari}{_S})?(?P<wd>{wd}){_S0},?{_S}(?:tanggal{_S})?(?P<d>\d{{1,2}}){_S}(?P<m>{mon})"
                   rf"(?:{_S}(?P<y>{_Y4}))?{tod}",
        "iso_date": rf"(?P<y>{_Y4})-(?P<m>\d\d)-(?P<d>\d\d)",
        "num_date": rf"(?P<d>\d{{1,2}})(?:/(?P<m>\d{{1,2}})/|-(?P<m2>\d{{1,2}})-)(?P<y>{_Y4})",
        "paren_date": r"(?<=\()(?P<d>\d{1,2})/(?P<m>\d{1,2})(?=\))",
        # "Lebaran 2017", "H-1 Lebaran", "Natal", "Idul Fitri" (names in any case: "mudik lebaran")
        "holiday": rf"(?:H{_S0}(?P<sign>[-+]){_S0}(?P<off>\d{{1,2}}){_S})?"
                   rf"(?P<name>(?i:{_alt(lx['holidays'])}))(?![\w'])(?:{_S}(?P<y>{_Y4}))?",
        # "abad ke-13", "abad XXI", "awal abad ke-20": a century (TimeML: its first two digits, "12")
        "century": rf"(?:(?P<mod>{pmod}){_S})?{_cased('abad')}{_S}(?:(?:ke{_S0}-{_S0}|ke{_S})(?P<n>\d{{1,2}})"
                   rf"|(?P<roman>[IVX]{{1,5}})(?![\w-]))",
        # a bare "H-3", "H+2": days from the holiday in question (after "holiday": "H-1 Lebaran" is one)
        "day_count": rf"(?<![\w-])H{_S0}(?P<sign>[-+]){_S0}(?P<off>\d{{1,2}})(?![\w-])",
        # "bulan Ramadan", "Ramadhan 2017", "bulan suci Ramadan ini": the fasting month, a span of days
        "ramadan": rf"(?:{_cased('bulan')}{_S}(?:suci{_S})?)?(?P<name>[Rr]amad(?:h)?an)(?![\w'])"
                   rf"(?:{_S}(?:tahun{_S})?(?P<y>{_Y4})|{_S}(?P<rel>(?:tahun{_S})?(?:ini|lalu|mendatang|depan)|nanti)\b)?",
        "dmy": rf"(?P<d>\d{{1,2}})(?:(?:{_S0}[-–]{_S0}|{_S}(?:hingga|sampai(?:{_S}dengan)?|s\.d\.?){_S})"
               rf"(?P<d2>\d{{1,2}}))?{_S}(?P<m>{mon})"
               rf"(?:{_S}(?:tahun{_S})?(?P<y>{_Y4})|{_S}(?:(?P<yn>\d{{1,2}}|{_alt(lx['numbers']['units'])}){_S})?"
               rf"(?P<yi>{yrel}))?(?:{_S}(?P<rel>lalu|yang{_S}lalu|silam|mendatang|depan|ini))?",
        "mdy": rf"(?P<m>{monf}){_S}(?P<d>\d{{1,2}}),{_S}(?P<y>{_Y4})",
        "quarter": rf"(?P<u>{_alt(['kuartal', 'triwulan', 'semester', 'paruh'])})(?:{_S}ke-?|{_S})(?P<n>{ords}|[1-4])"
                   rf"(?:{_S0}(?:[-/]|{_S}tahun{_S}|{_S})(?P<y>{_Y4})|{_S}(?P<yi>{yrel}|ini))?",
        "quarter_and": rf"(?<=dan{_S[:-1]})(?P<n>{ords}){_S}(?P<yi>{yrel})",
        "year_range": rf"(?:(?P<mod>{pmod}){_S})?(?:{tahun}{_S})?(?P<y1>{_Y4}){_S0}[-–/]{_S0}"
                      rf"(?P<y2>{_Y4}|\d\d)(?!\d|[.,]\d)",
        "decade": rf"(?:(?P<mod>{pmod}){_S})?(?:(?P<tahun>{tahun}){_S})?(?:(?P<y>1[89]\d0|20\d0)|'?(?P<yy>\d0))"
                  rf"(?:{_S0}-{_S0})?an(?!\w)",
        "year": rf"(?:(?P<mod>{pmod}){_S})?(?:(?P<tahun>{tahun}){_S})?(?<![\d.,/])(?P<y>{_Y4})(?![.,]\d|-\d)"
                rf"(?:{_S}(?P<rel>ini|lalu|silam|mendatang))?",
        "month": rf"(?:(?P<mod>{pmod}){_S})?(?:(?P<bulan>{_cased('bulan')}){_S})?(?P<m>{monf})"
                 rf"(?:{_S0}[-–]{_S0}(?P<m2>{monf}))?"
                 rf"(?:,?{_S}(?:tahun{_S})?(?P<y>{_Y4})|{_S}(?P<yi>{yrel}))?"
                 rf"(?:{_S}(?P<rel>lalu|yang{_S}lalu|ini|itu|mendatang|depan|kemarin|silam))?",
        "part": rf"(?P<mod>{pmod}){_S}(?P<u>tahun|bulan|pekan|minggu)"
                rf"(?:{_S}(?P<rel>ini|lalu|depan|mendatang|itu|kemarin))?",
        # "pukul 10.00 WIB", "jam setengah 3 subuh" (2.30), "4.37 dini hari", "18.30 waktu setempat"
        "clock": rf"(?:(?P<mod>{_alt(['sekitar', 'sekira', 'kira-kira', 'hampir', 'lebih dari'])}){_S})?"
                 rf"(?:(?:{_alt(['pukul', 'jam'])}){_S}(?:(?P<half>setengah){_S})?(?P<h>\d{{1,2}})"
                 rf"(?:[.:](?P<mi>[0-5]\d))?(?:[.:][0-5]\d)?"
                 rf"|(?P<h2>\d{{1,2}})[.:](?P<mi2>[0-5]\d)"
                 rf"(?={_S0}(?:(?i:WIB|WITA|WIT)|waktu{_S}setempat|dini{_S}hari|pagi|siang|sore|malam|subuh)\b))"
                 rf"(?:{_S0}(?P<tz>(?i:WIB|WITA|WIT)|GMT|UTC|waktu{_S}setempat))?{tod}",
        "rel_pod": rf"(?P<pod1>{pod})(?:{_S}hari)?{_S}(?P<x>ini|tadi|nanti)|{_cased('tadi')}{_S}(?P<pod2>{pod})"
                   rf"|{_cased('nanti')}{_S}(?P<pod3>{pod})|(?P<semalam>{_cased('semalam')})",
        "relative": rf"(?P<rel>{_alt(lx['relative'])}){tod}",
        "wd": rf"(?:{hari}{_S})?(?P<wd>{wd}){tod}(?:{_S}(?P<rel>{wdrel}))?",
        "set": rf"(?P<cue>{_alt(lx['sets']['cues'])}){_S}(?:(?P<n>{num}){_S})?(?:hari{_S})?"
               rf"(?P<u>{units}|{wd}|{monf}|{pod})(?:nya)?",
        # "1x24 jam", "3 x 24 jam": police and court deadlines in days of 24 hours
        "day_hours": rf"(?P<k>\d{{1,2}}){_S0}[xX×]{_S0}24{_S}jam",
        "nunit": rf"(?:(?P<mod>{qmod}){_S})?(?P<n>{num})(?:{_S0}\({_S0}{num}{_S0}\))?{_S}(?P<u>{units})(?!-)"
                 rf"(?:{_S}(?P<rel>{urel}))?",
        "seunit": rf"(?:(?P<mod>{qmod}){_S})?{_cased('se')}(?P<u>{units})(?!-)(?:{_S}(?P<rel>{urel}))?",
        "set_adj": rf"(?:(?P<n>{num}){_S})?(?P<a>{_alt(lx['sets']['adjectives'])})",
        "season": rf"{_cased('musim')}{_S}(?P<s>{_alt(lx['seasons'])})"
                  rf"(?:{_S}(?P<yi>{yrel}|ini|lalu|depan|mendatang)|{_S}(?P<y>{_Y4}))?",
        "vague_dur": rf"(?P<v>{_alt(lx['vague_durations'])})",
        "vague": rf"(?P<v>{_alt(lx['vague'])})",
        "dulu": rf"(?:(?P<pre>{_alt(lx['vague_dulu']['after'])}){_S})?(?:{_alt(['dulu', 'dahulu'])})",
        "anaphoric": rf"(?P<a>{_alt(lx['anaphoric'])})",
        "pod_alone": rf"(?P<pod>{pod})(?P<hari>{_S}hari)?(?P<itu>{_S}itu)?",
    }


def _wrap(src: str) -> str:
    return rf"(?<!\w)(?:{src})(?!\w)"


@cache
def regexes() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, re.Pattern[str]]]:
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
    lx = lex()
    words = set(lx["months"]) | {k for k in lx["weekdays"] if len(k) > 3} | set(lx["units"])
    words |= set(lx["part_of_day"]) | set(lx["sets"]["adjectives"]) | {"musim"}
    words |= {"paruh", "tadi", "dulu", "dahulu", "pukul", "WIB", "WITA", "WIT", "setempat", "ramadan", "ramadhan",
              "H", "abad"}
    words |= set(lx["holiday_context"]["core"])  # "natal", "fitri", "lebaran"
    for table in ("relative", "anaphoric"):
        words |= {w for phrase in lx[table] for w in phrase.split()}
    words -= {"ke", "yang", "akan", "ini", "itu", "lalu", "hari"} - set(lx["units"])
    # vague phrases whole: their words ("saat", "masa", "beberapa") are too common to wake the scanner
    words |= {phrase.replace(" ", "\x00") for table in ("vague", "vague_durations") for phrase in lx[table]}
    by_letter: dict[str, list[str]] = {}
    for w in words:
        by_letter.setdefault(w[0], []).append(w[1:])
    def tails(rest: list[str]) -> str:  # a space inside a phrase was written as \x00
        return "|".join(re.escape(r).replace(chr(0), _S) for r in sorted(rest, key=len, reverse=True))

    trie = "|".join(f"[{c.upper()}{c}](?:{tails(rest)})" for c, rest in sorted(by_letter.items()))
    # digits are core only as a year or a day/month pair: "5 Mei", "24 jam", "10.00 WIB" have other core words
    return re.compile(rf"(?<!\w)(?:{_Y4}|\d{{1,2}}[/-]\d{{1,2}}|(?:[Ss]e)?(?:{trie})(?:nya)?)(?!\w)")


@cache
def cue_regexes() -> dict[str, re.Pattern[str]]:
    lx = lex()
    ords = _alt(list(lx["ordinals"]) + ["satu", "dua", "tiga", "empat"])
    return {
        "tense": re.compile(rf"\b(?:(?P<f>{_alt(lx['tense']['future'])})|(?P<p>{_alt(lx['tense']['past'])}))\b", re.I),
        "sentence": re.compile(r"[.!?][\"”’')]*\s+|\n"),
        "word_before": re.compile(r"([^\W\d_]+)[^\w\n]{0,2}$"),
        "coordinated": re.compile(rf"{_S}(?:dan|hingga|sampai|-){_S}(?:kuartal{_S}|triwulan{_S})?(?:{ords}){_S}"
                                  rf"(?:(?P<y>{_Y4})|(?P<yi>tahun{_S}(?:ini|lalu|depan|mendatang)))", re.I),
        # "Januari [hingga Oktober 2025]": a range's end with the year its start lacks
        "month_until": re.compile(rf"{_S}(?:hingga|sampai(?:{_S}dengan)?|s\.d\.?|-|–){_S}(?:bulan{_S})?"
                                  rf"(?P<m>{_alt(m for m in lx['months'] if m not in lx['short_months'])}){_S}"
                                  rf"(?:tahun{_S})?(?P<y>{_Y4})\b"),
        "quarter_before": re.compile(rf"(?:kuartal|triwulan|semester|paruh){_S}\S+{_S}dan{_S}$", re.I),
        "document": _document_regex(lx["documents"]),
        "ordinal_before": re.compile(r"\bke[-\s]?$", re.I),
        "quotation": re.compile(r"[“\"][^“”\"\n]{2,}[”\"]"),
        # "..., kata X di Y, [Selasa]": an attribution verb, then no quotation or sentence end, then a comma
        "attribution": re.compile(rf"\b(?:{_alt(lx['attribution']['verbs'])})(?:nya)?\b[^.!?\"“”\n]{{0,100}},{_S0}$",
                                  re.I),
    }


def _document_regex(docs: dict[str, list[str]]) -> re.Pattern[str]:
    """The name or number of a law or document up to its year: "UU Nomor 7 Tahun 2017", "Perpres 12/2025",
    "UUD 1945", "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945", "Nomor 19 Tahun 2023"."""
    # a hyphen may stand between spaces in scraped text ("Undang - undang Dasar 1945")
    heads = "|".join(re.escape(h).replace(r"\ ", _S).replace(r"\-", rf"{_S0}-{_S0}")
                     for h in sorted(docs["heads"], key=len, reverse=True))
    nums = "|".join(re.escape(n) for n in sorted(docs["numbers"], key=len, reverse=True))
    number = rf"(?:{nums})(?![a-z]){_S0}[\w./-]*\w{_S}"  # not "November"
    name = rf"(?:{_S}(?:[A-Z][\w-]*|tentang|dan)){{0,8}}?"  # "Dasar Negara Republik Indonesia", "KPU RI"
    return re.compile(rf"(?<!\w)(?:(?:{heads}){name}{_S}(?:{number})?|{number})(?:[Tt]ahun{_S})?"
                      rf"(?:\d{{1,4}}{_S0}/{_S0})?{_Y4}(?!\d)")
