"""Furniture patterns, loaded from ``data/furniture.toml`` and compiled once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.resources import load_toml

__all__ = ["Rule", "match_rule"]


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str  # drop | end | credit
    reason: str
    max_words: int | None


@cache
def _compiled() -> tuple[re.Pattern[str], dict[str, Rule], list[tuple[re.Pattern[str], Rule]]]:
    rules = [Rule(r["name"], r["kind"], r["reason"], r.get("max_words")) for r in load_toml("furniture.toml")["rule"]]
    patterns = [r["pattern"] for r in load_toml("furniture.toml")["rule"]]
    # One alternation finds whether any rule matches (fast path); then rules are tried in order.
    combined = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    each = [(re.compile(p, re.IGNORECASE), rule) for p, rule in zip(patterns, rules, strict=True)]
    return combined, {r.name: r for r in rules}, each


def match_rule(line: str, n_words: int) -> Rule | None:
    """The first furniture rule that matches ``line`` (stripped), or None."""
    combined, _, each = _compiled()
    if not combined.search(line):
        return None
    for pattern, rule in each:
        if (rule.max_words is None or n_words <= rule.max_words) and pattern.search(line):
            return rule
    return None
