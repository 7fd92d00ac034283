"""Furniture patterns, loaded from ``data/furniture.toml`` and compiled once.

Start patterns are matched at the beginning of a line (cheap: one combined ``match``); anywhere
patterns are searched only in short lines, where furniture lives, so long paragraphs cost little.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from warta.resources import load_toml

__all__ = ["Rule", "match_rule", "match_rule_detail"]

ANYWHERE_MAX_WORDS = 30


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str  # drop | end | credit
    reason: str
    start: re.Pattern[str] | None
    anywhere: re.Pattern[str] | None
    max_words: int | None
    whole: bool = False  # the furniture runs to the end of the line it starts
    indonesian: bool = False  # an Indonesian portal's convention: only on pages in Indonesian
    needs: tuple[str, ...] = ()  # lower-case words one of which a line must hold for ``anywhere``


def _compile(pattern: str | None) -> re.Pattern[str] | None:
    return re.compile(pattern, re.IGNORECASE) if pattern else None


@cache
def _rules() -> tuple[list[Rule], re.Pattern[str]]:
    rules = []
    for r in load_toml("furniture.toml")["rule"]:
        rules.append(Rule(r["name"], r["kind"], r["reason"], _compile(r.get("pattern")), _compile(r.get("anywhere")),
                          r.get("max_words"), r.get("whole", False),
                          r.get("lang") == "id", tuple(r.get("needs", ()))))
    starts = [r["pattern"] for r in load_toml("furniture.toml")["rule"] if r.get("pattern")]
    # Named groups ("author") may repeat across rules: the combined pattern only asks "any?".
    combined = "|".join(f"(?:{p})" for p in starts).replace("(?P<author>", "(?:")
    return rules, re.compile(combined, re.IGNORECASE)


def match_rule(line: str, n_words: int, indonesian: bool = True) -> Rule | None:
    """The first furniture rule that matches ``line`` (stripped), or None."""
    found = match_rule_detail(line, n_words, indonesian)
    return found[0] if found else None


def match_rule_detail(line: str, n_words: int, indonesian: bool = True) -> tuple[Rule, re.Match[str]] | None:
    """The first matching rule with its match (whose ``author`` group names a byline's author).
    ``indonesian=False``: the page is in another language, and Indonesian conventions do not apply."""
    if len(line) > _CACHED_CHARS:  # long paragraphs are not worth keeping in the cache
        return _match.__wrapped__(line, n_words, indonesian)
    return _match(line, n_words, indonesian)


_CACHED_CHARS = 1000


@lru_cache(maxsize=8192)  # a page's lines are matched twice (pieces, then verdicts); furniture recurs
def _match(line: str, n_words: int, indonesian: bool) -> tuple[Rule, re.Match[str]] | None:
    rules, any_start = _rules()
    starts = any_start.match(line) is not None
    short = n_words <= ANYWHERE_MAX_WORDS
    if not starts and not short:
        return None
    low = line.casefold() if short else ""
    for rule in rules:
        if (rule.max_words is not None and n_words > rule.max_words) or (rule.indonesian and not indonesian):
            continue
        found = rule.start.match(line) if starts and rule.start is not None else None
        if found is None and short and rule.anywhere is not None and \
                (not rule.needs or any(word in low for word in rule.needs)):
            found = rule.anywhere.search(line)
        if found is not None:
            return rule, found
    return None
