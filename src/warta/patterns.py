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

__all__ = ["grouped", "trie"]

_SPACE = r"[ \t\xa0]+"


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


def trie(phrases: Iterable[str], cased_first: bool = True, cased_words: bool = False) -> str:
    """Literal phrases as one regular expression shaped like a trie ("me(?:n(?:olak|gecam)|...)"):
    ``re`` then reads each character once instead of once per phrase. A space in a phrase stands for
    any run of spaces, tabs and no-break spaces; with ``cased_first`` the first letter matches in
    either case, with ``cased_words`` the first letter of every word ("memanggil Duta Besar").
    Longer phrases win over their prefixes, as in a longest-first alternation: each
    node tries its continuations before it may end, and backtracks to a shorter phrase when what
    follows the longer one fails the rest of the pattern."""
    root: dict[str, dict] = {}
    for phrase in phrases:
        node = root
        for ch in phrase:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node(root, cased_first, cased_words) or "(?!)"


def _node(node: dict[str, dict], cased: bool, words: bool = False) -> str:
    branches = []
    for ch in sorted(k for k in node if k):
        head = _SPACE if ch == " " else (f"[{re.escape(ch.lower())}{re.escape(ch.upper())}]"
                                         if cased and ch.lower() != ch.upper() else re.escape(ch))
        branches.append(head + _node(node[ch], words and ch == " ", words))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body
