"""Actors and targets from the dependency parse (default profile).

The trigger's subject (``nsubj``) holds its actors and its object or prepositional object
(``obj``, ``obl`` with "dengan", "terhadap" …) its targets; a passive trigger (``nsubj:pass``, an
``obl`` with "oleh") swaps them. A trigger that is the complement of another verb ("dijadwalkan
bertemu", "sepakat untuk berunding") takes that verb's subject. Entities count when they start
inside the dependent's phrase, less its clauses (relative clauses, adverbial clauses).

An event noun's participants are its nominal dependents: an owner without a preposition
("pemeriksaan terbaru FBI") is its actor, or its target when the noun names what is done to
someone ("penangkapan dua WNI"); one after "oleh" (and "dari" for a speech act or protest:
"kecaman keras dari Indonesia") its actor; one after "dengan", "terhadap", "kepada" or "atas" its
target; the agent of a passive relative clause ("penghinaan yang dilakukan Mario") its actor.
"""

from __future__ import annotations

import bisect
from typing import Any

from spacy.tokens import Token

from warta.extract.events.arguments import AUXILIARIES, Arguments, reporting_verbs
from warta.extract.events.context import DocContext, Hit

__all__ = ["parse_arguments", "parse_noun_arguments"]

_SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
_OBJECTS = ("obj", "iobj", "obl", "obl:arg")
_CLIMB = ("xcomp", "conj")
_PRUNE = frozenset(("acl", "acl:relcl", "advcl", "ccomp", "parataxis", "xcomp", "csubj", "punct", "appos", "nmod",
                    "obl", "dislocated", "list"))
_TARGET_CASES = frozenset(("dengan", "terhadap", "kepada", "atas", "bagi", "untuk", "melawan", "oleh"))
_MAX_GROUP = 3  # more entities under one dependent is an enumeration of places or a misparse
# places, times and sources, not participants
_NOUN_OWNERS = ("nmod", "nmod:poss", "compound", "appos")
_AGENT_CASES = frozenset(("oleh",))
_SPEECH_AGENT_CASES = frozenset(("oleh", "dari"))
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


def _placed(ctx: DocContext, tok: Token) -> bool:
    """The dependent's phrase follows a preposition of place ("di depan Gedung DPR menolak …"): where
    it happened, misparsed as the subject, not who acted."""
    words = ctx.lex.words
    first = min(t.i for t in tok.subtree)
    k, bridges = first - 1, 0
    while k >= 0 and tok.doc[k].lower_ in words["place_bridges"] and bridges < 3:
        k, bridges = k - 1, bridges + 1
    return k >= 0 and tok.doc[k].lower_ in words["place_preps"]


def _reported(head: Token, verb: Token) -> bool:
    """Whether ``verb`` is in what a reporting verb says with a subject of its own before it ("Purbaya
    menjelaskan modus para oknum ini adalah bernegosiasi …"): the speaker is not its subject, as he
    is of a bare complement ("menegaskan akan menindak")."""
    if head.lower_ not in reporting_verbs() or head.i >= verb.i:
        return False
    return any(t.is_alpha and t.lower_ not in AUXILIARIES for t in head.doc[head.i + 1:verb.i])


def parse_arguments(ctx: DocContext, hit: Hit) -> Arguments | None:
    """None when the document has no parse or the trigger is an event noun."""
    if hit.trigger.kind == "noun" or not ctx.doc.has_annotation("DEP"):
        return None
    verb = _token(ctx, hit.start)
    subj_tok = verb
    for _ in range(2):
        if any(c.dep_ in _SUBJECTS for c in subj_tok.children) or subj_tok.dep_ not in _CLIMB:
            break
        if _reported(subj_tok.head, verb):
            return Arguments(actors=[], targets=[])  # the positions decide (``arguments.backward``)
        subj_tok = subj_tok.head
    subjects = [e for c in subj_tok.children if c.dep_ in _SUBJECTS and not _placed(ctx, c)
                for e in _entities(ctx, c)]
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


def parse_noun_arguments(ctx: DocContext, hit: Hit, speech: bool) -> Arguments | None:
    """The participants of an event noun read from its dependents (module docstring); None when the
    document has no parse. ``speech``: the noun is a speech act or protest, whose "dari" names who
    makes it."""
    if not ctx.doc.has_annotation("DEP"):
        return None
    noun = _token(ctx, hit.start)
    agent_cases = _SPEECH_AGENT_CASES if speech else _AGENT_CASES
    owners, actors, targets = [], [], []
    for c in noun.children:
        if c.i < noun.i or c.idx < hit.end:
            continue  # a modifier before the noun, or a word of a multi-word trigger
        if c.dep_ in _NOUN_OWNERS or c.dep_ in ("nmod:arg", "obl"):
            case = _case(c)
            if case is None and c.dep_ != "obl":
                owners.extend(_entities(ctx, c))
            elif case in agent_cases:
                actors.extend(_entities(ctx, c))
            elif case in _TARGET_CASES:
                targets.extend(_entities(ctx, c))
        elif c.dep_ == "acl:relcl" and c.lower_.startswith("di"):
            for a in c.children:  # "yang dilakukan X", "yang dilayangkan oleh X"
                if a.dep_ in _OBJECTS and _case(a) in (None, "oleh"):
                    actors.extend(_entities(ctx, a))
    if hit.trigger.patient_first:
        return Arguments(actors=actors, targets=owners + targets)
    return Arguments(actors=owners + actors, targets=targets)
