"""Training helpers for the learned event triggers (``warta.extract.events.learned``, where the
features and the model live; README.md, "The learned triggers").

Each word of a sentence is classified as the first word of a trigger of one of the PLOVER types, or
as none. Its features are the word, its root without Indonesian affixes (me-/di-/ber-/pe-/ter-/ke-,
-kan/-i/-an/-nya), its first and last letters, its neighbours, whether it is capitalised inside the
sentence, and what the trigger lexicon (``data/events.toml``) says of a phrase starting there: the
lexicon is one feature among others, the weights learned from the corpus decide. Model: weights of
the features seen at least twice in training (``train_triggers.py``); no feature needs the tagger,
so one model would serve both profiles.
"""

from __future__ import annotations

from warta.extract.events.learned import TriggerModel, features, root_of, words_of

__all__ = ["TriggerModel", "words_of", "features", "root_of", "lexical_triggers"]


def lexical_triggers(text: str) -> dict[int, str]:
    """What warta's trigger lexicon says of the text: the start of each phrase it knows, with the
    phrase's "TYPE/kind"."""
    from warta.extract.events.context import _hits
    from warta.extract.events.lexicon import lexicon

    return {h.start: f"{h.trigger.type}/{h.trigger.kind}" for h in _hits(text, lexicon(), [])}
