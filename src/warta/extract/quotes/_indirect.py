"""Indirect speech without quotation marks: 'X mengatakan (bahwa) …', 'Menurut X, …', '…, kata X.'.

A weak verb ("menilai", "mengungkapkan", "meminta") reports speech before "bahwa", a comma or a
colon, or when what follows it is what was said, which the complement model decides (``_complement``,
learned from annotated news; the clause test here, ``_clause_follows``, is one of its features): a
noun phrase and its predicate ("X menilai pejabat publik seharusnya terbuka"), a clause with no
subject of its own ("memastikan telah mengantongi …"), a request's "agar" clause, "menyebut Y sebagai
Z", a fact admitted or denied ("menampik pertemuan di hotel itu"). A negated denial admits what
follows ("tak menampik adanya kasus itu"). Also: a passive judgement with its agent right
after it ("dinilai Teco memiliki …"), "Dikatakannya, …", and "Bagi X, …" opening a sentence. A
quote split by its cue ("A, kata X, B", also without the first comma: "Perubahan kata dia, tidak perlu
…") is the part after the cue. A time adverbial may open the clause ("menyampaikan hingga saat ini
belum ditemukan …").

The quote is the reported content only, and one is kept only when its speaker is found.
"""

from __future__ import annotations

import itertools
import re
from functools import partial

from warta.extract.quotes._complement import complement_features, complement_model
from warta.extract.quotes._lexicon import Lexicon
from warta.extract.quotes._quoted import Quote, prev_close
from warta.extract.quotes._speakers import (
    CONNECTORS,
    NOT_AFTER,
    Ref,
    after_phrase,
    classify,
    leads_to,
    person_after_comma,
    subject_before,
)
from warta.extract.quotes._text import DOUBLE, SINGLE, Text, words_in

__all__ = ["find_indirect"]

# a day (and its date) closed by a comma, after a place adjunct: "di Jakarta, Senin (3/3/2025), …"
_DAYS = r"(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)"
_DAY_LEAD = re.compile(rf"\s*(?:hari\s+)?{_DAYS}\b\s*"
                       r"(?:\(\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\))?\s*,", re.IGNORECASE)
_ADJUNCT = re.compile(r"\s*(?:kepada|di|pada|saat|ketika|dalam|usai|seusai|melalui|lewat|sampai|hingga|sejak|selama)"
                      r"\b[^.;\"“”]{0,90}?"
                      r"(?:\bbahwa\b|,(?=\s+[^\d\s]))", re.IGNORECASE)
# a word of a verb's shape ("men-tweet", "mengunggah") with "bahwa" a few words after it, no punctuation
# between: what the subject said or thought, whatever the verb (the lists cannot hold every one)
_SHAPED_REPORT = re.compile(r"\b(?P<cue>(?:me|ber)[a-z]*-?[a-z]{3,})(?P<bahwa>(?!))?"  # (no "bahwa" right after)
                            r"(?=(?:\s+[^\s.,;:!?\"“”()]+){0,6}?\s+bahwa\b)")
_SUBJECT_ADVERBS = frozenset("juga pun kembali telah sudah sempat bahkan lalu kemudian pernah lantas akhirnya".split())


def _named_subject_right_before(t: Text, lex: Lexicon, pos: int) -> bool:
    """A person or body named, or a pronoun, right before ``pos``, adverbs at most between ("Abdullah
    Abdullah men-tweet", "Biro hukum Shenyang pun mengumumkan"): the verb's own subject, not the
    subject of a clause around it ("… agar bangsa ini kembali mengingat bahwa …")."""
    s0, _ = t.sentence(pos)
    words = words_in(t.text, s0, pos)
    while words and words[-1].group().lower() in _SUBJECT_ADVERBS:
        words.pop()
    if not words:
        return False
    last = words[-1]
    if last.group().lower() in lex.pronouns:
        return True
    return any(e["end"] == last.end() and e["type"] in ("PER", "ORG") for e in t.entities_in(last.start(), last.end()))


# verbs of evidence, not of speech: "data itu menunjukkan bahwa …"
_EVIDENTIAL = frozenset("menunjukkan membuktikan menandakan mengindikasikan berarti menegaskan menggambarkan "
                        "mencerminkan memperlihatkan".split())
# whom it was said to, or when, before "bahwa": a few words without punctuation ("meyakinkan investor bahwa …")
_ADDRESSED = re.compile(r"(?:\s+[^\s.,;:!?\"“”()]+){1,8}?\s+bahwa\b", re.IGNORECASE)
# "membeberkan mengenai …" names a topic, not what was said
_TOPIC = re.compile(r"(?:mengenai|tentang|soal|terkait|perihal|atas|akan hal)\b", re.IGNORECASE)
# an addressee and what is asked of them, not an adjunct before the report ("kepada semua pihak untuk …")
_REQUEST_VERBS = frozenset("mengimbau menghimbau meminta mendesak mengajak menyerukan menyeru memerintahkan "
                           "menginstruksikan mengingatkan".split())
_REQUEST_TO = re.compile(r"\s*kepada\b[^,]*\b(?:untuk|agar|supaya)\b", re.IGNORECASE)
# after the verb: "bahwa", or a comma or colon, a date set off by commas and "bahwa" ("mengatakan, Senin
# (12/3), bahwa …": the date is when it was said)
_DATE_SET_OFF = (r"(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\b\s*|(?=\())"
                 r"(?:\(\s*\d{1,2}/\d{1,2}(?:/\d{2,4})?\s*\))?\s*,")
