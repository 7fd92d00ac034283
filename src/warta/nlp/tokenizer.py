"""Tokenizer for Indonesian news: spaCy's Indonesian rules plus news abbreviations and patterns.

Registered as ``warta.news_tokenizer.v1`` so that the trained pipeline's config names it and
``spacy.load`` rebuilds it; the data lives in ``warta/data/tokenizer.toml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property

from spacy.symbols import ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex, registry

from warta.resources import load_toml


def _settings() -> dict:
    return load_toml("tokenizer.toml")


class WholeTokens:
    """Whole strings that must stay a single token: one of a set of words, or a match of one regex.

    spaCy saves a tokenizer's token match as ``token_match.__self__.pattern`` and a plain
    ``spacy.load`` compiles that back, so ``pattern`` is one regex for both: the words as a trie
    (one branch per letter, matched in time proportional to the string, not to the 15,000 words)."""

    def __init__(self, words: frozenset[str] = frozenset()) -> None:
        self.words = words
        self._body = "|".join(p.strip("^$") for p in _settings()["token_patterns"])
        self.regex = re.compile(f"^(?:{self._body})$")

    def match(self, string: str) -> bool:
        return string in self.words or self.regex.match(string) is not None

    @cached_property
    def pattern(self) -> str:
        return f"^(?:{self._body}|{_trie_pattern(self.words)})$" if self.words else self.regex.pattern


def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alternatives = [re.escape(char) + branch(node[char]) for char in sorted(node) if char]
        if not alternatives:
            return ""
        body = alternatives[0] if len(alternatives) == 1 else f"(?:{'|'.join(alternatives)})"
        if "" not in node:
            return body
        return f"(?:{body})?"

    return branch(trie) or "(?!)"


def news_token_match(words: frozenset[str] = frozenset()):
    """The tokenizer's token match (``WholeTokens.match``)."""
    return WholeTokens(words).match


def _split_exceptions(exceptions: dict) -> tuple[dict, frozenset[str]]:
    """spaCy's exceptions, less the hyphenated words kept whole and unchanged ("anak-anak",
    "Faktor-Faktor": 15,600 of its 16,000), which become plain strings for the token match. As
    special cases each cost a tokenisation when the tokenizer is built (1.4 s of a model's load);
    looked up in a set they give the same tokens (identical on all 3,463 IndoSum articles), except
    inside a string that other infixes split ("kupu-kupu/capung", "non-anak-anak"): a special case
    was found again among the pieces, a whole-token word is not."""
    rules, whole = {}, set()
    for string, pieces in exceptions.items():
        if "-" in string and len(pieces) == 1 and pieces[0] == {ORTH: string}:
            whole.add(string)
        else:
            rules[string] = pieces
    return rules, frozenset(whole)


MAX_CACHE = 250_000  # space-delimited strings whose tokens the tokenizer keeps


def build_tokenizer(nlp) -> Tokenizer:
    defaults = nlp.Defaults
    # A closing bracket after a number is a suffix ("(24/8)" -> "(", "24/8", ")"): spaCy's
    # defaults miss it when the number contains an infix character.
    suffixes = [*defaults.suffixes, r"(?<=[0-9])\)"]
    # The prefix regex is an alternation of "^..." pieces: .search would try every piece at every
    # position of the string, .match only at the start, where any match must begin (the same
    # match; the tokenizer runs twice as fast, identical tokens on 1,500 IndoSum articles).
    # A quotation mark glued to the words around it ('mendukung,”terang Saini', 'mendukung.”Saini')
    # is a token of its own, and so is the punctuation before it.
    # A bracket glued between two words opens or closes an aside ("menelepon Hasto(Kristiyanto; Sekjen
    # PDIP)"): a token of its own, so that it is no part of a name.
    infixes = [*defaults.infixes, r"(?<=\w)[,.!?](?=[“”\"])", r"(?<=[\w,.!?])[“”\"](?=\w)",
               r"(?<=[^\W\d_]{2})[()](?=[^\W\d_])"]
    rules, hyphenated = _split_exceptions(defaults.tokenizer_exceptions)
    tok = Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(defaults.prefixes).match,
        suffix_search=compile_suffix_regex(suffixes).search,
        infix_finditer=compile_infix_regex(infixes).finditer,
        token_match=news_token_match(hyphenated),
        url_match=defaults.url_match,
        # room for the known words warm_vocab caches with their punctuation (~100,000 strings,
        # ~60 bytes each); spaCy's default of 10,000 filled up within the first few hundred articles
        max_cache_size=MAX_CACHE,
    )
    for abbr in _settings()["abbreviations"]:
        tok.add_special_case(abbr, [{ORTH: abbr}])
    return tok


@registry.tokenizers("warta.news_tokenizer.v1")
def create_news_tokenizer():
    return build_tokenizer
