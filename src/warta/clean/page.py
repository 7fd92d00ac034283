"""Line-by-line cleaning of one page's text (see the package docstring for the steps)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Protocol

from warta.article import RemovedLine
from warta.clean.credits import strip_credits
from warta.clean.features import ends_sentence, is_sentence, is_title_like, words
from warta.clean.header import HEADER_SCAN, find_dateline, leading_header, leading_title, read_header
from warta.clean.model import CANDIDATE, CleanResult, Line
from warta.clean.pieces import TITLE_RULES, not_whole, reads_as_text, split_at_dateline, split_prefix, split_sentences
from warta.clean.rules import match_rule_detail
from warta.meta.dates import is_date_line, parse_date_text
from warta.meta.language import looks_indonesian

__all__ = ["CleanResult", "LineCounts", "clean_text", "line_key"]

RECUR_MIN_DOCS = 3  # a line seen in this many other pages of one outlet is furniture
RECUR_MAX_WORDS = 40  # ... unless it is a long paragraph (syndicated copies share those)
LOSS_MAX = 0.5  # a page losing more of its words keeps what no furniture rule removed
# Rules that remove a line by its place on the page, not by what it says: on a page that would lose
# most of its words, running text they removed goes back into the body.
_BY_PLACE = frozenset({"header", "description", "title", "after-end", "headline-list", "date-line"})

_DIGITS = re.compile(r"\d+")
_SPACE = re.compile(r"\s+")
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,3}[.)]|[-•*–·▪]\s)")
# Lines of results and records make a list: scores ("21 - 13", "Lakers 99"), times ("1:47.394"),
# labels ("XD: ..."), rankings ending in points, line-ups ("Empoli: Skorupski; Zambelli, ...").
_RECORD = re.compile(r"\d+\s*[-–:/]\s*\d+|^[A-Z]{1,4}\s*:|\s(?!(?:19|20)\d\d$)\d[\d.,]*$|;")
# A sentence that happens to hold a date ("Film itu dijadwalkan tayang 25 Januari 2018.") is no stamp.
_LOWER_WORDS = re.compile(r"(?<![\w-])[a-z]{3,}\b")
# Editor initials closing the last paragraph: "... kejadian. [cob]", "... ini. (ilham/yp)"
_TRAILING_INITIALS = re.compile(r"(?<=[.!?\"”’])\s*(?-i:[\[(][a-z]{2,6}(?:\s*/\s*[a-z*]{1,6}){0,3}[\])])\s*$")

Recurrence = Callable[[str], int]


class LineCounts(Protocol):
    def counter(self, outlet: str) -> Recurrence: ...


def line_key(line: str) -> str:
    """The normalised form under which a line's recurrence is counted."""
    return _DIGITS.sub("0", _SPACE.sub(" ", line.strip().casefold()))


def clean_text(text: str, stats: LineCounts | None = None, outlet: str | None = None,
               title: str | None = None) -> CleanResult:
    """Clean one page's text.

    ``stats.counter(outlet)(key)`` says in how many stored pages of the outlet a line occurs; the
    outlet is ``outlet`` when given, else the one the dateline names. ``title``: given for an HTML
    extractor's main text (the page's title from its metadata), which has no page header: lines
    before the article stay unless they repeat the title or are dates, bylines and furniture.
    """
    lines = [Line(no, s, words(s)) for no, raw in enumerate(text.splitlines(), start=1) if (s := raw.strip())]
    result = CleanResult(body="", keys=[line_key(line.text) for line in lines])
    indonesian = looks_indonesian(text)
    lines = split_prefix(split_sentences(split_at_dateline(lines, HEADER_SCAN)), indonesian)
    cut = {line.no for line in lines if line.piece}
    start = find_dateline(lines, result)
    outlet = outlet or (result.dateline.outlet if result.dateline else None)
    recurrence = stats.counter(outlet) if stats is not None and outlet else None
    for line in lines:
        _classify(line, recurrence, line.no in cut, indonesian)
    header, body = lines[:start], lines[start:]
    if start == 0 and result.dateline is None and any(line.verdict == "drop" for line in body):
        header, body = leading_header(body)
    if title is not None and not header:
        header, body = leading_title(body, title)
    read_header(header, result, title)
    _apply_tail(body)
    _decide_candidates(body)
    _decide_dates(body, result)
    _keep_the_article(header + body, result)
    if indonesian:
        strip_credits(header + body, result)
        _trailing_initials(body, result)
    for line in header + body:
        if line.verdict != "keep":
            result.removed.append(RemovedLine(line.no, line.text, line.rule, line.reason))
            result.author = result.author or line.author
            if line.rule == "url-line" and result.url is None:
                result.url = line.text
    result.removed.sort(key=lambda r: r.line_no)
    result.body = _join(header + body)
    return result