_LEAD_IN = re.compile(rf"\s*(?:bahwa\b|[,:](?:\s*{_DATE_SET_OFF})?(?:\s*bahwa\b)?)", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:\"“”]|\.(?!\d)")  # not a bracket: "Dana Moneter Internasional (IMF) yang …"
_VERB_PREFIXES = ("me", "di", "ber")
_NEGATIONS = frozenset({"tidak", "tak", "belum", "bukan", "tidaklah", "enggak", "nggak", "gak"})
_DEMONSTRATIVES = frozenset({"itu", "ini", "tersebut"})
# after a comma, more items of a list and its "dan": the comma is inside a noun phrase
_ITEM = r"[^\s,.;:\"“”]+(?:\s+[^\s,.;:\"“”]+){0,3}"
_LIST_GOES_ON = re.compile(rf"(?:\s*{_ITEM}\s*,)*\s*(?:[^\s,.;:\"“”]+\s+)?(?:dan|serta|atau)\s", re.IGNORECASE)
# opening a sentence, a subordinate clause: a report in it ends at the comma that closes it
_SUBORDINATORS = frozenset("meski meskipun walaupun walau kendati kendatipun jika kalau apabila bila karena sebab "
                           "setelah sesudah sebelum seusai usai ketika saat sejak".split())
_URGING = frozenset({"mendesak", "mengimbau", "menyerukan", "menyeru"})  # "untuk" after their object says what is urged
# what one denies or admits may be a clause without a subject that opens with its verb ("membantah terlibat",
# "mengakui menerima uang")
_OWNING = frozenset({"membantah", "menyangkal", "menampik", "mengakui", "membenarkan"})
_DENYING = frozenset({"membantah", "menyangkal", "menampik", "menepis", "memungkiri"})  # negated, they admit
_NOT = frozenset({"tidak", "tak", "enggak", "nggak", "gak"})  # "belum membantah" has not denied it yet: no admission
_ABLE = frozenset({"bisa", "dapat", "mampu"})  # "tidak bisa memungkiri …"
# a denial's negation that joins it to another verb admits nothing: "tidak membantah maupun membenarkan …",
# "bukan membantah tuduhan itu melainkan menjelaskan …"
_JOINED = re.compile(r"\s*(?:maupun|ataupun|atau|dan|serta|melainkan|namun|tetapi)\b", re.IGNORECASE)


def _admitting(verb: str, words: list[re.Match[str]]) -> int | None:
    """Where the negation of a denial verb starts when it admits what follows ("X tak menampik …",
    "X tidak bisa memungkiri …"), else None."""
    if verb not in _DENYING or not words:
        return None
    last = [w.group().lower() for w in words[-2:]]
    if last[-1] in _NOT:
        return words[-1].start()
    if len(last) == 2 and last[0] in _NOT and last[1] in _ABLE:
        return words[-2].start()
    return None
# requests whose object is someone asked to act when "untuk" follows ("mengingatkan penyelenggara untuk bersikap
# adil", "mengajak warga untuk …", "berharap seluruh muslim untuk bersatu")
_ASKING = frozenset({"meminta", "mengingatkan", "mengajak", "berharap", "mengharapkan", "menyarankan"})
# "meminta X untuk …" asks X to act when X is someone ("meminta semua pihak untuk menerima …", "meminta
# Puigdemont untuk …"), not when X is a thing ("meminta bantuan pemerintah untuk memperbaiki …")
_ADDRESSEES = frozenset("semua seluruh para pihak masyarakat warga publik pemerintah kepada peserta pemilih petugas "
                        "aparat kader anggota pendukung umat rakyat siswa mahasiswa pengusaha pedagang "
                        "penyelenggara jajaran pejabat nasabah konsumen pengguna penumpang pemudik".split())
_TITLE_REACH = 90  # characters of a title before its holder's name
# "hal itu" as the verb's object, then where or to whom it was said, or the sentence's end: a statement
# reported elsewhere ("mengatakan hal itu kepada wartawan"), not one said here ("mengatakan hal itu tidak benar")
_BACK_REFERENCE = re.compile(r"[\s,]*hal\s+(?:itu|ini|tersebut)\s*(?:[.,;]|$|(?:kepada|di|pada|saat|ketika|usai|seusai"
                             r"|sesudah|setelah|dalam|melalui|lewat|via|dengan|sambil|sebelum)\b)", re.IGNORECASE)


def _is_predicate(lex: Lexicon, word: str) -> bool:
    """A verb (the POS-built list, or an unseen word of a verb's shape; not a nominalised one:
    "tewasnya"), an auxiliary, a modal, a negation or a copula."""
    if word in lex.predicates:
        return True
    if word.endswith("nya") or word in lex.not_predicate_after:
        return False
    return word in lex.verbs or (len(word) >= 7 and word.startswith(_VERB_PREFIXES) and word not in lex.not_verbs)


