"""warta's knowledge base of countries, places, organisations and people (``kb``; the linker that
uses it is ``warta.nlp.linker``) and the signatures that find copies of a page (``dedup``). What
links stored articles to each other (stories, merged events) is ``warta.store.links``."""

from warta.link.kb import Entity, KnowledgeBase, normalize_alias, strip_alias

__all__ = ["Entity", "KnowledgeBase", "normalize_alias", "strip_alias"]
