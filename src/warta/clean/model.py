"""The cleaner's working objects: one page line with its verdict, and the cleaning result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from warta.article import RemovedLine
from warta.meta.outlets import Dateline

__all__ = ["Line", "CleanResult", "CANDIDATE"]

# Verdicts decided later by context: headline-like lines and short fragments.
CANDIDATE = ("title?", "fragment?")


@dataclass(slots=True)
class Line:
    no: int  # 1-based line number in the page
    text: str
    tokens: list[str]
    verdict: str = "keep"  # keep | drop | end | title? | fragment? | date?
    rule: str = ""
    reason: str = ""
    author: str | None = None  # the author a byline names
    piece: int = 0  # > 0: a later piece of a page line cut by ``clean.pieces``; joins its paragraph

    def drop(self, rule: str, reason: str) -> None:
        self.verdict, self.rule, self.reason = "drop", rule, reason


@dataclass(slots=True)
class CleanResult:
    body: str
    title: str | None = None
    description: str | None = None
    author: str | None = None
    dateline: Dateline | None = None
    header_date: date | None = None
    masthead: str | None = None  # outlet named by a masthead line in the header
    url: str | None = None  # a bare URL line on the page
    removed: list[RemovedLine] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)  # line keys of the page, for corpus statistics