def _clause_follows(t: Text, lex: Lexicon, a: int, b: int, verb: str = "") -> bool:
    """Text[a:b] opens with a clause: a noun phrase of one word or more, then its predicate, within
    ``lex.clause_reach`` words and before any punctuation or subordinate clause ("menilai pejabat
    publik seharusnya terbuka", "mengingatkan Pemda agar fokus …"); not a plain object ("menilai
    kinerja kabinet", "menjelaskan cara menggunakan …", "menyampaikan hal tersebut karena …")."""
    end = _CLAUSE_END.search(t.text, a, b)
    while end is not None and end.group() == "," and _LIST_GOES_ON.match(t.text, end.end(), b):
        end = _CLAUSE_END.search(t.text, end.end(), b)  # "guru PPKn, kesenian, dan agama masih ...": a list
    written = words_in(t.text, a, end.start() if end else b)[:lex.clause_reach]
    words = [w.group().lower() for w in written]
    first = words[0] if words else ""
    if (first in lex.directives or first in lex.subjectless) and len(words) >= 3:
        return True  # "menyerukan agar …", "memastikan telah mengantongi …"
    if verb in _OWNING and len(words) >= 2 and first in lex.verbs and first.startswith(_VERB_PREFIXES) \
            and not first.endswith("nya"):
        return True  # "membantah terlibat dalam serangan itu": what is denied, its subject the speaker
    if len(words) < 3 or _is_predicate(lex, first) or first in lex.not_predicate_after \
            or first in lex.object_openers or first in lex.clause_stops:
        return False
    addressed = first in _ADDRESSEES or written[0].group()[:1].isupper()
    skipping = relative = False  # in a verb run of the object ("upaya meningkatkan"); in a relative clause
    for k, (prev, word) in enumerate(itertools.pairwise(words)):
        if word in lex.directives or (verb in lex.predicative_verbs and word in lex.predicative_words) \
                or (word == "untuk" and (verb in _URGING or verb in _ASKING and addressed)):
            return True  # "mengingatkan Pemda agar …", "menyebut X sebagai sosok …", "mendesak X untuk …"
        if word == "saat" and words[k + 2:k + 3] in (["ini"], ["itu"]):
            continue  # "PPSU saat ini lebih bermalas-malasan": an adverb of time, not a clause of its own
        if word in lex.clause_stops:
            return False
        if prev in _DEMONSTRATIVES and word in lex.adjectives and not relative:
            return True  # "menilai putusan itu janggal": an adjective after a closed noun phrase
        relative = relative or prev == "yang"
        if not _is_predicate(lex, word) or (relative and word not in lex.predicates):
            skipping = False
            continue
        skipping = skipping or prev in lex.not_predicate_after
        if not skipping:
            return True
    return False


def _past_time(t: Text, lex: Lexicon, a: int, b: int) -> int:
    """Where a reported clause's own words start after a time adverbial opening it ("menyampaikan
    hingga saat ini belum ditemukan …": the clause is "belum ditemukan …"), or after a short
    prepositional adjunct before a clause without a subject ("menyebutkan dalam tiga pemilu terakhir
    terjadi peningkatan …")."""
    while a < b and t.text[a] == " ":
        a += 1
    m = lex.time_openers.match(t.text, a, b)
    if m:
        return m.end()
    words = words_in(t.text, a, b)[:_ADJUNCT_WORDS + 2]
    if words and words[0].group().lower() in _ADJUNCT_PREPOSITIONS and "," not in t.text[a:words[-1].start()]:
        for w in words[2:]:
            if w.group().lower() in lex.subjectless:
                return w.start()
            if _is_predicate(lex, w.group().lower()):
                break
    return a


def _says_content(t: Text, lex: Lexicon, verb: str, after: int, end: int) -> bool:
    """What follows a weak verb with no "bahwa", comma or colon (text[after:end]) is what was said,
    not a plain object: the learned model's answer (``_complement``), the clause test one of its
    features. A verb the model's corpus does not hold ("melanjutkan perjalanan") is left to the rule:
    the clause test for the verbs that take a clause, nothing for the others."""
    clause = verb in lex.clause_verbs and _clause_follows(t, lex, _past_time(t, lex, after, end), end, verb)
    model = complement_model()
    if not model.knows(verb):
        return clause
    features = complement_features(t, lex, verb, after, end, clause=clause, predicate=partial(_is_predicate, lex))
    return model.is_content(features)


def _content(t: Text, a: int, b: int) -> tuple[int, int] | None:
    """The reported content text[a:b] without spaces and the final full stop; None if too short
    or if it is quoted (then it is a direct or partial quote)."""
    text = t.text
    while a < b and text[a] in " \t,:":
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] in ".!?…,"):
        b -= 1
    if b - a < 12 or text[a] in DOUBLE + SINGLE or len(words_in(text, a, b)) < 3 or _TOPIC.match(text, a):
        return None
    return a, b


def _coordinated_report(t: Text, lex: Lexicon, a: int, b: int) -> bool:
    """A reporting verb coordinated after a short object ("tuduhan dan mengatakan …")."""
    nxt = lex.report.search(t.text, a, b)
    if nxt is None:
        return False
    words = [w.group().lower() for w in words_in(t.text, a, nxt.start())]
    return 0 < len(words) <= 6 and words[-1] in ("dan", "serta", "lalu", "kemudian", "lantas")


def _subordinate_end(t: Text, s0: int, pos: int, after: int, s1: int) -> int:
    """Where the reported content ends: the sentence's end, or the comma that closes a subordinate
    clause the report stands in ("Meski Mourinho menyebut Rooney bukan striker murni, pemain itu
    terbukti …": the main clause after the comma is the writer's)."""
    first = words_in(t.text, s0, pos)[:1]
    if not first or first[0].group().lower() not in _SUBORDINATORS or "," in t.text[s0:pos]:
        return s1
    comma = t.text.find(",", after, s1)
    while comma > 0 and _LIST_GOES_ON.match(t.text, comma + 1, s1):
        comma = t.text.find(",", comma + 1, s1)
    return comma if comma > 0 else s1


