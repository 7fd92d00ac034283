"""Golden pages: real article text in the furniture each portal prints (tests/golden/<case>/).

Each case has input.txt or input.html and expect.json with the metadata warta must find and
snippets the body must and must not contain. The seed pages are scored the same way with the
shared scorer by the before-stop hook; these cases need nothing outside the repository.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from warta.article import RawPage
from warta.ingest import iter_pages
from warta.pipeline import analyze_page

from .conftest import GOLDEN

CASES = sorted(p.parent for p in GOLDEN.glob("*/expect.json"))


def _norm(text: str) -> str:
    return " ".join(text.split())


def _analyze(case: Path):  # type: ignore[no-untyped-def]
    (page,) = [p for p in iter_pages([str(next(case.glob("input.*")))])]
    assert isinstance(page, RawPage), str(page)
    return analyze_page(page)


def _accepts(expected: object, value: str | None) -> bool:
    if expected is None:
        return value is None
    options = expected if isinstance(expected, list) else [expected]
    return value is not None and any(_norm(value).casefold() == _norm(str(o)).casefold() for o in options)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_page(case: Path) -> None:
    expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
    article = _analyze(case)
    body = _norm(article.body)
    for snippet in expect.get("must_contain", []):
        assert _norm(snippet) in body, f"lost from the body: {snippet!r}"
    for snippet in expect.get("must_not_contain", []):
        assert _norm(snippet) not in body, f"furniture left in the body: {snippet!r}"
    if expect.get("body_starts_with"):
        assert body.startswith(_norm(expect["body_starts_with"])), body[:120]
    if expect.get("body_ends_with"):
        assert body.endswith(_norm(expect["body_ends_with"])), body[-120:]
    if expect.get("unchanged"):
        source = next(case.glob("input.*")).read_text(encoding="utf-8")
        assert article.body == "\n".join(line.strip() for line in source.splitlines() if line.strip())
    for field in ("outlet", "dateline", "title", "author"):
        if field in expect:
            assert _accepts(expect[field], getattr(article, field)), f"{field}: {getattr(article, field)!r}"
    if "published" in expect:
        assert article.published == expect["published"]
        if expect["published"] and "published_estimated" in expect:
            assert article.published_estimated == expect["published_estimated"]


def test_there_are_golden_pages_from_many_outlets() -> None:
    outlets = set()
    for case in CASES:
        expect = json.loads((case / "expect.json").read_text(encoding="utf-8"))
        if expect.get("outlet"):
            outlets.add(re.sub(r"\W", "", str(expect["outlet"][0] if isinstance(expect["outlet"], list)
                                              else expect["outlet"]).casefold()))
    assert len(CASES) >= 14 and len(outlets) >= 12
