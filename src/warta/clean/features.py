"""Structural signals of one line: is it a sentence, a headline, a fragment?"""

from __future__ import annotations

import re

__all__ = ["words", "is_sentence", "is_title_like", "ends_sentence", "MINOR_WORDS"]

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_SENTENCE_BREAK = re.compile(r"[a-z][.!?] +[A-Z]")  # two sentences: running text, not a headline
_END = re.compile(r"[.!?…:;\"”’'»)\]]\s*$")
# Words a headline leaves in lower case (Indonesian and English function words).
MINOR_WORDS = _MINOR = frozenset("""
di ke dari dan atau yang untuk dengan pada dalam soal tak tidak ini itu jadi usai saat akan
bisa sebagai oleh karena agar bagi hingga sampai demi lewat per vs jelang pasca antar atas bawah
kah pun a an the of in on at to for and or with by from as is are be vs.
""".split())


def words(line: str) -> list[str]:
    return _WORD.findall(line)


def ends_sentence(line: str) -> bool:
    return bool(_END.search(line))


def is_sentence(line: str, tokens: list[str]) -> bool:
    """Reads as running text: ends like a sentence and has enough words, or is simply long."""
    n = len(tokens)
    return (n >= 5 and ends_sentence(line)) or n >= 18


def is_title_like(line: str, tokens: list[str]) -> bool:
    """A headline or subheading: short, no closing period, content words capitalised."""
    n = len(tokens)
    if not 2 <= n <= 24 or line.rstrip().endswith((".", ";", ",")) or _SENTENCE_BREAK.search(line):
        return False
    content = [t for t in tokens if t.casefold() not in _MINOR]
    if not content:
        return False
    capital = sum(1 for t in content if t[0].isupper() or t[0].isdigit())
    return capital / len(content) >= 0.6