def _reported(t: Text, lex: Lexicon, m: re.Match[str]) -> Quote | None:
    """'X mengatakan (bahwa) …', 'X menegaskan, …': the content after the verb, if X is known."""
    text = t.text
    pos = m.start()
    s0, s1 = t.sentence(pos)
    a = prev_close(t, pos, s0)
    words = words_in(text, a, pos)
    relative = _relative_speaker(t, words) if words and words[-1].group().lower() == "yang" else None
    verb = m.group("cue").lower()
    last = words[-1].group().lower() if words else ""
    admits = _admitting(verb, words)  # "tak menampik adanya kasus itu" admits it
    if not words or (last in NOT_AFTER and relative is None and admits is None
                     and last != "sempat"):  # "sempat mengaku …" did say it ("akan/ingin/bisa mengatakan" did not)
        return None
    if admits is None and any(w.group().lower() in _NEGATIONS for w in words[-3:]):
        return None  # "tidak (secara khusus) mengatakan bahwa …", "belum membantah …": what was not said
    if admits is not None and _JOINED.match(text, m.end()):
        return None  # "tidak membantah maupun membenarkan kabar itu": neither
    after = m.end()
    lead = _ADJUNCT.match(text, after, s1) if not m.group("bahwa") else None
    if lead is not None and _holds_clause(t, lex, lead.start(), lead.end()):
        lead = None  # "mengatakan sejak tahun 2016 Kementerian PANRB membubarkan tim itu, …": what was said
    request = lead is not None and m.group("cue").lower() in _REQUEST_VERBS \
        and _REQUEST_TO.match(lead.group()) is not None
    if request:  # "mengimbau kepada seluruh pengguna jalan untuk berhati-hati, …": whom it asks, and what
        lead = None
    if lead is None and not m.group("bahwa"):
        lead = _ADDRESSED.match(text, after, s1)  # "memperingatkan Korea Utara beberapa waktu lalu bahwa …"
    if lead:
        after = lead.end()
        day = _DAY_LEAD.match(text, after, s1)
        if day is not None:  # "mengatakan di Jakarta, Senin (3/3/2025), pemerintah …": when, then what
            after = day.end()
    elif not m.group("bahwa") and not request:
        lead = _LEAD_IN.match(text, after, s1)
        if lead:
            after = lead.end()
        elif verb in lex.weak and not _says_content(t, lex, verb, after, s1):
            return None
        elif verb in lex.weak and _coordinated_report(t, lex, after, s1):
            return None  # "menyangkal tuduhan dan mengatakan …": the object, then the report's own verb
    if not m.group("bahwa") and _BACK_REFERENCE.match(text, after, s1):
        return None  # "mengatakan hal itu kepada detikcom": what was said is told elsewhere
    span = _content(t, after, _subordinate_end(t, s0, pos, after, s1))
    if span is None:
        return None
    ref = relative or subject_before(t, lex, a, pos if admits is None else admits)  # "X tak menampik …"
    if ref is None:
        return None
    # the negation is the cue's: "tidak membantah" admits, and the event step reads no denial in it
    cue = text[m.start() if admits is None else admits:m.end()]
    return Quote(span[0], span[1], "indirect", cue, ref, (s0, s1), s1)


_AFTER_NAME = frozenset(("sebelumnya", "juga", "pun", "itu", "tersebut", "sendiri"))


def _relative_speaker(t: Text, words: list[re.Match[str]]) -> Ref | None:
    """The person or body a relative clause of speech is about: "Viktor Laiskodat yang menuding PKS …",
    "pernyataan Soylu sebelumnya yang menyebut …": the name right before "yang" (an adverb or a
    demonstrative between allowed)."""
    k = len(words) - 2
    if k >= 0 and words[k].group().lower() in _AFTER_NAME:
        k -= 1
    if k < 0:
        return None
    e = next((e for e in t.entities_in(words[k].start(), words[k].end())
              if e["end"] == words[k].end() and e["type"] in ("PER", "ORG")), None)
    return Ref("entity", e["start"], e["end"], entity=e) if e is not None else None


