"""The top of a page: the dateline that opens the article, and the header lines above it
(masthead, section, headline, date line, byline, standfirst, photo caption)."""

from __future__ import annotations

import re

from warta.article import RemovedLine
from warta.clean.features import is_sentence, is_title_like, words
from warta.clean.model import CleanResult, Line
from warta.clean.rules import match_rule
from warta.meta.dates import is_date_line, parse_date_text
from warta.meta.outlets import match_dateline, outlet_for_domain, outlet_for_form

__all__ = ["find_dateline", "leading_header", "leading_title", "read_header", "HEADER_SCAN"]

HEADER_SCAN = 12  # the dateline is looked for among this many first lines ...
MAX_LEAD_SENTENCES = 2  # ... after at most this many lines of running text (standfirst, teaser)
TITLE_MIN_WORDS = 4  # shorter header lines are section names and labels
_BYLINE_SPLIT = re.compile(r"\s+[-–—|·]\s+")


def find_dateline(lines: list[Line], result: CleanResult) -> int:
    """Index of the line that opens with a dateline, or 0. Only header lines may precede it: at
    most MAX_LEAD_SENTENCES running-text lines (a standfirst), and it is no furniture line."""
    sentences = 0
    for index, line in enumerate(lines[:HEADER_SCAN]):
        found = match_dateline(line.text)
        rest = line.text[len(found.prefix):] if found else ""
        if found and len(words(rest)) >= 4 and not rest[:1].isdigit() and not is_date_line(line.text) \
                and not (found.weak and sentences) and match_rule(line.text, len(line.tokens)) is None:
            result.dateline = found
            result.removed.append(RemovedLine(line.no, found.prefix.strip(), "dateline",
                                              "dateline (place and outlet) opening the article"))
            line.text = line.text[len(found.prefix):]
            line.tokens = words(line.text)
            return index
        if is_sentence(line.text, line.tokens) and not is_title_like(line.text, line.tokens) \
                and match_rule(line.text, len(line.tokens)) is None:
            sentences += 1
            if sentences > MAX_LEAD_SENTENCES:
                break
    return 0


def leading_header(body: list[Line]) -> tuple[list[Line], list[Line]]:
    """Without a dateline: the lines of a scraped page before its first paragraph are its header."""
    for index, line in enumerate(body[:HEADER_SCAN]):
        if line.verdict == "keep" and is_sentence(line.text, line.tokens) and not is_date_line(line.text):
            return body[:index], body[index:]
    return [], body


def leading_title(body: list[Line], title: str) -> tuple[list[Line], list[Line]]:
    """An extractor's main text that opens by repeating the page's title: that line is the header."""
    if body and _same_text(body[0].text, title):
        return body[:1], body[1:]
    return [], body


def read_header(header: list[Line], result: CleanResult, title: str | None = None) -> None:
    """Give every header line its role; none of them is body text.

    ``title``: the page's title from an HTML extractor, whose main text has no page header of its
    own: there, a line is the headline only when it repeats that title, and lines with no role
    (a subheading, a standfirst) stay in the body."""
    headline = _pick_headline(header) if title is None else \
        next((line for line in header if _same_text(line.text, title)), None)
    for line in header:
        if title is not None and line.verdict not in ("drop", "end") and line is not headline \
                and not is_date_line(line.text) and _masthead(line) is None and _name_dash_outlet(line) is None:
            line.verdict = "keep"
            continue

        if line.verdict in ("drop", "end"):
            line.verdict = "drop"
        elif is_date_line(line.text):
            line.drop("date-line", "publication date line in the header")
        elif (outlet := _masthead(line)) is not None:
            result.masthead = result.masthead or outlet
            line.drop("masthead", f"masthead naming the outlet ({outlet})")
        elif (byline := _name_dash_outlet(line)) is not None:
            result.masthead = result.masthead or byline[1]
            line.author = byline[0]
            line.drop("byline", "byline (author and outlet)")
        elif result.title is not None and (names := _names_only(line)):
            line.author = names[0]
            line.drop("byline", "byline (names of writer and editor)")
        elif line is headline:
            result.title = line.text
            line.drop("title", "headline, moved to title")
        elif result.title is not None and result.description is None and is_sentence(line.text, line.tokens) \
                and line.text.rstrip().endswith((".", "!", "?", "”", '"')):
            result.description = line.text
            line.drop("description", "standfirst, moved to description")
        else:
            line.drop("header", "page header line before the article")
    for line in header:  # a date on any header line (byline, date line) is the publication date
        found = parse_date_text(line.text) if line.rule in ("date-line", "header", "byline") or \
            line.rule.startswith("credit") else None
        if found:
            result.header_date = found
            break


def _same_text(a: str, b: str) -> bool:
    """The same headline, whatever its case, spacing and a site name after it."""
    a, b = " ".join(words(a)).casefold(), " ".join(words(b)).casefold()
    return bool(a) and (a == b or (len(a) >= 12 and b.startswith(a)))


def _pick_headline(header: list[Line]) -> Line | None:
    """The headline: the first header line of some length without a closing period; failing
    that, the first short title-case line. Section names and labels are shorter."""
    candidates = [line for line in header if line.verdict not in ("drop", "end") and not is_date_line(line.text)
                  and _masthead(line) is None and _name_dash_outlet(line) is None]
    for line in candidates:
        if TITLE_MIN_WORDS <= len(line.tokens) <= 30 and not line.text.rstrip().endswith((".", ",", ";", ":")):
            return line
    return next((line for line in candidates if len(line.tokens) >= 2 and is_title_like(line.text, line.tokens)),
                None)


def _masthead(line: Line) -> str | None:
    """'detikNews', 'ANTARA News', 'SURYA.co.id', 'kumparanNEWS': a short line naming an outlet."""
    if len(line.tokens) > 6:
        return None
    first = _BYLINE_SPLIT.split(line.text)[0].strip(" |·-")
    if len(first.split()) > 3:
        return None
    return outlet_for_form(first) or (outlet_for_domain(first) if "." in first and " " not in first else None)


_NAME = re.compile(r"^(?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){1,3}$")


def _names_only(line: Line) -> list[str] | None:
    """'Ria Kusuma | Dian Pratiwi': an unlabelled byline of person names under the headline."""
    parts = [part.strip() for part in re.split(r"\s*[|/]\s*|\s+[-–—·]\s+", line.text)]
    if 1 <= len(parts) <= 3 and all(_NAME.match(part) for part in parts) and len(line.tokens) <= 10:
        return parts
    return None


def _name_dash_outlet(line: Line) -> tuple[str, str] | None:
    """'Bayu Ardiansyah - detikNews': an author and the outlet."""
    parts = _BYLINE_SPLIT.split(line.text)
    if len(parts) != 2 or not 2 <= len(parts[0].split()) <= 5:
        return None
    outlet = outlet_for_form(parts[1].strip())
    name = parts[0].strip()
    if outlet and all(word[:1].isupper() for word in name.split()):
        return name, outlet
    return None
