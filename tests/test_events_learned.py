"""The learned event triggers (warta.extract.events.learned): the shipped model, what it finds
beside the lexicon, and how a learned trigger takes its participants."""

from __future__ import annotations

import pytest

from warta.extract.events.learned import MODEL_FILE, free_of, kind_of, learned_triggers, root_of, trigger_model


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
