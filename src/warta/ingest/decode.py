"""Bytes to text: detect the encoding, refuse binary data, repair mojibake with ftfy."""

from __future__ import annotations

import re

import charset_normalizer
import ftfy
from ftfy.badness import is_bad

from warta.errors import InputError
from warta.limits import MAX_TEXT_CHARS

__all__ = ["decode_bytes", "repair_text", "looks_binary"]

# ftfy's defaults straighten curly quotes; warta keeps the signal (house style 8).
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
                             explain=False)
_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13))
_NOT_CONTROL = bytes(c for c in range(256) if c not in _CONTROL)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first 8 KB mean this is not a text page."""
    head = data[:8192]
    if b"\0" in head:
        return True
    controls = len(head.translate(None, _NOT_CONTROL))
    return controls > max(8, len(head) // 100)


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


def decode_bytes(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode a page's bytes; raise InputError for binary data or undecodable bytes."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        declared = "utf-16"
    if declared != "utf-16" and looks_binary(data):
        raise InputError(source, "binary data, not a text or HTML page")
    for encoding in filter(None, (declared, "utf-8")):
        try:
            return repair_text(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so this always succeeds.
        text = data.decode("latin-1")
    if text.count("\ufffd") > max(3, len(text) // 200):
        raise InputError(source, f"cannot decode text (best guess {encoding} gives replacement characters)")
    return repair_text(text)
