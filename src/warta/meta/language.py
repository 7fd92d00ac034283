"""Language of an article: lingua, restricted to the languages warta meets in Indonesian news.

Javanese and Sundanese are not among lingua's languages; text in them is reported as the closest
of Indonesian, Malay and English.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["detect_language", "looks_indonesian"]

# Function words of Indonesian (and Malay) that other languages do not use as words: in news prose
# they are one word in six or seven; in English, German or Italian text almost none.
_FUNCTION_WORDS = frozenset("""
yang dan di ke dari ini itu dengan untuk dalam tidak akan pada juga ada oleh karena bahwa atau
sudah telah bisa kata saat para tersebut lebih masih harus dapat menjadi kami kita mereka
""".split())
_WORD = re.compile(r"[^\W\d_]+")
FUNCTION_SHARE = 0.04
SAMPLE_CHARS = 600  # lingua is sure of most news prose from this much ...
FULL_CHARS = 4000  # ... and Malay/Indonesian doubts are settled on a longer sample
SURE = 0.7


@cache
def _detector():  # type: ignore[no-untyped-def]
    from lingua import Language, LanguageDetectorBuilder

    languages = {Language.INDONESIAN: "id", Language.MALAY: "ms", Language.ENGLISH: "en"}
    detector = LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()
    return detector, languages


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None for text too short to tell."""
    if len(text.strip()) < 20:
        return None
    detector, languages = _detector()
    values = detector.compute_language_confidence_values(text[:SAMPLE_CHARS])
    if values and (values[0].value < SURE or languages[values[0].language] != "id") and len(text) > SAMPLE_CHARS:
        values = detector.compute_language_confidence_values(text[:FULL_CHARS])
    return languages[values[0].language] if values and values[0].value > 0 else None


def looks_indonesian(text: str, sample: int = 4000) -> bool:
    """The text reads as Indonesian or Malay (or is too short to tell): a cheap test, for choosing
    which of the cleaner's rules apply, that needs no language model."""
    tokens = _WORD.findall(text[:sample].casefold())
    if len(tokens) < 20:
        return True
    return sum(1 for token in tokens if token in _FUNCTION_WORDS) >= FUNCTION_SHARE * len(tokens)
