"""Language of an article: lingua, restricted to the languages warta meets in Indonesian news.

Javanese and Sundanese are not among lingua's languages; text in them is reported as the closest
of Indonesian, Malay and English.
"""

from __future__ import annotations

from functools import cache

__all__ = ["detect_language"]

SAMPLE_CHARS = 600  # enough for lingua to be sure on news prose; more only costs time


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
    found = detector.detect_language_of(text[:SAMPLE_CHARS])
    return languages.get(found) if found is not None else None
