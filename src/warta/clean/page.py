"""Line-by-line cleaning of one page's text (see the package docstring for the steps)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from warta.article import RemovedLine
from warta.clean.features import ends_sentence, is_sentence, is_title_like, words
from warta.clean.rules import match_rule
from warta.meta.dates import header_date, is_date_line
from warta.meta.outlets import Dateline, match_dateline

__all__ = ["CleanResult", "LineCounts", "clean_text", "line_key"]

HEADER_SCAN = 12  # the dateline is looked for among this many first lines ...
MAX_LEAD_SENTENCES = 2  # ... after at most this many lines of running text (standfirst, teaser)
RECUR_MIN_DOCS = 3  # a line seen in this many other pages of one outlet is furniture
RECUR_MAX_WORDS = 40  # ... unless it is a long paragraph (syndicated copies share those)

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*–·▪]\s)")
# Lines of results and records (scores "21 - 13", times "1:47.394", labels "XD: ...") make a list.
_RECORD = re.compile(r"\d+\s*[-–:/]\s*\d+|^[A-Z]{1,4}\s*:")
CANDIDATE = ("title?", "fragment?")
_AUTHOR_AFTER = re.compile(r"^[^:|,]*(?:[:|]|,)\s*(?P<name>[^,|()]{3,60}?)\s*(?:[,|(]|$)")


def line_key(line: str) -> str:
    """The normalised form under which a line's recurrence is counted."""
    return _DIGITS.sub("0", _SPACE.sub(" ", line.strip().casefold()))


@dataclass(slots=True)
class CleanResult:
    body: str
    title: str | None = None
    description: str | None = None
    author: str | None = None
    dateline: Dateline | None = None
    header_date: date | None = None
    removed: list[RemovedLine] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # line keys of the page, for corpus statistics


@dataclass(slots=True)
class _Line:
    no: int
    text: str
    tokens: list[str]
    verdict: str = "keep"  # keep | drop | end | title? | fragment? (the last two decided by context)
    rule: str = ""
    reason: str = ""


Recurrence = Callable[[str], int]


class LineCounts(Protocol):
    def counter(self, outlet: str) -> Recurrence: ...


def clean_text(text: str, stats: LineCounts | None = None, outlet: str | None = None) -> CleanResult:
    """Clean one page's text.

    ``stats.counter(outlet)(key)`` says in how many stored pages of the outlet a line occurs; the
    outlet is ``outlet`` when given, else the one the dateline names.
    """
    lines = [_Line(no, s, words(s)) for no, raw in enumerate(text.splitlines(), start=1) if (s := raw.strip())]
    result = CleanResult(body="", keys=[line_key(line.text) for line in lines])
    start = _find_dateline(lines, result)
    outlet = outlet or (result.dateline.outlet if result.dateline else None)
    recurrence = stats.counter(outlet) if stats is not None and outlet else None
    scraped = start > 0 or result.dateline is not None
    header, body = lines[:start], lines[start:]
    for line in lines:
        _classify(line, recurrence)
    scraped = scraped or any(line.verdict == "drop" for line in body)
    if start == 0 and scraped:
        header, body = _leading_header(body)
    _read_header(header, result)
    _apply_tail(body)
    _decide_titles(body)
    for line in header + body:
        if line.verdict != "keep":
            result.removed.append(RemovedLine(line.no, line.text, line.rule, line.reason))
        if line.rule == "credit" or (line.verdict == "drop" and line.rule.startswith("credit")):
            result.author = result.author or _author(line.text)
    result.removed.sort(key=lambda r: r.line_no)
    result.body = "\n".join(line.text for line in body if line.verdict == "keep")
    return result


def _find_dateline(lines: list[_Line], result: CleanResult) -> int:
    """Index of the line that opens with a dateline, or 0. Only header lines may precede it: at
    most MAX_LEAD_SENTENCES running-text lines (a standfirst), and it is no furniture line."""
    sentences = 0
    for index, line in enumerate(lines[:HEADER_SCAN]):
        found = match_dateline(line.text)
        if found and len(words(line.text[len(found.prefix):])) >= 4 \
                and match_rule(line.text, len(line.tokens)) is None:
            result.dateline = found
            result.removed.append(RemovedLine(line.no, found.prefix.strip(), "dateline",
                                              "dateline (place and outlet) opening the article"))
            line.text = line.text[len(found.prefix):]
            line.tokens = words(line.text)
            return index
        if is_sentence(line.text, line.tokens):
            sentences += 1
            if sentences > MAX_LEAD_SENTENCES:
                break
    return 0


