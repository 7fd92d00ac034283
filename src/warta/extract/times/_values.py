"""TIMEX3 values: calendar arithmetic, numbers in digits or words, durations, and the small
lookups (modifiers, months, parts of day) every handler shares."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from warta.extract.times._lexicon import key, lex

__all__ = ["Found", "shift", "fmt", "number", "duration", "unit_code", "timex", "modifier", "month_number",
           "with_pod"]

# A handler's result: None (not a time here) or the TIMEX3 fields and, for a specific time,
# (date, granularity) to remember for anaphora.
Found = tuple[dict[str, Any], tuple[date, str] | None] | None


def shift(d: date, unit: str, n: int) -> date:
    if unit == "D":
        return d + timedelta(days=n)
    if unit == "W":
        return d + timedelta(weeks=n)
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit] * n
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, 1)


def fmt(d: date, gran: str) -> str:
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


def number(s: str) -> float | None:
    """'24' → 24, '1,5' → 1.5, 'dua belas' → 12, 'tiga puluh lima' → 35, 'seratus' → 100; vague → None."""
    s = key(s)
    if s[0].isdigit():
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
            return float(s.replace(".", ""))
        return float(s.replace(",", "."))
    nums = lex()["numbers"]
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
    return 10 + n if mult == "belas" else n * lex()["numbers"]["multipliers"][mult]


def _num_text(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def duration(n: float | None, unit: str) -> str:
    """ISO 8601 duration: 3, 'M' (bulan) → P3M; 24, 'H' → PT24H; clock units take the T."""
    lead, letter = ("PT", unit) if unit in ("H", "MIN", "S") else ("P", unit)
    if letter == "MIN":
        letter = "M"
    m = re.fullmatch(r"(\d+)(\w+)", letter)
    if m:  # windu = 8Y, semester = 6M
        letter = m[2]
        n = None if n is None else n * int(m[1])
    return f"{lead}{'X' if n is None else _num_text(n)}{letter}"


def unit_code(word: str) -> str:
    w = key(word)
    code = lex()["units"][w]
    return "MIN" if w == "menit" else code


def timex(type_: str, value: str, mod: str | None = None, anchor: str | None = None) -> dict[str, str]:
    r = {"type": type_, "value": value}
    if mod:
        r["mod"] = mod
    if anchor:
        r["anchor"] = anchor
    return r


def modifier(word: str | None, table: str = "point") -> str | None:
    return lex()["modifiers"][table].get(key(word)) if word else None


def month_number(word: str) -> int:
    return int(word) if word.isdigit() else lex()["months"][key(word).rstrip(".")]


def _pod(word: str | None) -> str | None:
    return lex()["part_of_day"].get(key(word)) if word else None


def with_pod(value: str, type_: str, pod: str | None) -> tuple[str, str]:
    suffix = _pod(pod)
    if suffix and len(value) == 10:
        return f"{value}{suffix}", "TIME"
    return value, type_
