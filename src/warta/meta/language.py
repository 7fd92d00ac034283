"""Language of an article: lingua, restricted to the languages warta meets in Indonesian news.

Javanese and Sundanese are not among lingua's languages; text in them is reported as the closest
of Indonesian, Malay and English.
"""

from __future__ import annotations

from functools import cache

__all__ = ["detect_language"]

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