def _according(t: Text, lex: Lexicon, m: re.Match[str], cue: str) -> Quote | None:
    """'Menurut X, …', 'Kata X, …', '…, menurut X.', '…, kata X.', 'Namun, kata X, …'."""
    text = t.text
    s0, s1 = t.sentence(m.start())
    if m.groupdict().get("nya"):  # (the passive and statement cues have no "-nya")
        ref: Ref | None = Ref("pronoun", m.start("nya"), m.end("nya"))
        cue += "nya"
        who_end = m.end()
    else:
        who = m.end()
        source = lex.source_nouns.match(text, who) if cue.lower() == "menurut" else None
        if source is not None:  # "…, menurut laporan Miami Herald.": what the source published
            who = source.end()
        comma = _comma_after(t, who, s1)
        named, named_end = _named_right_after(t, lex, who, s1)
        first = words_in(text, named_end, s1)[:1] if named is not None and cue.lower() == "menurut" else []
        if first and _is_predicate(lex, first[0].group().lower()) and (comma < 0 or named_end < comma):
            # "Negara, menurut Dimas membutuhkan …": the name, then the predicate of what was said,
            # no comma between them
            ref, who_end = named, named_end
        elif comma > 0:
            ref, who_end = classify(t, lex, who, comma), comma
            person = person_after_comma(t, ref)
            if person is not None:  # "menurut Kepala …, Siegfried O Wolf, krisis ini …"
                ref, who_end = person, person.end
        elif len([w for w in words_in(text, s0, m.start()) if w.group().lower() not in CONNECTORS]) >= 3 \
                and (whole := classify(t, lex, who, s1)) is not None and whole.entity is not None \
                and whole.entity["type"] == "PER" and not words_in(text, whole.end, s1):
            # a cue after what was said, nothing after its author: "…, kata Kepala Dinas Perdagangan Jawa
            # Timur Iwan Setiawan." names its speaker with the whole title chain (the first name in it is
            # the title's body), when the chain ends in a person
            ref, who_end = whole, s1
        else:  # no comma closes the name: "Menurut Feri Amsari hal tersebut bisa …"
            ref, who_end = named, named_end
            first = words_in(text, who, s1)[:1]
            if ref is None and first and first[0].group().lower() in lex.pronouns:  # "Menurut dia kejadian itu …"
                ref, who_end = Ref("pronoun", first[0].start(), first[0].end(),
                                   plural=first[0].group().lower() in lex.plural), first[0].end()
            if ref is None:  # "Menurut mantan Kapolda Papua Barat ini hal tersebut …": a demonstrative closes it
                ref, who_end = _closed_description(t, lex, who, s1)
            if ref is None:  # "…, sebut sumber tersebut."
                ref, who_end = classify(t, lex, who, s1), s1
    if ref is None:
        return None
    head = [w for w in words_in(text, s0, m.start()) if w.group().lower() not in CONNECTORS]
    before = _content(t, s0, m.start()) if len(head) >= 3 else None
    after = _content(t, who_end, s1)
    if after is not None and (_DATE_ONLY.fullmatch(t.text, after[0], after[1]) or _setting_only(t, *after)):
        after = None  # "…, kata X, Jumat (25/8/2017).", "…, kata X di Mapolda, Jalan Sudirman, Senin (3/4)":
        # where and when it was said, not what
    opens = [w.group() for w in words_in(text, after[0], after[1])[:1]] if after is not None else []
    if before is not None and opens and (opens[0].lower() in lex.weak or lex.report.fullmatch(opens[0])) and \
            any(_is_predicate(lex, w.group().lower()) for w in words_in(text, *before)):
        after = None  # "A, kata X, meminta …": X's own report follows, what X said is A (A a clause:
        # "Pemerintah pusat, kata X, meminta …" is the subject of X's words, not what X said)
    if before is not None and m.group().lstrip(", ").lower().startswith(("demikian", "begitu")):
        after = None  # "…, demikian laporan BPS yang dirilis Senin": what was said comes before
    pick = after or before  # "A, kata X, B": the part after the cue (GUIDE), else the part before
    if pick is None:
        return None
    return Quote(pick[0], pick[1], "indirect", cue, ref, (s0, s1), s1)


def _interposed(t: Text, lex: Lexicon, m: re.Match[str]) -> Quote | None:
    """'Perubahan kata dia, tidak perlu dilakukan …', 'Salah satu rekomendasi kata Bamsoet, adalah …': a cue
    set into a clause after its subject with no comma before it; the speaker, a name or a pronoun, is
    closed by a comma, and what follows it is the subject's predicate (the GUIDE's "A, kata X, B")."""
    text = t.text
    if text[m.start() - 1:m.start()] != " " or not text[m.start() - 2:m.start() - 1].isalnum():
        return None
    # the cheap tests first: most "kata", "jelas", "lanjut" are no cue here
    comma = m.end() if m.group("nya") else text.find(",", m.end(), m.end() + 80)
    if comma < 0 or text[comma:comma + 1] != "," or "." in text[m.end():comma]:
        return None
    first = words_in(text, comma + 1, min(len(text), comma + 40))[:1]
    if not first or not _is_predicate(lex, first[0].group().lower()):
        return None
    s0, s1 = t.sentence(m.start())
    if comma >= s1:
        return None
    lead = words_in(text, s0, m.start())
    if not lead or any(lex.report.fullmatch(w.group()) or w.group().lower() in lex.pronouns for w in lead):
        return None
    if m.group("nya"):
        ref = Ref("pronoun", m.start("nya"), m.end("nya"))
    else:
        ref = classify(t, lex, m.end(), comma)
        if ref is None or ref.kind not in ("entity", "pronoun"):
            return None
    span = _content(t, comma + 1, s1)
    if span is None:
        return None
    return Quote(span[0], span[1], "indirect", m.group("cue") + (m.group("nya") or ""), ref, (s0, s1), s1)


# words that open a subordinate or relative clause inside an adjunct ("kepada wartawan usai menghadiri rapat",
# "dalam acara yang digelar di Jakarta"): a verb after them is that clause's
_CLAUSE_OPENERS = frozenset("yang usai seusai saat ketika setelah sesudah sebelum sambil sembari seraya selagi".split())
# words of a verb's shape that are prepositions ("kepada wartawan mengenai kasus itu")
_PREPOSITION_VERBS = frozenset("mengenai menurut menuju menjelang melalui menyusul mengingat menyangkut "
                               "dibanding dibandingkan diantaranya".split())


