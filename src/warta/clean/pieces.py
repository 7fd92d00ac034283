"""Lines that are more than one thing: cut them into pieces before any line is judged.

Scraped datasets often flatten a page's paragraphs into one line that opens with the byline and
the dateline ("Laporan Wartawan Tribunnews.com, Reza Deni TRIBUNNEWS.COM, JAKARTA - Ketua ...").
A rule that judges whole lines would then remove the article with its byline. So before the
cleaner decides anything:

  1. ``split_at_dateline``: in the first lines of a page, text glued before a dateline that names
     an outlet (a byline, a headline, a date) becomes a header line of its own;
  2. ``split_sentences``: a long line of several sentences (a flattened page, or a very long
     paragraph) is cut into sentences; the pieces of one line are joined again in the body;
  3. ``split_prefix``: a line that starts with furniture ("Baca juga: <headline>", a byline) but
     goes on as running text loses the furniture prefix, never the rest.

Every piece keeps the page line number it came from, so ``warta explain`` still points at it.
"""

from __future__ import annotations

import re
from functools import cache

from warta.clean.features import MINOR_WORDS as _MINOR
from warta.clean.features import words
from warta.clean.model import Line
from warta.clean.rules import Rule, match_rule_detail
from warta.meta.outlets import match_dateline
from warta.resources import load_toml

__all__ = ["split_at_dateline", "split_sentences", "split_prefix", "furniture_end", "not_whole", "reads_as_text",
           "sentences_of", "name_before_role", "TITLE_RULES"]

DATELINE_SCAN_WORDS = 40  # a dateline is looked for this far into one of a page's first lines
FLAT_MIN_WORDS = 60  # a line this long with FLAT_MIN_SENTENCES sentences is cut into sentences
FLAT_MIN_SENTENCES = 3
REST_MIN_WORDS = 6  # what follows a furniture prefix is kept when it is running text this long

# Rules whose matched words are followed by a headline ("Baca juga: Polisi Tangkap Pelaku"): the
# furniture runs over that headline, up to the first word a headline would not capitalise.
TITLE_RULES = frozenset({"read-also", "read-more", "video-teaser", "next-article"})

# A sentence ends at . ! ? or … (and a closing quote or bracket) before a capital, a digit or an
# opening quote. Not after an abbreviation or an initial that stands before a name ("Dr.", "Jl.",
# "Prof.", "H.", "M."), nor inside a number.
_BREAK = re.compile(r"(?<=[.!?…])(?P<close>[\"”’»)\]]*)\s+(?=[\"“‘«(]?[A-Z0-9])")
_ABBREVIATION = re.compile(r"(?:^|\s)\(?(?:[A-Z][A-Za-z]{0,3}|\d{1,2}|(?i:dll|dsb|dkk|dr|ir|jl|no|hlm|tgl|sdr))\.$")
_LOWER_WORD = re.compile(r"\b[a-z][a-z-]{2,}\b")
# Words that open a sentence and never end a headline (pronouns, conjunctions, "Menurutnya"): the
# capitalised word after a glued headline that is one of them belongs to the sentence.
_OPENERS = frozenset("""
ia dia mereka kami kita saya beliau namun tetapi tapi sementara selain menurut menurutnya sebelumnya
kemudian adapun sedangkan bahkan meski meskipun karena jika bila saat ketika hal sehingga lalu maka
oleh dengan dalam pada untuk di ke dari
""".split())
_TITLE_TOKEN = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"(?:[.…]|[!?][\"”’])[\"”’»)\]]*\s*$")
_BRACKETS = {"(": ")", "[": "]"}
_WORD_START = re.compile(r"(?<=\s)\S")
_DATELINE_END = re.compile(r"\s*(?:-{1,2}|–|—|:)\s")


def _piece(line: Line, text: str, index: int) -> Line:
    return Line(line.no, text, words(text), piece=index)


def reads_as_text(text: str) -> bool:
    """Running text, not a label or a headline: enough words, several of them in lower case, and
    it ends as a sentence does (a headline has no full stop)."""
    tokens = words(text)
    return len(tokens) >= REST_MIN_WORDS and len(_LOWER_WORD.findall(text)) >= 3 and \
        _SENTENCE_END.search(text) is not None


def split_at_dateline(lines: list[Line], scan: int) -> list[Line]:
    """Cut the first of the first ``scan`` lines that holds an outlet's dateline after some words
    (a byline, headline or date glued before it) into that prefix and the line from the dateline on."""
    for index, line in enumerate(lines[:scan]):
        if match_dateline(line.text) is not None:
            return lines
        cut = _dateline_inside(line.text)
        if cut is not None:
            head, rest = line.text[:cut].rstrip(), line.text[cut:]
            return lines[:index] + [_piece(line, head, 0), _piece(line, rest, 1)] + lines[index + 1:]
    return lines


def _dateline_inside(text: str) -> int | None:
    """Offset of a dateline that names an outlet, after 2 to DATELINE_SCAN_WORDS words of the line."""
    dashes = [m.start() for m in _DATELINE_END.finditer(text, 0, 400)]
    if not dashes:
        return None  # every dateline ends in a dash or a colon (or "(Outlet) -")
    for count, found in enumerate(_WORD_START.finditer(text, 0, dashes[-1])):
        if count >= DATELINE_SCAN_WORDS:
            return None
        if count < 1 or not found.group(0).isupper():
            continue
        dateline = match_dateline(text[found.start():])
        if dateline is None or dateline.outlet is None or dateline.weak:
            continue
        rest = text[found.start() + len(dateline.prefix):]
        if reads_as_text(rest) and not text[:found.start()].rstrip().endswith(","):
            return found.start()
    return None


