"""Bytes to text: detect the encoding, refuse binary data, repair mojibake with ftfy."""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy
from ftfy.badness import is_bad

from warta.errors import InputError
from warta.limits import MAX_TEXT_CHARS

__all__ = ["decode_bytes", "repair_text", "looks_binary", "sanitise"]

# ftfy's defaults straighten curly quotes; warta keeps the signal (house style 8).
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
                             explain=False)
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))
_NOT_CONTROL = bytes(c for c in range(256) if c not in _CONTROL)


def looks_binary(data: bytes) -> bool:
    """Many NUL or other control bytes in the first 8 KB mean this is not a text page (a stray NUL
    in a text is removed by ``sanitise``, and UTF-16 without a byte order mark is found first)."""
    head = data[:8192]
    controls = len(head.translate(None, _NOT_CONTROL))
    return controls > max(8, len(head) // 100)


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' for text whose every other byte is NUL (ASCII-range text in UTF-16
    with no byte order mark), else None."""
    head = data[:8192]
    if len(head) < 16 or len(head) % 2:
        head = head[: len(head) - len(head) % 2]
    if len(head) < 16:
        return None
    even, odd = head[0::2], head[1::2]
    half = len(head) // 2
    if odd.count(0) > 0.9 * half and even.count(0) < 0.02 * half:
        return "utf-16-le"
    if even.count(0) > 0.9 * half and odd.count(0) < 0.02 * half:
        return "utf-16-be"
    return None


# Characters no page text should hold: lone surrogates (invalid JSON escapes such as "\ud800", which
# no encoder can write), NUL and the C0 controls other than tab, line breaks and form feed.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sanitise(text: str) -> tuple[str, list[str]]:
    """The text with lone surrogates replaced by U+FFFD and control characters removed, and a
    sentence for each kind of repair made (empty when there was nothing to repair)."""
    repairs = []
    surrogates = len(_LONE_SURROGATE.findall(text))
    if surrogates:
        text = _LONE_SURROGATE.sub("\ufffd", text)
        repairs.append(f"{surrogates} lone surrogate code point{'s' * (surrogates != 1)} replaced by U+FFFD")
    controls = _CONTROL_CHARS.findall(text)
    if controls:
        text = _CONTROL_CHARS.sub("", text)
        kinds = ", ".join(sorted({f"U+{ord(c):04X}" for c in controls})[:5])
        repairs.append(f"{len(controls)} control character{'s' * (len(controls) != 1)} removed ({kinds})")
    return text, repairs


# UTF-8 read as a single-byte code page always shows a lead byte as one of these characters.
_MOJIBAKE_LEAD = re.compile("[\u00c2-\u00f4\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]")


def repair_text(text: str) -> str:
    """Fix mojibake (UTF-8 read as cp1252, etc.) only when the text looks broken."""
    # One odd pair of characters is not mojibake (ftfy would "fix" a lone '”É'); a page read with
    # the wrong code page shows the pattern again and again.
    leads = _MOJIBAKE_LEAD.findall(text, 0, 100_000)
    # a longer text is refused as a page before anything reads it (warta.limits): not worth ftfy's time
    if len(leads) >= 2 and len(text) <= MAX_TEXT_CHARS and is_bad(text):
        return ftfy.fix_text(text, _FTFY)
    return text


_SINGLE_BYTE_LATIN = frozenset({"cp1250", "cp1252", "cp1254", "cp1257", "iso8859_1", "iso8859_2", "iso8859_9",
                                "iso8859_13", "iso8859_15", "mac_roman", "mac_latin2", "cp850", "cp437"})


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name.replace("-", "_")
    except LookupError:
        return encoding


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode a page's bytes; raise InputError for binary data or undecodable bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        declared = "utf-16"
    elif declared is None or not declared.lower().startswith("utf-16"):
        declared = _utf16_without_bom(data) or declared
    if not (declared or "").lower().startswith("utf-16") and looks_binary(data):
        raise InputError(source, "binary data, not a text or HTML page")
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return repair_text(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    if _codec_name(encoding) in _SINGLE_BYTE_LATIN and _decodes(data, "cp1252"):
        # Indonesian and other Latin-script pages in a single-byte code page are Windows-1252 far more
        # often than the Central European or Baltic page that a short sample may look like ("Señor"
        # as cp1250 reads "Seńor"): where Windows-1252 decodes every byte, it is the reading.
        encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so this always succeeds.
        text = data.decode("latin-1")
    if text.count("\ufffd") > max(3, len(text) // 200):
        raise InputError(source, f"cannot decode text (best guess {encoding} gives replacement characters)")
    return repair_text(text)
