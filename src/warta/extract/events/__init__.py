"""Events in Indonesian news: PLOVER event types with their actors, targets, place, time, count,
modality and source, as the spaCy component ``warta_events`` (``doc._.events``).

    >>> nlp = warta.load("fast")
    >>> nlp.add_pipe("warta_events", last=True)
    >>> doc = nlp(warta.make_doc(nlp, "Trump dan Kim bertemu di Singapura pada Selasa (12/6/2018).", date(2018, 6, 13)))
    >>> [(e["type"], e["actors"], e["place"], e["time"], e["modality"]) for e in doc._.events]
    [('CONSULT', ['Donald Trump', 'Kim Jong Un'], 'Singapura', '2018-06-12', 'occurred')]

Modules, in the order the work is done: ``lexicon`` (``warta/data/events.toml`` compiled),
``context`` (sentences as items, clauses), ``arguments`` and ``parse`` (participants, place, time,
count), ``modality`` (modality and source), ``component`` (the whole and the spaCy component).
"""

from warta.extract.events.component import EventFinder, find_events

__all__ = ["find_events", "EventFinder"]
