"""Actors and targets from the dependency parse (default profile), for verb triggers.

The trigger's subject (``nsubj``) holds its actors and its object or prepositional object
(``obj``, ``obl`` with "dengan", "terhadap" …) its targets; a passive trigger (``nsubj:pass``, an
``obl`` with "oleh") swaps them. A trigger that is the complement of another verb ("dijadwalkan
bertemu", "sepakat untuk berunding") takes that verb's subject. Entities count when they start
inside the dependent's phrase, less its clauses (relative clauses, adverbial clauses).
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Token

from warta.extract.events.arguments import Arguments
from warta.extract.events.context import DocContext, Hit

__all__ = ["parse_arguments"]

_SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
_OBJECTS = ("obj", "iobj", "obl", "obl:arg")
_CLIMB = ("xcomp", "conj")
_PRUNE = frozenset(("acl", "acl:relcl", "advcl", "ccomp", "parataxis", "xcomp", "csubj", "punct", "appos", "nmod",
                    "obl", "dislocated", "list"))
_TARGET_CASES = frozenset(("dengan", "terhadap", "kepada", "atas", "bagi", "untuk", "melawan", "oleh"))
_MAX_GROUP = 3  # more entities under one dependent is an enumeration of places or a misparse
# places, times and sources, not participants
_SKIP_CASES = frozenset(("di", "ke", "dari", "pada", "dalam", "sejak", "hingga", "selama", "menurut", "seperti",
                         "sebagaimana"))


def _token(ctx: DocContext, pos: int) -> Token:
    if ctx.token_starts is None:
        ctx.token_starts = [t.idx for t in ctx.doc]
    return ctx.doc[max(0, bisect.bisect_right(ctx.token_starts, pos) - 1)]


def _phrase_starts(tok: Token) -> set[int]:
    """Character starts of the tokens of tok's phrase, without its clauses."""
    out, stack = set(), [tok]
    while stack:
        t = stack.pop()
        out.add(t.idx)
        stack.extend(c for c in t.children if c.dep_ not in _PRUNE)
    return out


def _entities(ctx: DocContext, tok: Token) -> list[dict[str, Any]]:
    starts = _phrase_starts(tok)
    found = [e for e in ctx.entities if e["start"] in starts]
    return found if len(found) <= _MAX_GROUP else []


def _case(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ == "case":
            return c.lower_
    return None


def parse_arguments(ctx: DocContext, hit: Hit) -> Arguments | None:
    """None when the document has no parse or the trigger is an event noun."""
    if hit.trigger.kind == "noun" or not ctx.doc.has_annotation("DEP"):
        return None
    verb = _token(ctx, hit.start)
    subj_tok = verb
    for _ in range(2):
        if any(c.dep_ in _SUBJECTS for c in subj_tok.children) or subj_tok.dep_ not in _CLIMB:
            break
        subj_tok = subj_tok.head
    subjects = [e for c in subj_tok.children if c.dep_ in _SUBJECTS for e in _entities(ctx, c)]
    objects, agents = [], []
    for c in verb.children:
        if c.dep_ not in _OBJECTS:
            continue
        case = _case(c)
        if case in _SKIP_CASES or (c.dep_.startswith("obl") and case not in _TARGET_CASES):
            continue
        (agents if case == "oleh" else objects).extend(_entities(ctx, c))
    if hit.trigger.kind == "passive":
        return Arguments(actors=agents or objects, targets=subjects)
    return Arguments(actors=subjects, targets=objects)
