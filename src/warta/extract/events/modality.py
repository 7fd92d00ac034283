"""Whether an event happened, and who the article credits for it.

Modality, from cues in the trigger's clause (CONTRACT.md), in order of precedence:

1. ``denied``: a denial anywhere before the trigger in its sentence governs it ("Korut membantah
   laporan bahwa pejabatnya bertemu …"), unless the denial is itself negated ("tak menyangkal,
   dirinya bertemu …" admits it: the rules below decide, without that negation);
2. ``failed``: a failure cue shortly before ("gagal mencapai kesepakatan") or after the trigger
   ("pertemuan itu berakhir buntu", "… tanpa kemajuan"), or anywhere before an event noun that is its
   clause's adjunct ("mereka gagal … pada pertemuan kedua mereka");
3. ``negated``: a negation right before it ("tidak bertemu", "belum pernah bertemu"), unless it
   is one that is not ("tidak hanya bertemu");
4. ``possible`` and 5. ``planned``: in the main clause after a conditional one ("Jika negosiasi gagal,
   AS akan menjatuhkan sanksi": possible, the cues of the condition not its own), or a cue within a
   few words before it ("mungkin", "akan",
   "dijadwalkan"); with no cue, a time after the publication date also makes it ``planned``, unless
   perfective aspect stands right before the trigger ("telah mencabut … Pilgub 2018": that time is
   another's, and the event does not take it);
6. otherwise ``occurred``.

Source: the speaker of the quote the trigger sits in (or the outlet it came through), else "menurut X",
else a cited outlet ("sebagaimana dimuat NBC", "mengutip NK News"), else None.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from warta.extract.events.context import DocContext, Item

__all__ = ["modality_of", "source_of", "is_future", "done_before"]

_NAME = re.compile(r"(?:[A-Z0-9][\w.&'’-]*)(?:[ \t\xa0]+(?:[A-Z0-9][\w.&'’-]*|of|de|the))*")
_NEGATED_BEFORE = re.compile(r"\b(?:tidak|tak|bukan|nggak|enggak|ga)\s+(?:\w+\s+)?$", re.IGNORECASE)
_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?")


# a conditional clause opening the sentence, up to its comma: the main clause's event is possible
_CONDITION = re.compile(r"\s*(?:Jika|Apabila|Kalau|Bila|Seandainya|Andaikan|Jikalau)\b[^,.;:!?]{3,160},", re.IGNORECASE)


def _window_start(items: list[Item], k: int, lo: int, n: int) -> int:
    """Character offset n words before item k, not before the clause."""
    j, words = k, 0
    while j > lo and words < n:
        j -= 1
        words += items[j].kind != "P"
    return items[j].start if j < k else items[k].start


def modality_of(ctx: DocContext, items: list[Item], k: int, lo: int, hi: int, sent_start: int,
                time: dict[str, Any] | None) -> str:
    lex, text = ctx.lex, ctx.text
    start, end = items[k].start, items[k].end
    denial = lex.modality["denied"].search(text, sent_start, start)
    admitted = denial is not None and _NEGATED_BEFORE.search(text, max(sent_start, denial.start() - 24),
                                                            denial.start()) is not None
    if denial and not admitted:
        return "denied"
    cue_from = _window_start(items, k, lo, lex.windows["cue"])
    condition = _CONDITION.match(text, sent_start, start)
    if condition is not None:  # "Jika negosiasi gagal, AS akan menjatuhkan sanksi": possible if it comes to that
        cue_from = max(cue_from, condition.end())
        negation = lex.modality["negated"].search(text, max(cue_from, _window_start(items, k, lo,
                                                                                    lex.windows["negation"])), start)
        return "negated" if negation else "possible"
    after_to = items[min(hi, k + 1 + lex.windows["after"]) - 1].end if k + 1 < hi else end
    adjunct = k > lo and items[k - 1].kind == "W" and items[k - 1].low in lex.words["adjunct_preps"]
    failed_from = items[lo].start if adjunct and items[k].data.trigger.kind == "noun" else cue_from
    if lex.modality["failed"].search(text, failed_from, start) or lex.modality["failed"].search(text, end, after_to):
        return "failed"
    # a denial denied ("tak menyangkal, dirinya bertemu ...") admits the event: its negation is the
    # denial's, not the event's
    neg_from = max(_window_start(items, k, lo, lex.windows["negation"]), denial.end() if admitted else 0)
    negation = lex.modality["negated"].search(text, neg_from, start)
    if negation and not lex.not_negation.match(text, negation.start(), min(len(text), negation.start() + 30)):
        return "negated"
    for name in ("possible", "planned"):
        if lex.modality[name].search(text, cue_from, start):
            return name
    if time is not None and is_future(time.get("value"), ctx.doc._.dct) and not done_before(ctx, start):
        return "planned"
    return "occurred"


def done_before(ctx: DocContext, pos: int) -> bool:
    """Whether perfective aspect stands right before a trigger ("telah mencabut", "sudah bertemu")."""
    return ctx.lex.done.search(ctx.text, max(0, pos - 16), pos) is not None


def is_future(value: str | None, dct: date | None) -> bool:
    """Whether a TIMEX3 value lies after the reference date (at the value's own granularity)."""
    if not value or dct is None:
        return False
    if value == "FUTURE_REF":
        return True
    m = _VALUE.match(value)
    if m is None:
        return False
    year, month, day, week = m.groups()
    if week:
        return (int(year), int(week)) > dct.isocalendar()[:2]
    if day:
        return date(int(year), int(month), int(day)) > dct
    if month:
        return (int(year), int(month)) > (dct.year, dct.month)
    return int(year) > dct.year


def source_of(ctx: DocContext, pos: int, sent: tuple[int, int]) -> str | None:
    q = ctx.quote_at(pos)
    if q is not None:
        if q.get("speaker") and q["speaker"].get("name"):
            return q["speaker"]["name"]
        if q.get("via"):
            return q["via"][0]["name"]
    for pattern in (ctx.lex.according, ctx.lex.outlet):
        for m in pattern.finditer(ctx.text, *sent):
            name = _name_at(ctx, m.end(), sent[1])
            if name:
                return name
    return None


def _name_at(ctx: DocContext, pos: int, end: int) -> str | None:
    """The entity (or capitalised name) that starts at ``pos``."""
    for e in ctx.entities:
        if pos <= e["start"] <= pos + 2 and e["end"] <= end:
            return e["name"]
    for q in ctx.doc._.entities or []:  # organisations of other types (media are sometimes MISC)
        if pos <= q["start"] <= pos + 2 and q["end"] <= end:
            return q.get("name") or q["text"]
    m = _NAME.match(ctx.text, pos, end)
    return m.group() if m else None
