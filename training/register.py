"""Passed to ``spacy train --code``: registers warta's tokenizer (``warta.news_tokenizer.v1``) and
the tok2vec embedding with knowledge-base features (``warta.MultiHashEmbedGazetteer.v1``)."""

import warta.nlp.features  # noqa: F401
import warta.nlp.tokenizer  # noqa: F401
