"""Read one TimeML (.tml) article of the Kompas/IndoTimex timex corpus.

``read_tml(path)`` returns ``{"file", "dct", "title", "text"}``:

* ``file``  -- the file's base name, e.g. ``"20131018-0725521.tml"``;
* ``dct``   -- the document creation time, ``YYYY-MM-DD``, taken from the
  ``value`` attribute of the TIMEX3 inside ``<DCT>`` and zero-padded (some
  files write ``2013-12-4``);
* ``title`` -- the content of ``<TITLE>``;
* ``text``  -- the content of ``<TEXT>``.

The gold offsets in ``dev.jsonl`` / ``test.jsonl`` refer to this exact
``text`` string, so every scorer and tagger run must take the text from here.

Decoding and normalisation (the whole and only processing applied):

1. bytes are decoded as UTF-8 when valid, otherwise as cp1252 (several files
   carry cp1252 curly quotes and dashes, bytes 0x93/0x94/0x96/0x97);
2. line ends are normalised as an XML processor does (XML 1.0 section 2.11):
   ``\\r\\n`` and a lone ``\\r`` become ``\\n`` (the files use CRLF);
3. ``<TITLE>``/``<TEXT>`` contents are cut out with a regular expression (the
   files are not always well-formed XML: one holds a bare ``&``), then the five
   XML entities and numeric character references are unescaped (a bare ``&``
   that starts no entity is kept as is);
4. leading and trailing whitespace is stripped; internal text is unchanged.

Command line: ``python eval/timex/read_tml.py FILE`` prints the DCT and text.
Standard library only.
"""

import os
import re
import sys

_ENTITY = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#[xX]([0-9A-Fa-f]+));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _unescape(s):
    def sub(m):
        if m.group(1):
            return _NAMED[m.group(1)]
        if m.group(2):
            return chr(int(m.group(2)))
        return chr(int(m.group(3), 16))

    return _ENTITY.sub(sub, s)


def _decode(data):
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _element(doc, tag):
    m = re.search(rf"<{tag}(?:\s[^>]*)?>(.*?)</{tag}>", doc, re.S)
    return m.group(1) if m else None


def read_tml(path):
    """Return {"file", "dct", "title", "text"} for the TimeML file at *path*."""
    with open(path, "rb") as fh:
        doc = _decode(fh.read())
    doc = doc.replace("\r\n", "\n").replace("\r", "\n")
    dct_el = _element(doc, "DCT")
    m = re.search(r'value\s*=\s*"(\d{4})-(\d{1,2})-(\d{1,2})', dct_el or "")
    if not m:
        raise ValueError(f"{path}: no DCT value")
    dct = f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}"
    title = _element(doc, "TITLE")
    text = _element(doc, "TEXT")
    if text is None:
        raise ValueError(f"{path}: no <TEXT>")
    return {
        "file": os.path.basename(path),
        "dct": dct,
        "title": _unescape(title or "").strip(),
        "text": _unescape(text).strip(),
    }


def main(argv):
    if len(argv) != 2:
        print("usage: python read_tml.py FILE.tml", file=sys.stderr)
        return 2
    doc = read_tml(argv[1])
    print("{}  DCT {}".format(doc["file"], doc["dct"]))
    print(doc["title"])
    print()
    print(doc["text"])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
