"""Line-by-line cleaning of one page's text (see the package docstring for the steps)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from warta.article import RemovedLine
from warta.clean.features import ends_sentence, is_title_like, words
from warta.clean.header import find_dateline, leading_header, read_header
from warta.clean.model import CANDIDATE, CleanResult, Line
from warta.clean.rules import match_rule_detail
from warta.meta.dates import is_date_line, parse_date_text

__all__ = ["CleanResult", "LineCounts", "clean_text", "line_key"]

RECUR_MIN_DOCS = 3  # a line seen in this many other pages of one outlet is furniture
RECUR_MAX_WORDS = 40  # ... unless it is a long paragraph (syndicated copies share those)

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*–·▪]\s)")
# Lines of results and records (scores "21 - 13", times "1:47.394", labels "XD: ...") make a list.
_RECORD = re.compile(r"\d+\s*[-–:/]\s*\d+|^[A-Z]{1,4}\s*:")
# Editor initials closing the last paragraph: "... kejadian. [cob]", "... ini. (ilham/yp)"
_TRAILING_INITIALS = re.compile(r"(?<=[.!?\"”’])\s*(?-i:[\[(][a-z]{2,6}(?:\s*/\s*[a-z*]{1,6}){0,3}[\])])\s*$")

Recurrence = Callable[[str], int]


class LineCounts(Protocol):
    def counter(self, outlet: str) -> Recurrence: ...


def line_key(line: str) -> str:
    """The normalised form under which a line's recurrence is counted."""
    return _DIGITS.sub("0", _SPACE.sub(" ", line.strip().casefold()))


def clean_text(text: str, stats: LineCounts | None = None, outlet: str | None = None) -> CleanResult:
    """Clean one page's text.

    ``stats.counter(outlet)(key)`` says in how many stored pages of the outlet a line occurs; the
    outlet is ``outlet`` when given, else the one the dateline names.
    """
    lines = [Line(no, s, words(s)) for no, raw in enumerate(text.splitlines(), start=1) if (s := raw.strip())]
    result = CleanResult(body="", keys=[line_key(line.text) for line in lines])
    start = find_dateline(lines, result)
    outlet = outlet or (result.dateline.outlet if result.dateline else None)
    recurrence = stats.counter(outlet) if stats is not None and outlet else None
    for line in lines:
        _classify(line, recurrence)
    header, body = lines[:start], lines[start:]
    if start == 0 and result.dateline is None and any(line.verdict == "drop" for line in body):
        header, body = leading_header(body)
    read_header(header, result)
    _apply_tail(body)
    _decide_candidates(body)
    _decide_dates(body, result)
    _trailing_initials(body, result)
    for line in header + body:
        if line.verdict != "keep":
            result.removed.append(RemovedLine(line.no, line.text, line.rule, line.reason))
            result.author = result.author or line.author
            if line.rule == "url-line" and result.url is None:
                result.url = line.text
    result.removed.sort(key=lambda r: r.line_no)
    result.body = "\n".join(line.text for line in body if line.verdict == "keep")
    return result


def _classify(line: Line, recurrence: Recurrence | None) -> None:
    found = match_rule_detail(line.text, len(line.tokens))
    if found is not None:
        rule, match = found
        line.verdict, line.rule, line.reason = ("end" if rule.kind == "end" else "drop"), rule.name, rule.reason
        if rule.kind == "credit":
            line.rule = f"credit:{rule.name}"
            line.author = (match.groupdict().get("author") or "").strip() or None
        return
    if recurrence is not None and len(line.tokens) <= RECUR_MAX_WORDS:
        seen = recurrence(line_key(line.text))
        if seen >= RECUR_MIN_DOCS:
            line.drop("recurring", f"recurs in {seen} other pages of this outlet (page furniture)")
            return
    if len(line.tokens) <= 12 and any(ch.isdigit() for ch in line.text) and is_date_line(line.text):
        line.verdict = "date?"
    elif is_title_like(line.text, line.tokens):
        line.verdict = "title?"
    elif len(line.tokens) < 4 and not ends_sentence(line.text):
        line.verdict = "fragment?"


def _apply_tail(body: list[Line]) -> None:
    """After an end-of-article marker that follows kept text, the rest of the page is furniture."""
    seen_text = False
    end_at: Line | None = None
    for line in body:
        if end_at is not None:
            if line.verdict == "end":
                line.verdict = "drop"
            elif line.verdict != "drop":
                line.drop("after-end", f"after the end of the article (line {end_at.no}: {end_at.reason})")
            continue
        if line.verdict == "end":
            line.verdict = "drop"
            if seen_text:
                end_at = line
        elif line.verdict == "keep":
            seen_text = True


def _decide_candidates(body: list[Line]) -> None:
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


def _decide_run(body: list[Line], start: int, stop: int) -> None:
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
        line.drop(rule, reason)


def _decide_dates(body: list[Line], result: CleanResult) -> None:
    """A date line before the first or after the last paragraph is the page's date stamp; between
    paragraphs it is text (a dated entry of a timeline)."""
    kept = [index for index, line in enumerate(body) if line.verdict == "keep"]
    for index, line in enumerate(body):
        if line.verdict != "date?":
            continue
        if kept and kept[0] < index < kept[-1]:
            line.verdict = "keep"
        else:
            line.drop("date-line", "publication date line")
            result.header_date = result.header_date or parse_date_text(line.text)


def _trailing_initials(body: list[Line], result: CleanResult) -> None:
    last = next((line for line in reversed(body) if line.verdict == "keep"), None)
    if last is None:
        return
    found = _TRAILING_INITIALS.search(last.text)
    if found and found.start() > 0:
        result.removed.append(RemovedLine(last.no, found.group(0).strip(), "trailing-initials",
                                          "editor initials closing the last paragraph"))
        last.text = last.text[:found.start()].rstrip()
