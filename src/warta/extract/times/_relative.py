"""Handlers for times relative to the DCT or to the text, and for times that are not dates: clock
times and parts of day, weekdays, relative words ("kemarin", "pekan depan"), durations and sets,
vague and anaphoric expressions.

Each takes the kind's own match and the context; it returns None (not a time here) or the TIMEX3
fields and, for a specific time, (date, granularity) to remember for anaphora.
"""

from __future__ import annotations

import re
from datetime import timedelta

from warta.extract.times._context import Context
from warta.extract.times._lexicon import cue_regexes, key, lex
from warta.extract.times._values import (
    Found,
    duration,
    fmt,
    modifier,
    month_number,
    number,
    shift,
    timex,
    unit_code,
    with_pod,
)

__all__ = ["RELATIVE_HANDLERS"]

_GRAN_ORDER = "DWMQY"


def _h_clock(m: re.Match[str], ctx: Context) -> Found:
    hour, minute = int(m["h"] or m["h2"]), int(m["mi"] or m["mi2"] or 0)
    if m["half"]:  # "setengah 3": half past two
        if minute or not 1 <= hour <= 24:
            return None
        hour, minute = hour - 1, 30
    pod = key(m["pod"] or "")
    if pod in ("sore", "petang", "senja", "malam") and hour < 12 and not (pod == "malam" and hour <= 3):
        hour += 12
    if hour > 24:
        return None
    found = timex("TIME", f"T{hour:02d}:{minute:02d}", modifier(m["mod"], "quantity") or modifier(m["mod"]))
    found["_clock"] = True
    return found, None


def _h_rel_pod(m: re.Match[str], ctx: Context) -> Found:
    pod = m["pod1"] or m["pod2"] or m["pod3"] or "malam"
    # "semalam", "tadi malam": last night, the evening of the day before (told the day after)
    back = bool(m["semalam"]) or (key(pod) == "malam" and (bool(m["pod2"]) or key(m["x"] or "") == "tadi"))
    if ctx.dct is None:
        later = m["pod3"] or key(m["x"] or "") == "nanti"
        return timex("TIME", "PAST_REF" if back or m["pod2"] else "FUTURE_REF" if later else "PRESENT_REF"), None
    day = ctx.dct - timedelta(days=1) if back else ctx.dct
    found = timex("TIME", day.isoformat() + lex()["part_of_day"][key(pod)], anchor="dct")
    found["_deictic"] = (-1 if back else 0, lex()["part_of_day"][key(pod)])
    return found, (day, "D")


def _h_pod_alone(m: re.Match[str], ctx: Context) -> Found:
    """A part of the day alone after a temporal word ("pada malam hari", "sejak pagi", "selepas ashar")
    or before "itu" ("pagi itu"): a time of the day under discussion (its day is found after the scan,
    as a clock time's)."""
    rules, pod = lex()["part_of_day_alone"], key(m["pod"])
    before = ctx.word_before(m.start()).casefold()
    prayer = pod in rules["prayers"]
    if not m["pod"].islower() and not (prayer and m["pod"][1:].islower()):
        return None
    # "malam itu": that night; "pada malam hari": a night of the story; "di pagi hari" alone is a habit
    if not (m["itu"] or before in rules["before"] or (prayer and before in rules["prayer_before"])):
        return None
    found = timex("TIME", lex()["part_of_day"][pod])
    found["_clock"] = True
    return found, None


def _weekday(m: re.Match[str], ctx: Context, target: int, rel: str) -> Found:
    if ctx.dct is None:
        return timex("DATE", f"XXXX-WXX-{target + 1}"), None
    cands = [ctx.dct + timedelta(days=k) for k in range(-7, 8)]
    cands = [c for c in cands if c.weekday() == target]
    if rel in ("lalu", "yang lalu", "kemarin"):
        bias, strict = -1, True
    elif rel in ("depan", "mendatang"):
        bias, strict = 1, True
    elif not rel and target in ctx.named_days:  # "Kamis" after "Kamis (27/11/2014)"
        value, type_ = with_pod(ctx.named_days[target].isoformat(), "DATE", m.groupdict().get("pod"))
        return timex(type_, value, anchor="text"), (ctx.named_days[target], "D")
    elif not rel and cue_regexes()["attribution"].search(ctx.text, max(0, m.start() - 130), m.start()):
        bias, strict = -1, False  # "..., kata X di Bekasi, Selasa": the day it was said
    else:
        bias, strict = (1 if rel == "nanti" else ctx.tense(m.start(), m.end()) or -1), False
    day = ctx.pick(cands, m.start(), m.end(), bias, strict)
    value, type_ = with_pod(day.isoformat(), "DATE", m.groupdict().get("pod"))
    return timex(type_, value, anchor="dct"), (day, "D")