def _holds_clause(t: Text, lex: Lexicon, a: int, b: int) -> bool:
    """An adjunct after a reporting verb ("di Jakarta, Senin", "kepada wartawan saat dikonfirmasi") holds a
    clause of its own when a verb comes two words or more after its preposition, outside a relative or
    subordinate clause: "sejak tahun lalu pemerintah membubarkan tim itu" is what was said, not when. An
    adjunct that opens with a subordinator ("saat dikonfirmasi") is such a clause by itself and is kept."""
    words = [w.group().lower() for w in words_in(t.text, a, b)]
    if not words or words[0] in _CLAUSE_OPENERS:
        return False
    for i, w in enumerate(words[1:], start=1):
        if w in _CLAUSE_OPENERS:
            return False
        if i >= 3 and w not in _SETTING and w not in _PREPOSITION_VERBS and (
                _is_predicate(lex, w) or w.startswith(("me", "di")) and len(w) >= 7 and not w.endswith("nya")):
            return True
    return False


_ADJUNCT_PREPOSITIONS = frozenset(("dalam", "selama", "sejak", "pada", "di", "hingga", "sampai", "menjelang", "jelang"))
_ADJUNCT_WORDS = 4  # the longest adjunct read before a subjectless clause ("dalam tiga pemilu terakhir")
_DATE_ONLY = re.compile(rf"(?:(?:hari\s+)?{_DAYS}\b[\s,]*)?"
                        r"(?:\(?\s*\d{1,2}\s*/\s*\d{1,2}(?:\s*/\s*\d{2,4})?\s*\)?|\d{1,2}\s+\w+\s+\d{4})?[\s.,]*",
                        re.IGNORECASE)
# The words of where, when and how something was said, after its speaker ("kepada wartawan di Jakarta",
# "saat dikonfirmasi, Senin (3/4) dinihari", "seperti dilansir Antara"): with names and numbers, no speech.
_SETTING = frozenset("di pada kepada kpd usai seusai saat ketika sela sela-sela dalam melalui lewat via seperti "
                     "sebagaimana dilansir dikutip diberitakan mengutip dikonfirmasi dihubungi ditemui diwawancarai "
                     "wartawan media awak jurnalis keterangan tertulis resmi pers konferensi pesan singkat telepon "
                     "sambungan hari pagi siang sore malam dini dinihari kemarin lalu waktu setempat wib wita wit "
                     "pukul sekitar tanggal jalan kota kantor gedung kompleks".split())


def _setting_only(t: Text, a: int, b: int) -> bool:
    """Text[a:b] says only where, when or how something was said: names, numbers and setting words."""
    text = t.text
    # a bracket names or dates the speaker ("(International Committee of the Red Cross/ICRC)")
    bracketed = [(k.start(), k.end()) for k in _BRACKET.finditer(text, a, b)]
    return all(w.group()[:1].isupper() or w.group()[:1].isdigit() or w.group().lower() in _SETTING
               or any(x <= w.start() < y for x, y in bracketed) for w in words_in(text, a, b))


_BRACKET = re.compile(r"\([^()]{1,120}\)")
_TO = re.compile(r"\s(?:ke|kepada)\s", re.IGNORECASE)


_FOR = re.compile(r"Bagi\s+")  # at a sentence's start (checked where it matches)


def _for_person(t: Text, lex: Lexicon, m: re.Match[str]) -> Quote | None:
    """'Bagi Mourinho, sosok Lukaku tak cocok …' opening a sentence: the view of the person named,
    a clause after the comma."""
    person = next((e for e in t.entities_in(m.end(), m.end() + 1) if e["start"] == m.end()), None)
    if person is None or person["type"] != "PER" or t.text[person["end"]:person["end"] + 1] != ",":
        return None
    s0, s1 = t.sentence(m.start())
    if not _clause_follows(t, lex, person["end"] + 1, s1):
        return None
    span = _content(t, person["end"] + 1, s1)
    if span is None:
        return None
    ref = Ref("entity", person["start"], person["end"], entity=person)
    return Quote(span[0], span[1], "indirect", "Bagi", ref, (s0, s1), s1)


def _passive_agent(t: Text, lex: Lexicon, m: re.Match[str]) -> Quote | None:
    """'… dinilai Teco memiliki kemampuan komplet …': a passive judgement whose agent, a named
    person or organisation, stands right after it, or after a title ("dianggap Koordinator ICW Adnan
    Topan Husodo tak mampu …"); what follows the agent is the quote."""
    agent = next((e for e in t.entities_in(m.end(), m.end() + 1) if e["start"] == m.end()), None)
    if agent is None and t.text[m.end():m.end() + 1].isupper() and lex.heads.match(t.text, m.end()):
        agent = next((e for e in t.entities_in(m.end(), m.end() + _TITLE_REACH) if e["type"] == "PER"), None)
        agent = agent if agent is not None and leads_to(t, lex, m.end(), agent) else None
    if agent is None or agent["type"] not in ("PER", "ORG"):
        return None
    s0, s1 = t.sentence(m.start())
    if lex.passive.match(t.text, s0, m.end()):
        return None  # "Hal itu disebutkan X di Jakarta": a report of what was quoted before, no judgement
    span = _content(t, agent["end"], s1)
    if span is None:
        return None
    ref = Ref("entity", agent["start"], agent["end"], entity=agent)
    return Quote(span[0], span[1], "indirect", m.group("cue"), ref, (s0, s1), s1)


