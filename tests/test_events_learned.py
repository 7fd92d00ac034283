"""The learned event triggers (warta.extract.events.learned): the shipped model, what it finds
beside the lexicon, and how a learned trigger takes its participants; the learned speech acts
(warta.extract.events.speech; whole quotes read as acts: tests/cases/events.toml)."""

from __future__ import annotations

import pytest

from warta.extract.events.learned import MODEL_FILE, free_of, kind_of, learned_triggers, root_of, trigger_model
from warta.extract.events.speech import MODEL_FILE as SPEECH_FILE
from warta.extract.events.speech import NONE, lexical_readings, speech_features, speech_model


def test_the_shipped_model_loads_with_its_threshold_and_roots() -> None:
    model = trigger_model()
    assert model.labels[0] == "O" and len(model.labels) >= 15
    assert 0.2 <= model.threshold <= 0.8
    assert len(model.roots) > 100 and "tangkap" in model.roots
    assert model.weights.shape == (len(model.index), len(model.labels))
    assert MODEL_FILE.endswith(".npz")


def test_it_finds_a_trigger_the_lexicon_lacks() -> None:
    text = "Polisi melakukan olah TKP di rumah korban di Depok."
    assert [(text[a:b], t) for a, b, t, _ in learned_triggers(text, {}, [])] == [("olah", "INVESTIGATE")]


def test_blocked_spans_and_sentences_outside_the_spans_are_not_read() -> None:
    text = "Polisi melakukan olah TKP di rumah korban di Depok."
    assert learned_triggers(text, {}, [(17, 21)]) == []
    assert learned_triggers(text, {}, [], spans=[(22, len(text))]) == []


def test_words_whose_root_never_began_a_trigger_are_not_classified() -> None:
    assert learned_triggers("Harga cabai di pasar itu naik lagi pagi ini.", {}, []) == []


@pytest.mark.parametrize(("word", "kind"), [("diamankan", "passive"), ("tertangkap", "passive"),
                                            ("mengungkap", "verb"), ("berdemonstrasi", "verb"),
                                            ("kericuhan", "noun"), ("terima", "noun"), ("diskusi", "noun")])
def test_kind_of(word: str, kind: str) -> None:
    assert kind_of(word) == kind


def test_root_of_cuts_one_prefix_and_one_suffix_keeping_three_letters() -> None:
    # a rough root: the nasal of meN- is cut with the prefix ("menangkap" -> "angkap"); training and
    # run time cut the same way, which is all the features need
    assert root_of("ditangkap") == "tangkap"
    assert root_of("menangkapnya") == "angkap"
    assert root_of("pemeriksaan") == "eriksa"
    assert root_of("dia") == "dia"


def test_free_of() -> None:
    free = free_of([(10, 20), (12, 15), (30, 40)])
    assert free(5) and not free(10) and not free(19) and free(20) and not free(35) and free(40)
    assert free_of([])(0)


# ------------------------------------------------------------------------------ speech acts


def test_the_shipped_speech_act_model_loads_with_its_threshold() -> None:
    model = speech_model()
    assert model.labels[0] == NONE and {"DISAPPROVE", "DEMAND", "SUPPORT", "REJECT"} <= set(model.labels)
    assert 0.3 <= model.threshold <= 0.8
    assert model.weights.shape == (len(model.index), len(model.labels))
    assert SPEECH_FILE.endswith(".npz")


def test_speech_features_hold_the_lexicon_reading_and_the_cue() -> None:
    lexical, fault = lexical_readings("Ketua DPR mendesak pemerintah yang melanggar aturan itu mundur.")
    assert "DEMAND/verb" in lexical and fault
    feats = speech_features("Ia mendesak pemerintah mundur.", "kata", "indirect", lexical, fault)
    assert {"w=mendesak", "r=desak", "lex=DEMAND", "fault", "cue=kata", "kind=indirect"} <= set(feats)


def test_an_act_below_the_threshold_is_none() -> None:
    model = speech_model()
    rows = [speech_features("Rapat digelar pukul 10.00 WIB di gedung DPR.", "kata", "direct"),
            speech_features("Kami minta pemerintah segera mencabut izin tambang itu.", "kata", "direct")]
    (first, p_first), (second, p_second) = model.classify(rows)
    assert first == NONE and p_first >= 0.5
    assert second == "DEMAND" and p_second >= model.threshold
