"""The extraction stage: what an article says, found in the text after the language core (``warta.nlp``).

Its components run in this order at the end of the pipeline ``warta.load()`` builds, after
``warta_linker``:
  1. ``warta_times`` (``warta.extract.times``): time expressions (TIMEX3), normalised against the
     article's reference date ``doc._.dct``; sets ``doc._.times``;
  2. ``warta_quotes`` (``warta.extract.quotes``): direct, partial and indirect quotes with their
     linked speakers and cited sources; needs ``doc._.entities``, sets ``doc._.quotes``.

Each sub-package registers its component and Doc extensions when it is imported; this package
imports neither, so ``import warta.extract`` loads no spaCy.
"""

__all__: list[str] = []