def _h_relative(m: re.Match[str], ctx: Context) -> Found:
    rel = key(m["rel"])
    if rel.startswith("minggu ") and m["rel"][0] == "M" and ctx.word_before(m.start()).casefold() in ("pada", "hari"):
        return _weekday(m, ctx, 6, rel.split()[-1])
    unit, off = lex()["relative"][rel]
    if ctx.dct is None:
        return timex("DATE", "PAST_REF" if off < 0 else "FUTURE_REF" if off > 0 else "PRESENT_REF"), None
    day = shift(ctx.dct, unit, off)
    value, type_ = fmt(day, unit), "DATE"
    if unit == "D":
        value, type_ = with_pod(value, type_, m["pod"])
    found = timex(type_, value, anchor="dct")
    if unit == "D":  # "hari ini" in a quotation dated by its speech: that day (after the scan)
        found["_deictic"] = (off, value[10:])
    return found, (day, unit)


def _h_wd(m: re.Match[str], ctx: Context) -> Found:
    lx = lex()
    if not m["wd"][0].isupper() and not key(m.group(0)).startswith("hari "):
        return None
    before = ctx.word_before(m.start()).casefold()
    if before in lx["weekday_names_not"]["before"]:
        return None
    if before in lx["habitual_weekday"]["before"] and not m["rel"]:  # "khotbah Jumat": every Friday's
        return timex("SET", f"XXXX-WXX-{lx['weekdays'][key(m['wd'])] + 1}"), None
    return _weekday(m, ctx, lx["weekdays"][key(m["wd"])], key(m["rel"] or ""))


def _h_set(m: re.Match[str], ctx: Context) -> Found:
    lx, word, cue = lex(), key(m["u"]), key(m["cue"])
    if cue == "per" and _next_word(ctx, m.end()) in lx["sets"]["not_before"]:
        return None  # "per hari ini": as of today
    if not m["n"] and word in lx["weekdays"] and m["u"][0].isupper():  # "saban Minggu": Sundays, not weeks
        return timex("SET", f"XXXX-WXX-{lx['weekdays'][word] + 1}"), None
    if not m["n"] and word in lx["part_of_day"] and cue != "per":  # "setiap malam": every night
        return timex("SET", "XXXX-XX-XX" + lx["part_of_day"][word]), None
    if word in lx["units"]:
        n = number(m["n"]) if m["n"] else 1.0
        return timex("SET", duration(n, unit_code(word))), None
    if cue == "per" or m["n"]:
        return None
    if word in lx["weekdays"]:
        return timex("SET", f"XXXX-WXX-{lx['weekdays'][word] + 1}"), None
    if word in lx["months"]:
        return timex("SET", f"XXXX-{month_number(word):02d}"), None
    return timex("SET", "XXXX-XX-XX" + lx["part_of_day"][word]), None


_FOR = ("selama", "dalam", "untuk")  # "selama lima tahun mendatang": a stretch of time, not a date


def _next_word(ctx: Context, pos: int) -> str:
    m = re.match(r"[ \t\xa0]+(\w+)", ctx.text[pos:pos + 20])
    return m[1].casefold() if m else ""


def _h_nunit(m: re.Match[str], ctx: Context) -> Found:
    parts = m.groupdict()
    if parts.get("n") and re.fullmatch(r"\d{4,}", parts["n"]):
        return None  # Indonesian writes counts from a thousand as "6.000": "Nokia 3310 tahun lalu" is a name
    if parts.get("n") and cue_regexes()["ordinal_before"].search(ctx.text, max(0, m.start() - 3), m.start()):
        return None  # "HUT ke-14 tahun ini": an ordinal, then "tahun ini"
    n = number(parts["n"]) if parts.get("n") else 1.0
    unit, mod, rel = unit_code(m["u"]), modifier(m["mod"], "quantity"), key(m["rel"] or "")
    how = lex()["unit_relations"].get(rel)
    if how == 1 and rel not in ("kemudian", "setelahnya", "lagi") and ctx.word_before(m.start()).casefold() in _FOR:
        how = None
    if how not in (-1, 1):
        return timex("DURATION", duration(n, unit), mod), None
    if rel in ("sebelumnya", "kemudian", "berikutnya", "setelahnya") and ctx.last:
        base, anchor = ctx.last[0], "text"
    else:
        base, anchor = ctx.dct, "dct"
    code = re.fullmatch(r"(\d*)(\w+)", unit)
    assert code is not None
    steps = None if n is None or n != int(n) else int(n) * int(code[1] or 1)
    if base is None or steps is None or code[2] in ("H", "MIN", "S"):
        return timex("DATE", "PAST_REF" if how < 0 else "FUTURE_REF", mod, anchor if base else None), None
    gran = code[2]
    try:
        day = shift(base, gran, steps * how)
    except (ValueError, OverflowError):  # before year 1 or after 9999: "6.000 tahun yang lalu"
        return timex("DATE", "PAST_REF" if how < 0 else "FUTURE_REF", mod, anchor), None
    return timex("DATE", fmt(day, gran), mod, anchor), (day, gran if gran in _GRAN_ORDER else "Y")