def split_sentences(lines: list[Line]) -> list[Line]:
    """Cut each long line of several sentences into its sentences."""
    out: list[Line] = []
    for line in lines:
        if len(line.tokens) < FLAT_MIN_WORDS:
            out.append(line)
            continue
        sentences = sentences_of(line.text)
        if len(sentences) < FLAT_MIN_SENTENCES:
            out.append(line)
            continue
        first = line.piece
        out.extend(_piece(line, sentence, first + number) for number, sentence in enumerate(sentences))
    return out


def sentences_of(text: str) -> list[str]:
    """The sentences of one line of text, each stripped."""
    pieces: list[str] = []
    start = 0
    for found in _BREAK.finditer(text):
        if _ABBREVIATION.search(text[start:found.start()]):
            continue
        before = text[start:found.end("close")]  # the closing quotation mark or bracket stays with its sentence
        if before.strip():
            pieces.append(before.strip())
        start = found.end()
    if text[start:].strip():
        pieces.append(text[start:].strip())
    return pieces


def split_prefix(lines: list[Line], indonesian: bool = True) -> list[Line]:
    """Cut a furniture prefix from every line that goes on as running text after it."""
    out: list[Line] = []
    for line in lines:
        found = match_rule_detail(line.text, len(line.tokens), indonesian)
        end = furniture_end(line.text, *found) if found is not None else len(line.text)
        if found is None or found[0].kind == "end" or end >= len(line.text) or \
                not reads_as_text(line.text[end:]):
            out.append(line)
            continue
        head, rest = line.text[:end].rstrip(), line.text[end:].lstrip()
        out.append(_piece(line, head, line.piece))
        out.append(_piece(line, rest, line.piece + 1))
    return out


def furniture_end(text: str, rule: Rule, match: re.Match[str]) -> int:
    """Where the furniture that ``rule`` found in ``text`` ends: the whole line for a match
    inside it or a rule whose furniture runs to the end of its line; else the match, carried
    over the headline after a related-article link or over the name after a credit label."""
    if match.start() != 0 or rule.whole:
        return len(text)
    if text[:1] in _BRACKETS:  # "(Baca juga: ...)", "[Video: ...]": up to the closing bracket
        close = text.find(_BRACKETS[text[0]], match.end() - 1)
        return len(text) if close < 0 else close + 1
    author = match.groupdict().get("author")
    if author:
        return match.start("author") + len(name_before_role(author))
    end = match.end()
    if rule.name in TITLE_RULES or rule.kind == "credit":
        # the headline or name starts with the word the match ends in ("Baca: J|usuf Kalla ...")
        while match.start() < end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end -= 1
        end = _headline_end(text, end)
    return end


def not_whole(text: str, rule: Rule, match: re.Match[str]) -> bool:
    """The rule matched the start of a line that goes on as running text after the furniture."""
    end = furniture_end(text, rule, match)
    return end < len(text) and reads_as_text(text[end:])


def _headline_end(text: str, start: int) -> int:
    """The end of the headline that starts at ``start``: the last capitalised word (or number)
    before the first word a headline would not capitalise. Where the next sentence opens with
    capitalised words of its own, they are left to it: a word before a comma ("... Pekerja Migran
    Menurutnya, minimnya"), a sentence opener ("... Daerah Ia juga"), and a title with the name
    after it ("... Turun Tipis Wakil Presiden Joko Widodo mengatakan")."""
    capitals: list[re.Match[str]] = []  # the capitalised words since the last lower-case word
    end = start
    for token in _TITLE_TOKEN.finditer(text, start):
        word = token.group(0).strip("\"“”'‘’:,()[]")
        if not word:
            continue
        if word[0].isupper() or word[0].isdigit():
            capitals.append(token)
            end = token.end()
        elif word.casefold() not in _MINOR and word[0] not in "-–—|&":
            opener = _sentence_opener(text, capitals)
            if opener is not None:
                end = len(text[:opener].rstrip())
            break
        else:
            capitals = []
    return end


def _sentence_opener(text: str, capitals: list[re.Match[str]]) -> int | None:
    """Where, among the capitalised words right before the first lower-case word after a headline,
    the next sentence starts; None when they all belong to the headline."""
    if len(capitals) < 2:
        return None
    last = capitals[-1]
    if "," in text[last.start():last.end()] or last.group(0).strip("\"“”'‘’:,()[]").casefold() in _OPENERS:
        return last.start()
    words_ = [c.group(0).strip("\"“”'‘’:,()[]").casefold() for c in capitals]
    heads, continuations = _roles()
    at = next((i for i in range(len(words_) - 1, 0, -1) if words_[i] in heads), None)
    if at is None or at == len(words_) - 1:
        return None  # no title, or a title with no name after it
    while at > 1 and (words_[at - 1] in heads or words_[at - 1] in continuations):
        at -= 1
    return capitals[at].start()


@cache
def _roles() -> tuple[frozenset[str], frozenset[str]]:
    roles = load_toml("roles.toml")
    return frozenset(roles["heads"]), frozenset(roles["continuations"])


def name_before_role(name: str) -> str:
    """A byline's name up to the first word of a title that opens the article after it
    ("Willem Sukma Ketua" -> "Willem Sukma"); the name itself when none follows."""
    parts = name.split()
    for index, part in enumerate(parts[1:], start=1):
        if part.casefold() in _roles()[0]:
            return " ".join(parts[:index])
    return name
