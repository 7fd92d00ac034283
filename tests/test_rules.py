"""Furniture patterns on lines as portals print them (cases in tests/cases/furniture.toml)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from warta.clean.features import words
from warta.clean.rules import match_rule

CASES = tomllib.loads((Path(__file__).parent / "cases" / "furniture.toml").read_text(encoding="utf-8"))
REMOVED = [(group["rule"], line) for group in CASES["removed"] for line in group["lines"]]


@pytest.mark.parametrize(("rule", "line"), REMOVED, ids=[f"{r}:{line[:30]}" for r, line in REMOVED])
def test_furniture_line_is_matched_by_its_rule(rule: str, line: str) -> None:
    found = match_rule(line, len(words(line)))
    assert found is not None, f"no rule matched {line!r}"
    assert found.name == rule


@pytest.mark.parametrize("line", CASES["kept"]["lines"])
def test_article_text_matches_no_rule(line: str) -> None:
    assert match_rule(line, len(words(line))) is None