def _keep_the_article(lines: list[Line], result: CleanResult) -> None:
    """A page that would lose more than LOSS_MAX of its words keeps every line of running text
    that was removed for its place on the page (header, standfirst, after an end marker) rather
    than for being furniture: a one-paragraph scrape under a headline is an article."""
    total = sum(len(line.tokens) for line in lines)
    lost = sum(len(line.tokens) for line in lines if line.verdict != "keep")
    if not total or lost <= LOSS_MAX * total:
        return
    for line in lines:
        if line.verdict != "keep" and line.rule in _BY_PLACE and is_sentence(line.text, line.tokens) \
                and reads_as_text(line.text):
            if line.rule == "description":
                result.description = None
            if line.rule == "title":
                result.title = None
            line.verdict, line.rule, line.reason = "keep", "", ""


def _join(lines: list[Line]) -> str:
    """The kept lines as paragraphs: the pieces of one page line joined by a space."""
    paragraphs: list[list[str]] = []
    previous: Line | None = None
    for line in lines:
        if line.verdict != "keep":
            continue
        if previous is not None and previous.no == line.no:
            paragraphs[-1].append(line.text)
        else:
            paragraphs.append([line.text])
        previous = line
    return "\n".join(" ".join(pieces) for pieces in paragraphs)


def _classify(line: Line, recurrence: Recurrence | None, cut: bool = False, indonesian: bool = True) -> None:
    """A line's verdict from its own text. ``cut``: the line is a piece of a longer page line
    (``clean.pieces``): only furniture that opens it counts, and it is no headline or fragment.
    ``indonesian=False``: the page is in another language; Indonesian conventions do not apply."""
    found = match_rule_detail(line.text, len(line.tokens), indonesian)
    if found is not None and not (cut and found[1].start() > 0) and not not_whole(line.text, *found):
        rule, match = found
        # An end marker ends the article; a piece of a line ends nothing unless its furniture runs
        # to the end by nature; a label with a headline after it ("Related: <headline>") is one link.
        end = rule.kind == "end" and not (cut and not rule.whole) and \
            not (rule.name in TITLE_RULES and len(words(line.text[match.end():])) >= 2)
        line.verdict, line.rule, line.reason = ("end" if end else "drop"), rule.name, rule.reason
        if rule.kind == "credit":
            line.rule = f"credit:{rule.name}"
            line.author = (match.groupdict().get("author") or "").strip() or None
        return
    if cut:
        return
    if recurrence is not None and len(line.tokens) <= RECUR_MAX_WORDS:
        seen = recurrence(line_key(line.text))
        if seen >= RECUR_MIN_DOCS:
            line.drop("recurring", f"recurs in {seen} other pages of this outlet (page furniture)")
            return
    if len(line.tokens) <= 12 and any(ch.isdigit() for ch in line.text) and is_date_line(line.text) \
            and not _dated_sentence(line.text):
        line.verdict = "date?"
    elif is_title_like(line.text, line.tokens):
        line.verdict = "title?"
    elif len(line.tokens) < 4 and not ends_sentence(line.text):
        line.verdict = "fragment?"


def _dated_sentence(text: str) -> bool:
    return text.rstrip().endswith(".") and len(_LOWER_WORDS.findall(text)) >= 2


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
        any(line.text.endswith(":") for line in run[:-1]) or \
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
