"""``find_quotes``: the quote finder's stages over one doc, from quotation marks to attributed quotes."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc

from warta.extract.quotes._indirect import find_indirect
from warta.extract.quotes._lexicon import Lexicon, lexicon
from warta.extract.quotes._quoted import Quote, judge
from warta.extract.quotes._resolve import Said, State, resolve, sentence_subjects
from warta.extract.quotes._sources import cited_sources
from warta.extract.quotes._text import Text, prepare, words_in

__all__ = ["find_quotes"]

_NEAR_CUE = 6  # words between a reporting verb and a quoted phrase that is its object


def _overlaps(q: Quote, kept: list[Quote]) -> bool:
    return any(q.start < k.end and k.start < q.end for k in kept)


def find_quotes(doc: Doc) -> list[dict[str, Any]]:
    """The quotes in ``doc`` (after ``warta_linker``), in text order: dicts with ``text``, ``start``,
    ``end`` (the quoted content, without quotation marks), ``kind`` (direct, partial, indirect),
    ``speaker`` (or None), ``cue`` and, when the article names them, ``via`` and ``to``.

    Steps, in order: pair the quotation marks (``prepare``); note who opens a sentence as its
    subject; judge each quoted span; add indirect speech that overlaps no quote; resolve the
    speakers in document order and find the cited sources.
    """
    lex = lexicon()
    t = prepare(doc)
    t.subjects = sentence_subjects(t, lex)
    return _attributed(t, lex, _candidates(t, lex))


def _candidates(t: Text, lex: Lexicon) -> list[Quote]:
    """The quoted spans that are quotes, and the indirect speech that overlaps none of them, in text order."""
    found = [q for q in (judge(t, lex, s) for s in t.spans) if q is not None]
    for q in sorted(find_indirect(t, lex), key=lambda q: (q.start, -(q.end - q.start))):
        clause = (q.cue or "").lower().endswith("bahwa") or t.text[max(0, q.start - 8):q.start].rstrip().lower() \
            .endswith("bahwa")  # ("mengatakan pada Senin bahwa …")
        # (after "bahwa" a quoted stretch that closes the clause is its fragment too, however long: "bahwa
        # tidak ada yang dapat dilakukan Tamimi terhadap tentara bersenjata "dapat membenarkan …"")
        inner = [k for k in found if (k.kind == "partial" or clause and k.kind == "direct")
                 and q.start <= k.start and k.end <= q.end]
        # after "bahwa" the reported content is a clause: a quoted phrase two words or more into it is
        # its fragment ("mengatakan bahwa ini saatnya untuk "meredakan retorika"")
        near = 1 if clause else _NEAR_CUE
        if inner and all(len(words_in(t.text, q.start, k.start)) > near for k in inner):
            # a quoted phrase far from the cue is a fragment of the reported content, which is the quote;
            # right after it ("menyebut Korut sebagai "…"") the phrase is what was said
            found = [k for k in found if k not in inner]
        if not _overlaps(q, found):
            found.append(q)
    found.sort(key=lambda q: q.start)
    return found


def _attributed(t: Text, lex: Lexicon, found: list[Quote]) -> list[dict[str, Any]]:
    """Each quote as a dict, its speaker resolved in document order (a pronoun points back to an
    earlier speaker, so the order matters) and its sources and audience found."""
    state = State()
    out = []
    for q in found:
        speaker = resolve(t, lex, q.ref, state, (q.start, q.end))
        item: dict[str, Any] = {"text": t.text[q.start:q.end], "start": q.start, "end": q.end, "kind": q.kind,
                                "speaker": speaker, "cue": q.cue}
        via, to = cited_sources(t, lex, q)
        if via:
            item["via"] = via
        if to:
            item["to"] = to
        if speaker is not None:
            group = speaker.get("type") in ("ORG", "LOC") or (speaker.get("id") is None and q.ref.kind == "desc")
            state.said.append(Said(q.anchor, speaker, group))
        out.append(item)
    # a quote that runs on into the next paragraph (no closing mark, the next paragraph opens with one)
    # is said by whoever its last part is attributed to: '"… bertahan.\n\n"Selain itu, …," kata X'
    for i in range(len(out) - 2, -1, -1):
        q, nxt = found[i], found[i + 1]
        if q.cue is None and q.ref.kind == "continue" and q.kind == "direct" and nxt.kind == "direct" \
                and out[i + 1]["speaker"] is not None and _RUNS_ON.fullmatch(t.text, q.end, nxt.start):
            out[i]["speaker"] = out[i + 1]["speaker"]
    return out


_RUNS_ON = re.compile(r"[ \t]*\n\s*[\"“]\s*")
