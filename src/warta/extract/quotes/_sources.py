"""Sources the article cites for a quote (``via``) and the audience it was said to (``to``)."""

from __future__ import annotations

import re
from typing import Any

from warta.extract.quotes._lexicon import Lexicon
from warta.extract.quotes._quoted import Quote
from warta.extract.quotes._speakers import pick_speaker
from warta.extract.quotes._text import Text

__all__ = ["cited_sources"]


def cited_sources(t: Text, lex: Lexicon, q: Quote) -> tuple[list[dict[str, Any]], str | None]:
    """'seperti dilansir Reuters', 'mengutip NK News', 'kata X kepada wartawan' around the quote."""
    text = t.text
    via: list[dict[str, Any]] = []
    to = None
    a, b = q.scope
    for m in lex.via.finditer(text, a, b):
        if q.start <= m.start() < q.end or t.in_quote(m.start()):
            continue
        src = m.start("src")
        cut = lex.stop.search(text, src + 1, min(b, src + 80))
        end = len(text[:cut.start() if cut else min(b, src + 80)].rstrip())
        how = re.sub(r"\s+", " ", m.group("how"))
        who = pick_speaker(t.entities_in(src, end))
        if how.lower() == "kepada":
            audience = lex.audiences.match(text, src, end)
            if audience:
                to = audience.group()
                continue
            if who is None or who["type"] == "PER":
                continue
        elif who is None and (not text[src].isupper() or lex.stop.match(" " + text[src:end])):
            continue  # "dimuat Rabu (5/11)": a date, not a source
        item = {"text": text[src:end], "name": who["name"] if who else text[src:end],
                "id": who["id"] if who else None, "how": how}
        if who is not None and who["end"] > end:
            item["text"] = text[src:who["end"]]
        via.append(item)
    return via, to
