"""The extraction stage: what an article says, found in the text after the language core (``warta.nlp``).

Its components run in this order at the end of the pipeline ``warta.load()`` builds, after
``warta_linker`` (the order and the fields they set are declared once, in ``warta.article.ANNOTATIONS``):
  1. ``warta_times`` (``warta.extract.times``): time expressions (TIMEX3), normalised against the
     article's reference date ``doc._.dct``, or the day the text is talking about; sets ``doc._.times``;
  2. ``warta_quotes`` (``warta.extract.quotes``): direct, partial and indirect quotes with their
     linked speakers and cited sources; needs ``doc._.entities``, sets ``doc._.quotes``;
  3. ``warta_events`` (``warta.extract.events``): PLOVER events with actors, targets, time, place
     and modality; needs the entities, times and quotes, sets ``doc._.events``.

Each sub-package registers its component and Doc extensions when it is imported; this package
imports none, so ``import warta.extract`` loads no spaCy. Extractors import from ``warta.nlp`` only
what every component shares (``doc_text``, ``factories.typed``).
"""

__all__: list[str] = []
