"""Knowledge-base features for the trained tok2vec: what warta's gazetteer says about each word.

``warta.MultiHashEmbedGazetteer.v1`` is spaCy's ``MultiHashEmbed`` with one more column: a small
code per word (its lower-case form) built from warta's knowledge base and common-word list:

    1   the word is part of a place name        8   the word alone is a place name
    2   ... of an organisation's name           16  ... an organisation's name
    4   ... of a person's name                  32  news writes it in lower case (common word)

so the NER can learn how far to trust a gazetteer hit ("Jayapura", "Kemenhub") rather than the
linker trusting it blindly afterwards. While training, a share of the tokens (``gazetteer_dropout``)
hide their code, so the network also learns to read the context. The word -> code table is built
from the knowledge base when the model is first initialised (``make train``) and saved with the
model's weights, so a shipped model keeps the features it was trained with even after the
knowledge base changes. Looking the codes up costs ~0.25 s per million tokens.
"""

from __future__ import annotations

from functools import cache

import numpy
from spacy.attrs import LOWER, intify_attr
from spacy.ml.staticvectors import StaticVectors
from spacy.strings import hash_string
from spacy.util import registry
from thinc.api import HashEmbed, Maxout, Model, chain, concatenate, list2ragged, ragged2list, with_array

__all__ = ["gazetteer_table", "GAZETTEER_BITS"]

GAZETTEER_BITS = {"part": {"LOC": 1, "ORG": 2, "PER": 4}, "alone": {"LOC": 8, "ORG": 16}, "common": 32}

# model.id -> (the table it was made from, spaCy hash of the word -> code); kept outside the
# model's attrs, which are saved with the model
_BY_HASH: dict[int, tuple[dict, dict[int, int]]] = {}


@cache
def gazetteer_table(common: bool = True, city_parts: bool = True) -> dict[str, int]:
    """Lower-case word -> code, from the shipped knowledge base (and the common-word list).
    ``city_parts=False``: the words of multi-word city names (GeoNames: "Jardim Angela", "Santa
    Maria", many of them given names) set no "part of a place name" bit."""
    from warta.link.kb import KnowledgeBase
    from warta.nlp.linker import _common_words

    table: dict[str, int] = {}
    for alias, entity, _ in KnowledgeBase.load().iter_aliases():
        words = alias.lower().split()
        for w in words if city_parts or entity.kind != "city" or len(words) == 1 else ():
            table[w] = table.get(w, 0) | GAZETTEER_BITS["part"].get(entity.type, 0)
        if len(words) == 1:
            table[words[0]] = table[words[0]] | GAZETTEER_BITS["alone"].get(entity.type, 0)
    for w in _common_words() if common else ():
        table[w] = table.get(w, 0) | GAZETTEER_BITS["common"]
    return table


def _features_forward(model: Model, docs, is_train: bool):
    columns = model.attrs["columns"]
    table = model.attrs["table"]
    cached = _BY_HASH.get(model.id)
    if cached is None or cached[0] is not table:  # the saved table is by word; tokens give hashes
        # (hash_string, as in training: the few words that are spaCy symbols, "cc", have another
        # id in a doc and get no code, at training and at run time alike)
        cached = _BY_HASH[model.id] = (table, {hash_string(w): c for w, c in table.items()})
    codes = cached[1]
    out = []
    for doc in docs:
        arr = doc.to_array([*columns, LOWER])
        lower = arr[:, -1].tolist()
        arr[:, -1] = numpy.fromiter((codes.get(h, 0) for h in lower), dtype=arr.dtype, count=len(lower))
        if is_train and model.attrs["dropout"]:
            # hide the code from some tokens while training, so that the network does not trust
            # a gazetteer hit over the context ("Bank Pembangunan Asia" is not the place "Asia")
            arr[numpy.random.random(len(lower)) < model.attrs["dropout"], -1] = 0
        out.append(model.ops.asarray2i(arr, dtype="uint64"))
    return out, lambda d_features: []


def _features_init(model: Model, X=None, Y=None) -> None:
    if not model.attrs["table"]:
        model.attrs["table"] = dict(gazetteer_table(model.attrs["common"], model.attrs["city_parts"]))


def gazetteer_features(columns: list, common: bool = True, city_parts: bool = True,
                       dropout: float = 0.0) -> Model:
    """Docs -> per-token uint64 arrays: the ``columns`` attributes, then the gazetteer code."""
    return Model("warta_gazetteer_features", _features_forward, init=_features_init,
                 attrs={"columns": [intify_attr(c) for c in columns], "table": {}, "common": common,
                        "city_parts": city_parts, "dropout": dropout})


@registry.architectures("warta.MultiHashEmbedGazetteer.v1")
def multi_hash_embed_gazetteer(width: int, attrs: list, rows: list[int], gazetteer_rows: int = 64,
                               common_words: bool = True, city_parts: bool = True,
                               gazetteer_dropout: float = 0.0, static_vectors: bool = False) -> Model:
    """spaCy's MultiHashEmbed plus a hash embedding of the gazetteer code (``common_words``: with
    the common-word bit; ``city_parts``: see ``gazetteer_table``; ``gazetteer_dropout``: the share
    of tokens whose code is hidden in each training step). ``static_vectors``: also the vocab's word
    vectors (``training/vectors.py`` builds them; a word's capitalised forms share its vector)."""
    if len(rows) != len(attrs):
        raise ValueError(f"{len(attrs)} attrs but {len(rows)} rows")
    seed = 7
    sizes = [*rows, gazetteer_rows]
    embeddings = [HashEmbed(width, n, column=i, seed=seed + i, dropout=0.0) for i, n in enumerate(sizes)]
    max_out = Maxout(width, width * (len(sizes) + static_vectors), nP=3, dropout=0.0, normalize=True)
    features = gazetteer_features(attrs, common_words, city_parts, gazetteer_dropout)
    if not static_vectors:  # (one flat chain: the structure the shipped models were saved with)
        return chain(features, list2ragged(), with_array(concatenate(*embeddings)), with_array(max_out),
                     ragged2list())
    hashed = chain(features, list2ragged(), with_array(concatenate(*embeddings)))
    vectors = StaticVectors(width, dropout=0.0)
    return chain(concatenate(hashed, vectors), with_array(max_out), ragged2list())
