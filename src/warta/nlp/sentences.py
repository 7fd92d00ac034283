"""Sentence boundaries the statistical sentence recogniser gets wrong, corrected by rule.

``warta_sentences`` runs after spaCy's ``senter`` (and before the parser, which keeps the
boundaries it is given): a full stop, question or exclamation mark that the tokenizer split off
ends a sentence when the next word starts with a capital or is an opening quotation mark
followed by one ("… Senin (14/1/2019). Menurut Jokowi, …"). Abbreviations ("Dr.", "PT.", "No.")
keep their full stop inside the token, so they never trigger it; and a capitalised word after
an abbreviation that comes before names ("di Jl. Sudirman", "Rashid I. Mangunkusumo") does not
start a sentence, whatever the recogniser says. A "sentence" of no word (a line break, an
opening quotation mark) belongs to the sentence after it.
"""

from __future__ import annotations

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

__all__ = ["restore_boundaries"]

_ENDS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
# abbreviations after which a capitalised word still belongs to the same sentence are those that
# come before a name ("Dr.", "Jl.", "PT.", "H.", an initial "I."); these few end one as often
_MAY_END = frozenset({"Tbk.", "Inc.", "Ltd.", "Corp.", "Co.", "Bhd.", "Pte.", "Dll.", "Dsb."})
_QUOTES = frozenset({'"', "“", "‘", "'"})


def _before_name(tok) -> bool:  # noqa: ANN001
    text = tok.text
    return (len(text) > 1 and text.endswith(".") and text[0].isupper() and text not in _MAY_END
            and text[:-1].replace(".", "").isalpha() and len(text) <= 6)


MAX_SENTENCE_TOKENS = 160  # longer runs (a page of one unpunctuated line) are cut: every later
# stage works sentence by sentence, so a bounded sentence keeps each one linear in the page's length
_SOFT_BREAKS = frozenset({",", ";", ":", "-", "–", "—"})


def restore_boundaries(doc: Doc) -> Doc:
    _fix_boundaries(doc)
    _join_bare(doc)
    _bound_length(doc)
    return doc


def _join_bare(doc: Doc) -> None:
    """A "sentence" of no word (a line break and the opening quotation mark of the next line: '\n"')
    is the start of the sentence after it."""
    starts = [i for i in (doc.to_array(SENT_START) == 1).nonzero()[0].tolist() if i]
    for a, b in zip([0, *starts], starts, strict=False):
        if not any(ch.isalnum() for t in doc[a:b] for ch in t.text):
            doc[b].is_sent_start = False


def _bound_length(doc: Doc) -> None:
    """No sentence runs over MAX_SENTENCE_TOKENS: a longer one is cut after its last comma (or
    other soft break) in the final quarter of the limit, else at the limit."""
    if len(doc) <= MAX_SENTENCE_TOKENS:
        return
    starts = [0, *(doc.to_array(SENT_START) == 1).nonzero()[0].tolist(), len(doc)]
    if max(b - a for a, b in zip(starts, starts[1:], strict=False)) <= MAX_SENTENCE_TOKENS:
        return  # the usual case: one array read, no token visited
    since = 0
    soft = -1
    for i, tok in enumerate(doc):
        if tok.is_sent_start and i:
            since, soft = 0, -1
        since += 1
        if tok.text in _SOFT_BREAKS and since > MAX_SENTENCE_TOKENS * 3 // 4:
            soft = i
        if since >= MAX_SENTENCE_TOKENS and i + 1 < len(doc):
            cut = soft + 1 if soft >= 0 else i + 1
            doc[cut].is_sent_start = True
            since, soft = i + 1 - cut, -1


def _fix_boundaries(doc: Doc) -> None:
    n = len(doc)
    for i in range(1, n):
        tok = doc[i]
        if tok.is_sent_start and _before_name(doc[i - 1]) and tok.text[:1].isupper():
            tok.is_sent_start = False  # "di Jl. Sudirman", "Rashid I. Mangunkusumo"
            continue
        if doc[i - 1].text not in _ENDS:
            continue
        if i >= 2 and doc[i - 1].text == "." and len(doc[i - 2].text) == 1 and doc[i - 2].text.isupper():
            continue  # an initial: "Rashid I. Mangunkusumo"
        tok = doc[i]
        nxt = tok
        if tok.text in _QUOTES and i + 1 < n:
            nxt = doc[i + 1]
        if nxt.text[:1].isupper() and tok.is_sent_start is not True:
            if doc[i - 1].text in ("…", "...") and not tok.text[:1].isupper():
                continue  # "… " before a quote: too often mid-sentence
            tok.is_sent_start = True


@Language.component("warta_sentences")
def warta_sentences(doc: Doc) -> Doc:
    return restore_boundaries(doc)