_CLOSING_DEMONSTRATIVE = re.compile(r"\b(?:ini|itu|tersebut)\b", re.IGNORECASE)


def _closed_description(t: Text, lex: Lexicon, a: int, b: int) -> tuple[Ref | None, int]:
    """A description that a demonstrative closes, right after "menurut", when a clause follows it
    ("menurut mantan Kapolda Papua Barat ini hal tersebut tidak jadi masalah"): the person spoken of."""
    demo = _CLOSING_DEMONSTRATIVE.search(t.text, a, b)
    if demo is None or len(words_in(t.text, a, demo.start())) > 8 or len(words_in(t.text, demo.end(), b)) < 3:
        return None, b
    ref = classify(t, lex, a, demo.end())
    return (ref, demo.end()) if ref is not None and ref.kind in ("epithet", "desc") else (None, b)


def _comma_after(t: Text, a: int, b: int) -> int:
    """The first comma in text[a:b] that is not inside a name ("Badan Meteorologi, Klimatologi, dan
    Geofisika"), or -1."""
    comma = t.text.find(",", a, b)
    while comma >= 0 and any(e["start"] < comma < e["end"] for e in t.entities_in(a, comma + 1)):
        comma = t.text.find(",", comma + 1, b)
    return comma


def _named_right_after(t: Text, lex: Lexicon, a: int, b: int) -> tuple[Ref | None, int]:
    """The person or organisation named right after "menurut" (titles before the name allowed)
    when no comma closes the phrase, and where the name ends."""
    e = next(iter(t.entities_in(a, b)), None)  # the first name after the cue, nothing else
    if e is not None and e["type"] in ("PER", "ORG") and leads_to(t, lex, a, e):
        return Ref("entity", e["start"], e["end"], entity=e), e["end"]
    return None, b


def find_indirect(t: Text, lex: Lexicon) -> list[Quote]:
    text = t.text
    out = []
    reported = set()
    for m in lex.report.finditer(text):
        reported.add(m.start())
        if not t.in_quote(m.start()) and text[m.start()].islower():
            q = _reported(t, lex, m)
            if q:
                out.append(q)
    for m in _SHAPED_REPORT.finditer(text) if "bahwa" in text else ():
        # a verb no list holds before "bahwa": "X men-tweet bahwa …", "X mengunggah di akunnya bahwa …"
        if m.start() not in reported and m.group("cue").lower() not in _EVIDENTIAL and not t.in_quote(m.start()) \
                and _named_subject_right_before(t, lex, m.start()):
            q = _reported(t, lex, m)
            if q:
                out.append(q)
    for m in lex.menurut.finditer(text):
        cue = m.group("cue")
        if t.in_quote(m.start()):
            continue
        s0, s1 = t.sentence(m.start())
        lead = text[s0:m.start()].strip()
        if cue.lower() != "menurut" and not m.group("nya") and not lead and text.find(",", m.end(), s1) < 0:
            continue  # "Kata kunci pencarian itu …": the noun, no speaker closed by a comma
        if cue.lower() == "menurut" or not lead or lead.endswith(","):
            q = _according(t, lex, m, cue)
            if q:
                out.append(q)
    for m in lex.interposed.finditer(text):  # "Perubahan kata dia, tidak perlu …"
        if not t.in_quote(m.start()):
            q = _interposed(t, lex, m)
            if q:
                out.append(q)
    for m in _FOR.finditer(text):  # "Bagi Mourinho, sosok Lukaku tak cocok …"
        s0, _ = t.sentence(m.start())
        if m.start() == s0 and not t.in_quote(m.start()):
            q = _for_person(t, lex, m)
            if q:
                out.append(q)
    for m in lex.passive_nya.finditer(text):  # "Dikatakannya, kepolisian …"
        s0, s1 = t.sentence(m.start())
        span = _content(t, m.end(), s1) if m.start() == s0 and not t.in_quote(m.start()) else None
        if span is not None:
            nya = m.end("cue") - 3
            out.append(Quote(span[0], span[1], "indirect", m.group("cue"), Ref("pronoun", nya, nya + 3), (s0, s1), s1))
    for m in lex.opening_nya.finditer(text):  # "Lanjutnya, kemudian saksi naik …": the last speaker goes on
        if m.start() == t.sentence(m.start())[0] and not t.in_quote(m.start()):
            q = _according(t, lex, m, m.group("cue"))
            if q:
                out.append(q)
    for m in lex.passive_by.finditer(text):  # "Ditambahkan oleh Warga Pulau Tidung, memang …", "Ditambahkan Sugito, …"
        s0, s1 = t.sentence(m.start())
        comma = _comma_after(t, m.end(), s1)
        if m.start() != s0 or comma < 0 or t.in_quote(m.start()):
            continue
        if "oleh" not in m.group().lower() and not text[m.end():m.end() + 1].isupper():
            continue  # without "oleh", a name or a title follows ("Ditambahkan Sugito, …"), not "dalam laporan itu"
        if m.group("cue").lower() == "dilaporkan" and _TO.search(text, m.end(), comma):
            continue  # "Dilaporkan Ahmad Dhani ke Polda Metro Jaya, …": a complaint, not a report
        ref = classify(t, lex, m.end(), comma)
        span = _content(t, comma + 1, s1) if ref is not None else None
        if span is not None:
            out.append(Quote(span[0], span[1], "indirect", m.group("cue"), ref, (s0, s1), s1))
    outlets = []
    for m in lex.outlet_opening.finditer(text):  # "Dilansir dari CNN, sedikitnya 20 orang tewas …"
        s0, s1 = t.sentence(m.start())
        comma = _comma_after(t, m.end(), s1)
        if m.start() != s0 or comma < 0 or t.in_quote(m.start()):
            continue
        source = [w.group() for w in words_in(text, m.end(), comma)]
        if not source or any(w.lower() in lex.platforms or w.lower().endswith("nya") for w in source):
            continue  # "Dikutip dari Instagram pribadinya, Raffi …": a person's post, not an outlet's report
        ref = classify(t, lex, m.end(), comma)
        if ref is None or ref.kind not in ("name", "entity") or m.group("cue").lower().startswith("mengutip") \
                and ref.entity is not None and ref.entity["type"] == "PER":
            continue  # "Mengutip Soekarno, Megawati menutup pidatonya …": a person quoted, not a source
            # (after "dilansir", "melansir", "dikutip dari" a source: the NER may have read it as a person)
        start = comma + 1
        while start < s1 and text[start].isspace():
            start += 1
        date = _DATE_ONLY.match(text, start, s1)  # "Dilansir dari CNN, Selasa (3/3), …"
        span = _content(t, date.end() if date else start, s1)
        if span is not None:
            outlets.append(Quote(span[0], span[1], "indirect", m.group("cue"), ref, (s0, s1), s1))
    for m in lex.passive_agent.finditer(text):
        glued = m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] == "-")
        if not glued and not t.in_quote(m.start()):
            q = _passive_agent(t, lex, m)
            if q:
                out.append(q)
    unquoted = {m.start(): m for m in lex.unquoted.finditer(text)}
    unquoted.update((m.start(), m) for m in lex.unquoted_nya.finditer(text) if m.start() not in unquoted)
    # "…, ditambahkan Wiranto, juga …", "…, demikian disampaikan X.", "…, demikian keterangan X."
    unquoted.update((m.start(), m) for m in lex.unquoted_passive.finditer(text) if m.start() not in unquoted)
    for _, m in sorted(unquoted.items()):
        if not t.in_quote(m.start()):
            q = _according(t, lex, m, m.group("cue") or m.groupdict().get("set") or m.groupdict().get("doc") or "")
            if q:
                out.append(q)
    # what an outlet published, unless someone in it speaks ("Dilansir dari CNN, Biden mengatakan …":
    # Biden's words, the outlet their source)
    out += [q for q in outlets if not any(o.start < q.end and q.start < o.end for o in out)]
    for m in lex.passive.finditer(text):  # "… Hal itu disampaikan Menteri X di Jakarta.": the sentence before
        q = _reported_before(t, lex, m)
        if q is not None and not any(o.start < q.end and q.start < o.end for o in out):
            out.append(q)
    return out


