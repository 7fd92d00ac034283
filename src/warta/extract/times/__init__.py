"""Time expressions (TIMEX3) in Indonesian news, normalised against the reference date (DCT).

    >>> find_times("Rapat digelar Rabu (5/11/2025), dan lanjut pekan depan.", date(2025, 11, 5))
    [{'text': 'Rabu (5/11/2025)', ..., 'type': 'DATE', 'value': '2025-11-05'},
     {'text': 'pekan depan', ..., 'type': 'DATE', 'value': '2025-W46', 'anchor': 'dct'}]

Steps, in order:
  1. one scan of the text with a single regular expression compiled (once) from the lexicons in
     ``warta/data/timex.toml`` and ``calendar.toml``; every alternative is one kind of expression
     (``_lexicon``, ``_scan``);
  2. each candidate is re-read with its own pattern to get its parts, and checked against its
     context (capitalisation of "Minggu", the word before a bare year, "dulu" meaning "first" …);
  3. its value is computed: absolute; against the DCT (``anchor: "dct"``), in the direction the
     tense cues of its sentence imply; or against the last fully specified time seen so far in
     the text (``anchor: "text"``). Without a DCT relative values fall back to PAST_REF /
     FUTURE_REF / PRESENT_REF or an X-filled form ("XXXX-WXX-6") (one handler per kind in
     ``_dates`` and ``_relative``, on ``_values`` and the text's ``_context``);
  4. after the scan (``_scan``): years and counts inside a law's or document's name or number are
     dropped ("UU Nomor 7 Tahun 2017"); clock times and parts of the day take the day under
     discussion (the day of their sentence, else one written out in the two sentences before or
     the one after, in the same paragraph, else the last day written before them, else the DCT);
     "hari ini", "kemarin", "besok" inside a quotation take the day its attribution gives ("'…,'
     kata X, Rabu (15/10/2025)").

Spans follow TimeML: prepositions (pada, sejak, hingga, selama …) stay out, modifiers (lalu,
depan, ini, lebih dari, sekitar, awal, akhir, pertengahan …) are in.

Importing this package registers the spaCy component ``warta_times`` (``_component``) and the Doc
extensions ``dct`` and ``times``.
"""

from warta.extract.times._component import TimeTagger
from warta.extract.times._scan import find_times

__all__ = ["find_times", "TimeTagger"]