def _classify(line: _Line, recurrence: Recurrence | None) -> None:
    rule = match_rule(line.text, len(line.tokens))
    if rule is not None:
        line.verdict, line.rule, line.reason = ("end" if rule.kind == "end" else "drop"), rule.name, rule.reason
        if rule.kind == "credit":
            line.rule = f"credit:{rule.name}"
        return
    if recurrence is not None and len(line.tokens) <= RECUR_MAX_WORDS:
        seen = recurrence(line_key(line.text))
        if seen >= RECUR_MIN_DOCS:
            line.verdict, line.rule = "drop", "recurring"
            line.reason = f"recurs in {seen} other pages of this outlet (page furniture)"
            return
    if is_title_like(line.text, line.tokens):
        line.verdict = "title?"
    elif len(line.tokens) < 4 and not ends_sentence(line.text):
        line.verdict = "fragment?"


def _leading_header(body: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """Without a dateline: leading non-paragraph lines of a scraped page are its header."""
    for index, line in enumerate(body[:HEADER_SCAN]):
        if line.verdict == "keep" and is_sentence(line.text, line.tokens) and not is_date_line(line.text):
            return body[:index], body[index:]
    return [], body


def _read_header(header: list[_Line], result: CleanResult) -> None:
    texts = [line.text for line in header]
    result.header_date = header_date(texts)
    for line in header:
        if line.verdict in ("drop", "end"):
            line.verdict = "drop"
            continue
        if is_date_line(line.text):
            line.verdict, line.rule, line.reason = "drop", "date-line", "publication date line in the header"
        elif result.title is None and is_title_like(line.text, line.tokens):
            result.title = line.text
            line.verdict, line.rule, line.reason = "drop", "title", "headline, moved to title"
        elif result.title is not None and result.description is None and is_sentence(line.text, line.tokens):
            result.description = line.text
            line.verdict, line.rule, line.reason = "drop", "description", "standfirst, moved to description"
        else:
            line.verdict, line.rule, line.reason = "drop", "header", "page header line before the article"


def _apply_tail(body: list[_Line]) -> None:
    """After an end-of-article marker that follows kept text, the rest of the page is furniture."""
    seen_text = False
    end_at: _Line | None = None
    for line in body:
        if end_at is not None:
            if line.verdict == "end":
                line.verdict = "drop"
            elif line.verdict != "drop":
                line.verdict, line.rule = "drop", "after-end"
                line.reason = f"after the end of the article (line {end_at.no}: {end_at.reason})"
            continue
        if line.verdict == "end":
            line.verdict = "drop"
            if seen_text:
                end_at = line
        elif line.verdict == "keep":
            seen_text = True


def _decide_titles(body: list[_Line]) -> None:
    """Headline-like lines and short fragments are decided by their neighbours.

    A run of them next to removed furniture is a related-articles block and goes; a run of three
    or more headline-shaped lines ending the page goes too. Otherwise they stay: subheadings,
    in-article lists (introduced by a colon, numbered or bulleted, scores and results).
    """
    index = 0
    while index < len(body):
        if body[index].verdict not in CANDIDATE:
            index += 1
            continue
        stop = index
        while stop < len(body) and body[stop].verdict in CANDIDATE:
            stop += 1
        _decide_run(body, index, stop)
        index = stop


def _decide_run(body: list[_Line], start: int, stop: int) -> None:
    run = body[start:stop]
    before = body[start - 1] if start > 0 else None
    after = body[stop] if stop < len(body) else None
    kept_after = any(line.verdict == "keep" for line in body[stop:])
    near_furniture = any(line is not None and line.verdict == "drop" for line in (before, after))
    listy = (before is not None and before.verdict == "keep" and before.text.endswith(":")) or \
        any(_LIST_ITEM.match(line.text) for line in run) or \
        sum(1 for line in run if _RECORD.search(line.text)) * 2 >= len(run)
    headline_shaped = all(line.verdict == "title?" and len(line.tokens) >= 5 and not line.text[0].isdigit()
                          for line in run)
    if near_furniture and not listy:
        rule, reason = "headline-list", "headlines next to page furniture (related articles)"
    elif len(run) >= 3 and headline_shaped and not kept_after and not listy:
        rule, reason = "headline-list", "run of headlines ending the page (related articles)"
    else:
        for line in run:
            line.verdict = "keep"
        return
    for line in run:
        line.verdict, line.rule, line.reason = "drop", rule, reason


def _author(text: str) -> str | None:
    found = _AUTHOR_AFTER.match(text)
    if not found:
        return None
    name = found["name"].strip(" .-")
    return name if name and not any(ch.isdigit() for ch in name) else None
