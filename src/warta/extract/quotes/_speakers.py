"""Speaker phrases: what the words around a cue name as a speaker, before it is resolved in
document order (``_resolve``)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from warta.extract.quotes._lexicon import Lexicon
from warta.extract.quotes._text import SPEAKER_TYPES, Text, words_in
from warta.resources import load_words

__all__ = ["CONNECTORS", "NOT_AFTER", "Ref", "after_phrase", "classify", "leads_to", "person_after_comma",
           "pick_speaker", "subject_before"]

CONNECTORS = frozenset("itu ini sementara namun adapun kemudian lalu sedangkan tetapi tapi dan pun juga meski meskipun "
                       "walaupun walau kini kali sebelumnya selanjutnya akhirnya lantas bahkan".split())
_OF = re.compile(r"\s+(?:di|dari)\s+", re.IGNORECASE)
NOT_AFTER = frozenset("yang untuk tidak tak belum enggan menolak bisa dapat akan ingin mau sempat".split())
_MAX_SUBJECT_WORDS = 14
_MAX_TITLE_WORDS = 24  # a title chain after a cue that ends in a name
_NOT_SUBJECT = frozenset(("saat", "ketika", "dalam", "usai", "yang"))


@dataclass(slots=True)
class Ref:
    """Who said a quote, before it is resolved in document order."""
    kind: str  # "entity", "pronoun", "desc", "epithet", "name", "continue", "none"
    start: int = 0
    end: int = 0
    entity: dict[str, Any] | None = None
    head: str = ""
    plural: bool = False  # "mereka", "pihaknya"
    back: bool = False  # "pejabat tersebut": points back to an earlier description


def pick_speaker(entities: list[dict[str, Any]]) -> dict[str, Any] | None:
    for kind in SPEAKER_TYPES:
        for e in entities:
            if e["type"] == kind:
                return e
    return None


# what a body publishes, before its name: "menurut survei CNN", "menurut data BPS", "demikian catatan WHO"
_DOCUMENTS = frozenset("data laporan survei hasil catatan rilis riset kajian penelitian temuan analisis poling polling "
                       "jajak studi".split())
_PUBLISHED = frozenset("dilakukan dirilis dikeluarkan diterbitkan digelar dibuat dipublikasikan dihimpun".split())


def _made_by(words: list[re.Match[str]], e: dict[str, Any]) -> set[int]:
    """The word indices of "yang dilakukan (oleh)" between what a body publishes and the body ("menurut
    survei yang dilakukan Litbang Kompas", "data yang dirilis BPS"): the body publishes it."""
    out: set[int] = set()
    if e["type"] != "ORG":
        return out
    for i in range(1, len(words) - 1):
        if words[i].group().lower() == "yang" and words[i - 1].group().lower() in _DOCUMENTS \
                and words[i + 1].group().lower() in _PUBLISHED:
            out |= {i, i + 1}
            if i + 2 < len(words) and words[i + 2].group().lower() == "oleh":
                out.add(i + 2)
    return out


def leads_to(t: Text, lex: Lexicon, a: int, e: dict[str, Any]) -> bool:
    """Only titles, names, connectors and what a body publishes between a and the entity: it is the
    phrase's subject."""
    between = " ".join(t.text[a:e["start"]].split()).strip(" ,")
    if between and e["type"] == "PER" and e.get("role") and " ".join(e["role"].split()).endswith(between):
        return True  # the words before the name are its title, as the linker read it ("Pakar hukum tata negara")
    words = words_in(t.text, a, e["start"])
    made_by = _made_by(words, e)
    for i, w in enumerate(words):
        word = w.group()
        low = word.lower()
        if i in made_by:
            continue
        if not (word[0].isupper() or word[0].isdigit() or low in lex.roles or low in CONNECTORS
                or (low in _DOCUMENTS and e["type"] == "ORG") or low in lex.statements
                # "Calon presiden dari Partai Republik Donald Trump", "Utusan Khusus PBB untuk Suriah X"
                or (low in lex.in_title and 0 < i < len(words) - 1 and words[i + 1].group()[0].isupper())):
            return False
    return True


def classify(t: Text, lex: Lexicon, a: int, b: int, *, subject: bool = False) -> Ref | None:
    """What the phrase text[a:b] names as a speaker, or None when it names nobody recognisable."""
    text = t.text
    words = words_in(text, a, b)
    if len(words) > _MAX_SUBJECT_WORDS and subject:
        # a long subject part with an adjunct after the name ("Duta Besar … Al Shuaibi dalam konferensi
        # pers di Jakarta"): the words before the adjunct
        people = [e for e in t.entities_in(a, b) if e["type"] == "PER" and e["start"] >= a]
        cut = lex.stop.search(text, people[0]["end"] if people else (words[1].start() if len(words) > 1 else a), b)
        if cut is not None:
            b = len(text[:cut.start()].rstrip())
            words = words_in(text, a, b)
    if words and len(words) > _MAX_SUBJECT_WORDS and not subject:
        # a long title chain after the cue that ends in the name: "kata Ketua Umum Badan Pengurus Pusat (BPP)
        # Asosiasi Eksportir dan Industri Kopi Indonesia (AEKI), Irfan Anwar"
        last = [e for e in t.entities_in(a, b) if e["type"] == "PER" and not text[e["end"]:b].strip(" ,")]
        if last and len(words) <= _MAX_TITLE_WORDS and leads_to(t, lex, words[0].start(), last[-1]):
            return Ref("entity", last[-1]["start"], last[-1]["end"], entity=last[-1])
    if not words or len(words) > _MAX_SUBJECT_WORDS:
        return None
    while len(words) > 1 and words[0].group().lower() in CONNECTORS:
        words.pop(0)
    a = words[0].start()
    first = words[0].group().lower()
    if first in lex.pronouns:
        return Ref("pronoun", a, words[0].end(), plural=first in lex.plural)
    found = [e for e in t.entities_in(a, b) if leads_to(t, lex, a, e)]
    person = [e for e in found if e["type"] == "PER"]
    head = lex.heads.match(text, a, b)
    if head and not person and re.sub(r"\s+", " ", head.group("head").lower()) in lex.group_heads:
        named = [e for e in t.entities_in(head.end(), b) if e["type"] == "ORG"
                 and _only_lower(text, head.end(), e["start"])][:1]
        if named:  # "kelompok pemantau Syrian Observatory for Human Rights": the organisation
            return Ref("entity", named[0]["start"], named[0]["end"], entity=named[0])
    related = person or ([e for e in t.entities_in(a, b) if e["type"] == "PER"]
                         if lex.relational.match(text, a) else [])  # "putra dari pendiri NU, KH Hasyim"
    if related and _relative_of(t, lex, a, b, related):
        # "Tim kuasa hukum mantan Menteri Kesehatan Siti Fadilah Supari mengklaim": her lawyers speak
        end = len(text[:b].rstrip())
        # "putra dari pendiri NU, KH Hasyim ini": the one spoken of, not the one named
        back = lex.demonstrative.search(text[a:end]) is not None
        return Ref("desc", a, end, head=lex.relational.match(text, a).group().lower(), back=back)
    relation = lex.relational.match(text, a) if not person else None
    if relation is not None and found:
        # "Istri Bupati Sleman itu", "kuasa hukum PT X": the wife, the lawyer speaks, not the place or
        # the body named in the description
        end = len(text[:b].rstrip())
        back = lex.demonstrative.search(text[a:end]) is not None
        return Ref("desc", a, end, head=relation.group().lower(), back=back)
    if person or (found and not head):
        # a title chain ends in the name: "Wakapolsek Metro Tanah Abang Kompol Eko Prasetyo"
        e = person[-1] if person else pick_speaker(found)
        return Ref("entity", e["start"], e["end"], entity=e)
    cut = lex.stop.search(text, a, b)
    end = cut.start() if cut else b
    end = len(text[:end].rstrip())
    phrase = text[a:end]
    demo = lex.demonstrative.search(phrase)
    if head and subject:
        named = _name_ending(t, lex, words, b)
        if named is not None:  # "Kepala PT KAI Divre II Sumatera Barat Sulthon mengatakan"
            return named
    if head:
        name = re.sub(r"\s+", " ", head.group("head").lower())
        org = pick_speaker(found)
        inner = _OF.search(text, head.end(), end)
        if inner is not None and not any(e["type"] == "ORG" and e["start"] == inner.end()
                                         for e in t.entities_in(inner.end(), inner.end() + 1)):
            end = inner.start()  # "teriak orator dari atas mobil komando": where the speaker stood, not who
        of = _OF.match(text, end)
        if org is None and of:  # "seorang sumber di Kementerian Pertahanan"
            org = next((e for e in t.entities_in(of.end(), of.end() + 1) if e["start"] == of.end()), None)
            # a body, not a place: "kata Presiden di Istana Merdeka" is where the President spoke
            end = org["end"] if org and org["type"] == "ORG" else end
            org = org if org and org["type"] == "ORG" else None
        return Ref("desc", a, end, entity=org, head=name, back=bool(demo) and not head.group("det"))
    if demo and len(words) <= 8:
        return Ref("epithet", a, end)
    if subject:
        return None
    if len(words) <= 4 and (first in lex.roles or all(w.group()[0].isupper() for w in words)):
        return Ref("name", a, end)
    return None


# relations of work, not of kin: with an organisation named between them and the person, the person
# holds the post for that body
_PROFESSIONAL = re.compile(r"\b(?:kuasa hukum|pengacara|penasihat hukum|manajer|asisten|ajudan)\b", re.IGNORECASE)


def _relative_of(t: Text, lex: Lexicon, a: int, b: int, person: list[dict[str, Any]]) -> bool:
    """Whether the phrase opens with a relation ("kuasa hukum", "adik") to the one person it names,
    nothing but a demonstrative after that person: the relative speaks, not the person. An
    organisation between a relation of work and the person is whose manager or lawyer the person is."""
    rel = lex.relational.match(t.text, a)
    if rel is None or len(person) != 1:
        return False
    if _PROFESSIONAL.search(rel.group()) and \
            any(e["type"] == "ORG" for e in t.entities_in(rel.end(), person[0]["start"])):
        return False  # "Manajer Arema FC Yusrinal Fitriandi", "kuasa hukum PT X Budi": the body's manager, lawyer
    tail = t.text[person[0]["end"]:b].strip()
    return not tail or lex.demonstrative.fullmatch(" " + tail) is not None


# a relation that a demonstrative closes at the sentence's end, a comma or "dari" inside it
_CLOSED_AT_END = re.compile(r"[^.;:!?\"“”\n]{3,100}?\s(?P<demo>ini|itu|tersebut)(?=\s*[.!?]|\s*$)")
_ACRONYM = re.compile(r"\(\s*[A-Z][A-Za-z0-9.&-]{1,11}\s*\)\s+(?=[A-Z])")  # "(OKU) " before more of a name


def after_phrase(t: Text, lex: Lexicon, pos: int) -> Ref | None:
    """The speaker named after a cue: "kata Menteri Luar Negeri Retno Marsudi di Jakarta"."""
    text = t.text
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    limit = min(len(text), pos + 160)
    cut = lex.stop.search(text, pos + 1, limit)
    while cut and (acronym := _ACRONYM.match(text, cut.start())):  # "Kapolres Ogan Komering Ulu (OKU) AKBP Leo"
        cut = lex.stop.search(text, acronym.end(), limit)
    end = cut.start() if cut else limit
    closing = _CLOSED_AT_END.match(text, pos, limit) if cut and lex.relational.match(text, pos) else None
    if closing and closing.end() > end and not any(
            _is_verb(lex, w.group().lower()) for w in words_in(text, pos, closing.start("demo"))):
        end = closing.end()  # "kata putra dari pendiri Nahdlatul Ulama, KH Hasyim Asy'ari ini.": one relation
    for e in t.entities_in(pos, end):  # a name the stop word would cut ("kata Ketua DPR Setya Novanto")
        if e["start"] < end < e["end"]:
            end = e["end"]
    if cut and text[cut.start()].isspace() and not any(e["type"] == "PER" for e in t.entities_in(pos, end)):
        # a stop word inside a title chain that ends in a name: "kata Wakil Menteri Dalam Negeri Libya
        # Abdulsalam Ashour", "ujar Direktur Jenderal Penguatan Daya Saing Produk Kelautan dan Perikanan
        # KKP Nilanto Perbowo"
        after = [e for e in t.entities_in(end, limit) if e["start"] >= end and e["type"] == "PER"][:1]
        if after and leads_to(t, lex, pos, after[0]):
            end = after[0]["end"]
    ref = classify(t, lex, pos, end) if end > pos else None
    return person_after_comma(t, ref) or ref


def person_after_comma(t: Text, ref: Ref | None) -> Ref | None:
    """The person a description or an organisation is followed by, between commas: "kata seorang
    pejabat kementerian, Budi Santoso, …", "kata Humas PT Jasa Marga cabang Cikampek, Handoyono,
    di Bekasi", "menurut Kepala bidang penelitian pada Forum X, Siegfried O Wolf, …"."""
    if ref is None or not (ref.kind == "desc" and not ref.back or ref.kind == "entity" and ref.entity is not None
                           and ref.entity["type"] in ("ORG", "LOC")):
        return None
    text = t.text
    comma = text.find(",", ref.end, min(len(text), ref.end + 120))
    if comma < 0 or any(ch in ".;\"“”\n" for ch in text[ref.end:comma]):
        return None
    named = [e for e in t.entities_in(comma, comma + 40) if e["type"] == "PER" and e["start"] > comma
             and _only_capitalised(text, comma + 1, e["start"])][:1]
    if not named or (ref.kind == "entity" and not _closed(text, named[0]["end"])):
        return None
    return Ref("entity", named[0]["start"], named[0]["end"], entity=named[0])


def _only_lower(text: str, a: int, b: int) -> bool:
    """Only words in lower case between a and b ("kelompok pemantau X")."""
    return all(w.islower() for w in text[a:b].split())


def _only_capitalised(text: str, a: int, b: int) -> bool:
    """Nothing but capitalised words (ranks, titles, a first name the NER left out: ", Kombes Pol
    Rudi Setiawan", ", Panggah Susanto") between a and b."""
    return all(w[:1].isupper() for w in text[a:b].split()) and not any(ch in text[a:b] for ch in ",.;:\"“”")


def _closed(text: str, end: int) -> bool:
    """A name in apposition ends at a comma or the sentence's end, not inside a clause ("kata KPK,
    Budi pun ditahan")."""
    rest = text[end:end + 2]
    return not rest.strip() or rest[:1] in ",.;"


def subject_before(t: Text, lex: Lexicon, a: int, b: int) -> Ref | None:
    """The speaker of a clause ending at b ("Sementara itu, Menlu Retno mengatakan"): the last
    comma-separated part before the verb that names one. An article's dateline before it ("Jakarta,
    CNN Indonesia -- Anggota Pansus … menyatakan") is no part: the outlet does not speak."""
    text = t.text
    if a < t.dateline <= b:
        a = t.dateline
    parts = []
    start = a
    for k in range(a, b):
        if text[k] == ",":
            parts.append((start, k))
            start = k + 1
    parts.append((start, b))
    for n in range(len(parts) - 1, -1, -1):
        x, y = parts[n]
        words = words_in(text, x, y)
        if not words:
            continue
        # a verb, an adjunct, or a relative clause on the part before ("X, yang hadir di sana, mengatakan")
        if words[0].group().lower() in lex.weak or words[0].group().lower() in _NOT_SUBJECT:
            named = _person_at_verb(t, lex, x, y) if n == len(parts) - 1 and \
                words[0].group().lower() in _ADJUNCT_OPENERS else None
            if named is not None:  # "Dalam kesempatan yang sama Budi mengatakan": the adjunct's subject
                return named
            continue
        if n == len(parts) - 1:
            x, words = _own_clause(lex, x, words)
        if n == len(parts) - 1 and words[-1].group().lower() in _COORDINATORS and \
                (coordinated := _coordinated_subject(t, lex, x, words)) is not None:
            return coordinated  # "Google menyangkal tuduhan dan mengatakan …": the first verb's subject
        ref = classify(t, lex, x, y, subject=True)
        if ref is None and n == len(parts) - 1:
            ref = _person_at_verb(t, lex, x, y) or (_apposed_name(t, lex, words) if n else None) \
                or _named_elsewhere(t, lex, words)
        titled_org = ref is not None and ref.kind == "entity" and ref.entity is not None and \
            ref.entity["type"] == "ORG" and bool(words_in(text, x, ref.start))
        if ref is not None and n and (ref.kind == "desc" and not ref.back or ref.kind == "name" or titled_org):
            # (and "Yodi Priyatna, Vice President Legal Relation Pertamina EP, mengatakan": a title with its
            # organisation after a person)
            # "Kelik Ismunanto, Koordinator Relawan X, menilai": the person; a title chain's last
            # capitalised words after a named person are the title's ("Budi, Ketua Forum Warga Sejahtera,")
            named = _named_before(t, lex, *parts[n - 1])
            if named is None and _RELATIVISERS.intersection(w.group().lower() for w in words[1:]):
                named = _body_before(t, lex, *parts[n - 1])  # "Polda Metro Jaya, kantor tempat … ditahan,"
            return named or ref
        if ref is not None:
            return ref
        if len(words) > 2 and any(w.group()[0].islower() for w in words):
            # a clause of its own, not a date or place between commas; or a noun phrase in
            # apposition to the person named before it ("Maman Sidikou, yang merupakan pemimpin
            # MONUSCO, misi penjagaan perdamaian PBB di negara itu, mengatakan")
            return _appositive_person(t, lex, parts[:n + 1])
    return None


_COORDINATORS = frozenset(("dan", "serta", "lalu", "kemudian", "lantas"))


def _own_clause(lex: Lexicon, x: int, words: list[re.Match[str]]) -> tuple[int, list[re.Match[str]]]:
    """The reporting verb's own clause in the part before it: the words after the last clause opener
    when a clause with a verb of its own, and no relative "yang", stands before that opener ("Pemerintah
    Spanyol akan mencabut otonomi Catalonia setelah pemimpin daerah tersebut mengancam": the leader)."""
    lower = [w.group().lower() for w in words]
    at = max((k for k, w in enumerate(lower) if w in _CLAUSE_OPENERS and k > 1), default=-1)
    if at < 0 or at == len(words) - 1 or "yang" in lower[:at] or \
            not any(_is_verb(lex, w) for w in _without_adverbials(lower[:at])):
        return x, words
    return words[at + 1].start(), words[at + 1:]


def _coordinated_subject(t: Text, lex: Lexicon, x: int, words: list[re.Match[str]]) -> Ref | None:
    """The subject of a verb phrase that the reporting verb is coordinated with: a name opening the
    part, with a verb right after it ("Google menyangkal tuduhan dan", "Prabowo tiba di Istana lalu")."""
    for e in t.entities_in(x, words[-1].start()):
        after = next((w for w in words if w.start() >= e["end"]), None)
        if after is None or not leads_to(t, lex, x, e):
            return None
        if e["start"] >= x and _is_verb(lex, after.group().lower()) and after.group().lower() not in _COORDINATORS:
            return Ref("entity", e["start"], e["end"], entity=e)
    return None


def _person_at_verb(t: Text, lex: Lexicon, x: int, y: int) -> Ref | None:
    """A named person right before the verb, after a descriptor that is a noun phrase ("kurator
    karnaval Aat Suratin mengatakan", "Meski begitu Fifi mengatakan"): the subject, whatever the
    descriptor's words; not when a verb stands before the name ("bertemu Prabowo mengatakan")."""
    person = [e for e in t.entities_in(x, y)
              if e["type"] in ("PER", "ORG") and e["start"] >= x and _only_adverbs(t.text[e["end"]:y])]
    if not person:
        # a pronoun right before the verb after an adjunct: "Kepada kumparan (kumparan.com) ia mengatakan"
        words = words_in(t.text, x, y)
        last = words[-1].group().lower() if words else ""
        if last in lex.pronouns and len(words) > 1 and \
                not any(_is_verb(lex, w) for w in _without_adverbials([w.group().lower() for w in words[:-1]])):
            return Ref("pronoun", words[-1].start(), words[-1].end(), plural=last in lex.plural)
        return None
    words = [w.group().lower() for w in words_in(t.text, x, person[-1]["start"])]
    opens = max((k for k, w in enumerate(words) if w in _CLAUSE_OPENERS), default=-1)
    words = words[opens + 1:]  # the reporting verb's own clause: "… makin menjadi setelah X mengatakan"
    adjunct = bool(words) and words[0] in _ADJUNCT_OPENERS and len(words) <= _ADJUNCT_WORDS
    if (len(words) > _MAX_SUBJECT_WORDS or any(_is_verb(lex, w) for w in _without_adverbials(words))) \
            and not leads_to(t, lex, x, person[-1]) and not adjunct:
        # (after a short adjunct, the name is the subject: "di tempat terpisah Atta menjelaskan",
        # "dalam kesempatan yang sama Budi mengatakan")
        return None  # (a title chain of titles and names only, however long, ends in its holder's name:
        # "Ketua Tim Perunding Indonesia untuk Indonesia-Australia … (IA-CEPA) Deddy Saleh juga menyampaikan")
    return Ref("entity", person[-1]["start"], person[-1]["end"], entity=person[-1])


# a prepositional adjunct opening the clause before its subject: "di tempat terpisah", "pada kesempatan itu"
_ADJUNCT_OPENERS = frozenset("di dalam pada dari".split())
_ADJUNCT_WORDS = 5

# adverbs between a subject and its verb ("La Nyalla bahkan mengaku", "Budi juga mengatakan")
_SUBJECT_ADVERBS = frozenset("juga pun bahkan lalu kemudian sendiri kembali lantas akhirnya pula justru malah "
                             "tetap masih".split())


def _only_adverbs(between: str) -> bool:
    """Whether nothing but adverbs stands between a subject and its verb."""
    return all(w.lower() in _SUBJECT_ADVERBS for w in between.strip(" \t)").split())


_ADVERBIAL_PAIRS = frozenset((("lebih", "lanjut"), ("lebih", "jauh"), ("tak", "lama"), ("tidak", "lama"),
                              ("yang", "lalu")))


def _without_adverbials(words: list[str]) -> list[str]:
    """The words less the adverbial pairs that look like verbs ("Lebih lanjut ia menjelaskan")."""
    out: list[str] = []
    for w in words:
        if out and (out[-1], w) in _ADVERBIAL_PAIRS:
            out.pop()
            continue
        out.append(w)
    return out


# words that open a clause of its own: a subject after them is the reporting verb's, whatever came before
_CLAUSE_OPENERS = frozenset("setelah sesudah sebelum ketika saat karena sebab sehingga bahwa namun tetapi tapi "
                            "sedangkan meski meskipun walaupun jika kalau".split())


def _is_verb(lex: Lexicon, word: str) -> bool:
    return word in lex.predicates or word in lex.verbs or word in lex.weak or word in _NOT_SUBJECT \
        or word in NOT_AFTER


_RELATIVISERS = frozenset(("yang", "tempat", "dimana", "di mana"))


def _appositive_person(t: Text, lex: Lexicon, parts: list[tuple[int, int]]) -> Ref | None:
    """The person named alone in a comma-part before a run of appositions (the last part a noun
    phrase with no predicate, those between relative clauses or noun phrases too)."""
    for n in range(len(parts) - 1, 0, -1):
        words = [w.group().lower() for w in words_in(t.text, *parts[n])]
        if not words or (words[0] != "yang" and not _RELATIVISERS.intersection(words[1:])
                         and any(w in lex.predicates or w in lex.verbs for w in words)):
            return None  # (a noun with a relative clause: "kota tempat Liu dirawat", "kota dimana …")
        named = _named_before(t, lex, *parts[n - 1])
        if named is None and (words[0] == "yang" or _RELATIVISERS.intersection(words[1:])):
            named = _body_before(t, lex, *parts[n - 1])  # "Biro hukum Shenyang, kota tempat Liu dirawat,"
        if named is not None:
            return named
    return None


def _body_before(t: Text, lex: Lexicon, x: int, y: int) -> Ref | None:
    """The organisation a comma-part names and nothing else."""
    ref = classify(t, lex, x, y, subject=True)
    if ref is None or ref.kind != "entity" or ref.entity is None or ref.entity["type"] != "ORG":
        return None
    return ref if not t.text[ref.end:y].strip() and not words_in(t.text, x, ref.start) else None


def _named_before(t: Text, lex: Lexicon, x: int, y: int) -> Ref | None:
    """The person a title in apposition describes: the comma-part before it is that person's
    name and nothing else ("Kelik Ismunanto, Koordinator …")."""
    ref = classify(t, lex, x, y, subject=True)
    if ref is None:  # "Seminggu yang lalu Mahmoud Sadeghi, anggota parlemen, mengatakan"
        ref = _person_at_verb(t, lex, x, y)
    if ref is None or ref.kind != "entity" or ref.entity is None or ref.entity["type"] != "PER":
        return None
    return ref if not t.text[ref.end:y].strip() else None


# the last word of an office that a place follows ("Gubernur Golestan", "Wali Kota Bandung", "Jaksa Agung
# Masyhad"): one word after it that is no word of persons' names is the place
_JURISDICTIONS = frozenset("gubernur bupati kota walikota camat lurah kapolda kapolres kapolresta kapolrestabes "
                           "kapolsek pangdam danrem dandim kajati kajari agung".split())
_PLACE_WORDS = frozenset("barat timur utara selatan tengah raya pusat daya laut".split())


_INITIAL = re.compile(r"[A-Z]\.?")


def _named_elsewhere(t: Text, lex: Lexicon, words: list[re.Match[str]]) -> Ref | None:
    """One capitalised word alone before the verb that the NER left unmarked here but marked as
    (part of) a person's name elsewhere in the article ("Misbakhun mengatakan, …" after "Mukhamad
    Misbakhun"): that person; one marked nowhere and no word news writes in lower case: a name."""
    words = [w for w in words if w.group().lower() not in CONNECTORS]
    if len(words) != 1:
        return None
    word = words[0].group()
    if not (word[:1].isupper() and word.isalpha() and len(word) >= 3) or word.lower() in lex.roles \
            or t.entities_in(words[0].start(), words[0].end()):
        return None
    named = [e for e in t.entities if e["type"] == "PER" and word in e["text"].split()] or \
        [e for e in t.entities if e["type"] == "ORG" and e["text"].split()[0] == word]  # "Amnesty International"
    if named:
        return Ref("entity", words[0].start(), words[0].end(), entity=named[0])
    # a word news never writes in lower case, alone before the verb: a name the NER missed everywhere
    # ("Handoyo mengatakan, …" where the lead wrote "Handoyono")
    if word.isupper() or word.lower() in load_words("common_words.txt") or word.lower() in _PLACE_WORDS:
        return None
    return Ref("name", words[0].start(), words[0].end())


def _apposed_name(t: Text, lex: Lexicon, words: list[re.Match[str]]) -> Ref | None:
    """A name the NER missed, alone between a comma and the verb after a title or body ("Presiden IOI,
    I Made Dana M. Tangkas mengatakan"): two to six capitalised words or initials, inside no entity,
    none a title's word, at most one a word news writes in lower case."""
    common = load_words("common_words.txt")
    if not 2 <= len(words) <= 6:
        return None
    names = [w.group() for w in words if not _INITIAL.fullmatch(w.group())]
    for w in words:
        word = w.group()
        if not _INITIAL.fullmatch(word) and (not (word[:1].isupper() and word.isalpha() and not word.isupper())
                                             or word.lower() in lex.roles or t.entities_in(w.start(), w.end())):
            return None
    # a given name may be a word too ("Dana"), not the whole run
    if len(names) < 2 or sum(w.lower() in common for w in names) > 1 or all(w.lower() in common for w in names):
        return None
    return Ref("name", words[0].start(), words[-1].end())


def _name_ending(t: Text, lex: Lexicon, words: list[re.Match[str]], b: int) -> Ref | None:
    """A name the NER missed at the end of a title chain that is a clause's subject: the last
    capitalised words before the verb, after the title, inside no entity, none a word news writes
    in lower case, a title's word or a compass word."""
    end = b
    while end > 0 and t.text[end - 1].isspace():
        end -= 1
    if len(words) < 2 or words[-1].end() != end:
        return None
    common = load_words("common_words.txt")
    run: list[re.Match[str]] = []
    for w in reversed(words[1:]):
        word = w.group()
        if not (word[:1].isupper() and word.isalpha() and not word.isupper()) or word.lower() in common \
                or word.lower() in lex.roles or word.lower() in _PLACE_WORDS or t.entities_in(w.start(), w.end()):
            break
        run.append(w)
    if not run or len(run) > 3:
        return None
    before = t.text[:run[-1].start()].split()[-1:]
    if len(run) == 1 and before and before[0].lower() in _JURISDICTIONS \
            and run[0].group() not in load_words("person_words.txt"):
        return None  # "Wakil Gubernur Golestan", "Jaksa agung Masyhad": the office's place, no one named
    return Ref("name", run[-1].start(), run[0].end())