# a line that opens with a label and a colon ("Baca juga: …", "Foto: …"): no statement
_LABELLED = re.compile(r"\s*\S+(?:\s+\S+)?\s*:")
# what a passive report opening a sentence refers back to ("Hal senada diungkapkan X" says X said the
# like, and what follows is X's own)
_SAID_BEFORE = re.compile(r"\s*(?:demikian|begitu|hal\s+(?:itu|ini|tersebut)|pernyataan\s+(?:itu|ini|tersebut))\b",
                          re.IGNORECASE)


def _reported_before(t: Text, lex: Lexicon, m: re.Match[str]) -> Quote | None:
    """A passive report that opens a sentence and names its speaker, after a sentence of plain
    statement: that sentence is what the speaker said ("Pemerintah akan menaikkan harga BBM. Hal itu
    disampaikan Menteri Keuangan Sri Mulyani di Jakarta."; "…. Demikian dikatakan X."), in the same
    paragraph or the one before. Not when the sentence before holds a quotation or a reporting verb of
    its own (its quote has its speaker), asks a question or opens with a label ("Baca juga: …"), nor
    when the report says X said the like ("Hal senada …", "Demikian juga …")."""
    text = t.text
    start = m.start()
    while start < m.end() and text[start].isspace():
        start += 1
    s0, s1 = t.sentence(start)
    if start != s0 or s0 == 0 or t.in_quote(start) or not _SAID_BEFORE.match(text, start) \
            or "juga" in m.group().lower().split():
        return None  # ("Demikian juga diungkapkan X": X said the like, the sentence before is another's)
    p0, p1 = t.sentence(s0 - 1)
    while not text[p0:p1].strip() and p0 > 0:  # a blank line between paragraphs
        p0, p1 = t.sentence(p0 - 1)
    if text[p0:p1].rstrip().endswith("?") or _LABELLED.match(text, p0, p1) \
            or any(ch in text[p0:p1] for ch in DOUBLE) or lex.report.search(text, p0, p1) \
            or lex.menurut.search(text, p0, p1):
        return None
    if p0 < t.dateline <= p1:
        p0 = t.dateline  # "Jakarta - Harga beras naik …": no dateline in what was said
    ref = after_phrase(t, lex, m.end())
    span = _content(t, p0, p1) if ref is not None and ref.kind in ("entity", "name") else None
    if span is None:
        return None
    return Quote(span[0], span[1], "indirect", m.group("cue"), ref, (s0, s1), s1)
