"""Photo and source credits in brackets glued to a paragraph: "... kata dia. (Wartakota/ARI)".

A caption's credit names an outlet or agency and a photographer or initials, after a slash
("(Tribunnews.com/Irwan Rismawan)", "(ANTARA FOTO/Aditya)", "(Wartakota/ARI)"), or is a photo label
("(Foto: detikcom/Rifkianto)"). It closes a paragraph (or, in a page whose paragraphs were flattened
into one line, opens the sentence after the caption). It is no article text, so it is cut off and
kept among the removed lines; a bracket that is not clearly a credit stays.
"""

from __future__ import annotations

import re

from warta.article import RemovedLine
from warta.clean.features import words
from warta.clean.model import CleanResult, Line
from warta.meta.outlets import outlet_for_domain, outlet_for_form

__all__ = ["strip_credits"]

_SLASH = r"\((?P<source>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2})\s*/\s*(?P<who>[A-Za-z][\w .'’-]{0,40}?)\)"
_LABEL = r"\((?:foto|dok|dok\.|dokumentasi|ilustrasi|sumber foto|photo)\s*[:.]?\s*[^()]{1,60}\)"
_TAIL = re.compile(rf"(?<=[.!?\"”’)])\s*(?:{_SLASH}|(?i:{_LABEL}))\s*$")
_HEAD = re.compile(rf"^(?:{_SLASH}|(?i:{_LABEL}))\s+(?=[A-Z\"“])")
_INITIALS = re.compile(r"[A-Z]{2,6}")
_SOURCE_WORDS = frozenset({"foto", "dok", "ist", "istimewa", "dokumentasi", "humas", "reuters", "afp", "ap", "antara"})


def _is_credit(found: re.Match[str]) -> bool:
    source = found.groupdict().get("source")
    if source is None:
        return True  # a photo label: "(Foto: ...)"
    who = found.group("who").strip()
    known = outlet_for_form(source) or ("." in source and outlet_for_domain(source))
    return bool(known) or _INITIALS.fullmatch(who) is not None or \
        source.split()[0].casefold() in _SOURCE_WORDS or source.endswith((" FOTO", " Foto"))


def strip_credits(lines: list[Line], result: CleanResult) -> None:
    """Cut bracketed credits off the end of kept lines, and off the start of kept pieces of a
    flattened line, recording each as removed."""
    for line in lines:
        if line.verdict != "keep":
            continue
        found = _TAIL.search(line.text)
        if found and found.start() > 0 and _is_credit(found):
            _cut(line, result, found.group(0), line.text[:found.start()].rstrip())
        found = _HEAD.match(line.text) if line.piece else None
        if found and _is_credit(found):
            _cut(line, result, found.group(0), line.text[found.end():])


def _cut(line: Line, result: CleanResult, credit: str, rest: str) -> None:
    result.removed.append(RemovedLine(line.no, credit.strip(), "credit-bracket",
                                      "photo or source credit in brackets"))
    line.text = rest
    line.tokens = words(rest)
