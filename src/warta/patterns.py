"""Regular expressions from word lists: one alternation that Python's ``re`` scans quickly.

``re`` tries the alternatives of ``a|b|c`` one after the other at every position of the text, so a
list of a few hundred words costs a few hundred attempts per character. Grouping the words by
their first letter behind a lookahead ("(?=[mM])(?:menolak|mengecam)|(?=[dD])(?:...)") leaves one
group to try at each position. The match is the same: the groups' first letters are disjoint, so
two words of different groups never match at one position, and each group keeps the words' order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["grouped"]


def grouped(alternatives: Iterable[tuple[str, str]]) -> str:
    """``(first character, regex source)`` pairs, in the order they should be tried, as one
    alternation grouped by first character (either case). The source must match only text that
    starts with that character (in either case)."""
    groups: dict[str, list[str]] = {}
    for first, source in alternatives:
        groups.setdefault(first.lower(), []).append(source)
    if not groups:
        return "(?!)"
    return "|".join(f"(?=[{re.escape(c)}{re.escape(c.upper())}])(?:{'|'.join(alts)})" if len(alts) > 1 else
                    f"(?=[{re.escape(c)}{re.escape(c.upper())}]){alts[0]}" for c, alts in groups.items())