def _h_set_adj(m: re.Match[str], ctx: Context) -> Found:
    if not m["a"].islower():  # "Harian Kompas": a name
        return None
    value = lex()["sets"]["adjectives"][m["a"]]
    n = number(m["n"]) if m["n"] else None
    if n is not None and n == int(n):  # "lima tahunan": every five years
        value = f"P{int(n)}{value[2:]}"
    return timex("SET", value), None


def _h_season(m: re.Match[str], ctx: Context) -> Found:
    code = lex()["seasons"][key(m["s"])]
    if ctx.word_before(m.start()).casefold() in ("setiap", "tiap", "saban"):
        return timex("SET", f"XXXX-{code}"), None
    if m["y"]:
        return timex("DATE", f"{m['y']}-{code}"), None
    if ctx.dct is None:
        return timex("DATE", f"XXXX-{code}"), None
    word = key(m["yi"] or "ini").split()[-1]
    year = ctx.dct.year + {"lalu": -1, "kemarin": -1, "depan": 1, "mendatang": 1}.get(word, 0)
    return timex("DATE", f"{year:04d}-{code}", anchor="dct"), None


def _h_vague_dur(m: re.Match[str], ctx: Context) -> Found:
    return timex("DURATION", lex()["vague_durations"][key(m["v"])]), None


def _h_vague(m: re.Match[str], ctx: Context) -> Found:
    return timex("DATE", lex()["vague"][key(m["v"])]), None


def _h_dulu(m: re.Match[str], ctx: Context) -> Found:
    if not m["pre"]:
        before = ctx.text[max(0, m.start() - 3):m.start()].rstrip()
        if not (ctx.word_before(m.start()).casefold() in ("sejak", "dari") or not before or before[-1] in ".,;:\"“(\n"):
            return None
    return timex("DATE", lex()["vague_dulu"]["value"]), None


def _h_anaphoric(m: re.Match[str], ctx: Context) -> Found:
    spec = lex()["anaphoric"][key(m["a"])]
    gran, off = spec[0], int(spec[1:] or 0)
    if gran == "D" and ctx.last_day is not None and ctx.last and ctx.last[1] != "D":
        # "pada 15 Desember … sejak tahun 2014. … pada hari yang sama": the day, not the year since
        base, anchor = ctx.last_day, "text"
    elif ctx.last:
        base, anchor = ctx.last[0], "text"
        if _GRAN_ORDER.index(gran) < _GRAN_ORDER.index(ctx.last[1]) and not off:
            gran = ctx.last[1]
    elif ctx.dct:
        base, anchor = ctx.dct, "dct"
    else:
        return timex("DATE", "PAST_REF"), None
    day = shift(base, gran, off)
    return timex("DATE", fmt(day, gran), anchor=anchor), (day, gran)


def _h_day_hours(m: re.Match[str], ctx: Context) -> Found:
    """"3x24 jam": three days of 24 hours, a duration (PT72H)."""
    return timex("DURATION", f"PT{int(m['k']) * 24}H"), None


RELATIVE_HANDLERS = {
    "day_hours": _h_day_hours,
    "clock": _h_clock, "rel_pod": _h_rel_pod, "relative": _h_relative, "wd": _h_wd, "set": _h_set,
    "set_adj": _h_set_adj, "nunit": _h_nunit, "seunit": _h_nunit, "vague": _h_vague, "dulu": _h_dulu,
    "anaphoric": _h_anaphoric, "pod_alone": _h_pod_alone, "season": _h_season, "vague_dur": _h_vague_dur,
}
