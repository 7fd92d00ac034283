"""Passed to ``spacy train --code``: registers warta's tokenizer (``warta.news_tokenizer.v1``)."""

import warta.nlp.tokenizer  # noqa: F401
