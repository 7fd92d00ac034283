"""The trained pipelines and warta's components assembled: ``warta.load(profile)``.

Two trained pipelines ship in ``warta/models/`` (built by ``make train``, see MODEL.md): ``id_news``
for the default profile and ``id_news_fast`` for the fast profile. ``load`` adds warta's components
after the trained ones: the language components of ``warta.nlp`` (sentence fixes, in the default
profile the fast model's NER as a second reader of names, the entity linker) and the extraction
components of ``warta.extract`` (times, quotes, events). This module is the one place that imports
both, so that neither package imports the other's assembly.
"""

from __future__ import annotations

import importlib
from functools import cache
from importlib import resources
from pathlib import Path

from warta.article import ANNOTATIONS
from warta.errors import WartaError

__all__ = ["load", "model_path", "PROFILES", "SECOND_NER_LABELS"]

# profile -> the model folder under warta/models
PROFILES = {
    "default": "id_news",
    "fast": "id_news_fast",
}
# the names the default profile takes from the fast model's NER where its own marked nothing
# (warta.nlp.second_ner): persons, and places of two words or more that hold no name the knowledge
# base knows (NER dev files with the linker, default profile, PER alone -> PER and LOC: NER-UI 89.9
# -> 90.2, NERGrit 72.9 -> 73.0, NER-UGM 70.5 -> 70.7, idner 73.7 -> 73.6; ORG as well lowered the
# real-article dev check's entities 0.903 -> 0.898)
SECOND_NER_LABELS = ("PER", "LOC")


def model_path(profile: str = "default") -> Path:
    return Path(str(resources.files("warta").joinpath("models", PROFILES[profile])))


@cache
def load(profile: str = "default"):  # -> spacy.Language
    """The trained pipeline with warta's components, loaded once per process and profile."""
    if profile not in PROFILES:
        raise WartaError(f"unknown profile {profile!r}; choose one of: {', '.join(PROFILES)}")
    import spacy
    from thinc.api import use_ops

    from warta.nlp import features, sentences, tokenizer  # noqa: F401  (the tok2vec's and sentence factories)

    for module, _ in ANNOTATIONS.values():  # each registers its component's factory
        importlib.import_module(module)

    path = model_path(profile)
    if not (path / "config.cfg").exists():
        raise WartaError(f"the language model is missing from {path}; rebuild it with `make train`")
    # the tokenizer is built by the config's warta.news_tokenizer.v1 from warta/data/tokenizer.toml;
    # the copy of its rules saved with the model is not read (it would override the data file)
    # The networks multiply their matrices with numpy's BLAS (OpenBLAS) instead of thinc's default
    # blis: 3-4x the GFLOPS on this build machine's CPU (AVX-512), the default profile's pipeline
    # 35.3 -> 24.5 s over 600 IndoSum articles, annotations identical (bench/nlp.py, MODEL.md).
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(path, exclude=["tokenizer"])
    nlp.add_pipe("warta_sentences", after="senter")
    if profile == "default":
        # the fast model's NER adds the names the default one left unmarked (warta.nlp.second_ner)
        from warta.nlp import second_ner  # noqa: F401

        fast = model_path("fast")
        if not (fast / "config.cfg").exists():
            raise WartaError(f"the fast model, which the default profile also reads, is missing from {fast}; "
                             "rebuild it with `make train`")
        nlp.add_pipe("warta_second_ner", after="ner", config={"model": str(fast), "labels": list(SECOND_NER_LABELS)})
    for _, factory in ANNOTATIONS.values():
        nlp.add_pipe(factory, last=True)
    return nlp
