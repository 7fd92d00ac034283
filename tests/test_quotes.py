"""Quotes and their speakers (warta_quotes), judged on cases written as data: tests/cases/quotes.toml.

The cases run through the fast profile (sentences + NER + linking only: the quote finder must not
need tags or a parse); a few also run through the default profile.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import warta
from warta.extract.quotes import find_quotes
from warta.resources import load_toml

from .ner_misses import skip_known_ner_miss

CASES = tomllib.loads((Path(__file__).parent / "cases" / "quotes.toml").read_text(encoding="utf-8"))["case"]
DEFAULT_PROFILE_CASES = ("quote split by its cue: two quotes, one speaker",
                         "an organisation named alone before a relative apposition speaks ('Biro hukum Shenyang, kota "
                         "tempat Liu dirawat, mengumumkan')",
                         "a middle initial the NER left out joins the name around it ('Armand Mel I. Hukom')",
                         "a description with its organisation, then 'pejabat tersebut'",
                         "nickname in quotes is not a quote",
                         "a title chain ending in a name the NER does not know: the name speaks, not the title",
                         "a title with an organisation, closed by a name the NER did not find: the name speaks",
                         "the first two words of a three-word name speak for it, with an adverb before the verb "
                         "('La Nyalla bahkan mengaku')")


def _nlp(profile: str):  # type: ignore[no-untyped-def]
    nlp = warta.load(profile)
    if "warta_quotes" not in nlp.pipe_names:
        nlp.add_pipe("warta_quotes", last=True)
    return nlp


def _same(speaker: dict | None, expected: str) -> bool:
    """The speaker is the expected one. The statistical NER may keep a title in a name ("KSPI Said
    Iqbal") or find only the short form ("Gomez"); that is judged in test_nlp, not here."""
    if speaker is None:
        return False
    names = {speaker["name"], speaker["text"]}
    return any(expected in n or (n and n[0].isupper() and n in expected) for n in names)


def _check(case: dict, profile: str) -> None:
    skip_known_ner_miss(case, profile, _nlp(profile))
    doc = _nlp(profile)(case["text"])
    quotes = doc._.quotes
    shown = [(q["kind"], q["text"], (q["speaker"] or {}).get("name"), q["cue"]) for q in quotes]
    if "count" in case:
        assert len(quotes) == case["count"], shown
    if "absent_speaker" in case:
        assert not any((q["speaker"] or {}).get("name") == case["absent_speaker"] for q in quotes), shown
    for bad in case.get("absent", []):
        assert not any(bad in q["text"] for q in quotes), shown
    for want in case.get("quote", []):
        hits = [q for q in quotes if want["text"] in q["text"]]
        assert hits, f"no quote contains {want['text']!r}: {shown}"
        q = hits[0]
        if "kind" in want:
            assert q["kind"] == want["kind"], shown
        speaker = q["speaker"]
        if want.get("speaker"):
            assert _same(speaker, want["speaker"]), shown
        elif "speaker" in want:
            assert speaker is None, shown
        if "name" in want:
            assert speaker is not None and speaker["name"] == want["name"], shown
        if "cue" in want:
            assert q["cue"] == want["cue"], shown
        if "type" in want:
            assert speaker is not None and speaker.get("type") == want["type"], speaker
        if "org" in want:
            assert speaker is not None and speaker.get("org", {}).get("name") == want["org"], speaker
        if "via" in want:
            assert any(v["name"] == want["via"] or v["text"] == want["via"] for v in q.get("via", [])), q
        if "to" in want:
            assert q.get("to") == want["to"], q


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_quote_case(case: dict) -> None:
    _check(case, "fast")


@pytest.mark.parametrize("name", DEFAULT_PROFILE_CASES)
def test_quote_case_default_profile(name: str) -> None:
    _check(next(c for c in CASES if c["name"] == name), "default")


def test_offsets_point_into_the_text() -> None:
    doc = _nlp("fast")("\n".join(c["text"] for c in CASES))
    assert len(doc._.quotes) >= 30
    for q in doc._.quotes:
        assert doc.text[q["start"]:q["end"]] == q["text"]
        assert q["text"] == q["text"].strip() and q["text"][0] not in "\"“”‘’«»"
        speaker = q["speaker"]
        if speaker is not None and speaker.get("start") is not None:
            assert doc.text[speaker["start"]:speaker["end"]] == speaker["text"]


def test_component_and_function_agree() -> None:
    doc = _nlp("fast")(CASES[0]["text"])
    assert doc._.quotes == find_quotes(doc) and doc._.quotes


def test_lexicon_is_lower_case_data() -> None:
    data = load_toml("quotes.toml")
    for key in ("after_cues", "reporting_verbs", "pronouns", "description_heads", "title_words", "speaker_stops"):
        assert data[key] and all(w == w.lower().strip() for w in data[key]), key
    assert set(data["unquoted_cues"]) <= set(data["after_cues"])
    # a cue takes its -nya itself ("papar" reads "paparnya" as the pronoun's speech)
    assert not [w for w in data["after_cues"] if w.endswith("nya") and w[:-3] in data["after_cues"]]
    assert set(data["plural_pronouns"]) <= set(data["pronouns"])


def test_a_date_is_never_a_source() -> None:
    case = next(c for c in CASES if c["name"] == "a day after 'dimuat' is a date, not a source")
    (quote,) = _nlp("fast")(case["text"])._.quotes
    assert [v["name"] for v in quote["via"]] == ["Reuters"]


# ------------------------------------------------------------------------------ a weak verb's complement


def _complement_probability(sentence: str, verb: str) -> tuple[float, bool]:
    """The shipped model's probability that what follows ``verb`` is what was said, and the hand-written
    clause test's answer (one of its features)."""
    from functools import partial
    from types import SimpleNamespace

    from warta.extract.quotes._complement import complement_features, complement_model
    from warta.extract.quotes._indirect import _clause_follows, _is_predicate, _past_time
    from warta.extract.quotes._lexicon import lexicon

    lex, t = lexicon(), SimpleNamespace(text=sentence)
    after, end = sentence.index(verb) + len(verb), len(sentence)
    clause = verb in lex.clause_verbs and _clause_follows(t, lex, _past_time(t, lex, after, end), end, verb)
    features = complement_features(t, lex, verb, after, end, clause=clause, predicate=partial(_is_predicate, lex))
    assert f"clause={clause}" in features and f"v={verb}" in features
    return complement_model().probability(features), clause


def test_the_complement_model_loads_with_its_threshold() -> None:
    from warta.extract.quotes._complement import complement_model

    model = complement_model()
    assert 0.2 <= model.threshold <= 0.8
    assert model.weights.shape == (len(model.index), 2) and "clause=True" in model.index


def test_the_complement_model_reads_what_the_clause_test_misses() -> None:
    said, clause = _complement_probability(
        "Ia menduga tergelincirnya bus itu karena rem yang tidak berfungsi.", "menduga")
    assert not clause  # the rule alone finds no predicate after a nominalised subject
    thing, _ = _complement_probability("Menteri itu menyampaikan surat resmi kepada Sekretaris Jenderal PBB.",
                                       "menyampaikan")
    topic, _ = _complement_probability("Kapolres menjelaskan kronologi kejadian kepada wartawan.", "menjelaskan")
    from warta.extract.quotes._complement import complement_model

    assert said >= complement_model().threshold > max(thing, topic)


# Known errors of the complement model, each a sentence where it disagrees with a judgement an earlier
# session wrote down for the hand-written clause test: strict, so a model that gets one right shows here.
KNOWN_COMPLEMENT_ERRORS = [
    # a long object whose only predicate stands in a relative clause reads as what was said (the corpus
    # splits about evenly on "yang" early in the complement)
    ("Wali Kota Bogor Bima Arya menjelaskan program yang sudah dijalankan pemerintah kota.", 0),
    # asking for a thing, with its purpose: "untuk" after the object reads as a request
    ("Gubernur meminta bantuan pemerintah pusat untuk memperbaiki jalan yang rusak akibat banjir.", 0),
    # "mencatat" mostly records a result in the corpus ("mencatat waktu terbaik"), so a clause after it is missed
    ("Ketua nelayan Azhar Kasim hadir. Azhar mencatat kasus penangkapan serupa sering terjadi.", 1),
]


@pytest.mark.xfail(strict=True, reason="a known error of the complement model (KNOWN_COMPLEMENT_ERRORS)")
@pytest.mark.parametrize(("text", "count"), KNOWN_COMPLEMENT_ERRORS)
def test_known_complement_model_errors(text: str, count: int) -> None:
    assert len(_nlp("fast")(text)._.quotes) == count
